"""Element-wise binary arithmetic with broadcasting. Backwards ignore broadcasting: the tape
sums gradients back to each input's shape."""
import numpy as np

from ..core.tape import Primitive
from ._convert import float_tensor, matching_tensors

__all__ = ['add', 'sub', 'mul', 'div', 'div_no_nan', 'floor_div', 'mod', 'pow', 'maximum', 'minimum',
           'squared_difference', 'atan2', 'prelu', 'add_n']


@Primitive
def _add(a, b):
    return a + b


@_add.defgrad
def _(g, out, a, b):
    return g, g


@Primitive
def _sub(a, b):
    return a - b


@_sub.defgrad
def _(g, out, a, b):
    return g, -g


@Primitive
def _mul(a, b):
    return a * b


@_mul.defgrad
def _(g, out, a, b):
    return g * b, g * a


@Primitive
def _div(a, b):
    return a / b


@_div.defgrad
def _(g, out, a, b):
    return g / b, -g * out / b


@Primitive
def _floor_div(a, b):
    return np.floor_divide(a, b)


@Primitive
def _pow(a, b):
    return np.power(a, b)


@_pow.defgrad
def _(g, out, a, b):
    with np.errstate(divide='ignore', invalid='ignore'):
        log_a = np.where(a > 0, np.log(np.where(a > 0, a, 1)), 0).astype(a.dtype)
    return g * b * np.power(a, b - 1), g * out * log_a


@Primitive
def _maximum(a, b):
    return np.maximum(a, b)


@_maximum.defgrad
def _(g, out, a, b):
    mask = a >= b  # TF.js gives ties to a
    return g * mask, g * ~mask


@Primitive
def _minimum(a, b):
    return np.minimum(a, b)


@_minimum.defgrad
def _(g, out, a, b):
    mask = a <= b
    return g * mask, g * ~mask


@Primitive
def _squared_difference(a, b):
    d = a - b
    return d * d


@_squared_difference.defgrad
def _(g, out, a, b):
    d = 2 * g * (a - b)
    return d, -d


@Primitive
def _mod(a, b):
    return np.mod(a, b)  # the sign of the divisor, as TF.js's mod


@_mod.defgrad
def _(g, out, a, b):
    return g, -g * np.floor_divide(a, b)


@Primitive
def _div_no_nan(a, b):
    with np.errstate(divide='ignore', invalid='ignore'):
        return np.where(b == 0, np.zeros((), a.dtype), a / np.where(b == 0, 1, b)).astype(a.dtype)


@_div_no_nan.defgrad
def _(g, out, a, b):
    safe_b = np.where(b == 0, 1, b)
    return np.where(b == 0, 0, g / safe_b), np.where(b == 0, 0, -g * a / (safe_b * safe_b))


@Primitive
def _atan2(a, b):
    return np.arctan2(a, b)


@_atan2.defgrad
def _(g, out, a, b):
    denominator = a * a + b * b
    return g * b / denominator, -g * a / denominator


@Primitive
def _prelu(x, alpha):
    return np.where(x > 0, x, alpha * x)


@_prelu.defgrad
def _(g, out, x, alpha):
    return np.where(x > 0, g, alpha * g), np.where(x > 0, 0, g * x)


def add(a, b):
    """a + b, element-wise with broadcasting.

    >>> import tfjs_lab as tf
    >>> tf.add(tf.tensor1d([1, 2]), 10).print()
    Tensor
        [11, 12]
    """
    return _add(*matching_tensors(a, b, 'add'))


def sub(a, b):
    """a - b, element-wise with broadcasting."""
    return _sub(*matching_tensors(a, b, 'sub'))


def mul(a, b):
    """a * b, element-wise with broadcasting."""
    return _mul(*matching_tensors(a, b, 'mul'))


def div(a, b):
    """a / b, element-wise; integer tensors divide with floor as in TF.js."""
    a, b = matching_tensors(a, b, 'div')
    if a.dtype == 'int32':
        return _floor_div(a, b)
    return _div(a, b)


def floor_div(a, b):
    """floor(a / b), element-wise."""
    return _floor_div(*matching_tensors(a, b, 'floorDiv'))


def mod(a, b):
    """The remainder of floor division, with the sign of ``b``, element-wise.

    >>> import tfjs_lab as tf
    >>> tf.mod(tf.tensor1d([5, -5]), 3).print()
    Tensor
        [2, 1]
    """
    return _mod(*matching_tensors(a, b, 'mod'))


def div_no_nan(a, b):
    """a / b, but 0 where b is 0.

    >>> import tfjs_lab as tf
    >>> tf.div_no_nan(tf.tensor1d([1, 2]), tf.tensor1d([0, 4])).print()
    Tensor
        [0, 0.5]
    """
    a, b = matching_tensors(a, b, 'divNoNan')
    return _div_no_nan(a, b)


def atan2(a, b):
    """The angle of the point (b, a), element-wise, in (-π, π]."""
    return _atan2(*(float_tensor(t) for t in matching_tensors(a, b, 'atan2')))


def prelu(x, alpha):
    """x if x > 0 else alpha * x, with ``alpha`` a tensor (learned in the PReLU layer).

    >>> import tfjs_lab as tf
    >>> tf.prelu(tf.tensor1d([-2, 3]), tf.scalar(0.5)).print()
    Tensor
        [-1, 3]
    """
    return _prelu(*matching_tensors(x, alpha, 'prelu'))


def pow(base, exp):
    """base ** exp, element-wise."""
    return _pow(*matching_tensors(base, exp, 'pow'))


def maximum(a, b):
    return _maximum(*matching_tensors(a, b, 'maximum'))


def minimum(a, b):
    return _minimum(*matching_tensors(a, b, 'minimum'))


def squared_difference(a, b):
    """(a - b)^2, element-wise."""
    return _squared_difference(*matching_tensors(a, b, 'squaredDifference'))


def add_n(tensors):
    """Sum of a list of tensors of the same shape."""
    if not tensors:
        raise ValueError('addN: the list of tensors must not be empty')
    total = tensors[0]
    for t in tensors[1:]:
        total = add(total, t)
    return total
