"""The memory API behaves as TF.js lessons expect: tidy disposes intermediates, keep and
returned tensors survive, disposed tensors raise, memory() counts honestly."""
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import DisposedError


def test_tidy_disposes_intermediates_and_keeps_results():
    x = tf.tensor1d([1, 2, 3])
    inside = {}

    def compute():
        inside['square'] = x.square()
        inside['kept'] = tf.keep(x.add(1))
        return [inside['square'].sum()]
    [total] = tf.tidy(compute)
    assert float(total) == 14
    assert inside['square'].is_disposed and not inside['kept'].is_disposed and not x.is_disposed
    with pytest.raises(DisposedError, match='Tensor is disposed'):
        inside['square'].print()


def test_nested_tidy_hands_results_to_the_outer_scope():
    inner_result = {}

    def outer():
        inner_result['t'] = tf.tidy(lambda: tf.ones([2]).mul(3))
        return tf.scalar(1)
    tf.tidy(outer)
    assert inner_result['t'].is_disposed  # owned by the outer tidy, which did not return it


def test_variables_survive_tidy():
    v = tf.tidy(lambda: tf.variable(tf.zeros([2]), name='tidy_survivor'))
    assert not v.is_disposed


def test_memory_counts_live_tensors():
    before = tf.memory()['numTensors']
    a = tf.zeros([10, 10])
    b = a.reshape([100])
    info = tf.memory()
    assert info['numTensors'] == before + 2
    assert info['numBytes'] >= 400
    a.dispose()
    assert tf.memory()['numTensors'] == before + 1
    del b
    assert tf.memory()['numTensors'] == before


def test_dispose_nested_containers():
    ts = {'a': tf.ones([1]), 'b': [tf.ones([1]), tf.ones([2])]}
    tf.dispose(ts)
    assert all(t.is_disposed for t in [ts['a'], *ts['b']])
