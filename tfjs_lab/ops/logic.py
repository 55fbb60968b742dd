"""Comparisons and logic, whose results are bool tensors, and ``where``, which selects."""
import numpy as np

from .._naming import to_camel
from ..core.tape import Primitive
from ..core.tensor import Tensor
from ._convert import as_tensor, matching_tensors

__all__ = ['equal', 'not_equal', 'greater', 'greater_equal', 'less', 'less_equal', 'logical_and',
           'logical_or', 'logical_xor', 'logical_not', 'where']


def _compare(fn, name):
    def op(a, b):
        a, b = matching_tensors(a, b, name)
        return Tensor(fn(a._data, b._data))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f'Element-wise ``{fn.__name__}`` as a bool tensor.'
    return op


equal = _compare(np.equal, 'equal')
not_equal = _compare(np.not_equal, 'not_equal')
greater = _compare(np.greater, 'greater')
greater_equal = _compare(np.greater_equal, 'greater_equal')
less = _compare(np.less, 'less')
less_equal = _compare(np.less_equal, 'less_equal')


def _bool_tensor(x, argument, name):
    x = as_tensor(x)
    if x.dtype != 'bool':
        raise TypeError(f"Argument '{argument}' passed to '{to_camel(name)}' must be bool tensor, "
                        f'but got {x.dtype} tensor')
    return x


def _logical(fn, name):
    def op(a, b):
        a, b = _bool_tensor(a, 'a', name), _bool_tensor(b, 'b', name)
        return Tensor(fn(a._data, b._data))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f'Element-wise ``{fn.__name__}`` of two bool tensors, with broadcasting.'
    return op


logical_and = _logical(np.logical_and, 'logical_and')
logical_or = _logical(np.logical_or, 'logical_or')
logical_xor = _logical(np.logical_xor, 'logical_xor')


def logical_not(x):
    """Element-wise NOT of a bool tensor."""
    return Tensor(np.logical_not(_bool_tensor(x, 'x', 'logical_not')._data))


@Primitive
def _select(condition, a, b):
    return np.where(condition, a, b)


@_select.defgrad
def _(g, out, condition, a, b):
    return None, np.where(condition, g, 0), np.where(condition, 0, g)


def where(condition, a, b):
    """``a`` where ``condition`` is true, else ``b`` (all three broadcast together).

    >>> import tfjs_lab as tf
    >>> tf.where(tf.tensor1d([1, 0], 'bool'), tf.tensor1d([1, 2]), tf.tensor1d([-1, -2])).print()
    Tensor
        [1, -2]
    """
    condition = _bool_tensor(condition, 'condition', 'where')
    a, b = matching_tensors(a, b, 'where')
    return _select(condition, a, b)
