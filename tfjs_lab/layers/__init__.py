"""``tf.layers``: one factory per registered layer class, generated from the registry
(``dense`` from ``Dense``), in both spellings. Layer families live one per module."""
from .._naming import to_camel, to_snake
from ..engine.base_layer import REGISTRY, Layer
from . import core  # noqa: F401  (registers the core layers)
from . import (advanced_activations, convolutional, convolutional_recurrent, embeddings, merge, noise,  # noqa: F401
               normalization, padding, pooling, preprocessing, recurrent, wrappers)


def _factory(cls, name):
    def make(*args, **kwargs):
        return cls(*args, **kwargs)
    make.__name__ = make.__qualname__ = name
    make.__doc__ = cls.__doc__
    make.__wrapped__ = cls  # help() and IDEs show the layer's options
    return make


def _factory_names(cls):
    """(snake, camel) names of a class's factory: 'Dense' -> dense; a class whose TF.js factory
    name does not follow from the class name (ReLU -> reLU, ConvLSTM2D -> convLstm2d) says it
    in ``factory_name``."""
    camel = getattr(cls, 'factory_name', None)
    if camel is None:
        snake = to_snake(cls.class_name)
        return snake, to_camel(snake)
    return to_snake(camel), camel


def _export_factories(namespace):
    for cls in REGISTRY.classes.values():
        if cls.__module__.startswith(__name__ + '.'):
            snake, camel = _factory_names(cls)
            namespace[snake] = namespace[camel] = _factory(cls, snake)
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
}
for _alias, _target in _ALIASES.items():
    globals()[_alias] = globals()[to_camel(_alias)] = globals()[_target]
