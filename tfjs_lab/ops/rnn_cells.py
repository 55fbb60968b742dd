"""TF.js's step-by-step recurrent ops (``basicLSTMCell``, ``multiRNNCell``) and
``movingAverage``: compositions of ops, as in tfjs-core, so their gradients come from the ops.
(The LSTM *layer* runs its whole recurrence as one primitive, ops/rnn.py.)"""
from ._convert import as_tensor

__all__ = ['basic_lstm_cell', 'multi_rnn_cell', 'moving_average']
NOT_TENSOR_METHODS = __all__


def basic_lstm_cell(forget_bias, lstm_kernel, lstm_bias, data, c, h):
    """One LSTM step: returns ``[new_c, new_h]``. ``lstm_kernel`` is ``[data + units, 4 * units]``
    with gates in TF.js's order i (input), j (new input), f (forget), o (output); ``forget_bias``
    (a scalar) is added to f.

    >>> import tfjs_lab as tf
    >>> c, h = tf.basic_lstm_cell(1, tf.zeros([3, 8]), tf.zeros([8]), tf.ones([1, 1]), tf.ones([1, 2]), tf.ones([1, 2]))
    >>> c.print()
    Tensor
         [[0.7310586, 0.7310586],]
    """
    from .arithmetic import add, mul
    from .linalg import mat_mul
    from .shape import concat, slice
    from .unary import sigmoid, tanh
    forget_bias, lstm_kernel, lstm_bias, data, c, h = (
        as_tensor(value, name) for value, name in zip((forget_bias, lstm_kernel, lstm_bias, data, c, h),
                                                       ('forgetBias', 'lstmKernel', 'lstmBias', 'data', 'c', 'h')))
    combined = concat([data, h], 1)  # shape errors come from concat and matMul, as in TF.js
    res = add(mat_mul(combined, lstm_kernel), lstm_bias)
    batch, units = res.shape[0], res.shape[1] // 4
    i, j, f, o = (slice(res, [0, k * units], [batch, units]) for k in range(4))
    new_c = add(mul(sigmoid(i), tanh(j)), mul(c, sigmoid(add(forget_bias, f))))
    new_h = mul(tanh(new_c), sigmoid(o))
    return [new_c, new_h]


def multi_rnn_cell(lstm_cells, data, c, h):
    """One step of stacked cells: ``lstm_cells[k](input, c[k], h[k])`` returns ``[c, h]`` and its h
    is the next cell's input. Returns ``[new_cs, new_hs]``, one state per cell.

    >>> import tfjs_lab as tf
    >>> from functools import partial
    >>> cell = partial(tf.basic_lstm_cell, 1, tf.zeros([4, 8]), tf.zeros([8]))  # data and h: 2 values each
    >>> cs, hs = tf.multi_rnn_cell([cell, cell], tf.ones([1, 2]), [tf.ones([1, 2])] * 2, [tf.ones([1, 2])] * 2)
    >>> len(cs), hs[1].shape
    (2, [1, 2])
    """
    data = as_tensor(data, 'data')
    if not isinstance(c, (list, tuple)) or not isinstance(h, (list, tuple)):
        raise TypeError(f'multiRNNCell: c and h must be lists of tensors, one per cell; received '
                        f'{type(c).__name__} and {type(h).__name__}')
    if not len(c) == len(h) == len(lstm_cells):
        raise ValueError(f'multiRNNCell: expected one c and one h per cell ({len(lstm_cells)} cells); received '
                         f'{len(c)} c and {len(h)} h')
    new_c, new_h = [], []
    inputs = data
    for cell, c_k, h_k in zip(lstm_cells, c, h):
        state_c, state_h = cell(inputs, as_tensor(c_k, 'c'), as_tensor(h_k, 'h'))
        new_c.append(state_c)
        new_h.append(state_h)
        inputs = state_h
    return [new_c, new_h]


def moving_average(v, x, decay, step=None, zero_debias=True):
    """The exponential moving average update ``v + (x - v) * (1 - decay)``; with ``zero_debias``
    (the default) the update is divided by ``1 - decay ** step``, which needs ``step``.

    >>> import tfjs_lab as tf
    >>> tf.moving_average(tf.tensor1d([0, 0]), tf.tensor1d([1, 2]), 0.5, 1).print()
    Tensor
        [1, 2]
    """
    from .arithmetic import add, div, mul, pow, sub
    from .creation import scalar
    v, x = as_tensor(v, 'v'), as_tensor(x, 'x')
    if v.dtype != x.dtype:
        raise TypeError(f'The dtypes of the first({v.dtype}) and second({x.dtype}) input must match')
    if v.shape != x.shape:
        raise ValueError(f'Shape mismatch in v and x: {v.shape} and {x.shape}')
    decay = as_tensor(decay, 'decay')
    one = scalar(1)
    update = mul(sub(x, v), sub(one, decay))
    if zero_debias:
        if step is None:
            raise ValueError('When using zeroDebias: true, step is required.')
        update = div(update, sub(one, pow(decay, as_tensor(step, 'step'))))
    return add(v, update)
