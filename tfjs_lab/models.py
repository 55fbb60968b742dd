"""Models: ``tf.sequential`` / ``Sequential``, ``tf.model`` / ``tf.input`` (graph models),
``tf.load_layers_model`` and ``tf.models.model_from_json``."""
import itertools
import json

from ._naming import add_camel_aliases, takes_options
from .engine.base_layer import REGISTRY, Layer
from .engine.functional import Functional, InputLayer, input
from .engine.saving import io_handler, model_from_saved_artifacts, model_from_topology
from .engine.training import LayersModel
from .errors import ModelFormatError

_sequential_ids = itertools.count(1)


class Sequential(Functional):
    """A linear stack of layers; the first needs ``input_shape`` (or ``batch_input_shape``).

    >>> import tfjs_lab as tf
    >>> model = tf.sequential()
    >>> model.add(tf.layers.dense(units=4, input_shape=[2], activation='relu'))
    >>> model.add(tf.layers.dense(units=1))
    >>> model.predict(tf.zeros([3, 2])).shape
    [3, 1]
    """
    class_name = 'Sequential'

    def __init__(self, *, layers=None, name=None):
        LayersModel.__init__(self, name=name or f'sequential_{next(_sequential_ids)}')
        self._layers = []
        self._layer_outputs = []
        self.inputs, self.outputs, self._nodes, self._graph_layers = [], [], [], []
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        """Append a layer, applying it to the previous layer's output."""
        if not isinstance(layer, Layer):
            raise TypeError(f'Sequential.add() takes a layer; received {type(layer).__name__}')
        if not self._layers:
            if isinstance(layer, InputLayer):
                self.inputs = [layer.inbound_nodes[0].output_tensors[0]]
                self._layers.append(layer)
                self._layer_outputs.append(self.inputs[0])
                self._set_graph(self.inputs, self.inputs)
                return
            if layer.batch_input_shape is None:
                raise ValueError('The first layer in a Sequential model must get an `inputShape` or '
                                 '`batchInputShape` argument.')
            self.inputs = [input(batch_shape=layer.batch_input_shape, dtype=layer.dtype or 'float32',
                                 name=f'{layer.name}_input')]
            previous = self.inputs[0]
        else:
            previous = self._layer_outputs[-1]
        output = layer.apply(previous)
        if isinstance(output, list):
            raise ValueError('All layers in a Sequential model should have a single output tensor. For '
                             'multi-output layers, use the functional API (tf.model).')
        self._layers.append(layer)
        self._layer_outputs.append(output)
        self._set_graph(self.inputs, [output])

    def pop(self):
        """Remove the last layer."""
        if not self._layers:
            raise TypeError('There are no layers in the model.')
        layer = self._layers.pop()
        self._layer_outputs.pop()
        if self._layers:
            self._set_graph(self.inputs, [self._layer_outputs[-1]])
        else:
            self.inputs, self.outputs, self._nodes, self._graph_layers = [], [], [], []
            self.inbound_nodes.remove(self._own_node)
            self._own_node = None
        return layer

    @property
    def layers(self):
        return list(self._layers)

    def _require_layers(self):
        if not self._layers:
            raise ValueError('The model has no layers; add some with model.add(layer).')

    @property
    def output_shapes(self):
        self._require_layers()
        return super().output_shapes

    @property
    def feed_input_shapes(self):
        self._require_layers()
        return super().feed_input_shapes

    def get_config(self):
        return {'name': self.name, 'layers': [REGISTRY.serialize(layer) for layer in self._layers]}

    @classmethod
    def from_config(cls, config):
        layer_configs = config['layers'] if isinstance(config, dict) else config
        if not isinstance(layer_configs, list):
            raise ModelFormatError('A Sequential config must hold a list of layers')
        name = config.get('name') if isinstance(config, dict) else None
        return cls(layers=[REGISTRY.deserialize(c) for c in layer_configs], name=name)


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
    handler = io_handler(path_or_handler, 'load', load_options)
    return model_from_saved_artifacts(handler.load(), strict)


def model_from_json(model_and_weights_config, custom_objects=None):
    """A model from its topology (a dict or JSON string); weights are freshly initialized.
    ``custom_objects`` is taken for TF.js's signature only: a ``tf.layers.Layer`` subclass is
    registered when it is defined, so its name in the topology already finds it."""
    config = model_and_weights_config
    if isinstance(config, str):
        config = json.loads(config)
    if isinstance(config, dict) and 'modelTopology' in config:
        config = config['modelTopology']
    return model_from_topology(config)


add_camel_aliases(globals())
