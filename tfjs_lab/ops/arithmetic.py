"""Element-wise binary arithmetic with broadcasting. Backwards ignore broadcasting: the tape
sums gradients back to each input's shape."""
import numpy as np

from ..core.tape import Primitive
from ._convert import matching_tensors

__all__ = ['add', 'sub', 'mul', 'div', 'floor_div', 'pow', 'maximum', 'minimum', 'squared_difference',
           'add_n']


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
