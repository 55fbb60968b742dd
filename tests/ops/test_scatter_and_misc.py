"""Scatter ops, diag, meshgrid, broadcastArgs, ensureShape and bitwiseAnd: where tfjs_lab is
stricter than TF.js (docs/DIFFERENCES.md), their gradients through ``tf.grad``, and errors
that name what was expected and what was received. TF.js's own messages are compared word
for word in tests/interop/test_ops_parity_scatter.py."""
import pytest

import tfjs_lab as tf
from tfjs_lab._naming import to_camel

NAMES = ['scatter_nd', 'tensor_scatter_update', 'sparse_to_dense', 'diag', 'meshgrid', 'broadcast_args',
         'ensure_shape', 'bitwise_and']


def ints(values, shape=None):
    return tf.tensor(values, shape, 'int32')


@pytest.mark.parametrize('name', NAMES)
def test_top_level_functions_in_both_spellings_and_not_tensor_methods(name):
    camel = to_camel(name)
    assert getattr(tf, camel) is getattr(tf, name)
    assert not hasattr(tf.ones([1]), name) and not hasattr(tf.ones([1]), camel)  # as in TF.js


@pytest.mark.parametrize('index', [[0, 3], [1, -1], [2, 0]])
def test_each_index_must_be_in_range_in_its_own_dimension(index):
    # TF.js only checks the flattened position: [0, 3] and [1, -1] would write other elements
    with pytest.raises(ValueError, match=rf'Invalid indices: {index[0]},{index[1]} does not index into 2,3'):
        tf.scatter_nd(ints([index]), tf.tensor1d([5]), [2, 3])
    with pytest.raises(ValueError, match='does not index into 2,3'):
        tf.tensor_scatter_update(tf.zeros([2, 3]), ints([index]), tf.tensor1d([5]))
    with pytest.raises(ValueError, match='does not index into 2,3'):
        tf.sparse_to_dense(ints([index]), tf.tensor1d([5]), [2, 3])


def test_duplicate_indices_add_in_scatter_nd_and_keep_the_last_update_elsewhere():
    indices = ints([[1], [0], [1]])
    assert tf.scatter_nd(indices, tf.tensor1d([1, 2, 3]), [3]).array_sync() == [2, 4, 0]
    assert tf.scatter_nd(indices, tf.tensor1d([True, False, True], 'bool'), [3]).array_sync() == [False, True, False]
    assert tf.tensor_scatter_update(tf.zeros([3]), indices, tf.tensor1d([1, 2, 3])).array_sync() == [2, 3, 0]
    assert tf.sparse_to_dense(ints([1, 0, 1]), tf.tensor1d([1, 2, 3]), [3], 9).array_sync() == [2, 3, 9]


def test_no_updates_leave_the_base():
    assert tf.scatter_nd(tf.zeros([0, 1], 'int32'), tf.zeros([0]), [2]).array_sync() == [0, 0]
    base = tf.tensor1d([1, 2])
    assert tf.tensor_scatter_update(base, tf.zeros([0, 1], 'int32'), tf.zeros([0])) is base


def test_gradients_flow_where_tfjs_has_none():
    ones = tf.ones([2])
    grad = tf.grad(lambda u: tf.scatter_nd(ints([[0], [0]]), u, [3]).mul(tf.tensor1d([2, 3, 4])))
    assert grad(ones).array_sync() == [2, 2]
    t_grad, u_grad = tf.grads(lambda t, u: tf.tensor_scatter_update(t, ints([[1], [1]]), u).mul(3))(
        [tf.ones([3]), ones])
    assert t_grad.array_sync() == [3, 0, 3] and u_grad.array_sync() == [0, 3]  # the overwritten update gets none
    v_grad, d_grad = tf.grads(lambda v, d: tf.sparse_to_dense(ints([2, 0]), v, [4], d))([ones, tf.scalar(0)])
    assert v_grad.array_sync() == [1, 1] and d_grad.array_sync() == 2
    assert tf.grad(lambda x: tf.diag(x).sum())(tf.ones([2, 2])).array_sync() == [[1, 1], [1, 1]]


def test_meshgrid_without_arguments_and_with_one():
    x = tf.tensor2d([[1, 2]])
    assert tf.meshgrid() == [] and tf.meshgrid(x)[0] is x
    assert [g.shape for g in tf.meshgrid([1, 2, 3], [4, 5], indexing='ij')] == [[3, 2], [3, 2]]
    with pytest.raises(TypeError, match="unknown option 'index'. Allowed options: indexing"):
        tf.meshgrid([1], [2], {'index': 'ij'})


def test_ensure_shape_returns_its_input():
    x = tf.ones([2, 3])
    assert tf.ensure_shape(x, [None, 3]) is x
    assert tf.ensure_shape([1, 2], [2]).array_sync() == [1, 2]  # TF.js hands back the plain list


BAD_INPUT = [
    (lambda: tf.scatter_nd(tf.tensor2d([[0]]), tf.tensor1d([1]), [2]), TypeError,
     "Argument 'indices' passed to 'scatterND' must be int32 tensor, but got float32 tensor"),
    (lambda: tf.scatter_nd(ints([[0]]), tf.tensor1d([1, 2]), [2]), ValueError,
     r'got updates.shape: 2, indices.shape: 1,1, shape: 2, .* updates.shape\[0\] \(2\) != indices.shape\[0\] \(1\)'),
    (lambda: tf.scatter_nd(ints([[0], [1]]), tf.ones([2, 2]), [2, 3]), ValueError,
     r'updates.shape\[1\] \(2\) != shape\[1\] \(3\)'),
    (lambda: tf.scatter_nd(ints([[0]]), tf.ones([1]), [2.5]), ValueError,
     r'shape comprised of positive integers but got shape \[2.5\]'),
    (lambda: tf.tensor_scatter_update(tf.ones([2], 'int32'), ints([[0]]), tf.ones([1])), TypeError,
     'tensor and updates must have the same dtype, instead they are int32 and float32'),
    (lambda: tf.tensor_scatter_update(tf.ones([2]), tf.ones([1, 1]), tf.ones([1])), TypeError,
     "Argument 'indices' passed to 'tensorScatterUpdate' must be int32 tensor, but got float32 tensor"),
    (lambda: tf.sparse_to_dense(ints([0, 1]), tf.ones([2]), [3], [1, 2]), ValueError,
     r'defaultValue must be a scalar; received shape \[2\]'),  # TF.js would use the first value
    (lambda: tf.sparse_to_dense(ints([0, 1]), tf.ones([2]), [3], tf.scalar(1, 'int32')), TypeError,
     "Argument 'defaultValue' passed to 'sparseToDense' must be float32 tensor, but got int32 tensor"),
    (lambda: tf.sparse_to_dense(ints([0, 1]), tf.ones([3]), [3]), ValueError,
     r'sparseValues has incorrect shape 3, should be \[\] or \[2\]'),
    (lambda: tf.diag(tf.ones([2]), 1), TypeError, 'positional argument'),
    (lambda: tf.meshgrid([1], [2], indexing='yx'), TypeError, 'yx is not a valid third argument to meshgrid'),
    (lambda: tf.broadcast_args([2, 3], [4]), ValueError, 'Operands could not be broadcast together with shapes 2,3 and 4'),
    (lambda: tf.broadcast_args(ints([[2]]), [4]), ValueError, r'first input must be a vector \(rank=1\). Has rank 2'),
    (lambda: tf.ensure_shape(tf.ones([2, 3]), [2]), ValueError,
     'Shape of tensor 2,3 is not compatible with expected shape 2$'),
    (lambda: tf.bitwise_and(tf.ones([2]), tf.ones([2])), TypeError,
     "Only supports 'int32' values in tensor, found type of x: float32 and type of y: float32"),
    (lambda: tf.bitwise_and(ints([1, 2]), ints([[1, 2]])), ValueError, 'same shape. x: 2, y: 1,2'),
]


@pytest.mark.parametrize('call,error,message', BAD_INPUT, ids=[m[:40] for _, _, m in BAD_INPUT])
def test_bad_input_names_what_was_expected_and_received(call, error, message):
    with pytest.raises(error, match=message):
        call()
