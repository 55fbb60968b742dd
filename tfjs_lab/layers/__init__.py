"""``tf.layers``: one factory per registered layer class, generated from the registry
(``dense`` from ``Dense``), in both spellings. Layer families live one per module."""
from .._naming import to_camel
from ..engine.base_layer import REGISTRY, Layer
from . import core  # noqa: F401  (registers the core layers)
from . import advanced_activations, merge, noise, normalization, preprocessing  # noqa: F401
from . import convolutional, padding, pooling  # noqa: F401,E402


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

# TF.js's tf.layers also holds the graph entry points.
from ..engine.functional import InputLayer, input  # noqa: E402,F401
input_layer = inputLayer = InputLayer

# TF.js's factories whose names do not derive from the class names.
_ALIASES = {
    'cropping2D': 'cropping2d', 'max_pool1d': 'max_pooling1d', 'max_pool2d': 'max_pooling2d',
    'avg_pool1d': 'average_pooling1d', 'avg_pooling1d': 'average_pooling1d',
    'avg_pool2d': 'average_pooling2d', 'avg_pooling2d': 'average_pooling2d',
    'avg_pool3d': 'average_pooling3d', 'avg_pooling3d': 'average_pooling3d',
    'global_max_pool1d': 'global_max_pooling1d', 'global_max_pool2d': 'global_max_pooling2d',
    'reLU': 're_lu', 'leakyReLU': 'leaky_re_lu', 'prelu': 'p_re_lu', 'thresholdedReLU': 'thresholded_re_lu',
}
for _alias, _target in _ALIASES.items():
    globals()[_alias] = globals()[to_camel(_alias)] = globals()[_target]
