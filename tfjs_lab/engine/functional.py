"""Graph models: ``InputLayer`` / ``tf.input`` and ``Functional``, the model that ``tf.model``
builds from symbolic inputs and outputs (and that ``Sequential`` maintains layer by layer).

The graph is traced once, from the outputs back to the inputs, into nodes ordered by depth as
tfjs-layers orders them; running the model executes those nodes in order on real tensors,
carrying masks from the layers that make them to the layers that use them.
"""
import itertools
import json

from .._naming import takes_options
from ..errors import ModelFormatError
from .base_layer import REGISTRY, Layer, to_list
from ..core.tensor import Tensor
from .node import Node, SymbolicTensor
from .data_adapter import as_array
from .saving import io_handler, model_topology, saved_artifacts
from .summary import print_summary
from .training import LayersModel

_input_ids = itertools.count(1)
_model_ids = itertools.count(1)


class InputLayer(Layer):
    """The entry point of a graph model; ``tf.input`` returns its output tensor."""

    def __init__(self, *, input_shape=None, batch_size=None, batch_input_shape=None, dtype=None,
                 sparse=False, name=None):
        if batch_input_shape is None:
            if input_shape is None:
                raise ValueError('An InputLayer should be passed either a `batchInputShape` or an `inputShape`.')
            batch_input_shape = [batch_size] + list(input_shape)
        elif input_shape is not None:
            raise ValueError('Only provide the inputShape OR batchInputShape argument to inputLayer, not both '
                             'at the same time.')
        super().__init__(name=name or f'input{next(_input_ids)}', batch_input_shape=batch_input_shape,
                         dtype=dtype or 'float32')
        self.sparse = bool(sparse)
        self.built = True
        output = SymbolicTensor(self.dtype, self.batch_input_shape, self, 0, 0, self.name)
        self.inbound_nodes.append(Node(self, [], [output], {}))

    def get_config(self):
        return {'batch_input_shape': self.batch_input_shape, 'dtype': self.dtype, 'sparse': self.sparse,
                'name': self.name}


@takes_options
def input(*, shape=None, batch_shape=None, name=None, dtype=None, sparse=None):  # noqa: A001 (TF.js's name)
    """A symbolic input for ``tf.model``: ``shape`` excludes the batch dimension.

    >>> import tfjs_lab as tf
    >>> x = tf.input({'shape': [4]})
    >>> x.shape
    [None, 4]
    """
    if shape is None and batch_shape is None:
        raise ValueError('Please provide to Input either a `shape` or a `batchShape` argument. Note that '
                         '`shape` does not include the batch dimension.')
    if shape is not None and batch_shape is not None:
        raise ValueError('Please provide either a `shape` or `batchShape` argument to Input, but not both.')
    batch_shape = batch_shape if batch_shape is not None else [None] + list(shape)
    return InputLayer(batch_input_shape=batch_shape, name=name, dtype=dtype, sparse=bool(sparse)).inbound_nodes[0].output_tensors[0]


def _trace(outputs):
    """The nodes that compute ``outputs`` in execution order, and the layers in TF.js's order
    (by decreasing depth, ties broken by the order a depth-first walk finishes them)."""
    finished, seen, layer_order = [], set(), {}
    in_progress = set()

    def visit(node):
        if id(node) in in_progress:
            raise ValueError(f'The tensor graph contains a cycle at layer {node.layer.name}.')
        if id(node) in seen:
            return
        in_progress.add(id(node))
        for tensor in node.input_tensors:
            visit(tensor.node)
        in_progress.discard(id(node))
        seen.add(id(node))
        finished.append(node)
        layer_order.setdefault(node.layer, len(layer_order))

    for tensor in outputs:
        visit(tensor.node)
    node_depth, layer_depth = {}, {}
    for node in reversed(finished):
        depth = max(node_depth.get(id(node), 0), layer_depth.get(node.layer, 0))
        layer_depth[node.layer] = node_depth[id(node)] = depth
        for tensor in node.input_tensors:
            node_depth[id(tensor.node)] = max(depth + 1, node_depth.get(id(tensor.node), 0))
    nodes = sorted(finished, key=lambda n: -node_depth[id(n)])
    layers = sorted(layer_order, key=lambda layer: (-layer_depth[layer], layer_order[layer]))
    return nodes, layers


def _check_inputs(inputs):
    for tensor in inputs:
        if not isinstance(tensor, SymbolicTensor) or not isinstance(tensor.source_layer, InputLayer):
            raise TypeError('Input tensors to a model must come from tf.input() (tf.layers.input); received '
                            f'{tensor!r}')
    names = [t.source_layer.name for t in inputs]
    if len(set(names)) != len(names):
        raise ValueError(f'The list of inputs passed to the model is redundant: {names}')


class Functional(LayersModel):
    """A model defined by a graph of layers from ``tf.input`` tensors to output tensors:
    several inputs and outputs, shared layers and nested models are all allowed.

    >>> import tfjs_lab as tf
    >>> x = tf.input({'shape': [3]})
    >>> hidden = tf.layers.dense({'units': 4, 'activation': 'relu'}).apply(x)
    >>> model = tf.model({'inputs': x, 'outputs': tf.layers.dense({'units': 1}).apply(hidden)})
    >>> model.predict(tf.ones([2, 3])).shape
    [2, 1]
    """
    class_name = 'Model'

    def __init__(self, *, inputs, outputs, name=None):
        super().__init__(name=name or f'model{next(_model_ids)}')
        self._set_graph(to_list(inputs), to_list(outputs))

    def _set_graph(self, inputs, outputs):
        _check_inputs(inputs)
        for tensor in outputs:
            if not isinstance(tensor, SymbolicTensor):
                raise TypeError(f'The outputs of a model must be symbolic tensors made by applying layers to '
                                f'tf.input() tensors; received {type(tensor).__name__}')
        nodes, layers = _trace(outputs)
        missing = [n.layer.name for n in nodes if isinstance(n.layer, InputLayer)
                   and n.output_tensors[0].id not in {t.id for t in inputs}]
        if missing:
            raise ValueError(f'Graph disconnected: the outputs depend on input(s) {missing}, which are not '
                             f'among the model inputs {[t.source_layer.name for t in inputs]}.')
        self.inputs, self.outputs = inputs, outputs
        # A model's own node comes first among its inbound nodes, as in TF.js: calls of the model
        # as a layer are nodes 1, 2, ... (model.json refers to them by these numbers).
        own_node = Node(self, inputs, outputs, {})
        if getattr(self, '_own_node', None) is not None:
            self.inbound_nodes[0] = own_node
        else:
            self.inbound_nodes.insert(0, own_node)
        self._own_node = own_node
        self._nodes = [n for n in nodes if not isinstance(n.layer, InputLayer)]
        self._graph_layers = layers
        self.built = True

    # --- structure -------------------------------------------------------------------------
    @property
    def layers(self):
        return list(self._graph_layers)

    @property
    def input_names(self):
        return [t.source_layer.name for t in self.inputs]

    @property
    def output_names(self):
        return [t.source_layer.name for t in self.outputs]

    @property
    def input_layers(self):
        return [t.source_layer for t in self.inputs]

    @property
    def output_layers(self):
        return [t.source_layer for t in self.outputs]

    @property
    def feed_input_shapes(self):
        return [t.shape for t in self.inputs]

    @property
    def feed_input_dtypes(self):
        return [t.dtype for t in self.inputs]

    @property
    def output_shapes(self):
        return [t.shape for t in self.outputs]

    def _unique_layers(self):
        seen = []
        for layer in self.layers:
            if layer not in seen:
                seen.append(layer)
        return seen

    @property
    def trainable_weights(self):
        if not self.trainable:
            return []
        return _unique(w for layer in self._unique_layers() for w in layer.trainable_weights)

    @property
    def non_trainable_weights(self):
        if not self.trainable:
            return _unique(w for layer in self._unique_layers() for w in layer.weights)
        return _unique(w for layer in self._unique_layers() for w in layer.non_trainable_weights)

    def regularization_losses(self):
        return [p for layer in self._unique_layers() for p in layer.regularization_losses()] + \
            [fn() for fn in self._added_losses]

    @property
    def stateful(self):
        return any(layer.stateful for layer in self._unique_layers())

    def reset_states(self):
        """Reset the states of the model's stateful layers (stateful RNNs)."""
        for layer in self._unique_layers():
            if layer.stateful:  # TF.js refuses to reset a non-stateful RNN
                layer.reset_states()

    def dispose(self):
        """Free the weights of all layers (TF.js's ``{refCountAfterDispose, numDisposedVariables}``)."""
        count = sum(layer.dispose()['numDisposedVariables'] for layer in self._unique_layers())
        return {'refCountAfterDispose': 0, 'numDisposedVariables': count}

    def load_weights(self, weights, strict=True):
        """Set weights from ``{saved name: tensor or array}`` (TF.js's loadWeights)."""
        from .saving import load_named_weights
        load_named_weights(self, {name: as_array(value, name) for name, value in weights.items()}, strict)

    def dispose_weights(self):
        """Free the weights of all layers."""
        return self.dispose()['numDisposedVariables']

    def get_named_weights(self):
        """``[{'name': ..., 'tensor': ...}]`` for every weight, as saved in model.json."""
        return [{'name': w.original_name, 'tensor': w} for w in self.weights]

    def execute(self, inputs, outputs):
        """Run the graph and return the tensors named in ``outputs`` (symbolic tensor names such
        as ``'dense_Dense1/dense_Dense1'``, or layer names for their output)."""
        wanted = [outputs] if isinstance(outputs, str) else list(outputs)
        xs = [Tensor(a) for a in self._standardize_x(inputs)]
        values = self._run(xs, False, keep_all=True)
        by_name = {}
        for node in [t.node for t in self.inputs] + self._nodes:
            by_name.setdefault(node.layer.name, node.output_tensors[0])
            for tensor in node.output_tensors:
                by_name[tensor.name] = tensor
        missing = [name for name in wanted if name not in by_name]
        if missing:
            raise ValueError(f'Cannot find SymbolicTensors for output name(s): {missing}; known: {sorted(by_name)}')
        found = [values[by_name[name].id][0] for name in wanted]
        return found[0] if isinstance(outputs, str) else found

    def get_layer(self, name=None, index=None):
        """A layer by name or by index (in ``model.layers``)."""
        layers = self.layers
        if index is not None:
            if not isinstance(index, int) or not 0 <= index < len(layers):
                raise ValueError(f'Was asked to retrieve layer at index {index} but model only has '
                                 f'{len(layers)} layer(s).')
            return layers[index]
        for layer in layers:
            if layer.name == name:
                return layer
        raise ValueError(f'No such layer: {name}. Layers: {[layer.name for layer in layers]}')

    # --- running -----------------------------------------------------------------------------
    def _run(self, inputs, training=False, masks=None, keep_all=False):
        """Execute the graph on tensors (one per model input); returns (outputs, output masks),
        or with ``keep_all`` every tensor's (value, mask) by symbolic tensor id."""
        values = {t.id: (x, None if masks is None else masks[i]) for i, (t, x) in enumerate(zip(self.inputs, inputs))}
        for node in self._nodes:
            pairs = [values[t.id] for t in node.input_tensors]
            xs, ms = [p[0] for p in pairs], [p[1] for p in pairs]
            x, mask = (xs, ms) if node.list_input else (xs[0], ms[0])
            options = {k: v for k, v in node.call_kwargs.items() if k not in ('training', 'mask')}
            if all(m is None for m in ms):
                mask = None
            layer_training = node.call_kwargs.get('training', training)
            if isinstance(node.layer, Functional) and not options:  # a nested model: masks from the same run
                outputs, out_masks = node.layer._run(to_list(x), layer_training, None if mask is None else to_list(mask))
            else:
                outputs = node.layer.invoke(x, training=layer_training, mask=mask, **options)
                out_masks = node.layer.compute_mask(x, mask)
            outputs = to_list(outputs)
            out_masks = out_masks if isinstance(out_masks, list) else [out_masks] * len(outputs)
            for tensor, value, out_mask in zip(node.output_tensors, outputs, out_masks):
                values[tensor.id] = (value, out_mask)
        if keep_all:
            return values
        results = [values[t.id] for t in self.outputs]
        return [r[0] for r in results], [r[1] for r in results]

    def _forward(self, inputs, training=False):
        return self._run(inputs, training)[0]

    def _array_chain(self):
        """(input width, the layers' ``array_inference`` functions in order), or None; see
        ``_layer_chain``."""
        return self._layer_chain('array_inference')

    def _array_ops(self):
        """(input width, the layers' ``array_op`` triples in order), or None; see ``_layer_chain``."""
        return self._layer_chain('array_op')

    def _layer_chain(self, method):
        """(input width, ``layer.<method>()`` for each layer in order) when the model is a plain
        chain of layers on a float32 [batch, width] input and each gives a non-None value; else None.
        Cached per graph when found (``_nodes`` is a new list whenever the graph changes); a
        model that is not such a chain (yet: layers are built later) stops at its first layer."""
        nodes = self._nodes
        cache = self.__dict__.setdefault('_layer_chain_cache', {})
        cached = cache.get(method)
        if cached is not None and cached[0] is nodes and cached[1] == len(nodes):
            return cached[2]
        chain, previous, values = None, self.inputs[0] if len(self.inputs) == 1 else None, []
        # (a float32 input: the general path would cast float32 data to another declared dtype)
        for node in nodes if previous is not None and len(previous.shape) == 2 and previous.dtype == 'float32' else ():
            value = getattr(node.layer, method)()
            if value is None or node.call_kwargs or node.input_tensors != [previous] or len(node.output_tensors) != 1:
                break
            values.append(value)
            previous = node.output_tensors[0]
        else:
            if values and self.outputs == [previous]:
                chain = (self.inputs[0].shape[1], values)
        if chain is not None:
            cache[method] = (nodes, len(nodes), chain)
        return chain

    # A model used as a layer inside another model.
    def call(self, inputs, training=False, mask=None):
        outputs, _ = self._run(to_list(inputs), training, None if mask is None else to_list(mask))
        return outputs[0] if len(outputs) == 1 else outputs

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in to_list(mask)):
            return None
        _, masks = self._run(to_list(inputs), False, to_list(mask))
        return masks[0] if len(masks) == 1 else masks

    def compute_output_shape(self, input_shape):
        shapes = self.output_shapes
        return shapes[0] if len(shapes) == 1 else shapes

    def check_input_shape(self, input_shape):
        from .data_adapter import check_shape_compatible
        shapes = input_shape if len(self.inputs) > 1 else [input_shape]
        if len(shapes) != len(self.inputs):
            raise ValueError(f'Model {self.name} expects {len(self.inputs)} input(s); received {len(shapes)}')
        for tensor, shape in zip(self.inputs, shapes):
            check_shape_compatible(shape, tensor.shape, 'input', tensor.source_layer.name)

    @property
    def batch_input_shape(self):
        return self.inputs[0].shape if getattr(self, 'inputs', None) else None

    @batch_input_shape.setter
    def batch_input_shape(self, value):
        pass  # a graph model's input shape comes from its inputs

    # --- serialization ---------------------------------------------------------------------
    def toJSON(self, unused=None, return_string=True):  # TF.js's spelling (not toJson)
        return self.to_json(unused, return_string)

    def to_json(self, unused=None, return_string=True):
        """The model topology (TF.js ``toJSON``): a JSON string, or a dict."""
        topology = model_topology(self)
        return json.dumps(topology, separators=(",", ":")) if return_string else topology

    @takes_options
    def save(self, handler_or_url, *, include_optimizer=False):
        """Save to a URL (``localstorage://``, ``indexeddb://``, ``downloads://``, ``file://`` or a
        directory) or an IO handler; returns TF.js's SaveResult (``await`` works). With
        ``include_optimizer=True`` a compiled model also saves its training config and optimizer
        state, so a loaded copy resumes training where this one stopped.

        >>> import tfjs_lab as tf, tempfile
        >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
        >>> result = model.save('file://' + tempfile.mkdtemp())
        >>> result['modelArtifactsInfo']['weightDataBytes']
        12
        """
        handler = io_handler(handler_or_url, 'save')
        return handler.save(saved_artifacts(self, include_optimizer))

    def summary(self, line_length=None, positions=None, print_fn=print):
        """Print a table of layers, shapes and parameter counts (TF.js's layout)."""
        print_summary(self, line_length, positions, print_fn)

    def get_config(self):
        own = {id(n) for n in self._nodes} | {id(t.node) for t in self.inputs}

        def node_index(layer, node):
            first = 1 if isinstance(layer, LayersModel) else 0  # after the model's own node
            return first + [n for n in layer.inbound_nodes if id(n) in own].index(node)

        def tensor_ref(tensor):
            return [tensor.source_layer.name, node_index(tensor.source_layer, tensor.node), tensor.tensor_index]

        layers = []
        for layer in self.layers:
            inbound = [[tensor_ref(t) + [{k: v for k, v in node.call_kwargs.items() if k != 'mask'}]
                        for t in node.input_tensors]
                       for node in layer.inbound_nodes if id(node) in own and node.input_tensors]
            layers.append({'name': layer.name, 'class_name': layer.serialized_class_name(),
                           'config': layer.get_config(), 'inbound_nodes': inbound})
        return {'name': self.name, 'layers': layers,
                'input_layers': [tensor_ref(t) for t in self.inputs],
                'output_layers': [tensor_ref(t) for t in self.outputs]}

    @classmethod
    def from_config(cls, config):
        try:
            layer_configs = config['layers']
            created = {}
            pending = []
            for entry in layer_configs:
                layer = REGISTRY.deserialize({'class_name': entry['class_name'], 'config': entry['config']})
                created[entry['name']] = layer
                pending.extend((layer, node_data) for node_data in entry.get('inbound_nodes') or [])

            def tensor(ref):
                name, index, tensor_index = ref[0], ref[1], ref[2]
                return created[name].inbound_nodes[index].output_tensors[tensor_index]

            # Apply layers to their inputs once those exist, in the order the config lists them.
            while pending:
                progressed = False
                for item in list(pending):
                    layer, node_data = item
                    if all(len(created[ref[0]].inbound_nodes) > ref[1] for ref in node_data):
                        inputs = [tensor(ref) for ref in node_data]
                        kwargs = node_data[0][3] if len(node_data[0]) > 3 else {}
                        layer.apply(inputs if len(inputs) > 1 else inputs[0], kwargs or None)
                        pending.remove(item)
                        progressed = True
                if not progressed:
                    raise ModelFormatError('The model config refers to layer outputs that are never created: '
                                           f'{[(layer.name, data) for layer, data in pending]}')
            return cls(inputs=[tensor(r) for r in config['input_layers']],
                       outputs=[tensor(r) for r in config['output_layers']], name=config.get('name'))
        except (KeyError, IndexError, TypeError) as err:
            raise ModelFormatError(f'Invalid functional model config: {type(err).__name__}: {err}') from None


def _unique(items):
    out, seen = [], set()
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


@takes_options
def model(*, inputs, outputs, name=None):
    """A model from symbolic inputs to outputs (TF.js ``tf.model({inputs, outputs})``).

    >>> import tfjs_lab as tf
    >>> x = tf.input({'shape': [3]})
    >>> hidden = tf.layers.dense({'units': 8, 'activation': 'relu'}).apply(x)
    >>> score = tf.layers.dense({'units': 1, 'name': 'score'}).apply(hidden)
    >>> label = tf.layers.dense({'units': 4, 'activation': 'softmax', 'name': 'label'}).apply(hidden)
    >>> m = tf.model({'inputs': x, 'outputs': [score, label]})
    >>> [p.shape for p in m.predict(tf.ones([2, 3]))]
    [[2, 1], [2, 4]]
    """
    return Functional(inputs=inputs, outputs=outputs, name=name)
