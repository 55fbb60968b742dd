"""Dataset combinators: TF.js's elements and sizes, laziness, and clear errors."""
import asyncio
import math
import threading
import tracemalloc

import numpy as np
import pytest

import tfjs_lab as tf


class CountingSource:
    """A generator function that counts how many elements were pulled from it."""

    def __init__(self, n):
        self.n, self.pulled = n, 0

    def __call__(self):
        for i in range(self.n):
            self.pulled += 1
            yield {'xs': [float(i), float(i)], 'ys': [float(i % 2)]}


# --- laziness ---------------------------------------------------------------------------------
def test_nothing_is_read_before_it_is_needed():
    source = CountingSource(100)
    ds = tf.data.generator(source).map(lambda e: e).filter(lambda e: True).batch(4).take(2)
    assert source.pulled == 0
    iterator = ds.iterator()
    assert source.pulled == 0
    iterator.next()
    assert source.pulled == 4
    assert len(ds.to_array()) == 2 and source.pulled == 4 + 8


def test_a_ten_million_element_generator_batched_and_taken_streams_in_constant_memory():
    source = CountingSource(10_000_000)
    ds = tf.data.generator(source).batch(32).skip(100).take(50)
    tracemalloc.start()
    try:
        batches = sum(1 for _ in ds)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert batches == 50 and source.pulled == 150 * 32
    assert peak < 1_000_000


def test_iterator_next_returns_value_and_done_and_is_awaitable():
    async def read():
        iterator = await tf.data.array([7]).iterator()  # TF.js's iterator() is async
        return await iterator.next(), await iterator.next()
    assert asyncio.run(read()) == ({'value': 7, 'done': False}, {'value': None, 'done': True})


# --- batch --------------------------------------------------------------------------------------
def test_batch_makes_tensors_of_numbers_lists_and_nested_dicts():
    ds = tf.data.array([{'a': 1, 'b': [1, 2], 'c': {'d': True}}, {'a': 2, 'b': [3, 4], 'c': {'d': False}},
                        {'a': 3, 'b': [5, 6], 'c': {'d': True}}])
    first, last = ds.batch(2).to_array()
    assert first['a'].dtype == 'float32' and first['a'].array_sync() == [1, 2]
    assert first['b'].shape == [2, 2] and first['c']['d'].dtype == 'bool'
    assert last['b'].array_sync() == [[5, 6]]
    assert ds.batch(2, False).to_array()[-1]['a'].array_sync() == [1, 2]
    assert (ds.batch(2).size, ds.batch(2, False).size) == (2, 1)


def test_batch_stacks_tensors_keeping_their_dtype_and_treats_tuples_as_structure():
    ds = tf.data.array([(tf.tensor1d([1, 2], 'int32'), 0), (tf.tensor1d([3, 4], 'int32'), 1)])
    xs, ys = ds.batch(2).to_array()[0]
    assert xs.dtype == 'int32' and xs.array_sync() == [[1, 2], [3, 4]]
    assert ys.array_sync() == [0, 1]


def test_batch_errors_name_the_place_and_the_shapes():
    with pytest.raises(ValueError, match=r"element\['xs'\] has shape \[2\] in the first element of the batch but \[1\] "
                                         'in element 1'):
        tf.data.array([{'xs': [1, 2]}, {'xs': [3]}]).batch(2).to_array()
    with pytest.raises(ValueError, match=r"same keys; the elements has keys \['xs'\].*\['ys'\] in element 1"):
        tf.data.array([{'xs': 1}, {'ys': 1}]).batch(2).to_array()
    with pytest.raises(ValueError, match=r"element\['b'\]: element 1 has no value \(None\).*'default'"):
        tf.data.array([{'b': 1}, {'b': None}]).batch(2).to_array()
    with pytest.raises(TypeError, match=r"Cannot batch element\['s'\]: tfjs_lab tensors hold numbers and booleans, "
                                        "received 'a'"):
        tf.data.array([{'s': 'a'}, {'s': 'b'}]).batch(2).to_array()
    with pytest.raises(ValueError, match='batchSize needs to be a positive integer, but it is 0'):
        tf.data.array([1]).batch(0)


# --- shuffle --------------------------------------------------------------------------------------
def test_seeded_shuffle_is_deterministic_reshuffles_each_pass_and_keeps_every_element():
    ds = tf.data.array(list(range(50))).shuffle(10, 42)
    first, second = ds.to_array(), ds.to_array()
    assert sorted(first) == list(range(50)) and first != second
    again = tf.data.array(list(range(50))).shuffle(10, 42)
    assert again.to_array() == first and again.to_array() == second
    fixed = tf.data.array(list(range(50))).shuffle(10, 42, False)
    assert fixed.to_array() == fixed.to_array()


def test_unseeded_shuffle_follows_tf_set_seed():
    tf.set_seed(3)
    first = tf.data.array(list(range(20))).shuffle(5).to_array()
    tf.set_seed(3)
    assert tf.data.array(list(range(20))).shuffle(5).to_array() == first


def test_shuffle_only_draws_from_its_buffer():
    # with a buffer of 3, the k-th output is one of the first k + 3 inputs
    order = tf.data.array(list(range(100))).shuffle(3, 'seed').to_array()
    assert all(value < k + 3 for k, value in enumerate(order))


def test_shuffle_requires_a_buffer_size_as_tfjs_says():
    with pytest.raises(ValueError, match=r'requires bufferSize to be specified\.  If your data fits.*\(3 elements\)'):
        tf.data.array([1, 2, 3]).shuffle(None)
    with pytest.raises(ValueError, match=r'requires bufferSize to be specified\.$'):
        tf.data.generator(lambda: [1]).shuffle(-1)


# --- map, filter, take, skip, repeat, concatenate --------------------------------------------
def test_map_filter_take_skip_repeat_and_their_sizes():
    ds = tf.data.array(list(range(10)))
    assert ds.map(lambda x: x + 1).take(3).to_array() == [1, 2, 3]
    assert ds.filter(lambda x: x > 6).to_array() == [7, 8, 9] and ds.filter(bool).size is None
    assert ds.skip(8).to_array() == [8, 9] and ds.skip(8).size == 2 and ds.skip(20).size == 0
    assert ds.skip(-1).to_array() == list(range(10))  # TF.js skips nothing for a negative count
    assert ds.take(-1).size == 10 and ds.take(20).size == 10 and ds.take(0).to_array() == []
    assert tf.data.array([1, 2]).repeat(3).to_array() == [1, 2] * 3 and tf.data.array([1]).repeat(3).size == 3
    endless = tf.data.array([1, 2]).repeat()
    assert endless.size == math.inf and endless.take(5).to_array() == [1, 2, 1, 2, 1]
    assert endless.take(5).size == 5 and tf.data.array([1]).repeat(0).to_array() == []
    assert endless.filter(bool).size == math.inf and endless.batch(2).size == math.inf
    with pytest.raises(ValueError, match='Can not convert infinite data stream to array'):
        endless.to_array()


def test_filter_accepts_scalar_tensor_predicates():
    assert tf.data.array([1, -1, 2]).filter(lambda x: tf.scalar(x).greater(0)).to_array() == [1, 2]


def test_repeat_starts_a_fresh_pass_of_the_source_each_time():
    source = CountingSource(3)
    assert len(tf.data.generator(source).repeat(2).to_array()) == 6 and source.pulled == 6


def test_concatenate_and_its_size():
    a, b = tf.data.array([1, 2]), tf.data.array([3])
    assert a.concatenate(b).to_array() == [1, 2, 3] and a.concatenate(b).size == 3
    assert a.concatenate(tf.data.generator(lambda: [4])).size is None
    assert a.concatenate(b.repeat()).size == math.inf
    with pytest.raises(TypeError, match='concatenate\\(\\) takes a tf.data Dataset; received list'):
        a.concatenate([3])


def test_map_async_awaits_and_map_refuses_coroutines():
    async def square(x):
        await asyncio.sleep(0)
        return x * x
    ds = tf.data.array([1, 2, 3])
    assert ds.map_async(square).to_array() == [1, 4, 9]
    assert ds.mapAsync(square).to_array() == [1, 4, 9]
    with pytest.raises(TypeError, match='use map_async\\(\\) \\(mapAsync\\)'):
        ds.map(square).to_array()
    with pytest.raises(TypeError, match='map\\(\\) takes a function; received int'):
        ds.map(3)


def test_for_each_async_calls_plain_and_async_functions_and_is_awaitable():
    seen = []

    async def record(x):
        seen.append(x)

    async def cell():
        await tf.data.array([1, 2]).forEachAsync(record)
    asyncio.run(cell())
    tf.data.array([3]).for_each_async(seen.append)
    assert seen == [1, 2, 3]


# --- prefetch ---------------------------------------------------------------------------------
def test_prefetch_reads_ahead_on_a_background_thread():
    threads = []

    def source():
        for i in range(5):
            threads.append(threading.current_thread())
            yield i
    ds = tf.data.generator(source).prefetch(2)
    assert ds.to_array() == [0, 1, 2, 3, 4]
    assert threads[0] is not threading.main_thread()


def test_prefetch_hands_errors_to_the_reader_at_the_element_where_they_happened():
    def source():
        yield 1
        raise OSError('disk gone')
    iterator = iter(tf.data.generator(source).prefetch(3))
    assert next(iterator) == 1
    with pytest.raises(OSError, match='disk gone'):
        next(iterator)
    with pytest.raises(ValueError, match='requires bufferSize to be specified'):
        tf.data.array([1]).prefetch(None)


def test_an_abandoned_prefetch_stops_its_thread():
    source = CountingSource(10_000)
    iterator = iter(tf.data.generator(source).prefetch(4))
    next(iterator)
    iterator.close()
    threading.Event().wait(0.1)  # a pull under way when the reader left may still finish
    pulled = source.pulled
    threading.Event().wait(0.3)
    assert source.pulled == pulled and pulled <= 1 + 4 + 2


def test_prefetched_batches_train_like_unprefetched_ones():
    x = np.random.default_rng(0).normal(size=(64, 3)).astype(np.float32)
    ds = tf.data.zip({'xs': tf.data.array(list(x)), 'ys': tf.data.array(list(x[:, :1]))}).batch(16)
    assert [b['xs'].array_sync() for b in ds.prefetch(2)] == [b['xs'].array_sync() for b in ds]


def test_tensors_of_different_dtypes_do_not_batch_silently():
    ds = tf.data.array([tf.tensor1d([1], 'int32'), tf.tensor1d([1.5])])
    with pytest.raises(TypeError, match=r'tensors of different dtypes \(float32, int32\)'):
        ds.batch(2).to_array()
