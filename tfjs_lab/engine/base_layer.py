"""``Layer``: the base of every layer and model, as in tfjs-layers.

Subclasses declare their options as keyword-only ``__init__`` parameters; registration (for
``tf.layers.<name>`` factories and for deserialization by class name) and TF.js options-dict
handling happen in ``__init_subclass__``, once for all layers.

The contract for a layer family (see layers/core.py):

* ``build(input_shape)`` creates weights with ``add_weight`` (initializer, regularizer and
  constraint by TF.js name, instance or config) and may set ``self.input_spec``;
* ``call(inputs, training=False, mask=None)`` computes eagerly with ``ops``; a layer declares
  only the keywords it uses (TF.js-style ``call(inputs, kwargs)`` also works);
* ``compute_output_shape(input_shape)`` with ``None`` for unknown dimensions; a list of
  shapes for layers with several outputs; layers with several inputs get a list of shapes;
* ``get_config()`` returns TF.js's options in snake_case plus ``super().get_config()``;
* ``supports_masking`` / ``compute_mask(inputs, mask)`` for layers that pass or make masks.

``apply`` runs a layer eagerly on tensors, or symbolically on ``SymbolicTensor`` inputs, where
it records a ``Node`` so that ``tf.model`` can trace the graph.
"""
import collections
import contextlib
import inspect
import math
import threading

import numpy as np

from .._naming import CamelAliases, normalize_keys, takes_options, to_camel, to_snake
from ..core.tensor import Variable
from ..core.convert import as_tensor
from ..core.format import shape_str
from ..serialization import Registry
from .node import Node, SymbolicTensor

REGISTRY = Registry('layer')
BASE_OPTIONS = ('name', 'trainable', 'input_shape', 'batch_input_shape', 'batch_size', 'dtype',
                'weights', 'input_dtype')
_uids = collections.Counter()
# Activity-regularization penalties of the training step being computed (a stack, for nesting).
_activity_losses = []
# While a model is built from an untrusted file: weight values its layers may still create.
_weight_budget = threading.local()


@contextlib.contextmanager
def weight_value_budget(values, reason):
    """Layers built in the block (in this thread) may create at most ``values`` weight values,
    so a hostile model.json cannot make a giant allocation before its weights are checked."""
    _weight_budget.remaining, _weight_budget.total, _weight_budget.reason = values, values, reason
    try:
        yield
    finally:
        _weight_budget.remaining = None


def _spend_weight_budget(shape):
    remaining = getattr(_weight_budget, 'remaining', None)
    if remaining is None:
        return
    count = math.prod(int(d) for d in shape)
    if count > remaining:
        from ..errors import ModelFormatError
        raise ModelFormatError(f'The model topology asks for a weight of shape {list(shape)} ({count} values), '
                               f'beyond the {_weight_budget.total} values {_weight_budget.reason}')
    _weight_budget.remaining = remaining - count


def unique_layer_name(class_name):
    """TF.js's default layer names: ``dense_Dense1``, ``dense_Dense2``, ..."""
    _uids[class_name] += 1
    return f'{to_snake(class_name)}_{class_name}{_uids[class_name]}'


def to_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def is_shape_list(shape):
    """True for a list of shapes (several inputs or outputs), False for one shape."""
    return isinstance(shape, (list, tuple)) and len(shape) > 0 and all(
        s is None or isinstance(s, (list, tuple)) for s in shape) and any(isinstance(s, (list, tuple)) for s in shape)


class InputSpec:
    """What a layer accepts: a rank (``ndim``, ``min_ndim``, ``max_ndim``) and fixed sizes of
    some axes (``axes={-1: 8}``); checked by ``apply`` with TF.js's messages."""

    def __init__(self, ndim=None, min_ndim=None, max_ndim=None, axes=None):
        self.ndim, self.min_ndim, self.max_ndim = ndim, min_ndim, max_ndim
        self.axes = dict(axes or {})

    def check(self, shape, layer_name, index=0):
        ndim = len(shape)
        where = f'Input {index} is incompatible with layer {layer_name}'
        if self.ndim is not None and ndim != self.ndim:
            raise ValueError(f'{where}: expected ndim={self.ndim}, found ndim={ndim} (shape {shape_str(shape)})')
        if self.min_ndim is not None and ndim < self.min_ndim:
            raise ValueError(f'{where}: expected min_ndim={self.min_ndim}, found ndim={ndim} (shape {shape_str(shape)})')
        if self.max_ndim is not None and ndim > self.max_ndim:
            raise ValueError(f'{where}: expected max_ndim={self.max_ndim}, found ndim={ndim} (shape {shape_str(shape)})')
        for axis, size in self.axes.items():
            got = shape[axis] if -ndim <= axis < ndim else None
            if got is not None and size is not None and got != size:
                raise ValueError(f'{where}: expected axis {axis} of input shape to have value {size} '
                                 f'but got shape {shape_str(shape)}.')


class LayerVariable(Variable):
    """A layer weight: unique ``name`` in the process, ``original_name`` as saved in model.json,
    and an optional ``constraint`` that every write (``set_weights``, an optimizer step) obeys."""
    __slots__ = ('original_name', 'constraint')

    def __init__(self, data, trainable, original_name, constraint=None):
        super().__init__(data, trainable, Variable.unique_name(original_name))
        self.original_name = original_name
        self.constraint = constraint

    def write(self, array):
        """Replace the value (keeping the dtype), then apply the constraint."""
        self._data = np.array(array, dtype=self._data.dtype, copy=True)
        self.apply_constraint()

    def apply_constraint(self):
        if self.constraint is not None:
            self._data = self.constraint.apply(self)._data.astype(self._data.dtype, copy=False)


def _takes_only_options(init):
    params = list(inspect.signature(init).parameters.values())[1:]
    return all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in params)


def _call_style(call):
    """How ``call`` takes its options: ``'dict'`` for TF.js-style ``call(inputs, kwargs)``,
    else the set of keyword names it accepts (None: any)."""
    params = list(inspect.signature(call).parameters.values())[2:]
    if params and params[0].name == 'kwargs' and params[0].kind is params[0].POSITIONAL_OR_KEYWORD:
        return 'dict'
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return None
    return frozenset(p.name for p in params)


# Methods a TF.js-style subclass may define in camelCase; the engine calls the snake_case name.
_HOOKS = ('compute_output_shape', 'get_config', 'compute_mask')


class Layer(CamelAliases):
    """Base class of layers. Subclasses implement ``build``, ``call``,
    ``compute_output_shape`` and ``get_config`` (in either spelling); defining the class
    registers it for ``tf.models.model_from_json`` and ``tf.load_layers_model``.

    >>> import tfjs_lab as tf
    >>> class Doubler(tf.layers.Layer):
    ...     def call(self, inputs):
    ...         return inputs.mul(2)
    >>> Doubler().apply(tf.ones([1, 3])).shape
    [1, 3]
    """
    class_name = 'Layer'
    built = False
    supports_masking = False
    _call_options = frozenset({'training'})

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if 'className' in vars(cls):
            cls.class_name = vars(cls)['className']
        elif 'class_name' not in vars(cls):
            cls.class_name = cls.__name__
        for hook in _HOOKS:
            if to_camel(hook) in vars(cls) and hook not in vars(cls):
                setattr(cls, hook, vars(cls)[to_camel(hook)])
        init = vars(cls).get('__init__')
        if init is not None and _takes_only_options(init):
            cls.__init__ = takes_options(init, extra=BASE_OPTIONS)
        if 'call' in vars(cls):
            cls._call_options = _call_style(cls.call)
        if not vars(cls).get('abstract', False):
            REGISTRY.register(cls)

    @takes_options
    def __init__(self, *, name=None, trainable=True, input_shape=None, batch_input_shape=None,
                 batch_size=None, dtype=None, weights=None, input_dtype=None):
        self.name = name or unique_layer_name(self.class_name)
        self._trainable = bool(trainable)
        self.built = False
        self._weights = []
        self._regularized = []  # (regularizer, variable)
        self._added_losses = []  # functions of no arguments returning a scalar penalty
        self.activity_regularizer = None
        self._initial_weights = weights
        self.inbound_nodes = []
        self.input_spec = None
        self.batch_input_shape = None
        if batch_input_shape is not None:
            self.batch_input_shape = [None if d is None else int(d) for d in batch_input_shape]
        elif input_shape is not None:
            self.batch_input_shape = [batch_size] + [None if d is None else int(d) for d in input_shape]
        self.dtype = dtype
        if self.batch_input_shape is not None and dtype is None:
            self.dtype = input_dtype or 'float32'

    # --- weights ------------------------------------------------------------------------
    def add_weight(self, name, shape, dtype='float32', initializer=None, regularizer=None,
                   trainable=True, constraint=None):
        """Create a weight named ``<layer name>/<name>``; initializer, regularizer and
        constraint may be TF.js names, config dicts or instances."""
        from .. import constraints, initializers, regularizers
        init = initializers.get(initializer or 'glorotUniform')
        _spend_weight_budget(shape)
        variable = LayerVariable(init(list(shape), dtype), trainable, f'{self.name}/{name}',
                                 constraints.get(constraint))
        self._weights.append(variable)
        regularizer = regularizers.get(regularizer)
        if regularizer is not None:
            self._regularized.append((regularizer, variable))
        return variable

    def regularization_losses(self):
        """The penalties this layer adds to the training loss (weight regularizers and
        ``add_loss`` functions), as scalar tensors."""
        return [regularizer.apply(variable) for regularizer, variable in self._regularized] + \
            [fn() for fn in self._added_losses]

    @property
    def losses(self):
        return self.regularization_losses()

    def add_loss(self, losses):
        """Add penalty functions (no arguments, a scalar result) to the training loss."""
        for fn in losses if isinstance(losses, (list, tuple)) else [losses]:
            if not callable(fn):
                raise TypeError(f'addLoss takes functions returning a scalar tensor; received {type(fn).__name__}')
            self._added_losses.append(fn)

    @property
    def stateful(self):
        return False

    def reset_states(self):
        """Reset the state of stateful layers (a no-op for layers without state)."""

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    @property
    def trainable_weights(self):
        return [w for w in self._weights if w.trainable] if self._trainable else []

    @property
    def non_trainable_weights(self):
        if self._trainable:
            return [w for w in self._weights if not w.trainable]
        return list(self._weights)

    def count_params(self):
        if not self.built:
            raise RuntimeError(f'You tried to call countParams() on {self.name}, but the layer is not '
                               'built yet. Build it first by calling build(batchInputShape) or apply().')
        return sum(w.size for w in self.weights)

    def get_weights(self, trainable_only=False):
        """Copies of the weights' values, as tensors."""
        return [w.clone() for w in (self.trainable_weights if trainable_only else self.weights)]

    def set_weights(self, weights):
        """Replace the weights' values; shapes must match, in the order of ``weights``."""
        weights = list(weights)
        if len(weights) != len(self.weights):
            raise ValueError(f'You called setWeights(weights) on layer "{self.name}" with a weight list '
                             f'of length {len(weights)}, but the layer was expecting '
                             f'{len(self.weights)} weights. Provided weights: {weights!r:.200}...')
        for variable, value in zip(self.weights, weights):
            value = as_tensor(value)._data
            if list(value.shape) != variable.shape:
                raise ValueError(f'Layer weight shape {shape_str(variable.shape)} not compatible with '
                                 f'provided weight shape {shape_str(value.shape)} ({variable.original_name})')
            variable.write(value)

    def dispose(self):
        """Free the layer's weights (TF.js's ``{refCountAfterDispose, numDisposedVariables}``)."""
        count = len(self._weights)
        for variable in self._weights:
            variable.dispose()
        return {'refCountAfterDispose': 0, 'numDisposedVariables': count}

    # --- building and calling -------------------------------------------------------------
    def build(self, input_shape):
        self.built = True

    def ensure_built(self, input_shape):
        if not self.built:
            self.build(input_shape)
            self.built = True
            if self._initial_weights is not None:
                self.set_weights(self._initial_weights)
                self._initial_weights = None

    def compute_output_shape(self, input_shape):
        return input_shape

    def check_input_shape(self, input_shape):
        """Raise if the layer cannot take inputs of ``input_shape``: by default against
        ``self.input_spec`` (one spec, or one per input)."""
        if self.input_spec is None:
            return
        shapes = input_shape if is_shape_list(input_shape) else [input_shape]
        specs = self.input_spec if isinstance(self.input_spec, list) else [self.input_spec] * len(shapes)
        for index, (spec, shape) in enumerate(zip(specs, shapes)):
            if spec is not None and shape is not None:
                spec.check(list(shape), self.name, index)

    def compute_mask(self, inputs, mask=None):
        """The output mask: the input mask for layers that support masking, else None
        (and an error if a mask reaches a layer that cannot use it, as in TF.js)."""
        if not self.supports_masking:
            if any(m is not None for m in to_list(mask)):
                raise TypeError(f'Layer {self.name} does not support masking, but was passed an inputMask.')
            return None
        return mask

    def apply(self, inputs, kwargs=None, **options):
        """Run the layer: eagerly on tensors (building it on first use), or symbolically on
        ``SymbolicTensor`` inputs, which records the call for ``tf.model``.

        Options are TF.js's ``kwargs`` (``{'training': True}``, ``mask``), as a dict or keywords.
        """
        options = normalize_keys({**(kwargs or {}), **options}, None, f'{self.class_name}.apply')
        if any(isinstance(t, SymbolicTensor) for t in to_list(inputs)):
            return self._apply_symbolic(inputs, options)
        if isinstance(inputs, (list, tuple)):
            inputs = [as_tensor(t) for t in inputs]
            input_shape = [t.shape for t in inputs]
        else:
            inputs = as_tensor(inputs)
            input_shape = inputs.shape
        self.check_input_shape(input_shape)
        self.ensure_built(input_shape)
        return self.invoke(inputs, **options)

    __call__ = apply

    def invoke(self, inputs, training=False, mask=None, **extra):
        """``call`` with the options it accepts; the models' eager path (inputs already checked)."""
        options = {'training': bool(training), 'mask': mask, **extra}
        style = self._call_options
        if style == 'dict':
            outputs = self.call(inputs, options)
        else:
            unknown = [k for k in extra if style is not None and k not in style]
            if unknown:
                raise TypeError(f'{self.class_name}.call() does not take the option(s) {unknown}')
            outputs = self.call(inputs, **(options if style is None else
                                           {k: v for k, v in options.items() if k in style}))
        if self.activity_regularizer is not None and training and _activity_losses:
            for output in to_list(outputs):
                penalty = self.activity_regularizer.apply(output)
                _activity_losses[-1].append(penalty.div(output.shape[0]))
        return outputs

    def call(self, inputs, training=False):
        return inputs

    def array_inference(self):
        """A function giving this layer's inference output for one float32 ndarray (no tape, no
        checks, the same values as ``call``), where the layer has such a fast path (Dense); None
        otherwise. ``predict`` on a model made only of such layers runs on arrays throughout.

        >>> import tfjs_lab as tf
        >>> tf.layers.reLU().array_inference() is None
        True
        """
        return None

    def array_op(self):
        """``(primitive, variables, attrs)`` when this layer's training-time output is one
        primitive of its input and its variables' arrays (``primitive(x, *variables, **attrs)``)
        and it adds nothing else to the loss; None otherwise. Training a chain of such layers
        walks the primitives on arrays, without a tape.

        >>> import tfjs_lab as tf
        >>> tf.layers.reLU().array_op() is None
        True
        """
        return None

    def _apply_symbolic(self, inputs, options):
        tensors = to_list(inputs)
        input_shape = [t.shape for t in tensors] if isinstance(inputs, (list, tuple)) else tensors[0].shape
        self.check_input_shape(input_shape)
        self.ensure_built(input_shape)
        output_shape = self.compute_output_shape(input_shape)
        several = is_shape_list(output_shape)
        shapes = output_shape if several else [output_shape]
        node_index = len(self.inbound_nodes)
        dtype = self.output_dtype(tensors[0].dtype)
        outputs = [SymbolicTensor(dtype, shape, self, node_index, i,
                                  f'{self.name}/{self.name}' + (f'_{node_index}' if node_index else '') + (f':{i}' if several else ''))
                   for i, shape in enumerate(shapes)]
        self.inbound_nodes.append(Node(self, tensors, outputs, options, isinstance(inputs, (list, tuple))))
        return outputs if several else outputs[0]

    def output_dtype(self, input_dtype):
        """The dtype of the layer's outputs for symbolic tracing."""
        return input_dtype if self.dtype is None else self.dtype

    # --- the graph this layer takes part in -------------------------------------------------
    def _only_node(self, attribute):
        if not self.inbound_nodes:
            raise AttributeError(f'The layer {self.name} has never been called and thus has no defined {attribute}.')
        if len(self.inbound_nodes) > 1:
            raise AttributeError(f'The layer {self.name} has been called {len(self.inbound_nodes)} times; '
                                 f'its {attribute} is ambiguous.')
        return self.inbound_nodes[0]

    def _node_at(self, node_index, attribute):
        if not 0 <= node_index < len(self.inbound_nodes):
            raise ValueError(f'Asked to get {attribute} at node {node_index}, but the layer {self.name} has only '
                             f'{len(self.inbound_nodes)} inbound node(s).')
        return self.inbound_nodes[node_index]

    def get_input_at(self, node_index):
        tensors = self._node_at(node_index, 'input').input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    def get_output_at(self, node_index):
        tensors = self._node_at(node_index, 'output').output_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    def get_class_name(self):
        return self.class_name

    @property
    def input(self):
        tensors = self._only_node('input').input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    @property
    def output(self):
        tensors = self._only_node('output').output_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    @property
    def output_shape(self):
        shapes = [t.shape for t in self._only_node('output shape').output_tensors]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def input_shape(self):
        shapes = [t.shape for t in self._only_node('input shape').input_tensors]
        return shapes[0] if len(shapes) == 1 else shapes

    # --- serialization --------------------------------------------------------------------
    def get_config(self):
        config = {'name': self.name, 'trainable': self.trainable}
        if self.batch_input_shape is not None:
            config['batch_input_shape'] = list(self.batch_input_shape)
        if self.dtype is not None:
            config['dtype'] = self.dtype
        return config

    @classmethod
    def from_config(cls, config):
        if _takes_only_options(cls.__init__):
            return cls(**{to_snake(k): v for k, v in config.items()})
        return cls(dict(config))  # a TF.js-style constructor(config)

    def serialized_class_name(self):
        return self.class_name

    def __repr__(self):
        return f'<{self.class_name} {self.name!r}>'
