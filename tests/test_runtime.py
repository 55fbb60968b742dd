"""The runtime API: tf.env flags, debug and production mode, tf.time, tf.profile,
registerCallbackConstructor, and the bad-input errors of the tf.fused / tf.linalg / tf.math /
recurrent-cell ops (their values and gradients are compared with TF.js in
tests/interop/test_ops_parity_runtime.py)."""
import asyncio
import warnings

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab import callbacks as callbacks_module
from tfjs_lab.core import tape
from tfjs_lab.core.tape import Primitive
from tfjs_lab.environment import NaNWarning


@pytest.fixture
def fresh_env():
    """Each test starts from default flags and leaves them so (debug mode off)."""
    tf.env().reset()
    yield tf.env()
    tf.env().reset()


# --- tf.env ------------------------------------------------------------------------------------
def test_flags_have_a_python_kernels_values(fresh_env):
    assert fresh_env.get('IS_BROWSER') is False and fresh_env.getBool('IS_NODE') is False
    assert fresh_env.get_bool('DEBUG') is False and fresh_env.get_number('TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES') == 100
    assert fresh_env.flags == fresh_env.features == fresh_env.getFlags() == {
        'IS_BROWSER': False, 'IS_NODE': False, 'DEBUG': False, 'TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES': 100}


def test_derived_flags_follow_debug_until_evaluated(fresh_env):
    fresh_env.set('DEBUG', False)
    fresh_env.set('IS_TEST', True)  # no announcement
    fresh_env.set('DEBUG', True)
    assert fresh_env.get('CHECK_COMPUTATION_FOR_ERRORS') is True
    fresh_env.set('DEBUG', False)
    assert fresh_env.get('CHECK_COMPUTATION_FOR_ERRORS') is True  # kept, as TF.js keeps evaluated flags


def test_unknown_flags_give_tfjs_errors(fresh_env):
    with pytest.raises(ValueError, match=r"^Cannot evaluate flag 'WEBGL_VERSION': no evaluation function found\.$"):
        fresh_env.get('WEBGL_VERSION')
    with pytest.raises(ValueError, match=r'^Cannot set flag FOO as it has not been registered\.$'):
        fresh_env.set('FOO', 1)


def test_get_async_is_awaitable_and_set_flags_replaces_all(fresh_env):
    assert asyncio.run(_awaited(fresh_env.getAsync('PROD'))) is False
    fresh_env.setFlags({'PROD': True})
    assert fresh_env.flags == {'PROD': True}


async def _awaited(awaitable):
    return await awaitable


def test_prod_mode_sets_prod(fresh_env):
    tf.enableProdMode()
    assert tf.env().get('PROD') is True


def test_debug_mode_announces_itself_logs_kernels_and_finds_nan(fresh_env, capsys):
    with pytest.warns(UserWarning, match='Debugging mode is ON. The output of every math call'):
        tf.enableDebugMode()
    with pytest.warns(NaNWarning) as caught, np.errstate(all='ignore'):
        tf.tensor1d([1, -1]).log()
        tf.tensor1d([1, 0]).reciprocal()
        tf.tensor1d([-1e30]).mul(1e30)
    assert [str(w.message) for w in caught if w.category is NaNWarning] == ["Found NaN in the result of 'Log'",
                                                "Found Infinity in the result of 'Reciprocal'",
                                                "Found -Infinity in the result of 'Mul'"]
    assert capsys.readouterr().out.splitlines()[0].split('\t')[0].rstrip() == 'Log'
    with warnings.catch_warnings():
        warnings.simplefilter('error', NaNWarning)
        tf.tensor1d([1, 2], 'int32').add(1)  # finite and int32 results raise nothing


def test_debug_mode_off_costs_nothing(fresh_env):
    with pytest.warns(UserWarning):
        tf.enable_debug_mode()
    assert Primitive.__call__ is not tape._plain_call
    tf.env().set('DEBUG', False)
    assert Primitive.__call__ is tape._plain_call
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        with np.errstate(all='ignore'):
            tf.tensor1d([-1]).log()


def test_prod_or_test_mode_silences_the_announcement(fresh_env):
    tf.enable_prod_mode()
    with warnings.catch_warnings():
        warnings.simplefilter('error', UserWarning)
        tf.enable_debug_mode()


# --- tf.time, tf.profile ----------------------------------------------------------------------
def test_time_reports_kernel_and_wall_milliseconds():
    x = tf.ones([50, 50])
    timing = tf.time(lambda: x.matMul(x))
    assert set(timing) == {'kernelMs', 'wallMs'} and 0 <= timing.kernelMs <= timing.wallMs
    assert asyncio.run(_awaited(timing)) is timing  # `await tf.time(f)` as in TF.js


def test_profile_counts_tensors_bytes_and_kernels_as_tfjs():
    # the same numbers TF.js 4.22 prints for tf.profile(() => x.square().add(1)) on x = [1, 2, 3]
    # (TF.js: peakBytes 40 and snapshots 24 and 40 bytes, 2 and 4 tensors, from x's 12 bytes alone)
    x = tf.tensor1d([1, 2, 3])
    start = tf.memory()
    info = tf.profile(lambda: x.square().add(1))
    assert (info.newBytes, info.newTensors, info.peakBytes - start['numBytes']) == (24, 2, 28)
    assert info.kernelNames == ['Square', 'Add']
    square, add = info.kernels
    assert {k: square[k] for k in ('name', 'bytesAdded', 'tensorsAdded', 'inputShapes', 'outputShapes',
                                   'extraInfo')} == {'name': 'Square', 'bytesAdded': 12, 'tensorsAdded': 1,
                                                     'inputShapes': [[3]], 'outputShapes': [[3]], 'extraInfo': ''}
    assert (square.totalBytesSnapshot - start['numBytes'], square.totalTensorsSnapshot - start['numTensors']) == (12, 1)
    assert (add.totalBytesSnapshot - start['numBytes'], add.totalTensorsSnapshot - start['numTensors']) == (28, 3)
    assert add.inputShapes == [[3], []] and add.kernelTimeMs >= 0
    np.testing.assert_array_equal(info.result.dataSync(), [2, 5, 10])


def test_profile_of_no_kernels_and_inside_tidy():
    info = tf.profile(lambda: 3)
    assert (info.newBytes, info.newTensors, info.peakBytes, info.kernels, info.result) == (0, 0, float('-inf'), [], 3)
    x = tf.tensor1d([1, 2])
    assert tf.profile(lambda: tf.tidy(lambda: x.square().sum())).newTensors == 1
    assert Primitive.__call__ is tape._plain_call  # the hook is gone afterwards


def test_time_and_profile_reject_what_they_cannot_run():
    with pytest.raises(TypeError, match=r'profile\(\) takes a function to run; received Tensor'):
        tf.profile(tf.ones([1]))

    async def later():
        return 1
    with pytest.raises(TypeError, match=r'time\(\) runs its function synchronously; received an async function'):
        tf.time(later)


# --- registerCallbackConstructor ----------------------------------------------------------------
class Recorder(tf.Callback):
    made = []

    def __init__(self):
        Recorder.made.append(self)
        self.calls = []

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append(('epoch', epoch, sorted(logs)))

    def on_train_begin(self, logs=None):
        self.calls.append(('begin', self.params['epochs']))


@pytest.fixture
def registry():
    saved = {level: list(ctors) for level, ctors in callbacks_module._constructors.items()}
    Recorder.made.clear()
    yield
    callbacks_module._constructors.clear()
    callbacks_module._constructors.update(saved)


def _fit(verbose, callbacks=None):
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    model.compile(optimizer='sgd', loss='meanSquaredError')
    return model.fit(tf.ones([4, 1]), tf.ones([4, 1]), epochs=2, verbose=verbose, callbacks=callbacks)


def test_registered_constructors_make_callbacks_for_each_fit_at_their_verbosity(registry):
    tf.registerCallbackConstructor(0, Recorder)
    order = []
    _fit(0, {'onTrainBegin': lambda logs: order.append(len(Recorder.made[-1].calls))})
    _fit(2)
    assert len(Recorder.made) == 2
    # created fresh for each fit, and called before the fit's own callbacks (TF.js's order)
    assert order == [1]
    assert Recorder.made[0].calls == [('begin', 2), ('epoch', 0, ['loss']), ('epoch', 1, ['loss'])]


def test_constructors_above_the_verbosity_stay_out(registry):
    tf.register_callback_constructor(1, Recorder)
    _fit(0)
    assert Recorder.made == []


def test_register_callback_constructor_rejects_bad_input(registry):
    with pytest.raises(ValueError, match=r'Verbosity level is expected to be an integer >= 0, but got -1'):
        tf.registerCallbackConstructor(-1, Recorder)
    with pytest.raises(ValueError, match=r'but got 1.5'):
        tf.registerCallbackConstructor(1.5, Recorder)
    with pytest.raises(TypeError, match=r'takes a Callback subclass .*; received str'):
        tf.registerCallbackConstructor(1, 'Recorder')
    tf.registerCallbackConstructor(1, Recorder)
    with pytest.raises(ValueError, match=r'^Duplicate callback constructor\.$'):
        tf.registerCallbackConstructor(2, Recorder)
    tf.registerCallbackConstructor(0, dict)
    with pytest.raises(TypeError, match=r'registered for verbosity 0 made a dict; expected a Callback'):
        _fit(0)


# --- bad input of the namespace ops (TF.js's messages) ------------------------------------------
@pytest.mark.parametrize('call, error, message', [
    (lambda: tf.linalg.qr(tf.ones([2])), ValueError, 'qr() requires input tensor to have a rank >= 2, but got rank 1'),
    (lambda: tf.linalg.qr(tf.range(1, 13).reshape([2, 3, 2])), ValueError, 'Size(8) must match the product of shape 2,3,2'),
    (lambda: tf.linalg.bandPart(tf.ones([2, 2]), 3, 0), ValueError,
     'bandPart(): numLower (3) must not be greater than the number of rows (2).'),
    (lambda: tf.linalg.bandPart(tf.ones([2, 2]), 0, 0.5), ValueError, 'bandPart(): numUpper must be an integer, got 0.5.'),
    (lambda: tf.linalg.bandPart(tf.ones([2, 2]), tf.scalar(1), 0), ValueError,
     "bandPart(): numLower's dtype must be an int32."),
    (lambda: tf.linalg.bandPart(tf.ones([2]), 0, 0), ValueError, 'bandPart(): Rank must be at least 2, got 1.'),
    (lambda: tf.linalg.gramSchmidt(tf.ones([3, 2])), ValueError,
     'Gram-Schmidt: Number of vectors (3) exceeds number of dimensions (2).'),
    (lambda: tf.linalg.gramSchmidt([tf.ones([2]), tf.ones([3])]), ValueError,
     'Gram-Schmidt: Non-unique lengths found in the input vectors: (3 vs. 2)'),
    (lambda: tf.linalg.gramSchmidt([]), ValueError, 'input must not be null, undefined, or empty'),
    (lambda: tf.math.confusionMatrix([1, 2], [1], 3), ValueError,
     'Mismatch in the number of examples: 2 vs. 1. Labels and predictions should have the same number of elements.'),
    (lambda: tf.math.confusionMatrix([1, 2], [1, 2]), ValueError,
     'numClasses is required to be a positive integer, but got None'),
    (lambda: tf.math.confusionMatrix([1, 2], [1, 2], 2.5), ValueError,
     'If provided, numClasses must be a positive integer, but got 2.5'),
    (lambda: tf.math.confusionMatrix([[1]], [[1]], 2), ValueError, 'Expected the rank of labels to be 1, but got 2'),
    (lambda: tf.movingAverage(tf.ones([2]), tf.ones([3]), 0.5, 1), ValueError, 'Shape mismatch in v and x'),
    (lambda: tf.movingAverage(tf.ones([2]), tf.ones([2]), 0.5), ValueError,
     'When using zeroDebias: true, step is required.'),
    (lambda: tf.movingAverage(tf.ones([2]), tf.ones([2], 'int32'), 0.5, 1), TypeError,
     'The dtypes of the first(float32) and second(int32) input must match'),
    (lambda: tf.basicLSTMCell(1, tf.zeros([4, 8]), tf.zeros([8]), tf.ones([1, 1]), tf.ones([1, 2]), tf.ones([1, 2])),
     ValueError, 'Error in matMul: inner shapes (3) and (4)'),
    (lambda: tf.multiRNNCell([tf.basicLSTMCell], tf.ones([1, 1]), tf.ones([1, 2]), [tf.ones([1, 2])]), TypeError,
     'multiRNNCell: c and h must be lists of tensors, one per cell; received Tensor and list'),
    (lambda: tf.multiRNNCell([tf.basicLSTMCell], tf.ones([1, 1]), [], []), ValueError,
     'expected one c and one h per cell (1 cells); received 0 c and 0 h'),
    (lambda: tf.fused.matMul({'a': tf.ones([2, 2]), 'b': tf.ones([2, 2]), 'activation': 'tanh'}), ValueError,
     'Activation tanh has not been implemented for the CPU backend. Expected one of linear, relu, elu, relu6, '
     'prelu, leakyrelu, sigmoid.'),
    (lambda: tf.fused.matMul({'a': tf.ones([2, 3]), 'b': tf.ones([2, 2])}), ValueError,
     'Error in matMul: inner shapes (3) and (2)'),
    (lambda: tf.fused.matMul({'a': tf.ones([2, 2]), 'b': tf.ones([2, 2]), 'activation': 'prelu'}), ValueError,
     "The activation 'prelu' needs preluActivationWeights; received none"),
    (lambda: tf.fused.matMul({'a': tf.ones([2, 2]), 'b': tf.ones([2, 2]), 'bias_add': 1}), TypeError,
     "unknown option 'bias_add'. Allowed options: a, activation, b, bias, leakyreluAlpha"),
    (lambda: tf.fused.conv2d({'x': tf.ones([1, 3, 3, 2]), 'filter': tf.ones([2, 2, 1, 1]), 'strides': 1, 'pad': 'valid'}),
     ValueError, 'Error in conv2d: depth of input (2) must match input depth for filter 1.'),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert message in str(raised.value)


def test_both_spellings_and_options():
    assert tf.fused.matMul is tf.fused.mat_mul and tf.fused.depthwiseConv2d is tf.fused.depthwise_conv2d
    assert tf.linalg.gramSchmidt is tf.linalg.gram_schmidt and tf.linalg.bandPart is tf.linalg.band_part
    assert tf.math.confusionMatrix is tf.math.confusion_matrix and tf.basicLSTMCell is tf.basic_lstm_cell
    assert tf.multiRNNCell is tf.multi_rnn_cell and tf.movingAverage is tf.moving_average
    a, b = tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[1, 0], [0, 1]])
    by_keywords = tf.fused.mat_mul(a=a, b=b, transpose_a=True, bias=tf.tensor1d([1, 1]), activation='relu')
    by_options = tf.fused.matMul({'a': a, 'b': b, 'transposeA': True, 'bias': tf.tensor1d([1, 1]), 'activation': 'relu'})
    np.testing.assert_array_equal(by_keywords.dataSync(), by_options.dataSync())
    np.testing.assert_array_equal(by_options.dataSync(), [2, 4, 3, 5])


def test_qr_gradient_matches_finite_differences():
    # TF.js has no QR gradient (Greater has none); ours flows through the same ops
    rng = np.random.default_rng(7)
    a = rng.uniform(-2, 2, (4, 3)).astype(np.float32)
    weights = [rng.normal(size=(4, 3)).astype(np.float32), rng.normal(size=(3, 3)).astype(np.float32)]

    def loss(x):
        q, r = tf.linalg.qr(x)
        return q.mul(weights[0]).sum().add(r.mul(weights[1]).sum())

    analytic = tf.grad(loss)(tf.tensor(a)).arraySync()
    step = 1e-2
    for index in np.ndindex(a.shape):
        up, down = a.copy(), a.copy()
        up[index] += step
        down[index] -= step
        numeric = (loss(tf.tensor(up)).arraySync() - loss(tf.tensor(down)).arraySync()) / (2 * step)
        assert abs(analytic[index[0]][index[1]] - numeric) < 5e-3 * max(1, abs(numeric)), index
