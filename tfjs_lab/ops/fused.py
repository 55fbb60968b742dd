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
import math

import numpy as np

from ..core.tape import Primitive


# 0-d arrays: a ufunc takes them by its fast path, where a NumPy scalar is converted at every call
ZERO, HALF, ONE = (np.array(value, np.float32) for value in (0, 0.5, 1))

# Rows NumPy's broadcast loops handle at full speed: a loop restarts every row, so a bias or
# zeros row shorter than this (a conv layer's 16 channels) is repeated to about this width.
_WIDE_ROW = 1024


def _out(z):
    """``out=`` for overwriting ``z``: z itself, or None (a new array) when z has one element,
    which NumPy copies before overwriting (its overlap check cannot clear a one-element loop):
    3x the cost, all of a one-sample prediction's last layer."""
    return z if z.size > 1 else None


def add_bias(z, bias):
    """``z + bias`` along the last axis, written over ``z`` where it can (see ``_out``); returns
    the sum."""
    if z.size <= _WIDE_ROW:  # the call dominates: a 2-D bias lines a one-row z up for the fast path
        return np.add(z, bias.reshape(1, -1), out=_out(z))
    # the same element pairs as rows of about _WIDE_ROW values, the bias repeated to match
    repeats = math.gcd(z.size // bias.size, max(1, _WIDE_ROW // bias.size))
    wide = z.reshape(-1, bias.size * repeats)
    np.add(wide, np.tile(bias, repeats) if repeats > 1 else bias, out=wide)
    return wide.reshape(z.shape)  # (z itself; a copy's sum if z was not contiguous)


_zeros = {}  # dtype -> the largest zeros array handed out yet, read-only


def _zero_like(z):
    """0 to compare ``z`` with: for a large ``z`` a read-only zeros array of its shape (a view of
    one cached buffer), since ``np.maximum`` runs 4x faster against an array than against a
    scalar; for a small one the 0-d scalar, as the call costs more than the loop there."""
    if z.size <= _WIDE_ROW:
        return ZERO
    buffer = _zeros.get(z.dtype)
    if buffer is None or buffer.size < z.size:
        buffer = _zeros[z.dtype] = np.zeros(z.size, z.dtype)
        buffer.flags.writeable = False
    return buffer[:z.size].reshape(z.shape)


def _relu_in_place(z):
    return np.maximum(z, _zero_like(z), out=_out(z))


def _sigmoid_in_place(z):
    # the same operations as unary._sigmoid: 0.5 * (tanh(0.5 z) + 1); each step reads one
    # buffer and writes the other, so no step is a slow one-element in-place loop (see _out)
    half = np.multiply(z, HALF)
    np.tanh(half, out=z)
    np.add(z, ONE, out=half)
    return np.multiply(half, HALF, out=z)


def _softmax_in_place(z):
    # the same operations as unary._softmax over the last axis
    z -= z.max(axis=-1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z


# activation name -> (forward in place on the pre-activation, returning the result, gradient
# from g and the output), each equal to the op the Dense layer would otherwise call (ops.relu,
# ops.sigmoid, ...)
ACTIVATIONS = {
    'linear': (lambda z: z, lambda g, out: g),
    'relu': (_relu_in_place, lambda g, out: g * (out > ZERO)),
    'sigmoid': (_sigmoid_in_place, lambda g, out: g * out * (ONE - out)),
    'tanh': (lambda z: np.tanh(z, out=_out(z)), lambda g, out: g * (ONE - out * out)),
    'softmax': (_softmax_in_place, lambda g, out: out * (g - (g * out).sum(axis=-1, keepdims=True))),
}


def dense_arrays(x, kernel, bias, activation):
    """``activation(x @ kernel + bias)`` on ndarrays (``bias`` may be None): the dense forward."""
    z = x.dot(kernel)  # (ndarray.dot: a third of matmul's call overhead on one-sample inputs)
    if bias is not None:
        z = add_bias(z, bias)
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
