"""Element-wise functions of one tensor and the activations built from them."""
import numpy as np

from ..core.tape import Primitive
from ._convert import as_tensor

__all__ = ['neg', 'abs', 'square', 'sqrt', 'exp', 'log', 'log1p', 'tanh', 'sigmoid', 'relu', 'elu',
           'softplus', 'clip_by_value', 'softmax', 'log_softmax', 'sign', 'round', 'floor', 'ceil']


def _floats(x):
    from .shape import cast
    x = as_tensor(x)
    return x if x.dtype == 'float32' else cast(x, 'float32')


def _unary(forward, backward=None, floats=True):
    """One primitive and its public op: ``forward(x)`` and ``backward(g, out, x)``."""
    prim = Primitive(forward)
    if backward is not None:
        prim.defgrad(backward)
    convert = _floats if floats else as_tensor

    def op(x):
        return prim(convert(x))
    op.__name__ = op.__qualname__ = forward.__name__
    op.__doc__ = forward.__doc__
    return op


def _neg(x):
    """-x, element-wise."""
    return -x


def _abs(x):
    """|x|, element-wise."""
    return np.abs(x)


def _square(x):
    """x^2, element-wise."""
    return x * x


def _sqrt(x):
    """√x, element-wise."""
    return np.sqrt(x)


def _exp(x):
    """e^x, element-wise."""
    return np.exp(x)


def _log(x):
    """Natural logarithm, element-wise."""
    return np.log(x)


def _log1p(x):
    """log(1 + x), element-wise."""
    return np.log1p(x)


def _tanh(x):
    """Hyperbolic tangent, element-wise."""
    return np.tanh(x)


def _sigmoid(x):
    """1 / (1 + e^-x), element-wise (computed via tanh, which cannot overflow)."""
    return np.float32(0.5) * (np.tanh(np.float32(0.5) * x) + np.float32(1))


def _relu(x):
    """max(x, 0), element-wise."""
    return np.maximum(x, 0)


def _elu(x):
    """x if x > 0 else e^x - 1."""
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))


def _softplus(x):
    """log(1 + e^x), element-wise, stable for large |x|."""
    return np.logaddexp(x, np.float32(0)).astype(x.dtype, copy=False)


def _sign(x):
    return np.sign(x)


def _round(x):
    """Round half to even, as TF.js does."""
    return np.round(x)


def _floor(x):
    return np.floor(x)


def _ceil(x):
    return np.ceil(x)


neg = _unary(_neg, lambda g, out, x: -g, floats=False)
abs = _unary(_abs, lambda g, out, x: g * np.sign(x), floats=False)
square = _unary(_square, lambda g, out, x: 2 * g * x, floats=False)
sqrt = _unary(_sqrt, lambda g, out, x: g / (2 * out))
exp = _unary(_exp, lambda g, out, x: g * out)
log = _unary(_log, lambda g, out, x: g / x)
log1p = _unary(_log1p, lambda g, out, x: g / (1 + x))
tanh = _unary(_tanh, lambda g, out, x: g * (1 - out * out))
sigmoid = _unary(_sigmoid, lambda g, out, x: g * out * (1 - out))
relu = _unary(_relu, lambda g, out, x: g * (x > 0), floats=False)
elu = _unary(_elu, lambda g, out, x: np.where(x > 0, g, g * (out + 1)))
softplus = _unary(_softplus, lambda g, out, x: g * _sigmoid(x))
sign = _unary(_sign, lambda g, out, x: np.zeros_like(g), floats=False)
round = _unary(_round, lambda g, out, x: np.zeros_like(g))
floor = _unary(_floor, lambda g, out, x: np.zeros_like(g))
ceil = _unary(_ceil, lambda g, out, x: np.zeros_like(g))


@Primitive
def _clip(x, *, low, high):
    return np.clip(x, low, high)


@_clip.defgrad
def _(g, out, x, *, low, high):
    return g * ((x >= low) & (x <= high))


def clip_by_value(x, clip_value_min, clip_value_max):
    """Clip values to [min, max].

    >>> import tfjs_lab as tf
    >>> tf.clip_by_value(tf.tensor1d([-2, 0.5, 3]), 0, 1).print()
    Tensor
        [0, 0.5, 1]
    """
    if clip_value_min > clip_value_max:
        raise ValueError(f'clipByValue: min ({clip_value_min}) must be <= max ({clip_value_max})')
    x = as_tensor(x)
    dt = x._data.dtype.type
    return _clip(x, low=dt(clip_value_min), high=dt(clip_value_max))


@Primitive
def _softmax(x, *, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


@_softmax.defgrad
def _(g, out, x, *, axis):
    return out * (g - (g * out).sum(axis=axis, keepdims=True))


@Primitive
def _log_softmax(x, *, axis):
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


@_log_softmax.defgrad
def _(g, out, x, *, axis):
    return g - np.exp(out) * g.sum(axis=axis, keepdims=True)


def softmax(logits, dim=-1):
    """Softmax along ``dim`` (the last axis by default)."""
    return _softmax(_floats(logits), axis=dim)


def log_softmax(logits, axis=-1):
    """log(softmax(logits)), computed stably."""
    return _log_softmax(_floats(logits), axis=axis)
