"""Selection, sorting and counting ops: the result forms TF.js code relies on, the async ops
with and without ``await``, and clear errors (TF.js's message where it has one)."""
import asyncio
import re

import pytest

import tfjs_lab as tf

X = tf.tensor2d([[1, 3, 3], [2, 0, 2]])
INTS = tf.tensor1d([1, 1, 2, 5], 'int32')


def test_topk_and_unique_results_read_by_attribute_key_and_unpacking():
    result = tf.topk(X, 2)
    values, indices = result
    assert result.values is values and result['indices'] is indices and result[1] is indices
    assert values.array_sync() == [[3, 3], [2, 2]] and indices.array_sync() == [[1, 2], [0, 2]]
    assert indices.dtype == 'int32' and values.dtype == 'float32'
    assert tf.unique(tf.tensor1d([3, 1, 3])).values.array_sync() == [3, 1]
    with pytest.raises(KeyError, match='values and indices'):
        result['count']


def test_tensor_methods_are_those_of_tfjs():
    assert X.topk().indices.array_sync() == [[1], [0]]
    assert tf.tensor1d([2, 2, 1]).unique().indices.array_sync() == [0, 0, 1]
    assert tf.tensor1d([1, 2, 3]).unsortedSegmentSum([0, 1, 0], 2).array_sync() == [4, 2]
    for name in ('bincount', 'searchSorted', 'whereAsync', 'booleanMaskAsync', 'setdiff1dAsync', 'lowerBound'):
        assert not hasattr(X, name)


def test_async_ops_work_with_and_without_await():
    condition = tf.tensor1d([True, False, True])
    direct = tf.where_async(condition)
    assert direct.array_sync() == [[0], [2]]

    async def ported():
        where = await tf.whereAsync(condition)
        masked = await tf.booleanMaskAsync(tf.tensor1d([4, 5, 6]), condition)
        values, indices = await tf.setdiff1dAsync([1, 2, 3], [2])
        hits = await tf.inTopKAsync(tf.tensor2d([[1, 3], [4, 2]]), tf.tensor1d([1, 1], 'int32'))
        same = await X  # TF.js's `await tensor` gives the tensor
        return where, masked, values, indices, hits, same

    where, masked, values, indices, hits, same = asyncio.run(ported())
    assert where.array_sync() == [[0], [2]] and masked.array_sync() == [4, 6]
    assert values.array_sync() == [1, 3] and indices.array_sync() == [0, 2]
    assert hits.dtype == 'bool' and hits.array_sync() == [True, False] and same is X
    plain_values, plain_indices = tf.setdiff1d_async([1, 2, 3], [2])
    assert plain_values.array_sync() == [1, 3]


def test_boolean_mask_is_differentiable_and_takes_negative_axes():
    x = tf.tensor2d([[1, 2], [3, 4], [5, 6]])
    mask = tf.tensor1d([True, False], 'bool')
    assert tf.boolean_mask_async(x, mask, -1).array_sync() == [[1], [3], [5]]
    grad = tf.grad(lambda t: tf.boolean_mask_async(t, tf.tensor1d([True, False, True])).sum())(x)
    assert grad.array_sync() == [[1, 1], [0, 0], [1, 1]]


def test_unsorted_segment_sum_is_float32_and_drops_ids_out_of_range():
    out = tf.unsorted_segment_sum(tf.tensor1d([1, 2, 3, 4], 'int32'), [1, -1, 0, 7], 2)
    assert out.dtype == 'float32' and out.array_sync() == [3, 1]
    grad = tf.grad(lambda t: tf.unsorted_segment_sum(t, [1, -1, 0, 7], 2).mul(tf.tensor1d([10, 20])).sum())(
        tf.tensor1d([1., 2, 3, 4]))
    assert grad.array_sync() == [20, 0, 10, 0]


def test_counting_follows_the_weights_dtype_and_binary_output():
    assert tf.bincount(INTS, [], 3).dtype == 'float32'
    assert tf.bincount(INTS, tf.tensor1d([1, 2, 3, 4], 'int32'), 3).array_sync() == [0, 3, 3]
    assert tf.dense_bincount(INTS, [], 4, True).array_sync() == [0, 1, 1, 0]  # TF.js ignores it for 1D
    assert tf.dense_bincount(tf.tensor2d([[1, 1], [3, 0]], [2, 2], 'int32'), [], 2).array_sync() == [[0, 2], [1, 0]]


def test_search_sorted_gives_one_row_per_batch():
    assert tf.search_sorted([1, 2, 2, 3], [2, 9]).shape == [1, 2]
    assert tf.upper_bound([[1, 2], [5, 6]], [[2], [0]]).array_sync() == [[2], [0]]


BAD_INPUTS = [
    (lambda: tf.topk(tf.scalar(1)), ValueError, 'topk() expects the input to be of rank 1 or higher'),
    (lambda: tf.topk(X, 4), ValueError, "'k' passed to topk() must be <= the last dimension (3) but got 4"),
    (lambda: tf.topk(X, -1), ValueError, "'k' passed to topk() must be >= 0 but got -1"),
    (lambda: tf.topk(X, 1.5), ValueError, "'k' passed to topk() must be an integer but got 1.5"),
    (lambda: tf.unique(tf.scalar(1)), ValueError, 'The input tensor must be at least 1D'),
    (lambda: tf.unique(X, 2), ValueError, 'All values in axis param must be in range [-2, 2) but got axis 2'),
    (lambda: tf.unsorted_segment_sum(X, tf.tensor1d([0, 1]), 2), TypeError,
     "Argument 'segmentIds' passed to 'unsortedSegmentSum' must be int32 tensor, but got float32 tensor"),
    (lambda: tf.unsorted_segment_sum(X, [0, 1], 2.5), ValueError,
     'numSegments must be of dtype int (a non-negative integer); received 2.5'),
    (lambda: tf.unsorted_segment_sum(X, [0, 1, 0], 2), ValueError,
     'segmentIds must be 1D with one id per row of x; received segmentIds of shape [3] for x of shape [2,3]'),
    (lambda: tf.bincount(tf.tensor1d([1, 2]), [], 3), TypeError,
     'Error in bincount: input dtype must be int32, but got float32'),
    (lambda: tf.bincount(INTS, [], -1), ValueError, 'size must be non-negative, but got -1.'),
    (lambda: tf.bincount(INTS, [], 2.5), ValueError, 'size must be a non-negative integer, but got 2.5.'),
    (lambda: tf.bincount(INTS, [1, 2], 3), ValueError,
     'Error in bincount: weights must have the same size as input or 0-length, but got input shape: 4, '
     'weights shape: 2.'),
    (lambda: tf.bincount(tf.tensor1d([1, -2], 'int32'), [], 3), ValueError,
     'Input x must be non-negative! Received -2'),
    (lambda: tf.dense_bincount(tf.zeros([1, 1, 1], 'int32'), [], 3), ValueError,
     'Error in denseBincount: input must be rank 1 or 2, but got rank 3.'),
    (lambda: tf.dense_bincount(INTS, [1], 3), ValueError,
     'Error in denseBincount: weights must have the same shape as input or 0-length'),
    (lambda: tf.search_sorted([0, 3], [[1], [2]]), ValueError,
     "Leading dimension of 'sortedSequence' and 'values' must match: 1 and 2 rows for shapes [2] and [2,1]."),
    (lambda: tf.search_sorted(tf.scalar(1), [1]), ValueError,
     'sortedSequence and values must be at least 1D; received shapes [] and [1]'),
    (lambda: tf.search_sorted([1, 2], [1], 'middle'), ValueError, "side must be 'left' or 'right'; received 'middle'"),
    (lambda: tf.setdiff1d_async(INTS, tf.tensor1d([1])), TypeError,
     'x and y should have the same dtype, but got x (int32) and y (float32).'),
    (lambda: tf.setdiff1d_async(X, [1]), ValueError, 'x should be 1D tensor, but got x (2,3).'),
    (lambda: tf.setdiff1d_async([1], X), ValueError, 'y should be 1D tensor, but got y (2,3).'),
    (lambda: tf.in_top_k_async(tf.tensor1d([1, 2]), tf.scalar(0)), ValueError,
     'inTopK() expects the predictions to be of rank 2 or higher, but got 1'),
    (lambda: tf.in_top_k_async(X, X), ValueError,
     'predictions rank should be 1 larger than targets rank, but got predictions rank 2 and targets rank 2'),
    (lambda: tf.in_top_k_async(X, [0, 1, 2]), ValueError,
     "predictions's shape should be align with the targets' shape, except the last dimension. "
     'Shapes 2 and 3 must match'),
    (lambda: tf.in_top_k_async(X, [0, 1], 4), ValueError,
     "'k' passed to inTopK() must be > 0 && <= the predictions last dimension (3), but got 4"),
    (lambda: tf.where_async(tf.tensor1d([1, 0])), TypeError,
     "Argument 'condition' passed to 'whereAsync' must be bool tensor, but got float32 tensor"),
    (lambda: tf.boolean_mask_async(X, tf.tensor1d([1, 0])), TypeError,
     "Argument 'mask' passed to 'boolMask' must be bool tensor, but got float32 tensor"),
    (lambda: tf.boolean_mask_async(X, tf.scalar(True)), ValueError, 'mask cannot be scalar'),
    (lambda: tf.boolean_mask_async(X, [True, False, True]), ValueError,
     "mask's shape must match the first K dimensions of tensor's shape, Shapes 2 and 3 must match"),
    (lambda: tf.boolean_mask_async(X, [True], 2), ValueError,
     'booleanMask: axis must be in [-2, 2) for a tensor of rank 2; received 2'),
]


@pytest.mark.parametrize('call,error,message', BAD_INPUTS, ids=[m[:40] for _, _, m in BAD_INPUTS])
def test_bad_input_names_what_was_expected_and_received(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
