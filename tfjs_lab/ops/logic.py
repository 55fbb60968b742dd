"""Comparisons and logic. Results are bool tensors; nothing here is differentiable."""
import numpy as np

from ..core.tensor import Tensor
from ._convert import as_tensor, matching_tensors

__all__ = ['equal', 'not_equal', 'greater', 'greater_equal', 'less', 'less_equal', 'logical_and',
           'logical_or', 'logical_not', 'where']


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
logical_and = _compare(np.logical_and, 'logical_and')
logical_or = _compare(np.logical_or, 'logical_or')


def logical_not(x):
    return Tensor(np.logical_not(as_tensor(x)._data))


def where(condition, a, b):
    """``a`` where ``condition`` is true, else ``b``."""
    from .arithmetic import add, mul
    from .shape import cast
    condition = as_tensor(condition)
    if condition.dtype != 'bool':
        raise ValueError(f"where: condition must be a bool tensor; received {condition.dtype}")
    a, b = matching_tensors(a, b, 'where')
    mask = cast(condition, a.dtype)
    # Composed from differentiable ops so gradients reach both branches.
    return add(mul(mask, a), mul(cast(logical_not(condition), a.dtype), b))
