"""Scatter ops: writing updates at indices into a new tensor (scatterND, tensorScatterUpdate,
sparseToDense), the counterparts of gather and gatherND.

Each index tuple (the last axis of ``indices``) picks a slice of the output: the output is
seen as ``[rows, slice]``, every update is one row, and the ops differ in what happens to
rows written twice (``scatter_nd`` adds, the others keep the last write, as TF.js's loop does).
"""
import numpy as np

from ..core.tape import Primitive
from ._convert import as_tensor, js_list, tensor_of_dtype
from .creation import check_shape, zeros
from .shape import broadcast_to, reshape

__all__ = ['scatter_nd', 'tensor_scatter_update', 'sparse_to_dense']
NOT_TENSOR_METHODS = set(__all__)  # TF.js's Tensor has none of them as methods


@Primitive
def _scatter_add(updates, *, rows, row_count):
    out = np.zeros((row_count,) + updates.shape[1:], updates.dtype)
    np.add.at(out, rows, updates)
    return out


@_scatter_add.defgrad
def _(g, out, updates, *, rows, row_count):
    return g[rows]


@Primitive
def _scatter_update(base, updates, *, targets, sources):
    out = base.copy()
    out[targets] = updates[sources]
    return out


@_scatter_update.defgrad
def _(g, out, base, updates, *, targets, sources):
    kept = g.copy()
    kept[targets] = 0
    written = np.zeros(updates.shape, g.dtype)
    written[sources] = g[targets]
    return kept, written


def _check_update_shape(shape, indices, updates):
    """TF.js's rule: ``updates.shape == indices.shape[:batch_dim] + shape[slice_dim:]``."""
    slice_dim = indices.shape[-1] if indices.rank > 1 else 1
    batch_dim = indices.rank - 1 if indices.rank > 1 else 1
    problem = None
    if updates.rank < batch_dim:
        problem = f'update.rank < {batch_dim}. '
    elif len(shape) < slice_dim + updates.rank - batch_dim:
        problem = f'Output shape length < {slice_dim + updates.rank - batch_dim}'
    elif updates.rank != batch_dim + len(shape) - slice_dim:
        problem = f'update.rank != {batch_dim + len(shape) - slice_dim}'
    else:
        for d in range(batch_dim):
            if updates.shape[d] != indices.shape[d]:
                problem = f'updates.shape[{d}] ({updates.shape[d]}) != indices.shape[{d}] ({indices.shape[d]}).'
                break
        for d in range(batch_dim, updates.rank):
            if problem is None and updates.shape[d] != shape[d - batch_dim + slice_dim]:
                problem = (f'updates.shape[{d}] ({updates.shape[d]}) != shape[{d - batch_dim + slice_dim}] '
                           f'({shape[d - batch_dim + slice_dim]})')
    if problem:
        raise ValueError(f'Must have updates.shape = indices.shape[:batchDim] + shape[sliceDim:], got updates.shape: '
                         f'{js_list(updates.shape)}, indices.shape: {js_list(indices.shape)}, shape: {js_list(shape)}, '
                         f'sliceDim: {slice_dim}, and batchDim: {batch_dim}. {problem}')


def _check_scatter_input(indices, updates, shape):
    for name, t in (('indices', indices), ('updates', updates)):
        if t.rank < 1:
            raise ValueError(f'tf.scatterND() expects the {name} to be rank 1 or higher, but the rank was {t.rank}.')
    if len(shape) < 1:
        raise ValueError(f'Output rank must be greater or equal to 1, but got shape: {js_list(shape)}')
    _check_update_shape(shape, indices, updates)


def _rows(indices, shape):
    """The output row each index tuple writes, and the number of rows, for the output seen as
    ``[rows, slice]``. Every
    index must be in range in its own dimension: TF.js only checks the flattened position, so
    that ``[0, 3]`` in a ``[2, 3]`` output silently writes ``[1, 0]``."""
    slice_rank = indices.shape[-1] if indices.rank > 1 else 1
    tuples = indices._data.reshape(indices.size // max(slice_rank, 1), slice_rank)
    outer = tuple(shape[:slice_rank])
    outside = ((tuples < 0) | (tuples >= np.array(outer, np.int64))).any(axis=1)
    if outside.any():
        raise ValueError(f'Invalid indices: {js_list(tuples[outside.argmax()])} does not index into {js_list(shape)}')
    rows = np.ravel_multi_index(tuple(tuples.T), outer) if slice_rank else np.zeros(len(tuples), np.intp)
    return rows, int(np.prod(outer))


def _as_rows(t, count):
    """``t`` viewed as ``count`` rows (differentiably)."""
    return reshape(t, [count, t.size // count if count else 0])


def _overwrite(base, indices, updates, shape):
    """``base`` (of ``shape``) with the rows at ``indices`` replaced by ``updates``; a row
    written twice keeps the last update."""
    rows, row_count = _rows(indices, shape)
    if not rows.size:
        return base
    # the last write of each row wins: the first occurrence in the reversed order
    targets, first_from_end = np.unique(rows[::-1], return_index=True)
    sources = rows.size - 1 - first_from_end
    written = _scatter_update(_as_rows(base, row_count), _as_rows(updates, rows.size), targets=targets,
                              sources=sources)
    return reshape(written, shape)


def scatter_nd(indices, updates, shape):
    """A tensor of ``shape``, zero except where ``updates`` are written at the int32 index
    tuples in the last axis of ``indices`` (a rank-1 ``indices`` holds one index per
    update); updates at the same index add up. The inverse of ``gather_nd``.

    >>> import tfjs_lab as tf
    >>> indices = tf.tensor2d([4, 3, 1, 7], [4, 1], 'int32')
    >>> tf.scatter_nd(indices, tf.tensor1d([9, 10, 11, 12]), [8]).print()
    Tensor
        [0, 11, 0, 10, 9, 0, 0, 12]
    """
    shape = check_shape(shape)
    indices = tensor_of_dtype(indices, 'int32', 'indices', 'scatterND')
    updates = as_tensor(updates, 'updates')
    _check_scatter_input(indices, updates, shape)
    rows, row_count = _rows(indices, shape)
    if not rows.size:
        return zeros(shape, updates.dtype)
    return reshape(_scatter_add(_as_rows(updates, rows.size), rows=rows, row_count=row_count), shape)


def tensor_scatter_update(tensor, indices, updates):
    """A copy of ``tensor`` with ``updates`` written at the int32 index tuples in the last
    axis of ``indices`` (as in ``scatter_nd``); an index given twice keeps the last update.

    >>> import tfjs_lab as tf
    >>> tf.tensor_scatter_update(tf.ones([4]), tf.tensor2d([[1], [3]], None, 'int32'), tf.tensor1d([5, 7])).print()
    Tensor
        [1, 5, 1, 7]
    """
    tensor = as_tensor(tensor, 'tensor')
    indices = tensor_of_dtype(indices, 'int32', 'indices', 'tensorScatterUpdate')
    updates = as_tensor(updates, 'updates')
    _check_scatter_input(indices, updates, tensor.shape)
    if tensor.dtype != updates.dtype:
        raise TypeError(f'tensor and updates must have the same dtype, instead they are {tensor.dtype} and '
                        f'{updates.dtype}.')
    return _overwrite(tensor, indices, updates, tensor.shape)


def sparse_to_dense(sparse_indices, sparse_values, output_shape, default_value=0):
    """A tensor of ``output_shape`` filled with ``default_value`` except at ``sparse_indices``
    (int32: a scalar or vector of positions in a rank-1 output, or one row of coordinates per
    value), which take ``sparse_values`` (one per index, or one scalar for all). An index
    given twice keeps the last value. The result has ``sparse_values``'s dtype.

    >>> import tfjs_lab as tf
    >>> tf.sparse_to_dense(tf.tensor1d([0, 2], 'int32'), tf.tensor1d([5, 6]), [4], -1).print()
    Tensor
        [5, -1, 6, -1]
    """
    output_shape = check_shape(output_shape)
    indices = tensor_of_dtype(sparse_indices, 'int32', 'sparseIndices', 'sparseToDense')
    values = as_tensor(sparse_values, 'sparseValues')
    default = tensor_of_dtype(default_value, values.dtype, 'defaultValue', 'sparseToDense')
    if indices.rank > 2:
        raise ValueError(f'sparseIndices should be a scalar, vector, or matrix, but got shape {js_list(indices.shape)}.')
    count = indices.shape[0] if indices.rank > 0 else 1
    dims = indices.shape[1] if indices.rank > 1 else 1
    if len(output_shape) != dims:
        raise ValueError(f'outputShape has incorrect number of elements:, {len(output_shape)}, should be: {dims}.')
    if not (values.rank == 0 or (values.rank == 1 and values.size == count)):
        raise ValueError(f'sparseValues has incorrect shape {js_list(values.shape)}, should be [] or [{count}]')
    if default.rank != 0:
        # TF.js would silently use the first value
        raise ValueError(f'sparseToDense: defaultValue must be a scalar; received shape {default.shape}')
    return _overwrite(broadcast_to(default, output_shape), reshape(indices, [count, dims]),
                      broadcast_to(values, [count]), output_shape)
