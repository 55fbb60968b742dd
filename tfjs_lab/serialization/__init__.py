"""(De)serialization: class registries and the Keras-JSON model topology."""
from .._naming import add_camel_aliases
from .registry import Registry, Serializable, pythonic


def register_class(cls):
    """TF.js's ``tf.serialization.registerClass``: make a custom layer loadable by its class name.

    Subclasses of ``tf.layers.Layer`` are registered when they are defined, so this only checks
    the class and returns it (``className`` or ``class_name`` names it in model.json).

    >>> import tfjs_lab as tf
    >>> class Scale(tf.layers.Layer):
    ...     className = 'Scale'
    >>> tf.serialization.registerClass(Scale) is Scale
    True
    """
    from ..engine.base_layer import REGISTRY, Layer
    if not (isinstance(cls, type) and issubclass(cls, Layer)):
        raise TypeError(f'registerClass takes a subclass of tf.layers.Layer; received {cls!r}')
    if REGISTRY.classes.get(cls.class_name) is not cls:
        REGISTRY.register(cls)
    return cls


add_camel_aliases(globals())
