"""(De)serialization: class registries and the Keras-JSON model topology."""
from .registry import Registry, Serializable, pythonic
