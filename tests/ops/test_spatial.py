"""spaceToBatchND, batchToSpaceND, depthToSpace, dilation2d and maxPoolWithArgmax: properties
that tie them to each other and to the ops they generalise, NaN handling as TF.js 4.22 does it,
and clear errors (TF.js's messages where it has one) for bad input."""
import numpy as np
import pytest

import tfjs_lab as tf

rng = np.random.default_rng(3)
X = tf.tensor(rng.uniform(-2, 2, (2, 4, 6, 3)).astype(np.float32))


# --- properties ----------------------------------------------------------------------------
@pytest.mark.parametrize('block_shape,paddings', [([2, 2], [[0, 0], [0, 0]]), ([2, 3], [[1, 1], [2, 1]]),
                                                  ([4], [[1, 3]])])
def test_batch_to_space_undoes_space_to_batch(block_shape, paddings):
    batched = tf.space_to_batch_nd(X, block_shape, paddings)
    np.testing.assert_array_equal(tf.batch_to_space_nd(batched, block_shape, paddings), X)


def test_an_empty_block_shape_leaves_the_tensor_as_it_is_both_ways():
    # TF.js's batchToSpaceND fails on it ("Reduce of empty array"), which breaks spaceToBatchND's gradient
    np.testing.assert_array_equal(tf.space_to_batch_nd(X, [], []), X)
    np.testing.assert_array_equal(tf.batch_to_space_nd(X, [], []), X)
    grad = tf.grad(lambda x: tf.space_to_batch_nd(x, [], []).square().sum())(X)
    np.testing.assert_allclose(grad, 2 * np.asarray(X))


def test_depth_to_space_is_the_pixel_shuffle_and_differentiable():
    out = tf.depth_to_space(X.reshape([2, 2, 3, 12]), 2)
    assert out.shape == [2, 4, 6, 3]
    expected = np.asarray(X).reshape(2, 2, 3, 2, 2, 3).transpose(0, 1, 3, 2, 4, 5).reshape(2, 4, 6, 3)
    np.testing.assert_array_equal(out, expected)
    grad = tf.grad(lambda x: tf.depth_to_space(x, 2).mul(tf.range(0, 72).reshape([1, 4, 6, 3])).sum())(
        X.reshape([2, 2, 3, 12]))
    assert grad.shape == [2, 2, 3, 12]  # TF.js has no depthToSpace gradient


def test_dilation_by_a_zero_filter_is_max_pooling():
    pooled = tf.dilation2d(X, tf.zeros([3, 2, 3]), [2, 2], 'same')
    np.testing.assert_array_equal(pooled, tf.max_pool(X, [3, 2], 2, 'same'))


def test_max_pool_with_argmax_points_at_its_maxima():
    pooled = tf.max_pool_with_argmax(X, 3, 2, 'same', include_batch_in_index=True)
    np.testing.assert_array_equal(pooled.result, tf.max_pool(X, 3, 2, 'same'))
    np.testing.assert_array_equal(np.asarray(X).ravel()[np.asarray(pooled.indexes)], pooled.result)
    assert pooled.indexes.dtype == 'int32' and set(pooled) == {'result', 'indexes'}
    without_batch = np.asarray(tf.maxPoolWithArgmax(X, 3, 2, 'same').indexes)
    np.testing.assert_array_equal(without_batch[1] + 4 * 6 * 3, np.asarray(pooled.indexes)[1])


def test_max_pool_with_argmax_skips_nan_as_tfjs_does():
    # TF.js 4.22: a window of NaN gives -Infinity at index -1; NaN never beats a number
    pooled = tf.max_pool_with_argmax(tf.tensor4d([np.nan] * 4 + [-np.inf, -np.inf, np.nan, 1], [1, 2, 4, 1]), 2, 2,
                                     'valid')
    assert pooled.result.dataSync().tolist() == [-np.inf, 1]
    assert pooled.indexes.dataSync().tolist() == [-1, 7]


def test_max_pool_with_argmax_has_no_gradient_as_in_tfjs():
    with pytest.raises(ValueError, match='Cannot compute gradient'):
        tf.grad(lambda x: tf.max_pool_with_argmax(x, 2, 2, 'valid').result)(X)
    assert not hasattr(X, 'maxPoolWithArgmax') and hasattr(X, 'dilation2d') and hasattr(X, 'spaceToBatchND')


# --- bad input -----------------------------------------------------------------------------
def _raises(match, fn, error=ValueError):
    with pytest.raises(error, match=match):
        fn()


def test_space_to_batch_errors():
    x = tf.ones([1, 4, 4, 1])
    _raises(r'input rank 2 should be > than \[blockShape\] 2', lambda: tf.space_to_batch_nd(tf.ones([4, 4]), [2, 2],
                                                                                             [[0, 0], [0, 0]]))
    _raises(r'paddings.shape\[0\] 1 must be equal to \[blockShape\] 2',
            lambda: tf.space_to_batch_nd(x, [2, 2], [[0, 0]]))
    _raises('input spatial dimensions 4,4,1 with paddings 0,1,0,0 must be divisible by blockShapes 2,2',
            lambda: tf.space_to_batch_nd(x, [2, 2], [[0, 1], [0, 0]]))
    _raises(r'spaceToBatchND: blockShape must be positive integers; received \[0, 2\]',
            lambda: tf.space_to_batch_nd(x, [0, 2], [[0, 0], [0, 0]]))
    # TF.js pads by a negative amount and returns shifted values
    _raises(r'spaceToBatchND: paddings must be \[before, after\] pairs of non-negative integers; received '
            r'\[\[-1, 1\], \[0, 0\]\]', lambda: tf.space_to_batch_nd(x, [2, 2], [[-1, 1], [0, 0]]))
    _raises('paddings must be', lambda: tf.space_to_batch_nd(x, [2, 2], [[0, 0], 1]))


def test_batch_to_space_errors():
    x = tf.ones([4, 2, 2, 1])
    _raises('input rank is 2 but should be > than blockShape.length 2',
            lambda: tf.batch_to_space_nd(tf.ones([4, 2]), [2, 2], [[0, 0], [0, 0]]))
    _raises('crops.length is 1 but should be equal to blockShape.length  2',
            lambda: tf.batch_to_space_nd(x, [2, 2], [[0, 0]]))
    _raises(r'input tensor batch is 3 but is not divisible by the product of the elements of blockShape 2 \* 2 === 4',
            lambda: tf.batch_to_space_nd(tf.ones([3, 2, 2, 1]), [2, 2], [[0, 0], [0, 0]]))
    # TF.js ignores crops larger than the dimension and returns it whole
    _raises(r'batchToSpaceND: crops \[0, 5\] for dimension 1 remove more than its 2 \* 2 = 4 values',
            lambda: tf.batch_to_space_nd(x, [2, 2], [[0, 5], [0, 0]]))
    _raises(r'batchToSpaceND: crops must be \[before, after\] pairs of non-negative integers; received '
            r'\[\[0, 0\], \[1.5, 0\]\]', lambda: tf.batch_to_space_nd(x, [2, 2], [[0, 0], [1.5, 0]]))


def test_depth_to_space_errors():
    _raises("Argument 'x' passed to 'depthToSpace' must be float32 tensor, but got int32 tensor",
            lambda: tf.depth_to_space(tf.ones([1, 1, 1, 4], 'int32'), 2), TypeError)
    _raises(r'depthToSpace: x must be rank 4 \[batch, height, width, depth\]; received shape \[1, 2, 4\]',
            lambda: tf.depth_to_space(tf.ones([1, 2, 4]), 2))
    _raises('blockSize should be > 1 for depthToSpace, but was: 1', lambda: tf.depth_to_space(tf.ones([1, 1, 1, 4]), 1))
    _raises('blockSize should be > 1 for depthToSpace, but was: 2.5',
            lambda: tf.depth_to_space(tf.ones([1, 1, 1, 4]), 2.5))
    _raises('Only NHWC dataFormat supported on CPU for depthToSpace. Got NCHW',
            lambda: tf.depth_to_space(tf.ones([1, 4, 1, 1]), 2, 'NCHW'))
    _raises('Dimension size must be evenly divisible by 4 but is 6 for depthToSpace with input shape 1,1,1,6',
            lambda: tf.depth_to_space(tf.ones([1, 1, 1, 6]), 2))
    assert tf.depth_to_space([[[[1, 2, 3, 4]]]], 2).dtype == 'float32'  # plain values become float32, as in TF.js


def test_dilation2d_errors():
    x, w = tf.ones([1, 4, 4, 1]), tf.zeros([2, 2, 1])
    _raises(r'Error in dilation2d: input must be rank 3 or 4, but got rank 2\.',
            lambda: tf.dilation2d(tf.ones([4, 4]), w, 1, 'valid'))
    _raises(r'Error in dilation2d: filter must be rank 3, but got rank 4\.',
            lambda: tf.dilation2d(x, tf.zeros([2, 2, 1, 1]), 1, 'valid'))
    _raises('Error in dilation2d: Only NHWC is currently supported, but got dataFormat of NCHW',
            lambda: tf.dilation2d(x, w, 1, 'valid', [1, 1], 'NCHW'))
    _raises('Error in dilation2d:  input and filter must have the same depth: 1 vs 2',
            lambda: tf.dilation2d(x, tf.zeros([2, 2, 2]), 1, 'valid'))
    _raises(r'strides must be a positive number or 2 positive numbers; received \[1, 0\]',
            lambda: tf.dilation2d(x, w, [1, 0], 'valid'))
    _raises(r"dilation2d: pad must be 'valid', 'same', a number or explicit",
            lambda: tf.dilation2d(x, w, 1, 'full'))
    _raises(r'dilation2d: a numeric pad must be a non-negative integer; received 1.5',
            lambda: tf.dilation2d(x, w, 1, 1.5))
    # TF.js returns an empty tensor here
    _raises(r'dilation2d: the window \[5, 2\] with dilations \[1, 1\] is larger than the padded input \[4, 4\]',
            lambda: tf.dilation2d(x, tf.zeros([5, 2, 1]), 1, 'valid'))


def test_max_pool_with_argmax_errors():
    # TF.js fails on rank 3 with "shape comprised of positive integers" and pools rank 5 wrongly
    _raises(r'maxPoolWithArgmax: x must be rank 4 \[batch, height, width, channels\]; received shape \[2, 2, 1\]',
            lambda: tf.max_pool_with_argmax(tf.ones([2, 2, 1]), 2, 2, 'valid'))
    _raises(r'filterSize must be a positive number or 2 positive numbers; received \[2, 2, 2\]',
            lambda: tf.max_pool_with_argmax(tf.ones([1, 4, 4, 1]), [2, 2, 2], 1, 'valid'))
    _raises(r'maxPoolWithArgmax: the window \[3, 3\] with dilations \[1, 1\] is larger than the padded input',
            lambda: tf.max_pool_with_argmax(tf.ones([1, 2, 2, 1]), 3, 1, 'valid'))
