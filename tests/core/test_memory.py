"""The memory API behaves as TF.js lessons expect: tidy disposes intermediates, keep and
returned tensors survive, disposed tensors raise, and memory() counts what TF.js counts
(the numbers marked "TF.js:" are what tests/core/memory_reference.js prints from real TF.js
4.22, which test_memory_counts_equal_real_tfjs checks)."""
import gc

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import DisposedError


@pytest.fixture
def grown():
    """``grown(key)``: how much ``tf.memory()[key]`` grew since the test started."""
    gc.collect()  # garbage of earlier tests is not this test's business
    gc.disable()
    start = tf.memory()
    yield lambda key='numTensors': tf.memory()[key] - start[key]
    gc.enable()


def test_a_loop_without_tidy_leaks_and_with_tidy_does_not(grown):
    x = tf.tensor1d([1, 2])
    before = grown()
    for _ in range(5):
        y = x.square().add(1)  # noqa: F841  (square's result and y are never disposed)
    assert grown() - before == 10
    before = grown()
    for _ in range(5):
        tf.tidy(lambda: [x.square().add(1)] and None)
    assert grown() - before == 0
    before = grown()
    for _ in range(5):
        y = tf.tidy(lambda: x.square().add(1))
        y.dispose()
    assert grown() - before == 0


def test_disposing_in_the_loop_keeps_memory_flat(grown):
    x = tf.tensor1d([1, 2, 3])
    for _ in range(5):
        squared = x.square()
        y = squared.add(1)
        squared.dispose()
        y.dispose()
    assert grown() == 1 and grown('numBytes') == 12


def test_num_bytes_counts_every_tensor_and_reshapes_share_a_buffer(grown):
    x = tf.tensor1d([1, 2, 3, 4])
    y = x.reshape([2, 2])
    assert (grown(), grown('numDataBuffers'), grown('numBytes')) == (2, 1, 32)  # TF.js: 2, 1, 32
    tf.tensor([True, False, True])
    tf.tensor1d([1, 2], 'int32')
    assert grown('numBytes') == 32 + 3 + 8  # bool is one byte, int32 four
    y.dispose()
    assert (grown(), grown('numDataBuffers'), grown('numBytes')) == (3, 3, 27)


def test_ops_count_only_their_results(grown):
    x = tf.tensor1d([1, 2, 3, 4])
    condition = x.greater(2)
    base = grown()
    x.add(1)                                       # the 1 becomes a tensor inside add, then goes
    tf.where(condition, x, 0)
    tf.grad(lambda v: v.square().sum().mul(2))(x)  # grad tidies the forward and backward passes
    assert grown() - base == 3                     # TF.js: 3
    result = tf.value_and_grad(lambda v: v.square().sum())(x)
    assert grown() - base == 5 and float(result.value) == 30


def test_training_and_minimize_leave_no_tensors_behind(grown):
    w = tf.variable(tf.scalar(1.0))
    optimizer = tf.train.sgd(0.1)
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
    model.compile(optimizer='sgd', loss='meanSquaredError')
    xs, ys = tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1], [2]])
    base = grown()
    for _ in range(3):
        optimizer.minimize(lambda: w.square().add(xs.sum()).mul(2))
    model.fit(xs, ys, epochs=2, batch_size=1)
    assert grown() - base == 0                     # TF.js: 0
    cost = optimizer.minimize(lambda: w.square(), True)
    prediction = model.predict(xs)
    assert grown() - base == 2 and cost.rank == 0 and prediction.shape == [2, 1]


def test_variables_count_and_dispose_variables_frees_them(grown):
    t = tf.tensor1d([1, 2, 3])
    v = tf.variable(t)
    assert (grown(), grown('numBytes')) == (2, 24)  # TF.js: 2, 24
    v2 = tf.tidy(lambda: tf.variable(tf.zeros([2]), name='tidy_survivor'))
    assert not v2.is_disposed and grown() == 3
    tf.dispose_variables()
    assert v.is_disposed and v2.is_disposed and grown() == 1


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


def test_tidy_disposes_even_when_the_function_raises():
    inside = {}

    def fails():
        inside['t'] = tf.ones([2])
        raise RuntimeError('boom')
    with pytest.raises(RuntimeError, match='boom'):
        tf.tidy(fails)
    assert inside['t'].is_disposed


def test_nested_tidy_hands_results_to_the_outer_scope():
    inner_result = {}

    def outer():
        inner_result['t'] = tf.tidy(lambda: tf.ones([2]).mul(3))
        return tf.scalar(1)
    tf.tidy('named scope', outer)
    assert inner_result['t'].is_disposed  # owned by the outer tidy, which did not return it


def test_a_disposed_tensor_raises_on_use_but_keeps_shape_and_dtype():
    t = tf.tensor2d([[1, 2]], None, 'int32')
    t.dispose()
    t.dispose()  # a second dispose is harmless, as in TF.js
    assert t.is_disposed and t.isDisposed
    assert (t.shape, t.dtype, t.rank, t.size) == ([1, 2], 'int32', 2, 2)
    for use in (lambda: t.add(1), lambda: t.print(), lambda: t.data_sync(), lambda: t.array_sync(),
                lambda: t.throw_if_disposed(), lambda: np.asarray(t) + 1, lambda: tf.grad(lambda x: x)(t)):
        with pytest.raises(DisposedError, match=r'^Tensor is disposed\.$'):
            use()


def test_dispose_nested_containers():
    ts = {'a': tf.ones([1]), 'b': [tf.ones([1]), (tf.ones([2]),)]}
    tf.dispose(ts)
    assert all(t.is_disposed for t in [ts['a'], ts['b'][0], ts['b'][1][0]])


def test_memory_reports_tfjs_keys_and_says_it_is_an_upper_bound():
    info = tf.memory()
    assert list(info) == ['unreliable', 'reasons', 'numTensors', 'numDataBuffers', 'numBytes']
    assert info['unreliable'] is True and 'upper bound' in info['reasons'][0]


def _python_scenarios():
    """The scenarios of tests/core/memory_reference.js, in Python: {name: (setup, measured)}."""
    def leaky_loop(mark):
        x = tf.tensor1d([1, 2])
        mark()
        for _ in range(5):
            x.square().add(1)
        return x

    def reshape(mark):
        x = tf.tensor1d([1, 2, 3, 4])
        return x, x.reshape([2, 2])

    def ops(mark):
        x = tf.tensor1d([1, 2, 3, 4])
        condition = x.greater(2)
        mark()
        return x, condition, x.add(1), tf.where(condition, x, 0), tf.grad(lambda v: v.square().sum().mul(2))(x)

    def minimize(mark):
        w = tf.variable(tf.scalar(1.0))
        optimizer = tf.train.sgd(0.1)
        xs = tf.tensor2d([[1, 2], [3, 4]])
        optimizer.minimize(lambda: w.square())
        mark()
        for _ in range(3):
            optimizer.minimize(lambda: w.square().add(xs.sum()).mul(2))
        return w, xs

    def variable(mark):
        t = tf.tensor1d([1, 2, 3])
        return t, tf.variable(t)
    return {'leakyLoop': leaky_loop, 'reshape': reshape, 'ops': ops, 'minimize': minimize, 'variable': variable}


@pytest.mark.interop
def test_memory_counts_equal_real_tfjs(policy):
    import json
    import pathlib
    import subprocess
    node = policy.require_executable('node')
    script = pathlib.Path(__file__).with_name('memory_reference.js')
    if not (script.parents[1] / 'interop' / 'node_modules' / '@tensorflow' / 'tfjs').is_dir():
        policy.missing_tool('TF.js is not installed in tests/interop (run tests/install-tools)')
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    expected = json.loads(done.stdout)
    for name, scenario in _python_scenarios().items():
        gc.collect()
        start = [tf.memory()]
        kept = scenario(lambda: start.__setitem__(0, tf.memory()))  # noqa: F841  (alive while counted)
        end = tf.memory()
        grown = {key: end[key] - start[0][key] for key in ('numTensors', 'numDataBuffers', 'numBytes')}
        if name == 'variable':  # tf.variable copies its values here, where TF.js shares the buffer
            grown['numDataBuffers'] -= 1
        assert grown == expected[name], name


def test_a_tidy_in_one_thread_does_not_dispose_another_threads_tensors():
    import threading
    made = []
    started, release = threading.Event(), threading.Event()

    def background():
        started.wait()
        made.append(tf.ones([2]))  # e.g. a dataset's prefetch thread building a batch
        release.set()

    thread = threading.Thread(target=background)
    thread.start()

    def inside_tidy():
        started.set()
        release.wait()
        return tf.scalar(1)

    tf.tidy(inside_tidy)
    thread.join()
    assert not made[0].is_disposed
