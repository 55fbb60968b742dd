"""Forward behaviour of ops: TF.js dtype rules (float32 by default, never float64), shapes,
indexing sugar, and clear errors."""
import numpy as np
import pytest

import tfjs_lab as tf

F = tf.tensor2d([[1.5, -2.0], [3.0, 0.5]])
P = tf.tensor2d([[1.5, 2.0], [3.0, 0.5]])

FLOAT_OPS = {
    'add': lambda: tf.add(F, 1), 'sub': lambda: F - 2, 'mul': lambda: 3 * F, 'div': lambda: F / 2,
    'pow': lambda: tf.pow(P, 2), 'maximum': lambda: tf.maximum(F, 0), 'minimum': lambda: tf.minimum(F, 0),
    'squared_difference': lambda: tf.squared_difference(F, P), 'add_n': lambda: tf.add_n([F, F]),
    'neg': lambda: -F, 'abs': lambda: abs(F), 'square': lambda: F.square(), 'sqrt': lambda: P.sqrt(),
    'exp': lambda: F.exp(), 'log': lambda: P.log(), 'log1p': lambda: P.log1p(), 'tanh': lambda: F.tanh(),
    'sigmoid': lambda: F.sigmoid(), 'relu': lambda: F.relu(), 'elu': lambda: F.elu(),
    'softplus': lambda: F.softplus(), 'sign': lambda: F.sign(), 'round': lambda: F.round(),
    'floor': lambda: F.floor(), 'ceil': lambda: F.ceil(), 'clip_by_value': lambda: F.clip_by_value(0, 1),
    'softmax': lambda: F.softmax(), 'log_softmax': lambda: F.log_softmax(), 'sum': lambda: F.sum(),
    'mean': lambda: F.mean(0), 'max': lambda: F.max(1), 'min': lambda: F.min(), 'mat_mul': lambda: F @ F,
    'dot': lambda: tf.dot(F, F), 'reshape': lambda: F.reshape([4]), 'transpose': lambda: F.transpose(),
    'expand_dims': lambda: F.expand_dims(0), 'squeeze': lambda: F.expand_dims(0).squeeze(),
    'concat': lambda: tf.concat([F, F], 1), 'stack': lambda: tf.stack([F, F]), 'slice': lambda: F.slice([0, 1]),
    'gather': lambda: F.gather([1, 0]), 'flatten': lambda: F.flatten(), 'where': lambda: tf.where(F > 0, F, P),
    'random_normal': lambda: tf.random_normal([2]), 'random_uniform': lambda: tf.random_uniform([2]),
    'truncated_normal': lambda: tf.truncated_normal([2]), 'getitem': lambda: F[0],
    'random_standard_normal': lambda: tf.random_standard_normal([2]), 'random_gamma': lambda: tf.random_gamma([2], 2),
    'rand': lambda: tf.rand([2], lambda: 0.5),
    'div_no_nan': lambda: tf.div_no_nan(F, P), 'mod': lambda: tf.mod(F, 2), 'atan2': lambda: tf.atan2(F, P),
    'prelu': lambda: tf.prelu(F, tf.scalar(0.1)), 'rsqrt': lambda: P.rsqrt(), 'reciprocal': lambda: F.reciprocal(),
    'expm1': lambda: F.expm1(), 'sin': lambda: F.sin(), 'cos': lambda: F.cos(), 'tan': lambda: F.tan(),
    'asin': lambda: (F / 4).asin(), 'acos': lambda: (F / 4).acos(), 'atan': lambda: F.atan(),
    'sinh': lambda: F.sinh(), 'cosh': lambda: F.cosh(), 'asinh': lambda: F.asinh(), 'acosh': lambda: (P + 1).acosh(),
    'atanh': lambda: (F / 4).atanh(), 'erf': lambda: F.erf(), 'log_sigmoid': lambda: F.log_sigmoid(),
    'relu6': lambda: F.relu6(), 'selu': lambda: F.selu(), 'leaky_relu': lambda: F.leaky_relu(),
    'step': lambda: F.step(), 'prod': lambda: F.prod(1), 'log_sum_exp': lambda: F.log_sum_exp(),
    'norm': lambda: F.norm(), 'euclidean_norm': lambda: F.euclidean_norm(0),
    'moments': lambda: tf.moments(F)['variance'], 'cumsum': lambda: F.cumsum(), 'cumprod': lambda: F.cumprod(1),
    'unstack': lambda: tf.unstack(F)[1], 'split': lambda: tf.split(F, 2, 1)[0],
    'strided_slice': lambda: F.strided_slice([0, 1], [2, 2], [1, 1]),
    'gather_nd': lambda: F.gather_nd(tf.tensor2d([[0, 1]], None, 'int32')), 'tile': lambda: F.tile([2, 1]),
    'pad': lambda: F.pad([[1, 0], [0, 1]]), 'mirror_pad': lambda: F.mirror_pad([[1, 0], [0, 1]], 'reflect'),
    'reverse': lambda: F.reverse(), 'broadcast_to': lambda: F.broadcast_to([3, 2, 2]),
    'outer_product': lambda: tf.outer_product(F.flatten(), F.flatten()),
    'einsum': lambda: tf.einsum('ij,jk->ik', F, F), 'eye': lambda: tf.eye(2), 'range': lambda: tf.range(0, 3),
    'linspace': lambda: tf.linspace(0, 1, 5), 'clone': lambda: F.clone(),
    'conv1d': lambda: tf.conv1d(F.reshape([1, 4, 1]), tf.ones([2, 1, 1]), 1, 'same'),
    'conv2d': lambda: tf.conv2d(F.reshape([1, 2, 2, 1]), tf.ones([2, 2, 1, 2]), 1, 'same'),
    'conv3d': lambda: tf.conv3d(F.reshape([1, 1, 2, 2, 1]), tf.ones([1, 2, 2, 1, 1]), 1, 'valid'),
    'conv2d_transpose': lambda: tf.conv2d_transpose(F.reshape([1, 2, 2, 1]), tf.ones([2, 2, 1, 1]), [1, 4, 4, 1], 2, 'valid'),
    'conv3d_transpose': lambda: tf.conv3d_transpose(F.reshape([1, 1, 2, 2, 1]), tf.ones([1, 2, 2, 1, 1]), [1, 1, 4, 4, 1],
                                                    2, 'valid'),
    'depthwise_conv2d': lambda: tf.depthwise_conv2d(F.reshape([1, 2, 2, 1]), tf.ones([2, 2, 1, 2]), 1, 'same'),
    'separable_conv2d': lambda: tf.separable_conv2d(F.reshape([1, 2, 2, 1]), tf.ones([2, 2, 1, 1]), tf.ones([1, 1, 1, 2]), 1, 'same'),
    'max_pool': lambda: tf.max_pool(F.reshape([1, 2, 2, 1]), 2, 1, 'same'),
    'avg_pool': lambda: tf.avg_pool(F.reshape([1, 2, 2, 1]), 2, 1, 'same'),
    'max_pool3d': lambda: tf.max_pool3d(F.reshape([1, 1, 2, 2, 1]), 1, 1, 'valid'),
    'avg_pool3d': lambda: tf.avg_pool3d(F.reshape([1, 1, 2, 2, 1]), 1, 1, 'valid'),
    'pool': lambda: tf.pool(F.reshape([1, 2, 2, 1]), [2, 2], 'avg', 'valid'),
    'batch_norm': lambda: tf.batch_norm(F, tf.scalar(0), tf.scalar(1)),
    'local_response_normalization': lambda: tf.local_response_normalization(F.reshape([1, 1, 2, 2]), 1),
    'dropout': lambda: tf.dropout(F, 0.5, seed=1),
    'basic_lstm_cell': lambda: tf.basic_lstm_cell(1, tf.ones([3, 4]), tf.zeros([4]), F, F[:, :1], F[:, :1])[1],
    'multi_rnn_cell': lambda: tf.multi_rnn_cell([lambda x, c, h: [c, h]], F, [F], [F])[1][0],
    'moving_average': lambda: tf.moving_average(F, F, 0.5, 1),
    'topk': lambda: F.topk().values, 'unique': lambda: F.unique().values,
    'unsorted_segment_sum': lambda: F.unsorted_segment_sum([1, 0], 2),
    'bincount': lambda: tf.bincount(tf.tensor1d([0, 1], 'int32'), [], 2),
    'dense_bincount': lambda: tf.dense_bincount(tf.tensor1d([0, 1], 'int32'), [], 2),
    'setdiff1d_async': lambda: tf.setdiff1d_async(F.flatten(), [3])[0],
    'boolean_mask_async': lambda: tf.boolean_mask_async(F, [True, False]),
    'space_to_batch_nd': lambda: F.reshape([1, 2, 2, 1]).space_to_batch_nd([2, 2], [[0, 0], [0, 0]]),
    'batch_to_space_nd': lambda: F.reshape([4, 1, 1, 1]).batch_to_space_nd([2, 2], [[0, 0], [0, 0]]),
    'depth_to_space': lambda: F.reshape([1, 1, 1, 4]).depth_to_space(2),
    'dilation2d': lambda: F.reshape([1, 2, 2, 1]).dilation2d(tf.zeros([2, 2, 1]), 1, 'same'),
    'max_pool_with_argmax': lambda: tf.max_pool_with_argmax(F.reshape([1, 2, 2, 1]), 2, 1, 'same').result,
    'scatter_nd': lambda: tf.scatter_nd([[1], [0]], F, [3, 2]), 'diag': lambda: tf.diag(F),
    'tensor_scatter_update': lambda: tf.tensor_scatter_update(F, [[1]], [[7, 8]]),
    'sparse_to_dense': lambda: tf.sparse_to_dense([1], [2.5], [3]), 'meshgrid': lambda: tf.meshgrid(F, P)[1],
    'ensure_shape': lambda: tf.ensure_shape(F, [2, None]), 'cosine_window': lambda: tf.cosine_window(4, 0.5, 0.5),
}
INT_OPS = {'one_hot', 'multinomial', 'random_uniform_int', 'search_sorted', 'lower_bound', 'upper_bound', 'where_async',
           'bitwise_and', 'broadcast_args'}
BOOL_OPS = {'equal', 'not_equal', 'greater', 'greater_equal', 'less', 'less_equal', 'logical_and', 'logical_or',
            'logical_xor', 'logical_not', 'is_nan', 'is_finite', 'is_inf', 'all', 'any', 'in_top_k_async'}


@pytest.mark.parametrize('name', sorted(FLOAT_OPS))
def test_float_ops_stay_float32(name):
    out = FLOAT_OPS[name]()
    assert out.dtype == 'float32' and out._data.dtype == np.float32


def test_every_float_op_is_covered():
    # Rank-specific spellings (concat2d, ...) are the same functions as the ops they name.
    aliases = {n for n in tf.ops.__all__ if any(getattr(tf.ops, n) is getattr(tf.ops, m) and n != m
                                                 for m in ('concat', 'slice', 'reverse', 'pad', 'batch_norm'))}
    public = set(tf.ops.__all__) - aliases - {'print', 'tensor', 'scalar', 'tensor1d', 'tensor2d', 'tensor3d',
                                              'tensor4d', 'tensor5d', 'tensor6d', 'zeros', 'ones', 'fill',
                                              'zeros_like', 'ones_like', 'variable', 'cast', 'arg_max', 'arg_min',
                                              'floor_div', 'buffer', 'TensorBuffer'} - BOOL_OPS - INT_OPS
    assert public - set(FLOAT_OPS) == set()


def test_tfjs_dtype_rules():
    i = tf.tensor1d([1, 2], 'int32')
    assert (i + 1).dtype == 'float32'          # JS numbers are float32 tensors in TF.js
    assert (i * i).dtype == 'int32'
    assert (i / i).dtype == 'int32'            # integer division floors in TF.js
    assert tf.tensor([1, 2, 3]).dtype == 'float32'
    assert tf.tensor(np.arange(3)).dtype == 'int32'
    assert tf.tensor(np.ones(2)).dtype == 'float32'  # float64 arrays become float32
    assert tf.tensor([True, False]).sum().dtype == 'int32'
    assert (F > 0).dtype == 'bool' and F.arg_max(1).dtype == 'int32'


def test_indexing_sugar_and_its_gradient():
    t = tf.tensor2d([[1, 2, 3], [4, 5, 6]])
    assert t[1].array_sync() == [4, 5, 6]
    assert t[:, 1].array_sync() == [2, 5]
    assert tf.grad(lambda x: x[0, 1:].sum())(t).array_sync() == [[0, 1, 1], [0, 0, 0]]
    with pytest.raises(TypeError, match='tf.gather'):
        t[[0, 1]]


def test_shape_errors_are_clear():
    with pytest.raises(ValueError, match=r'Based on the provided shape, \[2,2\], the tensor should have 4 values but has 3'):
        tf.tensor([1, 2, 3], [2, 2])
    with pytest.raises(ValueError, match='ragged'):
        tf.tensor([[1, 2], [3]])
    with pytest.raises(ValueError, match=r'inner shapes \(3\) and \(2\)'):
        tf.mat_mul(tf.ones([2, 3]), tf.ones([2, 2]))
    with pytest.raises(ValueError, match='tensor2d'):
        tf.tensor2d([1, 2, 3])


def test_disposed_tensor_raises():
    t = tf.tensor1d([1, 2])
    t.dispose()
    assert t.is_disposed
    with pytest.raises(tf.errors.DisposedError, match='Tensor is disposed'):
        t.add(1)


def test_numpy_interop():
    t = tf.tensor2d([[1, 2]])
    assert np.asarray(t).dtype == np.float32
    np.testing.assert_array_equal(np.asarray(t) * 2, [[2, 4]])
    assert t.data_sync().tolist() == [1, 2] and t.array_sync() == [[1, 2]]


def test_index_and_logic_ops_have_tfjs_dtypes():
    b = F > 0
    results = {
        'one_hot': tf.one_hot(tf.tensor1d([0, 1], 'int32'), 3), 'multinomial': tf.multinomial(F, 2, seed=0),
        'random_uniform_int': tf.random_uniform_int([2], 0, 5),
        'bitwise_and': tf.bitwise_and(tf.tensor1d([6], 'int32'), tf.tensor1d([3], 'int32')),
        'broadcast_args': tf.broadcast_args([2, 1], [3]),
        'equal': tf.equal(F, P), 'not_equal': tf.not_equal(F, P), 'greater': F > P, 'greater_equal': F >= P,
        'less': F < P, 'less_equal': F <= P, 'logical_and': tf.logical_and(b, b), 'logical_or': tf.logical_or(b, b),
        'logical_xor': tf.logical_xor(b, b), 'logical_not': tf.logical_not(b), 'is_nan': F.is_nan(),
        'is_finite': F.is_finite(), 'is_inf': F.is_inf(), 'all': b.all(), 'any': b.any(1),
        'search_sorted': tf.search_sorted([1, 2], F.flatten()), 'lower_bound': tf.lower_bound([1, 2], F.flatten()),
        'upper_bound': tf.upper_bound([1, 2], F.flatten()), 'where_async': tf.where_async(b),
        'in_top_k_async': tf.in_top_k_async(F, [0, 1]),
    }
    assert set(results) == BOOL_OPS | INT_OPS
    for name, out in results.items():
        assert out.dtype == ('int32' if name in INT_OPS else 'bool'), name


def test_logic_ops_refuse_non_bool_input_as_tfjs_does():
    with pytest.raises(TypeError, match="Argument 'a' passed to 'logicalAnd' must be bool tensor, but got float32 tensor"):
        tf.logical_and(F, F > 0)
    with pytest.raises(TypeError, match=r'all\(\): the input must be of dtype bool; received float32'):
        F.all()


def test_shape_op_errors_name_what_was_expected():
    with pytest.raises(ValueError, match=r'sum of split sizes \(\[1, 1\]\) must match the size of the axis \(3\)'):
        tf.split(tf.zeros([3]), [1, 1])
    with pytest.raises(ValueError, match='rank of input 2 must match length of reps'):
        F.tile([2])
    with pytest.raises(ValueError, match="padding \\[3, 0\\] must be at most 1 for an axis of size 2 in 'reflect' mode"):
        F.mirror_pad([[3, 0], [0, 0]], 'reflect')
    with pytest.raises(ValueError, match=r'cannot broadcast a tensor of shape \[2, 2\] to \[3\]'):
        F.broadcast_to([3])
    with pytest.raises(ValueError, match="Einsum does not support repeated subscripts within one operand; received 'ii'"):
        tf.einsum('ii->i', F)


@pytest.mark.parametrize('length', [-1, 2.5, True, '8'])
def test_cosine_window_names_a_bad_length(length):
    with pytest.raises(ValueError, match=f'windowLength must be a non-negative integer; received {length!r}'):
        tf.cosine_window(length, 0.5, 0.5)
