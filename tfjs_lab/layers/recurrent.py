"""Recurrent layers: ``RNN`` over a cell, ``SimpleRNN``, ``LSTM``, ``GRU`` and their cells,
``StackedRNNCells``; weights, names, options and configs as in TF.js 4.22.

A cell works in three parts so that the layer does per timestep only what must be done per
timestep: ``start`` draws the dropout masks of one sequence, ``project`` multiplies the inputs
of all timesteps by the kernel at once, and ``step`` advances the state by one timestep.
``run`` loops ``step`` over time (TF.js's ``rnn()``, masking included); the LSTM cell replaces the
loop by one fused primitive (ops/rnn.py) when its activations allow.

A cell written TF.js-style, with only ``call([inputs, ...states])``, works too: its projection
is the identity and its step is its ``call``.
"""
import contextlib

import numpy as np

from .. import activations, constraints, initializers, ops, regularizers
from .._naming import takes_options
from ..core.tensor import Tensor
from ..engine.base_layer import BASE_OPTIONS, REGISTRY, InputSpec, Layer, is_shape_list, shape_str, to_list
from ..ops import fused
from ..ops.rnn import ACTIVATIONS as FUSED_ACTIVATIONS, lstm_sequence
from .core import weight_options


@contextlib.contextmanager
def weight_scope(layer, scope):
    """Build ``layer`` with weights named ``<scope>/<weight>``: TF.js names weights after the
    name scope their build runs in (the outer layer's, ``bidirectional_Bidirectional1/
    forward_lstm_LSTM1/kernel``), not after the layer that holds them."""
    own_name = layer.name
    layer.name = scope
    try:
        yield
    finally:
        layer.name = own_name


def build_in_scope(layer, scope, input_shape):
    with weight_scope(layer, scope):
        layer.ensure_built(input_shape)


def accept_parent_options(cls):
    """Let ``cls.__init__`` take, through its ``**options``, the options of its parent's
    ``__init__`` as well as its own (Layer only adds the base options)."""
    own = vars(cls).get('__init__')
    if own is None or not hasattr(own, '__wrapped__'):
        return
    parent = super(cls, cls).__init__
    inherited = getattr(parent, 'allowed_options', None) or ()
    cls.__init__ = takes_options(own.__wrapped__, extra=tuple(inherited) + BASE_OPTIONS)


def _check_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value <= 0:
        raise ValueError(f'Expected {name} to be a positive integer, but got {value!r}.')
    return int(value)


def _rate(value):
    """TF.js clamps dropout rates into [0, 1]."""
    return min(1.0, max(0.0, 0.0 if value is None else float(value)))


def _dropout_mask(shape, rate, training):
    """A dropout mask (scaled keep-mask) for one sequence, or None when not dropping."""
    if not training or not 0 < rate < 1:
        return None
    return ops.dropout(ops.ones(shape), rate)


def _mul_mask(x, mask):
    return x if mask is None else ops.mul(x, mask)


class RNNCell(Layer):
    """Base of recurrent cells: ``call([inputs, *states])`` returns ``[output, *new_states]``.

    ``state_size`` is an int or a list of ints (one per state); the first state is the output.
    """
    state_size = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        accept_parent_options(cls)

    def start(self, batch_size, input_shape, training=False):
        """Prepare one sequence (dropout masks); ``input_shape`` is one timestep's."""

    def project(self, inputs):
        """The part of a step that depends only on the inputs, for all timesteps at once."""
        return inputs

    def step(self, projected, states):
        """One timestep from projected inputs: ``(output, new_states)``."""
        outputs = to_list(self.call([projected, *states]))
        return outputs[0], outputs[1:]

    def run(self, inputs, states, mask):
        """Loop ``step`` over time-major ``inputs`` [T, batch, ...] as TF.js's ``rnn()`` does:
        where ``mask`` [T, batch, 1] is 0, output and states keep their previous values.
        Returns ``(per-step outputs, new states)``."""
        outputs = []
        step_masks = ops.unstack(mask) if mask is not None else None
        for t, x in enumerate(ops.unstack(inputs)):
            output, new_states = self.step(x, states)
            if step_masks is not None:
                keep, dropped = step_masks[t], ops.sub(1, step_masks[t])
                output = ops.add(ops.mul(output, keep), ops.mul(states[0], dropped))
                new_states = [ops.add(ops.mul(n, keep), ops.mul(s, dropped)) for n, s in zip(new_states, states)]
            outputs.append(output)
            states = list(new_states)
        return outputs, states

    @property
    def state_sizes(self):
        return list(self.state_size) if isinstance(self.state_size, (list, tuple)) else [self.state_size]


class _KernelCell(RNNCell):
    """What SimpleRNN, GRU and LSTM cells share: units, kernels, bias, dropout and config.

    ``gates`` is the number of kernel blocks (1, 3 or 4); ``project`` adds the bias, as TF.js
    adds it to the input part of the pre-activations.
    """
    gates = 1

    def __init__(self, *, units, activation='tanh', use_bias=True, kernel_initializer='glorotNormal',
                 recurrent_initializer='orthogonal', bias_initializer='zeros', kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0, recurrent_dropout=0, **base):
        super().__init__(**base)
        self.units = _check_positive_int(units, 'units')
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer or 'glorotNormal')
        self.recurrent_initializer = initializers.get(recurrent_initializer or 'orthogonal')
        self.bias_initializer = initializers.get(bias_initializer or 'zeros')
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.recurrent_constraint = constraints.get(recurrent_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.dropout = _rate(dropout)
        self.recurrent_dropout = _rate(recurrent_dropout)
        self.state_size = self.units
        self.kernel = self.recurrent_kernel = self.bias = None
        self.dropout_mask = self.recurrent_dropout_mask = None

    def build(self, input_shape):
        if is_shape_list(input_shape):
            input_shape = input_shape[0]
        width = self.units * self.gates
        self.add_cell_weights([input_shape[-1], width], [self.units, width], width)

    def add_cell_weights(self, kernel_shape, recurrent_shape, bias_width):
        """The kernel, recurrent kernel and (if used) bias, with the cell's options."""
        self.kernel = self.add_weight('kernel', kernel_shape, initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight('recurrent_kernel', recurrent_shape,
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight('bias', [bias_width], initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)

    def start(self, batch_size, input_shape, training=False):
        self.dropout_mask = _dropout_mask([batch_size, *input_shape], self.dropout, training)
        self.recurrent_dropout_mask = _dropout_mask([batch_size, self.units], self.recurrent_dropout, training)

    def project(self, inputs):
        flat = ops.reshape(_mul_mask(inputs, self.dropout_mask), [-1, inputs.shape[-1]])
        if flat._data.dtype == self.kernel._data.dtype:  # matmul and bias as one tape node
            projected = fused.dense(flat, self.kernel, self.bias if self.use_bias else None)
        else:
            projected = ops.mat_mul(flat, self.kernel)
            if self.use_bias:
                projected = ops.add(projected, self.bias)
        return ops.reshape(projected, inputs.shape[:-1] + [projected.shape[-1]])

    def call(self, inputs, training=False):
        inputs = to_list(inputs)
        expected = 1 + len(self.state_sizes)
        if len(inputs) != expected:
            raise ValueError(f'{self.class_name} expects {expected} input Tensors (inputs and '
                             f'{expected - 1} state(s)), got {len(inputs)}.')
        x, *states = inputs
        self.start(x.shape[0], x.shape[1:], training)
        output, new_states = self.step(self.project(x), states)
        return [output, *new_states]

    def get_config(self):
        return {
            **super().get_config(),
            'units': self.units,
            'activation': activations.serialize(self.activation),
            **self._recurrent_activation_config(),
            'use_bias': self.use_bias,
            **weight_options(self, kernel_initializer=self.kernel_initializer,
                             recurrent_initializer=self.recurrent_initializer,
                             bias_initializer=self.bias_initializer),
            **self._bias_config(),
            **weight_options(self, kernel_regularizer=self.kernel_regularizer,
                             recurrent_regularizer=self.recurrent_regularizer,
                             bias_regularizer=self.bias_regularizer,
                             activity_regularizer=self.activity_regularizer,
                             kernel_constraint=self.kernel_constraint,
                             recurrent_constraint=self.recurrent_constraint,
                             bias_constraint=self.bias_constraint),
            'dropout': self.dropout,
            'recurrent_dropout': self.recurrent_dropout,
            **self._extra_config(),
        }

    # TF.js's getConfig keys that only some cells have, in TF.js's positions; options TF.js
    # leaves undefined (not given) are left out, as JSON.stringify drops them.
    def _recurrent_activation_config(self):
        return {}

    def _bias_config(self):
        return {}

    def _extra_config(self):
        return {}


class SimpleRNNCell(_KernelCell):
    """The cell of ``SimpleRNN``: ``output = activation(x @ kernel + bias + h @ recurrent_kernel)``.

    >>> import tfjs_lab as tf
    >>> cell = tf.layers.simple_rnn_cell({'units': 3})
    >>> [t.shape for t in cell.apply([tf.ones([2, 4]), tf.zeros([2, 3])])]
    [[2, 3], [2, 3]]
    """

    def step(self, projected, states):
        h = _mul_mask(states[0], self.recurrent_dropout_mask)
        output = self.activation(ops.add(projected, ops.mat_mul(h, self.recurrent_kernel)))
        return output, [output]


class _GatedCell(_KernelCell):
    """GRU and LSTM cells: a recurrent activation (TF.js's default: hardSigmoid) and ``implementation``
    (accepted and saved; TF.js always computes the same way)."""

    def __init__(self, *, recurrent_activation='hardSigmoid', implementation=None, **options):
        super().__init__(**options)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.implementation = implementation

    def _recurrent_activation_config(self):
        return {'recurrent_activation': activations.serialize(self.recurrent_activation)}

    def _extra_config(self):
        return {} if self.implementation is None else {'implementation': self.implementation}


class GRUCell(_GatedCell):
    """The cell of ``GRU``; kernels hold the gates z, r, h in that order (TF.js has no
    ``reset_after``: its GRU applies the reset gate before the recurrent matmul).

    >>> import tfjs_lab as tf
    >>> tf.layers.gru_cell({'units': 2}).apply([tf.ones([1, 3]), tf.zeros([1, 2])])[0].shape
    [1, 2]
    """
    gates = 3

    def __init__(self, *, reset_after=False, **options):
        if reset_after:
            raise ValueError('GRUCell does not support reset_after parameter set to true.')
        super().__init__(**options)

    def step(self, projected, states):
        units = self.units
        h = _mul_mask(states[0], self.recurrent_dropout_mask)
        x_z, x_r, x_h = ops.split(projected, 3, -1)
        inner = ops.mat_mul(h, ops.slice(self.recurrent_kernel, [0, 0], [units, 2 * units]))
        inner_z, inner_r = ops.split(inner, 2, -1)
        z = self.recurrent_activation(ops.add(x_z, inner_z))
        r = self.recurrent_activation(ops.add(x_r, inner_r))
        recurrent_h = ops.mat_mul(ops.mul(r, h), ops.slice(self.recurrent_kernel, [0, 2 * units], [units, units]))
        candidate = self.activation(ops.add(x_h, recurrent_h))
        # TF.js mixes in the previous state after recurrent dropout, so we do too.
        output = ops.add(ops.mul(z, h), ops.mul(ops.sub(1, z), candidate))
        return output, [output]

    def _extra_config(self):
        return {**super()._extra_config(), 'reset_after': False}


class LSTMCell(_GatedCell):
    """The cell of ``LSTM``; kernels hold the gates i, f, c, o in that order; states [h, c].

    >>> import tfjs_lab as tf
    >>> cell = tf.layers.lstm_cell({'units': 2})
    >>> [t.shape for t in cell.apply([tf.ones([1, 3]), tf.zeros([1, 2]), tf.zeros([1, 2])])]
    [[1, 2], [1, 2], [1, 2]]
    """
    gates = 4

    def __init__(self, *, unit_forget_bias=None, **options):
        super().__init__(**options)
        self.unit_forget_bias = unit_forget_bias
        self.state_size = [self.units, self.units]

    def build(self, input_shape):
        super().build(input_shape)
        if self.use_bias and self.unit_forget_bias:
            self.bias._data[self.units:2 * self.units] = 1  # TF.js: the forget gate's bias starts at 1

    def recurrent_term(self, h):
        """The recurrent kernel's contribution to the gates' pre-activations."""
        return ops.mat_mul(_mul_mask(h, self.recurrent_dropout_mask), self.recurrent_kernel)

    def step(self, projected, states):
        z = ops.add(projected, self.recurrent_term(states[0]))
        z_i, z_f, z_c, z_o = ops.split(z, 4, -1)
        i = self.recurrent_activation(z_i)
        f = self.recurrent_activation(z_f)
        c = ops.add(ops.mul(f, states[1]), ops.mul(i, self.activation(z_c)))
        output = ops.mul(self.recurrent_activation(z_o), self.activation(c))
        return output, [output, c]

    def run(self, inputs, states, mask):
        names = [getattr(a, 'name', None) for a in (self.activation, self.recurrent_activation)]
        if not all(isinstance(a, activations.Activation) and n in FUSED_ACTIVATIONS
                   for a, n in zip((self.activation, self.recurrent_activation), names)):
            return super().run(inputs, states, mask)
        steps, batch = inputs.shape[:2]
        step_mask = mask if mask is not None else Tensor(np.ones((steps, batch, 1), np.float32))
        recurrent_mask = self.recurrent_dropout_mask
        if recurrent_mask is None:
            recurrent_mask = Tensor(np.ones((1, self.units), np.float32))
        both = lstm_sequence(inputs, self.recurrent_kernel, states[0], states[1], step_mask, recurrent_mask,
                             *names)
        outputs = ops.slice(both, [0, 0, 0], [steps, batch, self.units])
        last_c = ops.reshape(ops.slice(both, [steps - 1, 0, self.units], [1, batch, self.units]), [batch, self.units])
        last_h = ops.reshape(ops.slice(outputs, [steps - 1, 0, 0], [1, batch, self.units]), [batch, self.units])
        return outputs, [last_h, last_c]

    def _bias_config(self):
        return {} if self.unit_forget_bias is None else {'unit_forget_bias': self.unit_forget_bias}


class StackedRNNCells(RNNCell):
    """Cells applied one after another at each timestep (``tf.layers.rnn({cell: [a, b]})``).
    States are a flat list in reverse cell order (``[h2, c2, h1, c1]``), as in TF.js."""

    def __init__(self, *, cells, **base):
        super().__init__(**base)
        self.cells = [REGISTRY.get(c) if isinstance(c, dict) else c for c in cells]
        if not self.cells or not all(isinstance(c, Layer) for c in self.cells):
            raise ValueError(f'StackedRNNCells expects a non-empty list of cells; received {cells!r}')

    @property
    def state_size(self):
        return [size for cell in reversed(self.cells) for size in cell.state_sizes]

    def build(self, input_shape):
        if is_shape_list(input_shape):
            input_shape = input_shape[0]
        for index, cell in enumerate(self.cells):
            build_in_scope(cell, f'{self.name}/RNNCell_{index}', input_shape)
            input_shape = [input_shape[0], cell.state_sizes[0]]
        self._weights = [w for cell in self.cells for w in cell._weights]
        self._regularized = [r for cell in self.cells for r in cell._regularized]

    def start(self, batch_size, input_shape, training=False):
        for cell in self.cells:
            cell.start(batch_size, input_shape, training)
            input_shape = [cell.state_sizes[0]]

    def _nested(self, states):
        """Per-cell state lists (in cell order) from the flat reversed list."""
        nested, states = [], list(states)
        for cell in reversed(self.cells):
            nested.append(states[:len(cell.state_sizes)])
            states = states[len(cell.state_sizes):]
        return nested[::-1]

    def step(self, projected, states):
        x, new_nested = projected, []
        for cell, cell_states in zip(self.cells, self._nested(states)):
            x, cell_new = cell.step(cell.project(x), cell_states)
            new_nested.append(cell_new)
        return x, [s for cell_states in reversed(new_nested) for s in cell_states]

    def call(self, inputs, training=False):
        x, *states = to_list(inputs)
        self.start(x.shape[0], x.shape[1:], training)
        output, new_states = self.step(x, states)
        return [output, *new_states]

    def get_config(self):
        return {**super().get_config(), 'cells': [REGISTRY.serialize(c) for c in self.cells]}

    @classmethod
    def from_config(cls, config):
        base = {k: v for k, v in config.items() if k != 'cells'}
        return cls(cells=[REGISTRY.deserialize(c) for c in config['cells']], **base)


class RNN(Layer):
    """A recurrent layer over any cell (or list of cells), as ``tf.layers.rnn``.

    ``call(inputs, initial_state=[...])`` starts from given states; masked timesteps keep the
    previous output and states.

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.rnn({'cell': tf.layers.simple_rnn_cell({'units': 2}), 'returnSequences': True})
    >>> layer.apply(tf.ones([1, 5, 3])).shape
    [1, 5, 2]
    """
    supports_masking = True
    input_ndim = 3
    cell_class = None  # set by the layers that make their own cell (SimpleRNN, GRU, LSTM)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.cell_class is not None and '__init__' not in vars(cls):
            cls.__init__ = _cell_layer_init(cls)

    def __init__(self, *, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, input_dim=None, input_length=None, **base):
        if input_dim is not None and base.get('batch_input_shape') is None and base.get('input_shape') is None:
            base['input_shape'] = [input_length, input_dim]
        super().__init__(**base)
        if cell is None:
            raise ValueError('cell property is missing for the constructor of RNN.')
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cells=cell)
        elif isinstance(cell, dict):
            cell = REGISTRY.deserialize(cell)
        if getattr(cell, 'state_size', None) is None:
            raise ValueError('The RNN cell should have an attribute `stateSize` (tuple of integers, '
                             'one integer per RNN state).')
        self.cell = cell
        self.return_sequences = bool(return_sequences)
        self.return_state = bool(return_state)
        self.go_backwards = bool(go_backwards)
        self._stateful = bool(stateful)
        self.unroll = bool(unroll)  # accepted for portability; an eager loop has nothing to unroll
        self.input_spec = InputSpec(ndim=self.input_ndim)
        self.states = None
        self._built_input_shape = None

    @staticmethod
    def check_options(options):
        """Reject options a layer that makes its own cell cannot take (before the cell is made)."""

    # --- weights live in the cell ---------------------------------------------------------
    def build(self, input_shape):
        if is_shape_list(input_shape):
            input_shape = input_shape[0]
        step_shape = [input_shape[0], *input_shape[2:]]
        build_in_scope(self.cell, self.name, step_shape)
        self._weights = self.cell._weights
        self._regularized = self.cell._regularized
        self.input_spec = InputSpec(ndim=self.input_ndim, axes={i: d for i, d in enumerate(input_shape)
                                                                if i >= 2 and d is not None})
        self._built_input_shape = list(input_shape)
        if self.stateful:
            self.reset_states()

    def check_input_shape(self, input_shape):
        super().check_input_shape(input_shape[0] if is_shape_list(input_shape) else input_shape)

    def state_shapes(self, input_shape):
        """The shape of each state for inputs of ``input_shape``."""
        return [[input_shape[0], size] for size in self.cell.state_sizes]

    def compute_output_shape(self, input_shape):
        if is_shape_list(input_shape):
            input_shape = input_shape[0]
        output_dim = self.cell.state_sizes[0]
        output = [input_shape[0], input_shape[1], output_dim] if self.return_sequences else [input_shape[0], output_dim]
        if self.return_state:
            return [output] + self.state_shapes(input_shape)
        return output

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(self.cell.state_sizes)
        return output_mask

    # --- states ---------------------------------------------------------------------------
    @property
    def stateful(self):
        return self._stateful

    def reset_states(self, states=None):
        """Set a stateful layer's states to zeros, or to ``states`` (one tensor per state)."""
        if not self.stateful:
            raise AttributeError('Cannot call resetStates() on an RNN Layer that is not stateful.')
        if self._built_input_shape is None or self._built_input_shape[0] is None:
            raise ValueError('If an RNN is stateful, it needs to know its batch size. Specify the batch size '
                             'of your input tensors: \n- If using a Sequential model, specify the batch size by '
                             'passing a `batchInputShape` option to your first layer.\n- If using the '
                             'functional API, specify the batch size by passing a `batchShape` option to '
                             'your Input layer.')
        shapes = self.state_shapes(self._built_input_shape)
        if states is None:
            self.states = [ops.zeros(shape) for shape in shapes]
            return
        states = to_list(states)
        if len(states) != len(shapes):
            raise ValueError(f'Layer {self.name} expects {len(shapes)} state(s), but it received '
                             f'{len(states)} state value(s).')
        for index, (value, shape) in enumerate(zip(states, shapes)):
            if list(value.shape) != shape:
                raise ValueError(f'State {index} is incompatible with layer {self.name}: expected shape='
                                 f'{shape_str(shape)}, received shape={shape_str(value.shape)}')
        self.states = [Tensor(np.array(ops.as_tensor(s)._data)) for s in states]

    def initial_states(self, inputs):
        return [ops.zeros(shape) for shape in self.state_shapes(inputs.shape)]

    # --- calling --------------------------------------------------------------------------
    def apply(self, inputs, kwargs=None, **options):
        """As ``Layer.apply``; ``initial_state`` may also come as extra inputs ``[x, *states]``
        (how a saved functional model passes it), as in TF.js."""
        options = {**(kwargs or {}), **options}
        initial_state = options.pop('initial_state', options.pop('initialState', None))
        if initial_state is not None:
            if isinstance(inputs, (list, tuple)):
                raise ValueError('When inputs is an array, neither initialState or constants should be provided')
            inputs = [inputs, *to_list(initial_state)]
        return super().apply(inputs, options)

    def call(self, inputs, training=False, mask=None, initial_state=None):
        if isinstance(inputs, (list, tuple)):
            inputs, *given = inputs
            initial_state = initial_state if not given else given
        if initial_state is None:
            initial_state = self.states if self.stateful else self.initial_states(inputs)
        initial_state = [ops.as_tensor(s) for s in to_list(initial_state)]
        expected = len(self.cell.state_sizes)
        if len(initial_state) != expected:
            raise ValueError(f'RNN Layer has {expected} state(s) but was passed {len(initial_state)} initial state(s).')
        for index, (state, shape) in enumerate(zip(initial_state, self.state_shapes(inputs.shape))):
            if state.shape != shape:
                raise ValueError(f'Initial state {index} of layer {self.name} has shape {shape_str(state.shape)}; '
                                 f'expected {shape_str(shape)}')
        time_major = ops.transpose(inputs, [1, 0, *range(2, inputs.rank)])
        step_mask = None
        if mask is not None:
            step_mask = ops.expand_dims(ops.transpose(ops.cast(ops.cast(mask, 'bool'), 'float32'), [1, 0]), -1)
        if self.go_backwards:
            time_major = ops.reverse(time_major, 0)
            step_mask = None if step_mask is None else ops.reverse(step_mask, 0)
        self.cell.start(inputs.shape[0], inputs.shape[2:], training)
        outputs, states = self.cell.run(self.cell.project(time_major), initial_state, step_mask)
        if self.stateful:
            self.states = [Tensor(np.array(s._data)) for s in states]
        if self.return_sequences:
            output = (ops.transpose(outputs, [1, 0, 2]) if isinstance(outputs, Tensor)
                      else ops.stack(outputs, 1))
        else:
            output = states[0] if isinstance(outputs, Tensor) else outputs[-1]
        return [output, *states] if self.return_state else output

    # --- serialization --------------------------------------------------------------------
    def get_config(self):
        config = {'return_sequences': self.return_sequences, 'return_state': self.return_state,
                  'go_backwards': self.go_backwards, 'stateful': self.stateful, 'unroll': self.unroll}
        merged = {**self.cell.get_config(), **super().get_config(), **config}
        if self.cell_class is None:
            merged['cell'] = REGISTRY.serialize(self.cell)
        return merged

    @classmethod
    def from_config(cls, config):
        from .._naming import to_snake
        config = {to_snake(k): v for k, v in config.items()}
        allowed = cls.__init__.allowed_options
        return cls(**{k: v for k, v in config.items() if k in allowed})


def _cell_layer_init(cls):
    """``__init__`` for a layer that makes its own cell: the cell takes the cell options (and,
    as in TF.js, the base options such as ``name``), the layer the rest."""
    layer_options = set(RNN.__init__.allowed_options) - {'cell'} - set(BASE_OPTIONS)

    def __init__(self, **options):
        cls.check_options(options)
        own = {k: options.pop(k) for k in list(options) if k in layer_options}
        base = {k: v for k, v in options.items() if k in BASE_OPTIONS}
        super(cls, self).__init__(cell=cls.cell_class(**options), **own, **base)

    __init__.__qualname__ = f'{cls.__name__}.__init__'
    __init__.__doc__ = f'Options: those of {cls.cell_class.__name__} and of RNN.'
    return takes_options(__init__, extra=tuple(layer_options) + tuple(cls.cell_class.__init__.allowed_options))


class SimpleRNN(RNN):
    """A fully connected RNN: ``tf.layers.simpleRNN({units, ...})``.

    >>> import tfjs_lab as tf
    >>> tf.layers.simple_rnn({'units': 4}).apply(tf.ones([2, 3, 5])).shape
    [2, 4]
    """
    cell_class = SimpleRNNCell


class GRU(RNN):
    """Gated recurrent unit layer: ``tf.layers.gru({units, ...})``.

    >>> import tfjs_lab as tf
    >>> tf.layers.gru({'units': 4, 'returnSequences': True}).apply(tf.ones([2, 3, 5])).shape
    [2, 3, 4]
    """
    cell_class = GRUCell


class LSTM(RNN):
    """Long short-term memory layer: ``tf.layers.lstm({units, ...})``.

    >>> import tfjs_lab as tf
    >>> [t.shape for t in tf.layers.lstm({'units': 4, 'returnState': True}).apply(tf.ones([2, 3, 5]))]
    [[2, 4], [2, 4], [2, 4]]
    """
    cell_class = LSTMCell


# The shared bases are not layers of their own: no factory or deserialization by their names.
for _base in (_KernelCell, _GatedCell):
    del REGISTRY.classes[_base.class_name]
