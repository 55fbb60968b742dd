"""Reductions over axes (``sum``, ``mean``, ``prod``, ``max``, ``norm``, ...) and the running
reductions ``cumsum`` / ``cumprod``."""
import builtins
import math

import numpy as np

from ..core.tape import Primitive
from ..core.tensor import Record, Tensor
from ._convert import as_tensor, float_tensor

__all__ = ['sum', 'mean', 'prod', 'max', 'min', 'arg_max', 'arg_min', 'log_sum_exp', 'all', 'any',
           'norm', 'euclidean_norm', 'moments', 'cumsum', 'cumprod']


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
    """Re-insert reduced axes so ``g`` broadcasts against the input (np.expand_dims's view, by
    one reshape: the backward of every mean and sum runs this)."""
    if keep_dims:
        return g
    kept = iter(g.shape)
    return g.reshape([1 if axis in axes else next(kept) for axis in range(g.ndim + len(axes))])


def _spread(g, shape):
    """``g`` broadcast to ``shape``: a filled array for one value (np.broadcast_to's Python costs
    more than filling a batch of losses), else a broadcast view."""
    return np.full(shape, g.reshape(()), g.dtype) if g.size == 1 else np.broadcast_to(g, shape)


@Primitive
def _sum(x, *, axes, keep_dims):
    return np.sum(x, axis=axes, keepdims=keep_dims, dtype=x.dtype)


@_sum.defgrad
def _(g, out, x, *, axes, keep_dims):
    return _spread(_expand(g, axes, keep_dims), x.shape)


@Primitive
def _mean(x, *, axes, keep_dims):
    return np.mean(x, axis=axes, keepdims=keep_dims, dtype=x.dtype)


@_mean.defgrad
def _(g, out, x, *, axes, keep_dims):
    count = x.dtype.type(math.prod([x.shape[a] for a in axes]))
    return _spread(_expand(g, axes, keep_dims) / count, x.shape)


@Primitive
def _prod(x, *, axes, keep_dims):
    return np.prod(x, axis=axes, keepdims=keep_dims, dtype=x.dtype)


@_prod.defgrad
def _(g, out, x, *, axes, keep_dims):
    # The product of all the other elements, by exclusive running products from both ends, so
    # that zeros in x need no division (TF.js's formula too).
    moved = np.moveaxis(x, axes, range(-len(axes), 0))
    flat = moved.reshape(moved.shape[:moved.ndim - len(axes)] + (-1,))
    ones = np.ones_like(flat[..., :1])
    before = np.cumprod(np.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
    after = np.flip(np.cumprod(np.concatenate([ones, np.flip(flat, -1)[..., :-1]], axis=-1), axis=-1), -1)
    others = np.moveaxis((before * after).reshape(moved.shape), range(-len(axes), 0), axes)
    return _expand(g, axes, keep_dims) * others


@Primitive
def _log_sum_exp(x, *, axes, keep_dims):
    peak = np.max(x, axis=axes, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0)
    out = np.log(np.sum(np.exp(x - peak), axis=axes, keepdims=True)) + peak
    return out if keep_dims else np.squeeze(out, axes)


@_log_sum_exp.defgrad
def _(g, out, x, *, axes, keep_dims):
    return _expand(g, axes, keep_dims) * np.exp(x - _expand(out, axes, keep_dims))


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
    return _reduce(_mean, float_tensor(x), axis, keep_dims)


def prod(x, axis=None, keep_dims=False):
    """Product over ``axis`` (all axes by default); bool counts as int32.

    >>> import tfjs_lab as tf
    >>> tf.prod(tf.tensor2d([[1, 2], [3, 4]]), 1).print()
    Tensor
        [2, 12]
    """
    x = as_tensor(x)
    if x.dtype == 'bool':
        from .shape import cast
        x = cast(x, 'int32')
    return _reduce(_prod, x, axis, keep_dims)


def log_sum_exp(x, axis=None, keep_dims=False):
    """log(sum(exp(x))) over ``axis``, computed stably.

    >>> import tfjs_lab as tf
    >>> tf.log_sum_exp(tf.tensor1d([0, 0])).print()
    Tensor
        0.6931471824645996
    """
    return _reduce(_log_sum_exp, float_tensor(x), axis, keep_dims)


def _logical_reduction(reduce, name):
    def op(x, axis=None, keep_dims=False):
        x = as_tensor(x)
        if x.dtype != 'bool':
            raise TypeError(f"{name}(): the input must be of dtype bool; received {x.dtype}")
        return Tensor(reduce(x._data, axis=_axes(axis, x.rank), keepdims=bool(keep_dims)))
    op.__name__ = op.__qualname__ = name
    op.__doc__ = f'Logical {name.upper()} over ``axis`` of a bool tensor.'
    return op


all = _logical_reduction(np.all, 'all')
any = _logical_reduction(np.any, 'any')


def norm(x, ord='euclidean', axis=None, keep_dims=False):
    """Vector or matrix norm, as TF.js's ``norm``: ``ord`` is ``'euclidean'``, ``'fro'``, a
    number (1, 2, p), ``inf`` or ``-inf``; a pair of axes makes it a matrix norm.

    >>> import tfjs_lab as tf
    >>> tf.norm(tf.tensor1d([3, 4])).print()
    Tensor
        5
    """
    from . import arithmetic, unary
    x = float_tensor(x)
    if x.rank == 0:
        return unary.abs(x)
    axes = _axes(axis, x.rank) if axis is not None else None
    if axes is None or len(axes) == 1:
        if ord in ('euclidean', 'fro', 2):
            return unary.sqrt(sum(unary.square(x), axis, keep_dims))
        if ord == 1:
            return sum(unary.abs(x), axis, keep_dims)
        if ord == np.inf:
            return max(unary.abs(x), axis, keep_dims)
        if ord == -np.inf:
            return min(unary.abs(x), axis, keep_dims)
        if isinstance(ord, (int, float)) and not isinstance(ord, bool):
            return arithmetic.pow(sum(arithmetic.pow(unary.abs(x), ord), axis, keep_dims), 1 / ord)
    elif len(axes) == 2:
        rows, cols = axes
        if ord in ('euclidean', 'fro'):
            return unary.sqrt(sum(unary.square(x), axis, keep_dims))
        if ord == 1:
            return max(sum(unary.abs(x), rows, True), cols, True) if keep_dims else \
                max(sum(unary.abs(x), rows), cols - 1)
        if ord == np.inf:
            return max(sum(unary.abs(x), cols, True), rows, True) if keep_dims else \
                max(sum(unary.abs(x), cols), rows)
        if ord == -np.inf:
            return min(sum(unary.abs(x), cols, True), rows, True) if keep_dims else \
                min(sum(unary.abs(x), cols), rows)
    raise ValueError(f'Error in norm: invalid ord value: {ord} for axis {axis}')


def euclidean_norm(x, axis=None, keep_dims=False):
    """The Euclidean norm over ``axis``: ``norm(x, 'euclidean', axis, keep_dims)``."""
    return norm(x, 'euclidean', axis, keep_dims)


def moments(x, axis=None, keep_dims=False):
    """``{'mean': ..., 'variance': ...}`` over ``axis``.

    >>> import tfjs_lab as tf
    >>> tf.moments(tf.tensor1d([1, 2, 3, 4]))['variance'].print()
    Tensor
        1.25
    """
    from . import arithmetic, unary
    x = float_tensor(x)
    average = mean(x, axis, True)
    variance = mean(unary.square(arithmetic.sub(x, average)), axis, keep_dims)
    return Record(mean=average if keep_dims else _squeezed(average, x.rank, axis), variance=variance)


def _squeezed(t, rank, axis):
    from .shape import squeeze
    return squeeze(t, list(_axes(axis, rank)))


def _running(data, axis, exclusive, reverse, accumulate, identity):
    if reverse:
        data = np.flip(data, axis)
    out = accumulate(data, axis=axis, dtype=data.dtype)
    if exclusive:
        out = np.concatenate([np.full_like(np.take(out, [0], axis), identity),
                              np.take(out, range(out.shape[axis] - 1), axis)], axis)
    return np.flip(out, axis) if reverse else out


@Primitive
def _cumsum(x, *, axis, exclusive, reverse):
    return _running(x, axis, exclusive, reverse, np.cumsum, 0)


@_cumsum.defgrad
def _(g, out, x, *, axis, exclusive, reverse):
    return _running(g, axis, exclusive, not reverse, np.cumsum, 0)


@Primitive
def _cumprod(x, *, axis, exclusive, reverse):
    return _running(x, axis, exclusive, reverse, np.cumprod, 1)


@_cumprod.defgrad
def _(g, out, x, *, axis, exclusive, reverse):
    # d out_j / d x_i = out_j / x_i for each j the product reaches: inputs must be nonzero.
    return _running(g * out, axis, exclusive, not reverse, np.cumsum, 0) / x


def _cumulative(prim, name):
    def op(x, axis=0, exclusive=False, reverse=False):
        x = as_tensor(x)
        if x.dtype == 'bool':
            from .shape import cast
            x = cast(x, 'int32')
        (a,) = _axes(axis, x.rank)
        return prim(x, axis=a, exclusive=bool(exclusive), reverse=bool(reverse))
    op.__name__ = op.__qualname__ = name
    return op


cumsum = _cumulative(_cumsum, 'cumsum')
cumsum.__doc__ = """Running sum along ``axis``; ``exclusive`` leaves out each element itself,
``reverse`` runs from the end.

>>> import tfjs_lab as tf
>>> tf.cumsum(tf.tensor1d([1, 2, 3])).print()
Tensor
    [1, 3, 6]
"""
cumprod = _cumulative(_cumprod, 'cumprod')
cumprod.__doc__ = """Running product along ``axis`` (options as :func:`cumsum`).

>>> import tfjs_lab as tf
>>> tf.cumprod(tf.tensor1d([1, 2, 3])).print()
Tensor
    [1, 2, 6]
"""


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
