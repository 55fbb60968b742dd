"""Models: ``tf.sequential``, ``Sequential``, ``tf.load_layers_model`` and
``tf.models.model_from_json``."""
import itertools
import json
import os

from . import io as tfio
from ._naming import add_camel_aliases, takes_options
from .engine.base_layer import Layer
from .engine.saving import model_from_artifacts, model_from_topology, model_to_artifacts
from .engine.summary import print_summary
from .engine.training import LayersModel
from .errors import ModelFormatError

_sequential_ids = itertools.count(1)


class Sequential(LayersModel):
    """A linear stack of layers; the first needs ``input_shape`` (or ``batch_input_shape``).

    >>> import tfjs_lab as tf
    >>> model = tf.sequential()
    >>> model.add(tf.layers.dense(units=4, input_shape=[2], activation='relu'))
    >>> model.add(tf.layers.dense(units=1))
    >>> model.predict(tf.zeros([3, 2])).shape
    [3, 1]
    """

    def __init__(self, *, layers=None, name=None):
        super().__init__(name=name or f'sequential_{next(_sequential_ids)}')
        self._layers = []
        self._shapes = []  # (input shape, output shape) per layer, batch dimension None
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        """Append a layer, building it for the previous layer's output shape."""
        if not isinstance(layer, Layer):
            raise TypeError(f'Sequential.add() takes a layer; received {type(layer).__name__}')
        if not self._layers:
            if layer.batch_input_shape is None:
                raise ValueError('The first layer in a Sequential model must get an `inputShape` or '
                                 '`batchInputShape` argument.')
            in_shape = list(layer.batch_input_shape)
        else:
            in_shape = self._shapes[-1][1]
        layer.check_input_shape(in_shape)
        layer.ensure_built(in_shape)
        self._layers.append(layer)
        self._shapes.append((in_shape, layer.compute_output_shape(in_shape)))

    def pop(self):
        """Remove the last layer."""
        if not self._layers:
            raise ValueError('There are no layers in the model.')
        self._shapes.pop()
        return self._layers.pop()

    @property
    def layers(self):
        return list(self._layers)

    def layer_shapes(self):
        return [(layer, i, o) for layer, (i, o) in zip(self._layers, self._shapes)]

    def _require_layers(self):
        if not self._layers:
            raise ValueError('The model has no layers; add some with model.add(layer).')

    @property
    def input_shape_spec(self):
        self._require_layers()
        return self._shapes[0][0]

    @property
    def output_shape_spec(self):
        self._require_layers()
        return self._shapes[-1][1]

    @property
    def input_name(self):
        return f'{self._layers[0].name}_input'

    @property
    def output_name(self):
        return self._layers[-1].name

    @property
    def trainable_weights(self):
        return [w for layer in self._layers for w in layer.trainable_weights] if self.trainable else []

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return [w for layer in self._layers for w in layer.weights]
        return [w for layer in self._layers for w in layer.non_trainable_weights]

    def get_layer(self, name=None, index=None):
        """A layer by name or by index."""
        if index is not None:
            if not 0 <= index < len(self._layers):
                raise ValueError(f'Was asked to retrieve layer at index {index} but model only has '
                                 f'{len(self._layers)} layer(s).')
            return self._layers[index]
        for layer in self._layers:
            if layer.name == name:
                return layer
        raise ValueError(f'No such layer: {name}. Layers: {[layer.name for layer in self._layers]}')

    def _forward(self, x, training=False):
        for layer in self._layers:
            x = layer.invoke(x, training=training)
        return x

    def summary(self, line_length=None, positions=None, print_fn=print):
        """Print a table of layers, shapes and parameter counts (TF.js's layout)."""
        print_summary(self, line_length, positions, print_fn)

    def get_config(self):
        from .engine.base_layer import REGISTRY
        return {'name': self.name, 'layers': [REGISTRY.serialize(layer) for layer in self._layers]}

    @classmethod
    def from_config(cls, config):
        from .engine.base_layer import REGISTRY
        layer_configs = config['layers'] if isinstance(config, dict) else config
        if not isinstance(layer_configs, list):
            raise ModelFormatError('A Sequential config must hold a list of layers')
        name = config.get('name') if isinstance(config, dict) else None
        return cls(layers=[REGISTRY.deserialize(c) for c in layer_configs], name=name)

    def to_json(self, unused=None, return_string=True):
        """The model topology (TF.js ``toJSON``): a JSON string, or a dict."""
        from .engine.saving import model_topology
        topology = model_topology(self)
        return json.dumps(topology) if return_string else topology

    @takes_options
    def save(self, handler_or_url, *, include_optimizer=False):
        """Save to a URL (``localstorage://``, ``indexeddb://``, ``downloads://``, ``file://`` or a
        directory) or an IO handler; returns TF.js's SaveResult (``await`` works).

        >>> import tfjs_lab as tf, tempfile
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
        >>> result = model.save('file://' + tempfile.mkdtemp())
        >>> result['modelArtifactsInfo']['weightDataBytes']
        12
        """
        if include_optimizer:
            raise NotImplementedError('include_optimizer=True is not supported yet; the model is saved '
                                      'without optimizer state when it is omitted')
        handler = _one_handler(handler_or_url, 'save')
        return handler.save(model_to_artifacts(self))


def _one_handler(handler_or_url, action, load_options=None):
    if isinstance(handler_or_url, (str, os.PathLike)):
        return tfio.single_handler(handler_or_url, action, load_options)
    if not hasattr(handler_or_url, action):
        raise TypeError(f'Expected a URL string or an IO handler with a {action}() method; '
                        f'received {type(handler_or_url).__name__}')
    return handler_or_url


@takes_options
def sequential(*, layers=None, name=None):
    """Create a ``Sequential`` model, optionally from a list of layers.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential({'layers': [tf.layers.dense({'units': 1, 'inputShape': [3]})]})
    >>> model.count_params()
    4
    """
    return Sequential(layers=layers, name=name)


@takes_options
def load_layers_model(path_or_handler, *, strict=True, weight_path_prefix=None, request_init=None,
                      on_progress=None):
    """Load a model saved by tfjs_lab or TensorFlow.js (``await`` works, as in TF.js).

    >>> import tfjs_lab as tf, tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save(folder)
    >>> tf.load_layers_model(os.path.join(folder, 'model.json')).count_params()
    3
    """
    load_options = {'weight_path_prefix': weight_path_prefix, 'request_init': request_init,
                    'on_progress': on_progress}
    handler = _one_handler(path_or_handler, 'load', load_options)
    return model_from_artifacts(handler.load(), strict)


def model_from_json(model_and_weights_config, custom_objects=None):
    """A model from its topology (a dict or JSON string); weights are freshly initialized."""
    config = model_and_weights_config
    if isinstance(config, str):
        config = json.loads(config)
    if isinstance(config, dict) and 'modelTopology' in config:
        config = config['modelTopology']
    return model_from_topology(config)


add_camel_aliases(globals())
