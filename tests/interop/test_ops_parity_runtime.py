"""tf.fused, tf.linalg, tf.math.confusionMatrix, basicLSTMCell, multiRNNCell and movingAverage
against real TF.js 4.22: values and gradients (see expression_parity.py)."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.expression_parity import expression_parity_test, float_maker

floats = float_maker(seed=14)
labels = np.array([0, 1, 2, 3, 1, 2, 0, 3], np.int32)

CASES = [
    # tf.fused: the fused primitive (2-D, 1-D bias, linear/relu/sigmoid) and the op-by-op path
    ("tf.fused.matMul({'a': a, 'b': b, 'bias': c, 'activation': 'relu'})",
     {'a': floats(3, 4), 'b': floats(4, 5), 'c': floats(5)}, 'abc'),
    ("tf.fused.matMul({'a': a, 'b': b, 'bias': c, 'activation': 'sigmoid'})",
     {'a': floats(3, 4), 'b': floats(4, 5), 'c': floats(5)}, 'abc'),
    ("tf.fused.matMul({'a': a, 'b': b})", {'a': floats(2, 3), 'b': floats(3, 2)}, 'ab'),
    ("tf.fused.matMul({'a': a, 'b': b, 'transposeA': true, 'transposeB': true, 'bias': c, 'activation': 'elu'})",
     {'a': floats(4, 3), 'b': floats(5, 4), 'c': floats(3, 1)}, 'abc'),
    ("tf.fused.matMul({'a': a, 'b': b, 'bias': c, 'activation': 'prelu', 'preluActivationWeights': p})",
     {'a': floats(2, 3, 4), 'b': floats(2, 4, 3), 'c': floats(3), 'p': floats(3)}, 'abcp'),
    ("tf.fused.matMul({'a': a, 'b': b, 'activation': 'leakyrelu', 'leakyreluAlpha': 0.1})",
     {'a': floats(3, 4), 'b': floats(4, 2)}, 'ab'),
    ("tf.fused.matMul({'a': a, 'b': b, 'activation': 'relu6'})", {'a': floats(3, 4, high=3), 'b': floats(4, 2)}, 'ab'),
    ("tf.fused.conv2d({'x': x, 'filter': w, 'strides': 1, 'pad': 'same', 'bias': c, 'activation': 'relu'})",
     {'x': floats(2, 5, 5, 2), 'w': floats(3, 3, 2, 3), 'c': floats(3)}, 'xwc'),
    ("tf.fused.conv2d({'x': x, 'filter': w, 'strides': 2, 'pad': 'valid', 'bias': c, 'activation': 'elu'})",
     {'x': floats(1, 5, 5, 2), 'w': floats(2, 2, 2, 2), 'c': floats(2)}, 'xwc'),
    ("tf.fused.conv2d({'x': x, 'filter': w, 'strides': 2, 'pad': 1, 'dimRoundingMode': 'floor'})",
     {'x': floats(1, 6, 6, 1), 'w': floats(2, 2, 1, 2)}, 'xw'),
    ("tf.fused.conv2d({'x': x, 'filter': w, 'strides': 1, 'pad': 'same', 'activation': 'sigmoid'})",
     {'x': floats(4, 4, 1), 'w': floats(2, 2, 1, 2)}, ''),  # TF.js's gradient fails for an unbatched x
    ("tf.fused.depthwiseConv2d({'x': x, 'filter': w, 'strides': 1, 'pad': 'same', 'bias': c, "
     "'activation': 'sigmoid'})", {'x': floats(1, 4, 4, 2), 'w': floats(3, 3, 2, 2), 'c': floats(4)}, 'xwc'),
    # tf.linalg: TF.js's Householder QR (its signs; TF.js has no QR gradient, tests/ops checks
    # ours numerically), Gram-Schmidt, band parts
    ("tf.linalg.qr(a)[0]", {'a': floats(4, 3)}, ''),
    ("tf.linalg.qr(a)[1]", {'a': floats(4, 3)}, ''),
    ("tf.linalg.qr(a, true)[0]", {'a': floats(4, 3)}, ''),
    ("tf.linalg.qr(a, true)[1]", {'a': floats(4, 3)}, ''),
    ("tf.linalg.qr(a)[1]", {'a': floats(3, 4)}, ''),
    ("tf.linalg.qr(a)[0]", {'a': floats(2, 3, 3)}, ''),
    ("tf.linalg.gramSchmidt(a)", {'a': floats(3, 4)}, 'a'),
    ("tf.linalg.gramSchmidt([a, b])[1]", {'a': floats(3), 'b': floats(3)}, 'ab'),
    ("tf.linalg.bandPart(a, 1, -1)", {'a': floats(2, 3, 4)}, 'a'),
    # TF.js's bandPart gradient fails for a single matrix (unstack's gradient of one tensor)
    ("tf.linalg.bandPart(a, -1, 0)", {'a': floats(4, 4)}, ''),
    ("tf.linalg.bandPart(a, n, tf.scalar(2, 'int32'))", {'a': floats(3, 5), 'n': np.array(-3, np.int32)}, ''),
    ("tf.math.confusionMatrix(l, p, 4)", {'l': labels, 'p': np.roll(labels, 1)}, ''),
    ("tf.math.confusionMatrix(l, p, 5)", {'l': labels.astype(np.float32), 'p': labels.astype(np.float32)}, ''),
    # recurrent cells and moving averages
    ("tf.basicLSTMCell(1, k, b, d, c, h)[0]", {'k': floats(5, 8), 'b': floats(8), 'd': floats(2, 3), 'c': floats(2, 2),
                                                'h': floats(2, 2)}, 'kbdch'),
    ("tf.basicLSTMCell(f, k, b, d, c, h)[1]", {'f': np.array([0.5], np.float32), 'k': floats(5, 8), 'b': floats(8),
                                               'd': floats(2, 3), 'c': floats(2, 2), 'h': floats(2, 2)}, 'fkbdch'),
    ("tf.movingAverage(v, x, 0.6, 3)", {'v': floats(2, 3), 'x': floats(2, 3)}, 'vx'),
    ("tf.movingAverage(v, x, d, s, false)", {'v': floats(4), 'x': floats(4), 'd': np.array([0.9], np.float32),
                                             's': np.array(2, np.float32)}, 'vxd'),
    ("tf.movingAverage(v, x, d, s)", {'v': floats(4), 'x': floats(4), 'd': np.array([0.9], np.float32),
                                      's': np.array(2, np.float32)}, 'vxd'),
]

test_value_and_gradients_match_tfjs = expression_parity_test(CASES, seed=15)


# multiRNNCell takes functions, which JavaScript and Python spell differently: one expression each,
# run by ops_reference.js and here.
MULTI_RNN_INPUTS = {'d': floats(2, 3), 'k1': floats(5, 8), 'b1': floats(8), 'k2': floats(4, 8), 'b2': floats(8),
                    'c1': floats(2, 2), 'h1': floats(2, 2), 'c2': floats(2, 2), 'h2': floats(2, 2)}
MULTI_RNN_JS = ("tf.multiRNNCell([(x, c, h) => tf.basicLSTMCell(1, k1, b1, x, c, h), "
                "(x, c, h) => tf.basicLSTMCell(1, k2, b2, x, c, h)], d, [c1, c2], [h1, h2])")


def multi_rnn_python(t, pick):
    cells = [lambda x, c, h: tf.basicLSTMCell(1, t['k1'], t['b1'], x, c, h),
             lambda x, c, h: tf.basicLSTMCell(1, t['k2'], t['b2'], x, c, h)]
    return pick(tf.multiRNNCell(cells, t['d'], [t['c1'], t['c2']], [t['h1'], t['h2']]))


@pytest.mark.interop
@pytest.mark.parametrize('pick, wrt', [  # [new cs, new hs][cell]
    ('[0][0]', ['d', 'k1', 'c1', 'h1']), ('[0][1]', ['d', 'k1', 'k2', 'c2', 'h1', 'h2']),
    ('[1][0]', ['b1', 'h1']), ('[1][1]', ['d', 'k1', 'k2', 'b2', 'c2', 'h1'])])
def test_multi_rnn_cell_matches_tfjs(pick, wrt, run_tfjs):
    tensors = {n: tf.tensor(a) for n, a in MULTI_RNN_INPUTS.items()}
    chosen = (lambda states: eval('states' + pick))  # noqa: E731  (the same indexing as the JS expression)
    value = multi_rnn_python(tensors, chosen)
    dy = np.random.default_rng(3).normal(size=value.shape).astype(np.float32)
    job = {'expression': MULTI_RNN_JS + pick, 'differentiable': wrt, 'dy': dy.ravel().tolist(),
           'inputs': {n: {'values': a.ravel().tolist(), 'shape': list(a.shape), 'dtype': 'float32'}
                      for n, a in MULTI_RNN_INPUTS.items()}}
    expected, = run_tfjs('ops_reference.js', [job])
    assert 'error' not in expected, expected
    np.testing.assert_allclose(np.asarray(value).ravel(), expected['value'], rtol=1e-5, atol=1e-5)

    def f(*xs):
        return multi_rnn_python(dict(tensors, **dict(zip(wrt, xs))), chosen)
    grads = tf.grads(f)([tensors[n] for n in wrt], tf.tensor(dy))
    for name, grad in zip(wrt, grads):
        np.testing.assert_allclose(np.asarray(grad).ravel(), expected['grads'][name], rtol=1e-4, atol=1e-5,
                                   err_msg=f'gradient with respect to {name}')
