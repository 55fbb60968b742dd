"""Shape and type manipulation: reshaping, joining and splitting, slicing and gathering,
padding and tiling, ``cast``, and shape arithmetic (``broadcast_args``, ``ensure_shape``)."""
import numpy as np

from ..core import dtypes
from ..core.tape import Primitive
from ..core.tensor import Tensor
from ._convert import as_tensor, js_list, tensor_of_dtype, to_array

__all__ = ['reshape', 'transpose', 'expand_dims', 'squeeze', 'concat', 'stack', 'unstack', 'split',
           'slice', 'strided_slice', 'gather', 'gather_nd', 'tile', 'pad', 'mirror_pad', 'reverse',
           'broadcast_to', 'cast', 'flatten', 'broadcast_args', 'ensure_shape']
NOT_TENSOR_METHODS = {'broadcast_args', 'ensure_shape'}  # tf.broadcastArgs / tf.ensureShape only


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


def _axis(axis, rank, name):
    if not -rank <= axis < max(rank, 1):
        raise ValueError(f'{name}: axis {axis} is out of range for a tensor of rank {rank}')
    return axis % max(rank, 1)


def unstack(x, axis=0):
    """The tensors along ``axis``, as a list, each with that axis removed.

    >>> import tfjs_lab as tf
    >>> [t.array_sync() for t in tf.unstack(tf.tensor2d([[1, 2], [3, 4]]))]
    [[1.0, 2.0], [3.0, 4.0]]
    """
    x = as_tensor(x)
    axis = _axis(axis, x.rank, 'unstack')
    return [_slice(x, index=(np.s_[:],) * axis + (i,)) for i in range(x.shape[axis])]


def split(x, num_or_size_splits, axis=0):
    """Split along ``axis`` into ``n`` equal parts or parts of the given sizes (one may be -1).

    >>> import tfjs_lab as tf
    >>> [t.shape for t in tf.split(tf.zeros([6, 2]), [1, -1, 2])]
    [[1, 2], [3, 2], [2, 2]]
    """
    x = as_tensor(x)
    axis = _axis(axis, x.rank, 'split')
    length = x.shape[axis]
    if isinstance(num_or_size_splits, (int, np.integer)):
        if num_or_size_splits <= 0 or length % num_or_size_splits:
            raise ValueError(f'Number of splits must evenly divide the axis; received {num_or_size_splits} '
                             f'splits of an axis of size {length}')
        sizes = [length // num_or_size_splits] * int(num_or_size_splits)
    else:
        sizes = [int(n) for n in num_or_size_splits]
        if sizes.count(-1) > 1:
            raise ValueError(f'There should be only one negative value in split sizes; received {sizes}')
        if -1 in sizes:
            sizes[sizes.index(-1)] = length - (sum(sizes) + 1)
        if sum(sizes) != length or any(n < 0 for n in sizes):
            raise ValueError(f'The sum of split sizes ({sizes}) must match the size of the axis ({length})')
    bounds = np.cumsum([0] + sizes)
    return [_slice(x, index=(np.s_[:],) * axis + (np.s_[int(b):int(e)],)) for b, e in zip(bounds, bounds[1:])]


def strided_slice(x, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0):
    """TF.js's ``stridedSlice``: a slice with steps, where bit ``i`` of each mask makes
    dimension ``i`` of the spec take its whole range (begin/end), stand for the remaining
    dimensions (ellipsis), add a dimension (new axis) or drop one (shrink).

    >>> import tfjs_lab as tf
    >>> tf.strided_slice(tf.tensor1d([0, 1, 2, 3, 4]), [1], [5], [2]).print()
    Tensor
        [1, 3]
    """
    x = as_tensor(x)
    strides = [1] * len(begin) if strides is None else list(strides)
    if not len(begin) == len(end) == len(strides):
        raise ValueError(f'stridedSlice: begin, end and strides must have the same length; received '
                         f'{len(begin)}, {len(end)} and {len(strides)}')
    if 0 in strides:
        raise ValueError(f'stridedSlice: strides must be non-zero; received {list(strides)}')
    index = []
    for i, (b, e, step) in enumerate(zip(begin, end, strides)):
        bit = 1 << i
        if ellipsis_mask & bit:
            index.append(Ellipsis)
        elif new_axis_mask & bit:
            index.append(None)
        elif shrink_axis_mask & bit:
            index.append(int(b))
        else:
            index.append(np.s_[None if begin_mask & bit else int(b):None if end_mask & bit else int(e):int(step)])
    return getitem(x, tuple(index))


@Primitive
def _gather_nd(x, indices):
    return x[tuple(np.moveaxis(indices, -1, 0))]


@_gather_nd.defgrad
def _(g, out, x, indices):
    full = np.zeros_like(x)
    np.add.at(full, tuple(np.moveaxis(indices, -1, 0)), g)
    return full, None


def gather_nd(x, indices):
    """Slices of ``x`` at the index tuples in the last axis of ``indices`` (int32).

    >>> import tfjs_lab as tf
    >>> tf.gather_nd(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[0, 1], [1, 0]], None, 'int32')).print()
    Tensor
        [2, 3]
    """
    x = as_tensor(x)
    idx = as_tensor(to_array(indices, 'int32') if not isinstance(indices, Tensor) else indices)
    if idx.dtype != 'int32':
        raise ValueError(f'gatherND: indices must be int32; received {idx.dtype}')
    if idx.rank == 0 or idx.shape[-1] > x.rank:
        raise ValueError(f'gatherND: the last axis of indices ({idx.shape}) must be at most the rank of x ({x.rank})')
    bounds = np.array(x.shape[:idx.shape[-1]])
    if idx.size and ((idx._data < 0) | (idx._data >= bounds)).any():
        raise ValueError(f'gatherND: indices out of range for a tensor of shape {x.shape}')
    return _gather_nd(x, idx)


@Primitive
def _tile(x, *, reps):
    return np.tile(x, reps)


@_tile.defgrad
def _(g, out, x, *, reps):
    # (r0, s0, r1, s1, ...): sum over the repetitions
    split_shape = [n for r, d in zip(reps, x.shape) for n in (r, d)]
    return g.reshape(split_shape).sum(axis=tuple(range(0, 2 * x.ndim, 2)))


def tile(x, reps):
    """``x`` repeated ``reps[i]`` times along each axis.

    >>> import tfjs_lab as tf
    >>> tf.tile(tf.tensor1d([1, 2]), [2]).print()
    Tensor
        [1, 2, 1, 2]
    """
    x = as_tensor(x)
    reps = [int(r) for r in reps]
    if len(reps) != x.rank:
        raise ValueError(f'Error in tile: rank of input {x.rank} must match length of reps {reps}')
    return _tile(x, reps=tuple(reps))


def _paddings(x, paddings, name):
    pairs = [tuple(int(v) for v in p) for p in paddings]
    if len(pairs) != x.rank or any(len(p) != 2 or min(p) < 0 for p in pairs):
        raise ValueError(f'{name}: paddings must be {x.rank} pairs of non-negative numbers, one per axis; '
                         f'received {paddings}')
    return tuple(pairs)


@Primitive
def _pad(x, *, paddings, value):
    return np.pad(x, paddings, constant_values=value)


@_pad.defgrad
def _(g, out, x, *, paddings, value):
    return g[tuple(np.s_[before:before + n] for (before, _), n in zip(paddings, x.shape))]


def pad(x, paddings, constant_value=0):
    """``x`` with ``paddings[i] = [before, after]`` values of ``constant_value`` around axis ``i``.

    >>> import tfjs_lab as tf
    >>> tf.pad(tf.tensor1d([1, 2]), [[1, 2]]).print()
    Tensor
        [0, 1, 2, 0, 0]
    """
    x = as_tensor(x)
    return _pad(x, paddings=_paddings(x, paddings, 'pad'), value=x._data.dtype.type(constant_value))


@Primitive
def _mirror_pad(x, *, paddings, mode):
    return np.pad(x, paddings, mode=mode)


@_mirror_pad.defgrad
def _(g, out, x, *, paddings, mode):
    # Every output position came from one input position: pad the positions' numbers the same
    # way and add each gradient to its source (TF.js only slices, dropping the mirrored part).
    sources = np.pad(np.arange(x.size).reshape(x.shape), paddings, mode=mode)
    return np.bincount(sources.ravel(), weights=g.ravel(), minlength=x.size).reshape(x.shape).astype(g.dtype)


def mirror_pad(x, paddings, mode):
    """Pad with mirrored values: ``mode`` ``'reflect'`` leaves out the edge, ``'symmetric'``
    repeats it.

    >>> import tfjs_lab as tf
    >>> tf.mirror_pad(tf.tensor1d([1, 2, 3]), [[2, 1]], 'reflect').print()
    Tensor
        [3, 2, 1, 2, 3, 2]
    """
    x = as_tensor(x)
    if mode not in ('reflect', 'symmetric'):
        raise ValueError(f"mirrorPad: mode must be 'reflect' or 'symmetric'; received {mode!r}")
    pairs = _paddings(x, paddings, 'mirrorPad')
    offset = 0 if mode == 'symmetric' else 1
    for (before, after), n in zip(pairs, x.shape):
        if max(before, after) > n - offset:
            raise ValueError(f'mirrorPad: padding {[before, after]} must be at most {n - offset} for an axis '
                             f'of size {n} in {mode!r} mode')
    return _mirror_pad(x, paddings=pairs, mode=mode)


@Primitive
def _reverse(x, *, axes):
    return np.flip(x, axes)


@_reverse.defgrad
def _(g, out, x, *, axes):
    return np.flip(g, axes)


def reverse(x, axis=None):
    """``x`` with the order of elements reversed along ``axis`` (all axes by default).

    >>> import tfjs_lab as tf
    >>> tf.reverse(tf.tensor1d([1, 2, 3])).print()
    Tensor
        [3, 2, 1]
    """
    x = as_tensor(x)
    axes = range(x.rank) if axis is None else ([axis] if isinstance(axis, (int, np.integer)) else axis)
    return _reverse(x, axes=tuple(sorted({_axis(a, x.rank, 'reverse') for a in axes})))


@Primitive
def _broadcast_to(x, *, shape):
    return np.broadcast_to(x, shape).copy()


@_broadcast_to.defgrad
def _(g, out, x, *, shape):
    return g  # the tape sums it back to x's shape


def broadcast_to(x, shape):
    """``x`` broadcast to ``shape`` (NumPy's rules; leading axes may be added).

    >>> import tfjs_lab as tf
    >>> tf.broadcast_to(tf.tensor1d([1, 2]), [2, 2]).print()
    Tensor
        [[1, 2],
         [1, 2]]
    """
    x = as_tensor(x)
    shape = tuple(int(d) for d in shape)
    try:
        np.broadcast_shapes(x._data.shape, shape)
    except ValueError:
        raise ValueError(f'broadcastTo(): cannot broadcast a tensor of shape {x.shape} to {list(shape)}') from None
    if len(shape) < x.rank or np.broadcast_shapes(x._data.shape, shape) != shape:
        raise ValueError(f'broadcastTo(): cannot broadcast a tensor of shape {x.shape} to {list(shape)}')
    return _broadcast_to(x, shape=shape)


def with_batch_axis(x, rank, name, compute):
    """``compute(x)`` for ``x`` of ``rank`` dimensions, the first a batch; an input with one
    dimension fewer (a single example) is given a batch of one, which the result loses again."""
    if x.rank == rank:
        return compute(x)
    if x.rank != rank - 1:
        raise ValueError(f'{name}: input must be rank {rank} (or {rank - 1} without a batch axis); '
                         f'received shape {x.shape}')
    out = compute(reshape(x, [1] + x.shape))
    return reshape(out, out.shape[1:])


def broadcast_args(s0, s1):
    """The shape that shapes ``s0`` and ``s1`` (int32 vectors) broadcast to, as an int32 vector.

    >>> import tfjs_lab as tf
    >>> tf.broadcast_args([2, 1, 3], [4, 1]).print()
    Tensor
        [2, 4, 3]
    """
    shapes = [tensor_of_dtype(s, 'int32', name, 'broadcastArgs') for s, name in ((s0, 's0'), (s1, 's1'))]
    for shape, which in zip(shapes, ('first', 'second')):
        if shape.rank != 1:
            raise ValueError(f'broadcastArgs(): {which} input must be a vector (rank=1). Has rank {shape.rank}')
    a, b = (s._data for s in shapes)
    rank = max(a.size, b.size)
    a_full, b_full = (np.pad(s, (rank - s.size, 0), constant_values=1) for s in (a, b))
    if not ((a_full == 1) | (b_full == 1) | (a_full == b_full)).all():
        raise ValueError(f'Operands could not be broadcast together with shapes {js_list(a)} and {js_list(b)}.')
    return Tensor(np.where(a_full == 1, b_full, a_full).astype(np.int32))


def ensure_shape(x, shape):
    """``x`` itself, after checking that its shape is ``shape`` (``None`` matches any size).

    >>> import tfjs_lab as tf
    >>> tf.ensure_shape(tf.ones([2, 3]), [2, None]).shape
    [2, 3]
    >>> tf.ensure_shape(tf.ones([2, 3]), [2, 4])
    Traceback (most recent call last):
    ...
    ValueError: EnsureShape: Shape of tensor 2,3 is not compatible with expected shape 2,4
    """
    x = as_tensor(x)
    expected = list(shape)
    if len(expected) != x.rank or any(e is not None and e != d for e, d in zip(expected, x.shape)):
        raise ValueError(f'EnsureShape: Shape of tensor {js_list(x.shape)} is not compatible with expected '
                         f'shape {js_list(expected)}')
    return x
