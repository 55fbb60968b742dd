"""Python inputs, Tensor methods and random state: what the TF.js fixtures cannot show."""
import asyncio

import numpy as np
import pytest

import tfjs_lab as tf


def test_numpy_inputs_follow_tfjs_dtypes_and_are_never_aliased():
    source = np.array([[1.5, 2.0]])
    t = tf.tensor(source)
    source[0, 0] = 99
    assert t.dtype == 'float32' and t.array_sync() == [[1.5, 2.0]]
    assert tf.tensor(np.arange(3)).dtype == 'int32'
    assert tf.scalar(np.int64(3)).dtype == 'int32' and tf.scalar(np.float64(3)).dtype == 'float32'
    assert tf.scalar(3).dtype == 'float32'  # a Python number is a JS number
    assert tf.tensor(np.array([True, False])).dtype == 'bool'
    original = tf.tensor1d([1, 2])
    copy = tf.tensor(original)
    assert copy is not original and copy._data is not original._data


@pytest.mark.parametrize('values, message', [
    ([[1, 2], [3]], r'values\[1\] should have 2 elements, but has 1'),
    ([[[1], [2]], [[3], [4, 5]]], r'values\[1\]\[1\] should have 1 elements, but has 2'),
    ([1, [2]], r'values\[1\] is a list where a number was expected'),
    ([[1], 2], r'values\[1\] should have 1 elements, but has a number'),
])
def test_ragged_lists_name_where_they_differ(values, message):
    with pytest.raises(ValueError, match=message):
        tf.tensor(values)


def test_values_that_are_not_numbers_are_refused_clearly():
    with pytest.raises(TypeError, match='received NoneType'):
        tf.tensor(None)
    with pytest.raises(TypeError, match='numbers or booleans'):
        tf.tensor([1, None])
    with pytest.raises(TypeError, match='expected numbers or booleans'):
        tf.tensor(['a'])
    with pytest.raises(ValueError, match="Unknown dtype 'float64'"):
        tf.tensor([1], None, 'float64')


def test_methods_have_both_spellings():
    t = tf.tensor1d([1, 2, 3, 4])
    for snake, camel in [('as_scalar', 'asScalar'), ('reshape_as', 'reshapeAs'), ('buffer_sync', 'bufferSync'),
                         ('to_float', 'toFloat'), ('throw_if_disposed', 'throwIfDisposed'), ('as1d', 'as1D'),
                         ('zeros_like', 'zerosLike'), ('one_hot', 'oneHot'), ('data_sync', 'dataSync')]:
        assert getattr(tf.Tensor, snake) is getattr(tf.Tensor, camel), camel
    assert t.as2d(2, 2).shape == [2, 2] and t.asType('bool').dtype == 'bool'


def test_async_results_can_be_awaited_or_used_directly():
    t = tf.tensor2d([[1, 2], [3, 4]])

    async def read():
        return (await t.data(), await t.array(), await tf.scalar(2).array(), await t.buffer(),
                await t.bytes())
    data, nested, number, buffer, raw = asyncio.run(read())
    assert data.tolist() == [1, 2, 3, 4] and nested == [[1, 2], [3, 4]] and number == 2
    assert buffer.get(1, 0) == 3 and raw.size == 16
    assert t.data()[1] == 2 and t.array()[1] == [3, 4]


def test_bytes_are_the_little_endian_values():
    assert tf.tensor1d([1.5]).bytes().tolist() == [0, 0, 192, 63]
    assert tf.tensor([True, False]).bytes().tolist() == [1, 0]


def test_buffer_edits_do_not_reach_the_tensor():
    t = tf.tensor1d([1, 2])
    b = t.buffer_sync()
    b.set(9, 0)
    assert t.array_sync() == [1, 2] and b.to_tensor().array_sync() == [9, 2]
    s = tf.buffer([])
    s.set(5)
    assert s.get() == 5 and s.to_tensor().shape == []


def test_variables():
    v = tf.variable(tf.tensor1d([1, 2]), False, 'api_v')
    assert (v.name, v.trainable, v.dtype) == ('api_v', False, 'float32')
    with pytest.raises(ValueError, match='Variable with name api_v was already registered'):
        tf.variable(tf.scalar(1), True, 'api_v')
    v.assign([3, 4])  # Python numbers become float32, as tf.tensor makes them
    assert v.array_sync() == [3, 4]
    source = tf.tensor1d([5, 6])
    v.assign(source)
    assert v._data is not source._data  # an optimizer's in-place update must not reach source
    assert tf.variable([1, 2], True, None, 'int32').dtype == 'int32'
    assert tf.tensor1d([7]).variable().trainable is True


def test_print_and_verbose_print(capsys):
    tf.print(tf.tensor1d([1, 2], 'int32'), True)
    tf.tensor1d([1.5]).print()
    assert capsys.readouterr().out == ('Tensor\n  dtype: int32\n  rank: 1\n  shape: [2]\n  values:\n    [1, 2]\n'
                                       'Tensor\n    [1.5]\n')


def test_global_seed_makes_unseeded_ops_reproducible_and_seeds_ignore_it():
    def draw():
        return [tf.random_normal([3]).array_sync(), tf.random_uniform([3]).array_sync(),
                tf.truncated_normal([3]).array_sync(), tf.random_gamma([3], 2).array_sync(),
                tf.multinomial(tf.tensor1d([1, 2, 3]), 4).array_sync()]
    tf.set_seed(5)
    first = draw()
    tf.set_seed(5)
    assert draw() == first
    tf.set_seed(1)
    seeded = tf.random_normal([3], 0, 1, 'float32', 42).array_sync()
    tf.set_seed(2)
    assert tf.random_normal([3], 0, 1, 'float32', 42).array_sync() == seeded


def test_a_zero_seed_means_no_seed_except_for_random_uniform():
    assert tf.random_uniform([3], 0, 1, 'float32', 0).array_sync() == \
        tf.random_uniform([3], 0, 1, 'float32', 0).array_sync()
    tf.set_seed(3)
    a = tf.random_normal([3], 0, 1, 'float32', 0).array_sync()
    assert tf.random_normal([3], 0, 1, 'float32', 0).array_sync() != a


def test_unseeded_samples_have_the_requested_distribution():
    tf.set_seed(0)
    normal = tf.random_normal([20000], 3, 2)._data
    assert abs(normal.mean() - 3) < 0.05 and abs(normal.std() - 2) < 0.05
    truncated = tf.truncated_normal([20000], 1, 0.5)._data
    assert truncated.min() >= 0 and truncated.max() <= 2 and abs(truncated.mean() - 1) < 0.02
    uniform = tf.random_uniform([20000], -1, 3)._data
    assert uniform.min() >= -1 and uniform.max() < 3 and abs(uniform.mean() - 1) < 0.05
    integers = tf.random_uniform_int([20000], 2, 6)._data
    assert set(np.unique(integers)) == {2, 3, 4, 5}
    gamma = tf.random_gamma([20000], 2.0, 4.0)._data
    assert abs(gamma.mean() - 8) < 0.2  # TF.js multiplies by beta although it calls beta a rate
    draws = tf.multinomial(tf.tensor2d([[0.0, 0.0], [-50, 0]]), 1000)._data
    assert draws.shape == (2, 1000) and 0.4 < draws[0].mean() < 0.6 and draws[1].mean() == 1


def test_rand_stores_values_as_typed_arrays_do():
    values = iter([1.7, -1.7, 0.2, 3.0])
    assert tf.rand([4], lambda: next(values), 'int32').array_sync() == [1, -1, 0, 3]
    assert tf.rand([2], lambda: 0.5, 'bool').array_sync() == [False, False]
