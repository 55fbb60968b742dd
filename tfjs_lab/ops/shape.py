"""Shape and type manipulation: ``reshape``, ``transpose``, ``expand_dims``, ``squeeze``,
``concat``, ``stack``, ``slice``, ``gather``, ``cast``."""
import numpy as np

from ..core import dtypes
from ..core.tape import Primitive
from ..core.tensor import Tensor
from ._convert import as_tensor, to_array

__all__ = ['reshape', 'transpose', 'expand_dims', 'squeeze', 'concat', 'stack', 'slice', 'gather',
           'cast', 'flatten']


@Primitive
def _reshape(x, *, shape):
    return x.reshape(shape)


@_reshape.defgrad
def _(g, out, x, *, shape):
    return g.reshape(x.shape)


def reshape(x, shape):
    """Same values in a new shape; one dimension may be -1.

    >>> import tfjs_lab as tf
    >>> tf.reshape(tf.tensor1d([1, 2, 3, 4]), [2, 2]).shape
    [2, 2]
    """
    x = as_tensor(x)
    shape = [int(d) for d in shape]
    known = int(np.prod([d for d in shape if d != -1]))
    if shape.count(-1) > 1 or (-1 not in shape and known != x.size) or \
            (-1 in shape and (known == 0 or x.size % known)):
        raise ValueError(f'Size({x.size}) must match the product of shape {",".join(map(str, shape))}')
    return _reshape(x, shape=tuple(shape))


def flatten(x):
    """All values as a rank-1 tensor."""
    return reshape(x, [-1])


@Primitive
def _transpose(x, *, perm):
    return np.transpose(x, perm)


@_transpose.defgrad
def _(g, out, x, *, perm):
    return np.transpose(g, np.argsort(perm))


def transpose(x, perm=None):
    """Permute axes (reverse them by default)."""
    x = as_tensor(x)
    perm = tuple(reversed(range(x.rank))) if perm is None else tuple(int(p) for p in perm)
    if sorted(perm) != list(range(x.rank)):
        raise ValueError(f'Error in transpose: rank of input {x.rank} must match length of perm {list(perm)}')
    return _transpose(x, perm=perm)


def expand_dims(x, axis=0):
    """Insert a dimension of size 1 at ``axis``."""
    x = as_tensor(x)
    if not -x.rank - 1 <= axis <= x.rank:
        raise ValueError(f'Axis must be in the interval [{-(x.rank + 1)}, {x.rank}]; received {axis}')
    shape = x.shape
    shape.insert(axis if axis >= 0 else x.rank + 1 + axis, 1)
    return reshape(x, shape)


def squeeze(x, axis=None):
    """Remove dimensions of size 1 (those in ``axis``, or all)."""
    x = as_tensor(x)
    axes = range(x.rank) if axis is None else [a % x.rank for a in ([axis] if isinstance(axis, int) else axis)]
    for a in axes:
        if axis is not None and x.shape[a] != 1:
            raise ValueError(f'Can not squeeze dimension {a} of size {x.shape[a]}: it must be 1')
    return reshape(x, [d for i, d in enumerate(x.shape) if not (i in axes and d == 1)])


@Primitive
def _concat(*xs, axis):
    return np.concatenate(xs, axis=axis)


@_concat.defgrad
def _(g, out, *xs, axis):
    bounds = np.cumsum([x.shape[axis] for x in xs])[:-1]
    return tuple(np.split(g, bounds, axis=axis))


def concat(tensors, axis=0):
    """Join tensors along an existing axis."""
    tensors = [as_tensor(t) for t in tensors]
    if not tensors:
        raise ValueError('concat: the list of tensors must not be empty')
    rank = tensors[0].rank
    axis = axis % max(rank, 1)
    for t in tensors[1:]:
        if t.rank != rank or any(a != b for i, (a, b) in enumerate(zip(t.shape, tensors[0].shape)) if i != axis):
            raise ValueError(f'concat: all tensors must have the same shape except along axis {axis}; '
                             f'received {tensors[0].shape} and {t.shape}')
    if len(tensors) == 1:
        return tensors[0]
    return _concat(*tensors, axis=axis)


def stack(tensors, axis=0):
    """Join tensors of the same shape along a new axis."""
    tensors = [as_tensor(t) for t in tensors]
    if any(t.shape != tensors[0].shape for t in tensors):
        raise ValueError(f'stack: all tensors must have the same shape; received '
                         f'{[t.shape for t in tensors]}')
    return concat([expand_dims(t, axis) for t in tensors], axis)


@Primitive
def _slice(x, *, index):
    return x[index]


@_slice.defgrad
def _(g, out, x, *, index):
    full = np.zeros_like(x)
    full[index] = g
    return full


def slice(x, begin, size=None):
    """The sub-tensor starting at ``begin`` with ``size`` (-1: to the end).

    >>> import tfjs_lab as tf
    >>> tf.slice(tf.tensor1d([1, 2, 3, 4]), [1], [2]).print()
    Tensor
        [2, 3]
    """
    x = as_tensor(x)
    begin = [begin] if isinstance(begin, int) else list(begin)
    begin += [0] * (x.rank - len(begin))
    size = [-1] * x.rank if size is None else ([size] if isinstance(size, int) else list(size))
    size += [-1] * (x.rank - len(size))
    index = tuple(np.s_[b:(x.shape[i] if s == -1 else b + s)] for i, (b, s) in enumerate(zip(begin, size)))
    return _slice(x, index=index)


def getitem(x, index):
    """Python indexing with ints, slices, ``None`` and ``...`` (``t[0]``, ``t[:, 1:3]``)."""
    parts = index if isinstance(index, tuple) else (index,)
    for part in parts:
        if not (part is None or part is Ellipsis or isinstance(part, (int, np.integer, type(np.s_[:])))):
            raise TypeError(f'Tensors support indexing with integers, slices, None and ...; received '
                            f'{type(part).__name__}. Use tf.gather for index lists.')
    try:
        x._data[index]
    except IndexError as err:
        raise IndexError(f'{err} (tensor of shape {x.shape})') from None
    return _slice(x, index=index)


@Primitive
def _gather(x, indices, *, axis):
    return np.take(x, indices, axis=axis)


@_gather.defgrad
def _(g, out, x, indices, *, axis):
    full = np.zeros_like(x)
    moved = np.moveaxis(full, axis, 0)
    np.add.at(moved, indices.reshape(-1), np.moveaxis(g, axis, 0).reshape((-1,) + moved.shape[1:]))
    return full, None


def gather(x, indices, axis=0):
    """Values of ``x`` at ``indices`` along ``axis``."""
    x = as_tensor(x)
    idx = as_tensor(to_array(indices, 'int32') if not isinstance(indices, Tensor) else indices)
    if idx.dtype != 'int32':
        raise ValueError(f'gather: indices must be int32; received {idx.dtype}')
    return _gather(x, idx, axis=axis % x.rank)


@Primitive
def _cast(x, *, dtype):
    return x.astype(dtype)


@_cast.defgrad
def _(g, out, x, *, dtype):
    return g.astype(x.dtype) if x.dtype.kind == 'f' and dtype.kind == 'f' else None


def cast(x, dtype):
    """The values converted to ``dtype`` ('float32', 'int32' or 'bool')."""
    x = as_tensor(x)
    np_dtype = dtypes.numpy_dtype(dtype)
    if x._data.dtype == np_dtype:
        return x
    return _cast(x, dtype=np_dtype)
