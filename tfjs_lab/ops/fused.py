"""Fused primitives for the training hot path: one tape node where the op-by-op graph records
three to ten, with the same float32 values as the ops they stand for.

- ``dense``: ``activation(x @ kernel + bias)`` (TF.js's ``tf.fused.matMul`` for a Dense layer),
  the bias and activation applied in place on the product.
- ``conv``: a convolution layer's convolution, bias and activation (TF.js's ``tf.fused.conv2d``),
  the ``_conv`` primitive of ops/nn.py with its bias and activation options.
- ``binary_crossentropy`` / ``categorical_crossentropy``: tfjs-layers' per-sample losses on
  probabilities, computed with the very NumPy operations (and order) of the op-by-op version,
  so the loss values are bit for bit those TF.js's clip-then-logit formulas give here; only
  the gradients are written in closed form.
"""
import numpy as np

from ..core.tape import Primitive


_HALF, _ONE = np.float32(0.5), np.float32(1)  # made once: a NumPy scalar costs a call's worth


def _sigmoid_in_place(z):
    # the same operations as unary._sigmoid: 0.5 * (tanh(0.5 z) + 1)
    z *= _HALF
    np.tanh(z, out=z)
    z += _ONE
    z *= _HALF
    return z


def _softmax_in_place(z):
    # the same operations as unary._softmax over the last axis
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z


# activation name -> (forward in place on the pre-activation, gradient from g and the output),
# each equal to the op the Dense layer would otherwise call (ops.relu, ops.sigmoid, ...)
ACTIVATIONS = {
    'linear': (lambda z: z, lambda g, out: g),
    'relu': (lambda z: np.maximum(z, 0, out=z), lambda g, out: g * (out > 0)),
    'sigmoid': (_sigmoid_in_place, lambda g, out: g * out * (1 - out)),
    'tanh': (lambda z: np.tanh(z, out=z), lambda g, out: g * (1 - out * out)),
    'softmax': (_softmax_in_place, lambda g, out: out * (g - (g * out).sum(axis=-1, keepdims=True))),
}


def dense_arrays(x, kernel, bias, activation):
    """``activation(x @ kernel + bias)`` on ndarrays (``bias`` may be None): the dense forward."""
    z = x.dot(kernel)  # (ndarray.dot: a third of matmul's call overhead on one-sample inputs)
    if bias is not None:
        z += bias
    return ACTIVATIONS[activation][0](z)


@Primitive
def _dense(x, kernel, *bias, activation):
    """``activation(x @ kernel [+ bias])`` for a 2-D ``x``."""
    return dense_arrays(x, kernel, bias[0] if bias else None, activation)


@_dense.defgrad(takes_needs=True)
def _(g, out, x, kernel, *bias, activation, needs):
    dz = ACTIVATIONS[activation][1](g, out)
    grads = (dz.dot(kernel.T) if needs[0] else None, x.T.dot(dz))  # a first layer's input needs none
    return grads + (dz.sum(axis=0),) if bias else grads


def dense(x, kernel, bias=None, activation='linear'):
    """``activation(x @ kernel + bias)`` as one primitive, for a 2-D ``x`` and an activation
    named in ``ACTIVATIONS``.

    >>> import tfjs_lab as tf
    >>> from tfjs_lab.ops import fused
    >>> fused.dense(tf.tensor2d([[1, -2]]), tf.tensor2d([[1], [1]]), tf.tensor1d([0.5]), 'relu').print()
    Tensor
         [[0],]
    """
    return _dense(x, kernel, activation=activation) if bias is None else _dense(x, kernel, bias, activation=activation)


# --- cross-entropies on probabilities, reduced over the last axis ----------------------------------
def _clip(x, low, high):
    # np.clip's values, by the ufuncs themselves (np.clip's Python wrapper costs 4x per call)
    return np.minimum(np.maximum(x, low), high)


def _mean_of_last_axis(x):
    # np.mean's value; one value is its own mean, without np.mean's Python wrapper
    return x.reshape(x.shape[:-1]) if x.shape[-1] == 1 else np.mean(x, axis=-1, dtype=x.dtype)


@Primitive
def _binary_crossentropy(y_true, y_pred, *, low, high):
    # tfjs-layers: clip to [eps, 1 - eps], logits = log(p / (1 - p)), then the stable
    # max(l, 0) - l * y + log1p(exp(-|l|)), each step as the op-by-op version computes it
    clipped = _clip(y_pred, low, high)
    logits = np.log(clipped / (1 - clipped))
    per_value = (np.maximum(logits, 0) - logits * y_true) + np.log1p(np.exp(-np.abs(logits)))
    return _mean_of_last_axis(per_value)


@_binary_crossentropy.defgrad(takes_needs=True)
def _(g, out, y_true, y_pred, *, low, high, needs):
    clipped = _clip(y_pred, low, high)
    g = g[..., None]
    if y_pred.shape[-1] != 1:
        g = g / y_pred.dtype.type(y_pred.shape[-1])
    # d/dlogits = sigmoid(logits) - y = clipped - y; dlogits/dclipped = 1 / (clipped (1 - clipped));
    # the clip passes the gradient on the closed interval (where it changes nothing), as TF.js's
    # clipByValue
    d_pred = g * (clipped - y_true) / (clipped * (1 - clipped)) * (clipped == y_pred)
    return (-g * np.log(clipped / (1 - clipped)) if needs[0] else None), d_pred


@Primitive
def _categorical_crossentropy(y_true, y_pred, *, low, high):
    # tfjs-layers: normalize to sum 1, clip to [eps, 1 - eps], -sum(y * log(p))
    total = np.sum(y_pred, axis=-1, keepdims=True, dtype=y_pred.dtype)
    clipped = _clip(y_pred / total, low, high)
    return -np.sum(y_true * np.log(clipped), axis=-1, dtype=y_pred.dtype)


@_categorical_crossentropy.defgrad(takes_needs=True)
def _(g, out, y_true, y_pred, *, low, high, needs):
    total = np.sum(y_pred, axis=-1, keepdims=True, dtype=y_pred.dtype)
    normalized = y_pred / total
    clipped = _clip(normalized, low, high)
    g = g[..., None]
    d_normalized = -g * y_true / clipped * (clipped == normalized)
    # through p / sum(p): d/dp_j = d_j / s - sum_i(d_i p_i) / s^2
    d_pred = (d_normalized - (d_normalized * normalized).sum(axis=-1, keepdims=True)) / total
    return (-g * np.log(clipped) if needs[0] else None), d_pred


def clip_bounds(epsilon):
    """The cross-entropies' clip attrs: [epsilon, 1 - epsilon] as clip_by_value rounds them for
    float32 tensors."""
    return {'low': np.float32(epsilon), 'high': np.float32(1 - epsilon)}


def binary_crossentropy(y_true, y_pred, epsilon):
    """Per-sample binary cross-entropy of float32 probabilities ``y_pred`` against float32
    ``y_true`` of the same shape, probabilities clipped to [epsilon, 1 - epsilon]."""
    return _binary_crossentropy(y_true, y_pred, **clip_bounds(epsilon))


def categorical_crossentropy(y_true, y_pred, epsilon):
    """Per-sample categorical cross-entropy of float32 probabilities against float32 one-hot
    ``y_true`` of the same shape, normalized probabilities clipped to [epsilon, 1 - epsilon]."""
    return _categorical_crossentropy(y_true, y_pred, **clip_bounds(epsilon))


def conv(x, kernel, bias, activation, strides, pad, dilations):
    """``activation(conv(x, kernel) + bias)`` as one primitive for a channels-last ``x`` of
    rank 3 to 5 (conv1d to conv3d); ``bias`` may be None.

    >>> import tfjs_lab as tf
    >>> from tfjs_lab.ops import fused
    >>> fused.conv(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), tf.tensor1d([-5]), 'relu', 1, 'valid', 1).shape
    [1, 2, 2, 1]
    """
    from .nn import _conv_nd
    n = kernel.rank - 2
    return _conv_nd(x, kernel, strides, pad, dilations, None, 'channelsLast', n, f'conv{n}d', bias, activation)
