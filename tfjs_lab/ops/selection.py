"""Selection, sorting and counting ops: topk, unique, segment sums, bincounts, sorted search,
set difference and the async selections (whereAsync, booleanMaskAsync, inTopKAsync).

Orders follow TF.js's CPU kernels: topk (and inTopKAsync) rank equal values by their index,
unique keeps values in order of first appearance, treating -0 as 0 and NaN as equal to NaN."""
import math
import numbers
from typing import NamedTuple

import numpy as np

from ..core.tape import Primitive
from ..core.tensor import Tensor, _AwaitableList
from ._convert import as_tensor, float_tensor, js_list, tensor_of_dtype

__all__ = ['topk', 'unique', 'unsorted_segment_sum', 'bincount', 'dense_bincount', 'search_sorted',
           'lower_bound', 'upper_bound', 'setdiff1d_async', 'in_top_k_async', 'where_async',
           'boolean_mask_async']

# TF.js's Tensor has topk, unique and unsortedSegmentSum only.
NOT_TENSOR_METHODS = {'bincount', 'dense_bincount', 'search_sorted', 'lower_bound', 'upper_bound',
                      'setdiff1d_async', 'in_top_k_async', 'where_async', 'boolean_mask_async'}

_INT32 = np.dtype(np.int32)


class ValuesAndIndices(NamedTuple):
    """TF.js's ``{values, indices}`` result, read by attribute (``r.values``), by key
    (``r['values']``) or by unpacking (``values, indices = tf.topk(x)``)."""
    values: Tensor
    indices: Tensor

    def __getitem__(self, key):
        if isinstance(key, str):
            if key not in self._fields:
                raise KeyError(f'{key!r}: the result has values and indices')
            return getattr(self, key)
        return tuple.__getitem__(self, key)


def _is_integer(value):
    return isinstance(value, numbers.Integral) or (isinstance(value, numbers.Real) and float(value).is_integer())


def _rank_keys(data):
    """uint64 keys whose ascending order is TF.js's topk order: larger values first, equal ones
    (-0 and 0 included) by index. The high half is the value's bits turned so that unsigned order
    is descending value order, the low half the index, so that every key is distinct."""
    if data.dtype.kind == 'f':
        bits = (data + data.dtype.type(0)).view(np.uint32)  # + 0 turns -0 into 0
        ascending = np.where(bits >> 31, ~bits, bits | np.uint32(1 << 31))
    elif data.dtype.kind == 'i':
        ascending = data.view(np.uint32) ^ np.uint32(1 << 31)
    else:
        ascending = data.astype(np.uint32)
    index = np.arange(data.shape[-1], dtype=np.uint64)
    return (~ascending).astype(np.uint64) << np.uint64(32) | index


def _top_indices(data, k):
    """The indices of the ``k`` first entries of each row's last axis in topk order: a
    partition then a sort of those ``k`` only."""
    keys = _rank_keys(data)
    if k < keys.shape[-1]:
        keys = np.partition(keys, k - 1, axis=-1)[..., :k] if k else keys[..., :0]
    return (np.sort(keys, axis=-1) & np.uint64(0xFFFFFFFF)).astype(_INT32)


def topk(x, k=1, sorted=True):  # noqa: A002  (TF.js's argument name)
    """The ``k`` largest entries of the last axis and their indices, largest first; equal values
    come in index order. ``sorted=False`` gives the same entries in the same order (TF.js leaves
    that order unspecified).

    >>> import tfjs_lab as tf
    >>> values, indices = tf.topk(tf.tensor1d([1, 3, 3, 2]), 2)
    >>> values.print()
    Tensor
        [3, 3]
    >>> tf.topk(tf.tensor2d([[1, 5], [4, 2]])).indices.print()
    Tensor
        [[1],
         [0]]
    """
    x = as_tensor(x)
    if x.rank == 0:
        raise ValueError('topk() expects the input to be of rank 1 or higher')
    if not _is_integer(k):
        raise ValueError(f"'k' passed to topk() must be an integer but got {k}")
    k, last = int(k), x.shape[-1]
    if k < 0:
        raise ValueError(f"'k' passed to topk() must be >= 0 but got {k}")
    if k > last:
        raise ValueError(f"'k' passed to topk() must be <= the last dimension ({last}) but got {k}")
    indices = _top_indices(x._data, k)
    return ValuesAndIndices(Tensor(np.take_along_axis(x._data, indices, -1)), Tensor(indices))


def _parse_axis(axis, rank):
    if not _is_integer(axis) or not -rank <= axis < rank:
        raise ValueError(f'All values in axis param must be in range [-{rank}, {rank}) but got axis {axis}')
    return int(axis) % rank


def _slice_keys(data):
    """One comparable key per slice along axis 0, equal where TF.js's keys (the values joined
    as strings) are equal: -0 is 0 and every NaN is the same NaN."""
    count, width = data.shape[0], math.prod(data.shape[1:])
    if width == 0:
        return np.zeros(count, np.int8)
    if data.dtype.kind == 'f':
        data = np.where(np.isnan(data), np.nan, data + data.dtype.type(0))
    if width == 1:  # values compare faster than bytes
        return data.reshape(count)
    rows = np.ascontiguousarray(data.reshape(count, width))
    return rows.view(np.dtype((np.void, rows.itemsize * width))).ravel()


def unique(x, axis=0):
    """The distinct slices along ``axis`` in order of first appearance, and for each slice of
    ``x`` the index of its value in them.

    >>> import tfjs_lab as tf
    >>> values, indices = tf.unique(tf.tensor1d([4, 1, 4, 7, 1]))
    >>> values.print()
    Tensor
        [4, 1, 7]
    >>> indices.print()
    Tensor
        [0, 1, 0, 2, 1]
    """
    x = as_tensor(x)
    if x.rank == 0:
        raise ValueError('The input tensor must be at least 1D')
    axis = _parse_axis(axis, x.rank)
    keys = _slice_keys(np.moveaxis(x._data, axis, 0))
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    appearance = np.argsort(first)
    position = np.empty_like(appearance)
    position[appearance] = np.arange(appearance.size)
    return ValuesAndIndices(Tensor(np.take(x._data, first[appearance], axis=axis)),
                            Tensor(position[inverse.reshape(-1)].astype(_INT32)))


@Primitive
def _unsorted_segment_sum(x, segment_ids, *, num_segments):
    out = np.zeros((num_segments,) + x.shape[1:], x.dtype)
    kept = (segment_ids >= 0) & (segment_ids < num_segments)
    # add.at adds row after row, the order (and so the float32 rounding) of TF.js's sum
    np.add.at(out, segment_ids[kept], x[kept])
    return out


@_unsorted_segment_sum.defgrad
def _(g, out, x, segment_ids, *, num_segments):
    kept = (segment_ids >= 0) & (segment_ids < num_segments)
    gathered = g[np.where(kept, segment_ids, 0)]
    return np.where(kept.reshape((-1,) + (1,) * (x.ndim - 1)), gathered, 0), None


def unsorted_segment_sum(x, segment_ids, num_segments):
    """Row sums of ``x`` by segment: row ``i`` adds to segment ``segment_ids[i]``; ids outside
    ``[0, num_segments)`` are dropped. The result is float32, of shape
    ``[num_segments, ...x.shape[1:]]``.

    >>> import tfjs_lab as tf
    >>> tf.unsorted_segment_sum(tf.tensor1d([1, 2, 3, 4]), [1, 2, 0, 1], 3).print()
    Tensor
        [3, 5, 2]
    """
    x = as_tensor(x)
    segment_ids = tensor_of_dtype(segment_ids, 'int32', 'segmentIds', 'unsortedSegmentSum')
    if not _is_integer(num_segments) or num_segments < 0:
        raise ValueError(f'numSegments must be of dtype int (a non-negative integer); received {num_segments}')
    if x.rank == 0 or segment_ids.shape != x.shape[:1]:
        raise ValueError(f'unsortedSegmentSum: segmentIds must be 1D with one id per row of x; received '
                         f'segmentIds of shape [{js_list(segment_ids.shape)}] for x of shape '
                         f'[{js_list(x.shape)}]')
    return _unsorted_segment_sum(float_tensor(x), segment_ids, num_segments=int(num_segments))


def _counting_inputs(op, x, weights, size, same):
    x, weights = as_tensor(x, 'x'), as_tensor(weights, 'weights')
    if x.dtype != 'int32':
        raise TypeError(f'Error in {op}: input dtype must be int32, but got {x.dtype}')
    if op == 'denseBincount' and x.rank not in (1, 2):
        raise ValueError(f'Error in denseBincount: input must be rank 1 or 2, but got rank {x.rank}.')
    if not _is_integer(size):
        raise ValueError(f'size must be a non-negative integer, but got {size}.')
    if size < 0:
        raise ValueError(f'size must be non-negative, but got {size}.')
    if weights.size not in (x.size, 0):
        raise ValueError(f'Error in {op}: weights must have the same {same} as input or 0-length, but got '
                         f'input shape: {js_list(x.shape)}, weights shape: {js_list(weights.shape)}.')
    if x.size and x._data.min() < 0:
        raise ValueError(f'Input x must be non-negative! Received {x._data.min()} in {op}.')
    return x._data, weights._data, int(size)


def _bin_counts(rows, weights, size, binary):
    """For each row of ``rows``, how often each value below ``size`` occurs (or the sum of its
    ``weights``, or 1 if it occurs at all), in the weights' dtype."""
    out = np.zeros((rows.shape[0], size), weights.dtype)
    counted = rows < size
    row, column = np.nonzero(counted)
    value = rows[row, column]
    if binary:
        out[row, value] = 1
    else:
        # add.at adds in input order, TF.js's order for float32 sums
        np.add.at(out, (row, value), weights.reshape(rows.shape)[counted] if weights.size else 1)
    return out


def bincount(x, weights, size):
    """How often each value of the int32 ``x`` in ``[0, size)`` occurs, or the sum of its
    ``weights`` (same size as ``x``, or empty for counts); the result has the weights' dtype.

    >>> import tfjs_lab as tf
    >>> tf.bincount(tf.tensor1d([1, 1, 2, 5], 'int32'), [], 4).print()
    Tensor
        [0, 2, 1, 0]
    """
    x, weights, size = _counting_inputs('bincount', x, weights, size, 'size')
    return Tensor(_bin_counts(x.reshape(1, -1), weights.reshape(-1), size, binary=False)[0])


def dense_bincount(x, weights, size, binary_output=False):
    """``bincount`` of a rank-1 ``x``, or of each row of a rank-2 ``x``; ``binary_output`` gives
    1 where a value occurs instead of its count.

    >>> import tfjs_lab as tf
    >>> tf.dense_bincount(tf.tensor2d([[1, 1], [0, 3]], [2, 2], 'int32'), [], 4).print()
    Tensor
        [[0, 2, 0, 0],
         [1, 0, 0, 1]]
    """
    x, weights, size = _counting_inputs('denseBincount', x, weights, size, 'shape')
    counts = _bin_counts(x.reshape(-1, x.shape[-1]), weights, size, bool(binary_output))
    return Tensor(counts.reshape(x.shape[:-1] + (size,)))


def _insertion_points(sequences, values, side):
    """For each row, where each value would go in the sorted sequence: both merged in one stable
    sort per row, values before equal sequence entries for 'left', after them for 'right'; a
    value's place is the number of sequence entries sorted before it."""
    batch, length = sequences.shape
    merged = np.concatenate([sequences, values], axis=1)
    is_value = np.broadcast_to(np.arange(merged.shape[1]) >= length, merged.shape)
    order = np.lexsort((is_value != (side == 'left'), merged), axis=-1)
    entries_before = np.cumsum(~np.take_along_axis(is_value, order, -1), axis=-1)
    places = np.empty(merged.shape, _INT32)
    np.put_along_axis(places, order, entries_before, -1)
    # TF.js's binary search never moves right for NaN, whose comparisons are all false
    return np.where(np.isnan(values), 0, places[:, length:]) if values.dtype.kind == 'f' else places[:, length:]


def search_sorted(sorted_sequence, values, side='left'):
    """Where each of ``values`` would be inserted to keep ``sorted_sequence`` (sorted along its
    last axis) sorted: before equal entries for ``side='left'``, after them for ``'right'``.
    Leading axes are flattened into one batch axis, which must match; the int32 result has
    shape ``[batch, number of values per row]``, as in TF.js (``[1, n]`` for 1D inputs).

    >>> import tfjs_lab as tf
    >>> tf.search_sorted([0, 3, 9, 10, 10], [0, 4, 10]).print()
    Tensor
         [[0, 2, 3],]
    >>> tf.search_sorted([0, 3, 9, 10, 10], [0, 4, 10], 'right').print()
    Tensor
         [[1, 2, 5],]
    """
    sequence, values = as_tensor(sorted_sequence, 'sortedSequence'), as_tensor(values, 'values')
    if side not in ('left', 'right'):
        raise ValueError(f"searchSorted: side must be 'left' or 'right'; received {side!r}")
    if sequence.rank == 0 or values.rank == 0:
        raise ValueError(f'searchSorted: sortedSequence and values must be at least 1D; received shapes '
                         f'[{js_list(sequence.shape)}] and [{js_list(values.shape)}]')
    sequences = sequence._data.reshape(math.prod(sequence.shape[:-1]), sequence.shape[-1])
    rows = values._data.reshape(math.prod(values.shape[:-1]), values.shape[-1])
    if sequences.shape[0] != rows.shape[0]:
        raise ValueError(f"Leading dimension of 'sortedSequence' and 'values' must match: "
                         f'{sequences.shape[0]} and {rows.shape[0]} rows for shapes '
                         f'[{js_list(sequence.shape)}] and [{js_list(values.shape)}].')
    return Tensor(_insertion_points(sequences, rows, side))


def lower_bound(sorted_sequence, values):
    """``search_sorted(sorted_sequence, values, 'left')``: the first place each value could go.

    >>> import tfjs_lab as tf
    >>> tf.lower_bound([1, 2, 2, 3], [2]).print()
    Tensor
         [[1],]
    """
    return search_sorted(sorted_sequence, values, 'left')


def upper_bound(sorted_sequence, values):
    """``search_sorted(sorted_sequence, values, 'right')``: the last place each value could go.

    >>> import tfjs_lab as tf
    >>> tf.upper_bound([1, 2, 2, 3], [2]).print()
    Tensor
         [[3],]
    """
    return search_sorted(sorted_sequence, values, 'right')


def setdiff1d_async(x, y):
    """``[values, indices]``: the entries of the 1D ``x`` that are not in ``y``, in order, and
    their positions in ``x``. Awaitable, as TF.js's Promise; it also works without ``await``.

    >>> import tfjs_lab as tf
    >>> values, indices = tf.setdiff1d_async([1, 2, 3, 4, 5], [2, 4])
    >>> values.print()
    Tensor
        [1, 3, 5]
    >>> indices.print()
    Tensor
        [0, 2, 4]
    """
    x, y = as_tensor(x, 'x'), as_tensor(y, 'y')
    if x.dtype != y.dtype:
        raise TypeError(f'x and y should have the same dtype, but got x ({x.dtype}) and y ({y.dtype}).')
    for name, t in (('x', x), ('y', y)):
        if t.rank != 1:
            raise ValueError(f'{name} should be 1D tensor, but got {name} ({js_list(t.shape)}).')
    kept = ~np.isin(x._data, y._data)
    if x._data.dtype.kind == 'f' and np.isnan(y._data).any():  # a JS Set finds NaN
        kept &= ~np.isnan(x._data)
    return _AwaitableList([Tensor(x._data[kept]), Tensor(np.flatnonzero(kept).astype(_INT32))])


def in_top_k_async(predictions, targets, k=1):
    """Whether each target class is among the ``k`` largest predictions of its row (equal
    predictions ranked by index, as TF.js sorts them); bool, of the targets' shape. Awaitable.

    >>> import tfjs_lab as tf
    >>> tf.in_top_k_async(tf.tensor2d([[20, 10, 40, 30], [30, 50, -20, 10]]),
    ...                   tf.tensor1d([3, 0], 'int32'), 2).print()
    Tensor
        [true, true]
    """
    predictions, targets = as_tensor(predictions, 'predictions'), as_tensor(targets, 'targets')
    if predictions.rank < 2:
        raise ValueError(f'inTopK() expects the predictions to be of rank 2 or higher, but got {predictions.rank}')
    if predictions.rank - 1 != targets.rank:
        raise ValueError(f'predictions rank should be 1 larger than targets rank, but got predictions rank '
                         f'{predictions.rank} and targets rank {targets.rank}')
    if predictions.shape[:-1] != targets.shape:
        raise ValueError(f"predictions's shape should be align with the targets' shape, except the last "
                         f'dimension. Shapes {js_list(predictions.shape[:-1])} and '
                         f'{js_list(targets.shape)} must match')
    last = predictions.shape[-1]
    if not (_is_integer(k) and 0 < k <= last):
        raise ValueError(f"'k' passed to inTopK() must be > 0 && <= the predictions last dimension ({last}), "
                         f'but got {k}')
    rows = predictions._data.reshape(-1, last)
    target = targets._data.reshape(-1).astype(np.float64)
    valid = (target >= 0) & (target < last) & (target == np.floor(target))
    index = np.where(valid, target, 0).astype(np.intp)
    chosen = rows[np.arange(rows.shape[0]), index][:, None]
    rank = np.sum(rows > chosen, axis=1) + np.sum((rows == chosen) & (np.arange(last) < index[:, None]), axis=1)
    return Tensor((valid & (rank < k)).reshape(targets.shape))


def where_async(condition):
    """The coordinates of the true entries of a bool tensor, one row each in row-major order:
    int32 of shape ``[number true, rank]``. Awaitable.

    >>> import tfjs_lab as tf
    >>> tf.where_async(tf.tensor2d([[True, False], [True, True]])).print()
    Tensor
        [[0, 0],
         [1, 0],
         [1, 1]]
    """
    condition = tensor_of_dtype(condition, 'bool', 'condition', 'whereAsync')
    return Tensor(np.argwhere(condition._data).astype(_INT32))


def boolean_mask_async(tensor, mask, axis=0):
    """The slices of ``tensor`` where the bool ``mask`` is true; the mask covers the axes from
    ``axis`` on, which become one axis in the result. Awaitable; differentiable as a gather.

    >>> import tfjs_lab as tf
    >>> tf.boolean_mask_async(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([1, 0, 1], 'bool')).print()
    Tensor
        [[1, 2],
         [5, 6]]
    """
    from .shape import gather, reshape
    tensor = as_tensor(tensor, 'tensor')
    mask = tensor_of_dtype(mask, 'bool', 'mask', 'boolMask')
    axis = 0 if axis is None else axis
    if mask.rank == 0:
        raise ValueError('mask cannot be scalar')
    if not (_is_integer(axis) and -tensor.rank <= axis < tensor.rank):
        raise ValueError(f'booleanMask: axis must be in [-{tensor.rank}, {tensor.rank}) for a tensor of '
                         f'rank {tensor.rank}; received {axis}')
    axis = int(axis) % tensor.rank
    covered = tensor.shape[axis:axis + mask.rank]
    if covered != mask.shape:
        raise ValueError(f"mask's shape must match the first K dimensions of tensor's shape, Shapes "
                         f'{js_list(covered)} and {js_list(mask.shape)} must match')
    merged = reshape(tensor, tensor.shape[:axis] + [math.prod(covered)] + tensor.shape[axis + mask.rank:])
    return gather(merged, Tensor(np.flatnonzero(mask._data).astype(_INT32)), axis)
