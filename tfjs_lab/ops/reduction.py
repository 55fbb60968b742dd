"""Reductions over axes: ``sum``, ``mean``, ``max``, ``min``, ``arg_max``, ``arg_min``."""
import builtins

import numpy as np

from ..core.tape import Primitive
from ..core.tensor import Tensor
from ._convert import as_tensor

__all__ = ['sum', 'mean', 'max', 'min', 'arg_max', 'arg_min']


def _axes(axis, rank):
    """TF.js axis argument (None, int or list, negatives allowed) as a sorted tuple."""
    if axis is None:
        return tuple(range(rank))
    axes = [axis] if isinstance(axis, (int, np.integer)) else list(axis)
    out = []
    for a in axes:
        if not -rank <= a < builtins.max(rank, 1):
            raise ValueError(f'Axis {a} is out of range for a tensor of rank {rank}')
        out.append(int(a) % builtins.max(rank, 1))
    return tuple(sorted(set(out)))


def _expand(g, axes, keep_dims):
    """Re-insert reduced axes so ``g`` broadcasts against the input."""
    return g if keep_dims else np.expand_dims(g, axes)


@Primitive
def _sum(x, *, axes, keep_dims):
    return np.sum(x, axis=axes, keepdims=keep_dims, dtype=x.dtype)


@_sum.defgrad
def _(g, out, x, *, axes, keep_dims):
    return np.broadcast_to(_expand(g, axes, keep_dims), x.shape)


@Primitive
def _mean(x, *, axes, keep_dims):
    return np.mean(x, axis=axes, keepdims=keep_dims, dtype=x.dtype)


@_mean.defgrad
def _(g, out, x, *, axes, keep_dims):
    count = x.dtype.type(np.prod([x.shape[a] for a in axes]))
    return np.broadcast_to(_expand(g, axes, keep_dims) / count, x.shape)


def _extremum(reduce, name):
    prim = Primitive(lambda x, *, axes, keep_dims: reduce(x, axis=axes, keepdims=keep_dims), name)

    @prim.defgrad
    def _(g, out, x, *, axes, keep_dims):
        # Every position equal to the extremum gets the gradient, as in TF.js.
        mask = x == _expand(out, axes, keep_dims)
        return _expand(g, axes, keep_dims) * mask
    return prim


_max = _extremum(np.max, '_max')
_min = _extremum(np.min, '_min')


def _reduce(prim, x, axis, keep_dims):
    x = as_tensor(x)
    return prim(x, axes=_axes(axis, x.rank), keep_dims=bool(keep_dims))


def sum(x, axis=None, keep_dims=False):
    """Sum over ``axis`` (all axes by default). bool sums count as int32, as in TF.js.

    >>> import tfjs_lab as tf
    >>> tf.sum(tf.tensor2d([[1, 2], [3, 4]]), 1).print()
    Tensor
        [3, 7]
    """
    x = as_tensor(x)
    if x.dtype == 'bool':
        from .shape import cast
        x = cast(x, 'int32')
    return _reduce(_sum, x, axis, keep_dims)


def mean(x, axis=None, keep_dims=False):
    """Mean over ``axis`` (all axes by default)."""
    from .shape import cast
    x = as_tensor(x)
    return _reduce(_mean, x if x.dtype == 'float32' else cast(x, 'float32'), axis, keep_dims)


def max(x, axis=None, keep_dims=False):
    """Maximum over ``axis``."""
    return _reduce(_max, x, axis, keep_dims)


def min(x, axis=None, keep_dims=False):
    """Minimum over ``axis``."""
    return _reduce(_min, x, axis, keep_dims)


def _arg(fn, x, axis):
    x = as_tensor(x)
    (a,) = _axes(axis, x.rank)
    return Tensor(fn(x._data, axis=a).astype(np.int32))


def arg_max(x, axis=0):
    """Index of the largest value along ``axis`` (int32)."""
    return _arg(np.argmax, x, axis)


def arg_min(x, axis=0):
    """Index of the smallest value along ``axis`` (int32)."""
    return _arg(np.argmin, x, axis)
