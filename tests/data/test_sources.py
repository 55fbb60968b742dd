"""tf.data's sources: array, generator (sync, async, any iterable factory), func, zip,
TextLineDataset, and the browser-only sources that explain themselves."""
import asyncio

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.data import browser


def test_array_is_read_lazily_and_has_a_size():
    items = [1, 2]
    ds = tf.data.array(items)
    items.append(3)  # kept by reference, as TF.js keeps the JS array
    assert ds.to_array() == [1, 2, 3] and ds.size == 2  # the size is taken when the dataset is made, as in TF.js


def test_array_refuses_what_is_not_a_list():
    with pytest.raises(TypeError, match='takes a list of elements; received int'):
        tf.data.array(5)


def test_generator_calls_the_function_for_every_pass():
    calls = []

    def numbers():
        calls.append(1)
        yield from range(3)
    ds = tf.data.generator(numbers)
    assert calls == []  # nothing runs before the first read
    assert ds.to_array() == [0, 1, 2] and ds.to_array() == [0, 1, 2]
    assert len(calls) == 2 and ds.size is None


def test_generator_takes_any_iterable_factory_and_async_generators():
    assert tf.data.generator(lambda: [1, 2]).to_array() == [1, 2]

    async def slowly():
        for i in range(3):
            await asyncio.sleep(0)
            yield i
    assert tf.data.generator(slowly).map(lambda x: x * 10).to_array() == [0, 10, 20]


def test_generator_takes_tfjs_style_iterators_with_next():
    class Countdown:  # an object whose next() returns {value, done}, as a ported JS iterator
        def __init__(self):
            self.left = 3

        def next(self):
            self.left -= 1
            return {'value': self.left, 'done': self.left < 0}
    assert tf.data.generator(Countdown).to_array() == [2, 1, 0]


def test_async_sources_also_work_under_a_running_event_loop():
    async def slowly():
        await asyncio.sleep(0)
        yield 'a'

    async def notebook_cell():  # a notebook kernel runs cells inside its event loop
        return await tf.data.generator(slowly).to_array()
    assert asyncio.run(notebook_cell()) == ['a']


def test_generator_explains_a_generator_object_passed_in_place_of_its_function():
    def numbers():
        yield 1
    with pytest.raises(TypeError, match=r'takes a function; received generator\. Pass the generator function itself'):
        tf.data.generator(numbers())
    with pytest.raises(TypeError, match='must be an iterable, an async iterable or an iterator with next'):
        tf.data.generator(lambda: 5).to_array()


def test_func_shares_one_stream_across_passes_as_tfjs_does():
    counter = iter(range(5))

    def next_value():
        value = next(counter, None)
        return {'value': value, 'done': value is None}
    ds = tf.data.func(next_value)
    assert ds.take(2).to_array() == [0, 1]
    assert ds.to_array() == [2, 3, 4]
    assert ds.to_array() == []


def test_func_may_be_async_and_must_return_tfjs_iterator_results():
    async def once():
        return {'value': 1, 'done': False}
    assert tf.data.func(once).take(2).to_array() == [1, 1]
    with pytest.raises(TypeError, match=r"must return \{'value': \.\.\., 'done': bool\}.*received 3"):
        tf.data.func(lambda: 3).to_array()


def test_zip_builds_lists_dicts_and_nested_structures_and_ends_with_the_shortest():
    a, b, c = tf.data.array([1, 2, 3]), tf.data.array(['x', 'y']), tf.data.array([{'k': 0}, {'k': 1}])
    assert tf.data.zip([a, b]).to_array() == [[1, 'x'], [2, 'y']]
    assert tf.data.zip({'a': a, 'rest': [b, {'c': c}]}).to_array() == [
        {'a': 1, 'rest': ['x', {'c': {'k': 0}}]}, {'a': 2, 'rest': ['y', {'c': {'k': 1}}]}]
    assert tf.data.zip([a, b]).size == 2
    assert tf.data.zip([a, tf.data.generator(lambda: [1])]).size is None


def test_zip_errors_name_what_it_needs():
    with pytest.raises(TypeError, match='must be an object or array; received int'):
        tf.data.zip(5)
    with pytest.raises(TypeError, match='Leaves of the structure passed to zip\\(\\) must be Datasets.*received int'):
        tf.data.zip([tf.data.array([1]), 5])


def test_zipped_and_batched_features_train_a_model():
    xs = tf.data.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    ys = tf.data.array([[1.0], [1.0], [0.0]])
    batch = tf.data.zip({'xs': xs, 'ys': ys}).batch(3).to_array()[0]
    assert batch['xs'].shape == [3, 2] and batch['ys'].shape == [3, 1]


def test_text_lines_split_at_newlines_only(tmp_path):
    path = tmp_path / 'lines.txt'
    path.write_bytes(b'one\r\ntwo\rstill two\n\nlast')
    lines = tf.data.TextLineDataset(str(path))
    assert lines.to_array() == ['one', 'two\rstill two', '', 'last']
    assert tf.data.TextLineDataset('file://' + str(path)).to_array() == lines.to_array()


def test_file_sources_give_byte_chunks_and_clear_errors(tmp_path):
    path = tmp_path / 'data.bin'
    path.write_bytes(b'abc')
    assert list(tf.data.FileDataSource(str(path)).iterator()) == [b'abc']
    with pytest.raises(FileNotFoundError, match='No such file: .*missing.txt'):
        tf.data.TextLineDataset(str(tmp_path / 'missing.txt')).to_array()
    with pytest.raises(ValueError, match="Unsupported URL scheme in 'ftp://host/x.csv'"):
        tf.data.TextLineDataset('ftp://host/x.csv')


@pytest.mark.parametrize('source', [browser.webcam, browser.microphone])
def test_browser_sources_say_why_they_are_missing_and_what_to_use(source):
    with pytest.raises(NotImplementedError, match='Python kernel does not have.*tf.data.generator'):
        source()


def test_numpy_rows_batch_with_tfjs_lab_dtypes():
    rows = [np.arange(3, dtype=np.float64), np.arange(3, dtype=np.float64)]
    batch = tf.data.array(rows).batch(2).to_array()[0]
    assert batch.dtype == 'float32' and batch.shape == [2, 3]
