"""``tf.layers``: one factory per registered layer class, generated from the registry
(``dense`` from ``Dense``), in both spellings. Layer families live one per module."""
from .._naming import to_camel
from ..engine.base_layer import REGISTRY, Layer
from . import core  # noqa: F401  (registers the core layers)
from . import advanced_activations, merge, noise, normalization, preprocessing  # noqa: F401


def _factory(cls):
    def make(*args, **kwargs):
        return cls(*args, **kwargs)
    make.__name__ = make.__qualname__ = _factory_name(cls)
    make.__doc__ = cls.__doc__
    return make


def _factory_name(cls):
    """'Dense' -> 'dense'; TF.js's layer factories lower-case the class name's first word."""
    from .._naming import to_snake
    return to_snake(cls.class_name)


def _export_factories(namespace):
    for cls in REGISTRY.classes.values():
        if cls.__module__.startswith(__name__ + '.'):
            snake = _factory_name(cls)
            namespace[snake] = namespace[to_camel(snake)] = _factory(cls)
            namespace[cls.class_name] = cls


_export_factories(globals())

# TF.js factories whose names do not derive from their class names.
_TFJS_ALIASES = {'reLU': 'ReLU', 'leakyReLU': 'LeakyReLU', 'prelu': 'PReLU', 'thresholdedReLU': 'ThresholdedReLU'}
for _alias, _class_name in _TFJS_ALIASES.items():
    globals()[_alias] = _factory(REGISTRY.classes[_class_name])

# TF.js's tf.layers also holds the graph entry points.
from ..engine.functional import InputLayer, input  # noqa: E402,F401
input_layer = inputLayer = InputLayer
