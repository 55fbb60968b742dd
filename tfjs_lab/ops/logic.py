"""Comparisons and logic, whose results are bool tensors, ``where``, which selects, and
``bitwise_and``."""
import numpy as np

from .._naming import to_camel
from ..core.tape import Primitive
from ..core.tensor import Tensor
from ._convert import as_tensor, js_list, matching_tensors

__all__ = ['equal', 'not_equal', 'greater', 'greater_equal', 'less', 'less_equal', 'logical_and',
           'logical_or', 'logical_xor', 'logical_not', 'is_nan', 'is_finite', 'is_inf', 'where', 'bitwise_and']
NOT_TENSOR_METHODS = {'bitwise_and'}  # tf.bitwiseAnd only


def _same_dtype(name, a, b):
    return matching_tensors(a, b, name)


def _bools(name, *operands):
    arguments = ('a', 'b') if len(operands) == 2 else ('x',)
    checked = [as_tensor(t) for t in operands]
    for argument, t in zip(arguments, checked):
        if t.dtype != 'bool':
            raise TypeError(f"Argument '{argument}' passed to '{to_camel(name)}' must be bool tensor, "
                            f'but got {t.dtype} tensor')
    return checked


def _any_dtype(name, x):
    return [as_tensor(x)]


def _bool_result(fn, name, prepare, doc):
    """A non-differentiable op whose result is a bool tensor: ``prepare`` checks and converts
    the operands (same dtype, bool only, or anything)."""
    def op(*operands):
        return Tensor(fn(*(t._data for t in prepare(name, *operands))))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = doc
    return op


equal, not_equal, greater, greater_equal, less, less_equal = (
    _bool_result(fn, name, _same_dtype, f'Element-wise ``{fn.__name__}`` as a bool tensor, with broadcasting.')
    for fn, name in ((np.equal, 'equal'), (np.not_equal, 'not_equal'), (np.greater, 'greater'),
                     (np.greater_equal, 'greater_equal'), (np.less, 'less'), (np.less_equal, 'less_equal')))
logical_and, logical_or, logical_xor, logical_not = (
    _bool_result(fn, name, _bools, f'Element-wise ``{fn.__name__}`` of bool tensors.')
    for fn, name in ((np.logical_and, 'logical_and'), (np.logical_or, 'logical_or'),
                     (np.logical_xor, 'logical_xor'), (np.logical_not, 'logical_not')))
is_nan, is_finite, is_inf = (
    _bool_result(fn, name, _any_dtype, f'Element-wise ``{fn.__name__}`` test as a bool tensor.')
    for fn, name in ((np.isnan, 'is_nan'), (np.isfinite, 'is_finite'), (np.isinf, 'is_inf')))


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
    condition = as_tensor(condition)
    if condition.dtype != 'bool':
        raise TypeError(f"Argument 'condition' passed to 'where' must be bool tensor, but got "
                        f'{condition.dtype} tensor')
    a, b = matching_tensors(a, b, 'where')
    return _select(condition, a, b)


def bitwise_and(x, y):
    """Element-wise bitwise AND of two int32 tensors of the same shape (no broadcasting, as in TF.js).

    >>> import tfjs_lab as tf
    >>> tf.bitwise_and(tf.tensor1d([12, -1, 5], 'int32'), tf.tensor1d([10, 7, 3], 'int32')).print()
    Tensor
        [8, 7, 1]
    """
    x, y = as_tensor(x), as_tensor(y, 'y')
    if x.shape != y.shape:
        raise ValueError(f'BitwiseAnd: Tensors must have the same shape. x: {js_list(x.shape)}, y: {js_list(y.shape)}')
    if x.dtype != 'int32' or y.dtype != 'int32':
        raise TypeError(f"BitwiseAnd: Only supports 'int32' values in tensor, found type of x: {x.dtype} and "
                        f'type of y: {y.dtype}')
    return Tensor(np.bitwise_and(x._data, y._data))
