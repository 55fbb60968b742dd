"""Element-wise functions of one tensor and the activations built from them."""
import math

import numpy as np

from ..core.tape import Primitive
from ._convert import as_tensor, float_tensor as _floats

__all__ = ['neg', 'abs', 'square', 'sqrt', 'rsqrt', 'reciprocal', 'exp', 'expm1', 'log', 'log1p',
           'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
           'erf', 'sigmoid', 'log_sigmoid', 'relu', 'relu6', 'elu', 'selu', 'leaky_relu', 'step',
           'softplus', 'clip_by_value', 'softmax', 'log_softmax', 'sign', 'round', 'floor', 'ceil']


def _unary(forward, backward=None, floats=True, name=None):
    """One primitive and its public op: ``forward(x)`` and ``backward(g, out, x)``. ``name``
    is the op's name when ``forward`` is a NumPy function (``np.arcsin`` makes ``asin``)."""
    name = name or forward.__name__.lstrip('_')
    prim = Primitive(forward, name='_' + name)
    if backward is not None:
        prim.defgrad(backward)
    convert = _floats if floats else as_tensor

    def op(x):
        return prim(convert(x))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f'Element-wise {name}.' if isinstance(forward, np.ufunc) else forward.__doc__
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


def _zero_grad(g, out, x):
    return np.zeros_like(g)


# TF.js's Abs gradient is dy * step(x, -1): at 0 it is -1, not 0.
neg = _unary(_neg, lambda g, out, x: -g, floats=False)
abs = _unary(_abs, lambda g, out, x: np.where(x > 0, g, -g), floats=False)
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
sign = _unary(_sign, _zero_grad, floats=False)
round = _unary(_round, _zero_grad)
floor = _unary(_floor, _zero_grad)
ceil = _unary(_ceil, _zero_grad)

_ERF = np.frompyfunc(math.erf, 1, 1)
_SELU_ALPHA, _SELU_SCALE = np.float32(1.6732632423543772), np.float32(1.0507009873554805)


def _rsqrt(x):
    """1 / √x, element-wise."""
    return np.float32(1) / np.sqrt(x)


def _reciprocal(x):
    """1 / x, element-wise."""
    return np.float32(1) / x


def _expm1(x):
    """e^x - 1, element-wise, accurate near 0."""
    return np.expm1(x)


def _erf(x):
    """The Gauss error function, element-wise."""
    return _ERF(x).astype(x.dtype)


def _relu6(x):
    """min(max(x, 0), 6), element-wise."""
    return np.clip(x, 0, 6)


def _selu(x):
    """Scaled ELU with the self-normalizing constants."""
    return np.where(x > 0, _SELU_SCALE * x, _SELU_SCALE * _SELU_ALPHA * np.expm1(np.minimum(x, 0)))


def _log_sigmoid(x):
    """log(sigmoid(x)) = -softplus(-x), element-wise."""
    return -_softplus(-x)


rsqrt = _unary(_rsqrt, lambda g, out, x: -g * out / (2 * x))
reciprocal = _unary(_reciprocal, lambda g, out, x: -g * out * out)
expm1 = _unary(_expm1, lambda g, out, x: g * (out + 1))
sin = _unary(np.sin, lambda g, out, x: g * np.cos(x), name='sin')
cos = _unary(np.cos, lambda g, out, x: -g * np.sin(x), name='cos')
tan = _unary(np.tan, lambda g, out, x: g / np.square(np.cos(x)), name='tan')
asin = _unary(np.arcsin, lambda g, out, x: g / np.sqrt(1 - x * x), name='asin')
acos = _unary(np.arccos, lambda g, out, x: -g / np.sqrt(1 - x * x), name='acos')
atan = _unary(np.arctan, lambda g, out, x: g / (1 + x * x), name='atan')
sinh = _unary(np.sinh, lambda g, out, x: g * np.cosh(x), name='sinh')
cosh = _unary(np.cosh, lambda g, out, x: g * np.sinh(x), name='cosh')
asinh = _unary(np.arcsinh, lambda g, out, x: g / np.sqrt(1 + x * x), name='asinh')
acosh = _unary(np.arccosh, lambda g, out, x: g / np.sqrt(x * x - 1), name='acosh')
atanh = _unary(np.arctanh, lambda g, out, x: g / (1 - x * x), name='atanh')
erf = _unary(_erf, lambda g, out, x: g * np.float32(2 / np.sqrt(np.pi)) * np.exp(-x * x))
relu6 = _unary(_relu6, lambda g, out, x: g * ((x > 0) & (x <= 6)), floats=False)
selu = _unary(_selu, lambda g, out, x: np.where(x > 0, g * _SELU_SCALE, g * (out + _SELU_SCALE * _SELU_ALPHA)))
log_sigmoid = _unary(_log_sigmoid, lambda g, out, x: g * _sigmoid(-x))


@Primitive
def _leaky_relu(x, *, alpha):
    return np.where(x > 0, x, alpha * x)


@_leaky_relu.defgrad
def _(g, out, x, *, alpha):
    return np.where(x > 0, g, alpha * g)


def leaky_relu(x, alpha=0.2):
    """x if x > 0 else alpha * x.

    >>> import tfjs_lab as tf
    >>> tf.leaky_relu(tf.tensor1d([-1, 2])).print()
    Tensor
        [-0.2, 2]
    """
    return _leaky_relu(_floats(x), alpha=np.float32(alpha))


@Primitive
def _step(x, *, alpha):
    return np.where(x > 0, np.float32(1), alpha).astype(x.dtype)


@_step.defgrad
def _(g, out, x, *, alpha):
    return np.zeros_like(g)


def step(x, alpha=0.0):
    """1 where x > 0, else ``alpha`` (NaN stays NaN).

    >>> import tfjs_lab as tf
    >>> tf.step(tf.tensor1d([-1, 0, 2])).print()
    Tensor
        [0, 0, 1]
    """
    x = _floats(x)
    out = _step(x, alpha=np.float32(alpha))
    return out


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
