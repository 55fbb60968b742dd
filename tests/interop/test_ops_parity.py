"""Ops and their gradients agree with real TF.js 4.22 on random inputs. Each case is one
expression, run verbatim in Python and in JavaScript (the TF.js spelling works in both)."""
import numpy as np

from tests.interop.expression_parity import expression_parity_test, float_maker

floats = float_maker(seed=4)


# (expression, inputs, names of the inputs to differentiate)
CASES = [
    ("tf.add(a, b)", {'a': floats(2, 3), 'b': floats(3)}, 'ab'),
    ("tf.div(a, b)", {'a': floats(2, 3), 'b': floats(2, 3, low=0.5)}, 'ab'),
    ("tf.pow(a, b)", {'a': floats(4, low=0.5), 'b': floats(4)}, 'ab'),
    ("tf.maximum(a, b)", {'a': floats(5), 'b': floats(5)}, 'ab'),
    ("tf.squaredDifference(a, b)", {'a': floats(3, 2), 'b': floats(3, 2)}, 'ab'),  # TF.js cannot broadcast its gradient
    ("tf.mod(a, b)", {'a': floats(5, low=1.0, high=1.15), 'b': floats(5, low=0.6, high=0.9)}, 'ab'),
    ("tf.atan2(a, b)", {'a': floats(5), 'b': floats(5)}, 'ab'),
    ("tf.divNoNan(a, b)", {'a': floats(4), 'b': np.array([0, 1, -2, 3], np.float32)}, ''),  # no gradient in TF.js
    ("tf.prelu(a, b)", {'a': floats(2, 3), 'b': floats(3)}, 'ab'),
    ("a.abs().sqrt()", {'a': floats(6)}, 'a'),
    ("a.exp().log1p()", {'a': floats(6)}, 'a'),
    ("tf.rsqrt(a)", {'a': floats(6, low=0.5)}, 'a'),
    ("tf.reciprocal(a)", {'a': floats(6, low=0.5)}, 'a'),
    ("tf.expm1(a)", {'a': floats(6)}, 'a'),
    ("tf.sin(a).add(tf.cos(a)).add(tf.tan(a))", {'a': floats(6, low=-1, high=1)}, 'a'),
    ("tf.asin(a).add(tf.acos(a)).add(tf.atan(a)).add(tf.atanh(a))", {'a': floats(6, low=-0.9, high=0.9)}, 'a'),
    ("tf.sinh(a).add(tf.cosh(a)).add(tf.asinh(a))", {'a': floats(6)}, 'a'),
    ("tf.acosh(a)", {'a': floats(6, low=1.2, high=3)}, 'a'),
    ("tf.erf(a)", {'a': floats(6)}, 'a'),
    ("tf.sigmoid(a).add(tf.logSigmoid(a)).add(tf.softplus(a))", {'a': floats(6)}, 'a'),
    ("tf.relu(a).add(tf.relu6(a.mul(4))).add(tf.elu(a)).add(tf.selu(a))", {'a': floats(8)}, 'a'),
    ("tf.leakyRelu(a, 0.3)", {'a': floats(8)}, 'a'),
    ("tf.softmax(a)", {'a': floats(3, 4)}, 'a'),
    ("tf.logSoftmax(a)", {'a': floats(3, 4)}, 'a'),  # TF.js refuses other axes
    ("tf.clipByValue(a, -0.5, 0.7)", {'a': floats(8)}, 'a'),
    ("tf.sum(a, 1, true)", {'a': floats(3, 4)}, 'a'),
    ("tf.mean(a, [0, 2])", {'a': floats(2, 3, 4)}, 'a'),
    ("tf.prod(a, 1)", {'a': floats(3, 4)}, 'a'),
    ("tf.max(a, 0)", {'a': floats(3, 4)}, 'a'),
    ("tf.logSumExp(a, 1)", {'a': floats(3, 4)}, 'a'),
    ("tf.norm(a)", {'a': floats(3, 4)}, 'a'),
    ("tf.norm(a, 1, [0, 1])", {'a': floats(3, 4)}, 'a'),
    ("tf.moments(a, 0).variance", {'a': floats(5, 2)}, 'a'),
    ("tf.cumsum(a, 1)", {'a': floats(3, 4)}, 'a'),
    ("tf.matMul(a, b, true, false)", {'a': floats(4, 3), 'b': floats(4, 2)}, 'ab'),
    ("tf.einsum('bij,bjk->bik', a, b)", {'a': floats(2, 3, 4), 'b': floats(2, 4, 2)}, ''),
    ("tf.outerProduct(a, b)", {'a': floats(3), 'b': floats(4)}, 'ab'),
    ("tf.transpose(a, [1, 2, 0])", {'a': floats(2, 3, 4)}, 'a'),
    ("tf.cosineWindow(8, 0.54, 0.46)", {}, ''),
    ("tf.cosineWindow(7, 0.5, 0.5)", {}, ''),
    ("tf.tile(a, [2, 3])", {'a': floats(2, 3)}, 'a'),
    ("tf.pad(a, [[1, 2], [0, 1]], 0.5)", {'a': floats(2, 3)}, 'a'),
    ("tf.reverse(a, 1)", {'a': floats(2, 3)}, 'a'),
    ("tf.concat([tf.split(a, [1, 2], 1)[1], tf.unstack(a, 1)[0].expandDims(1)], 1)", {'a': floats(2, 3)}, 'a'),
    ("tf.stridedSlice(a, [0, 3], [3, 0], [2, -1])", {'a': floats(4, 5)}, ''),  # TF.js has no gradient
    ("tf.gather(a, i, 1)", {'a': floats(3, 4), 'i': np.array([3, 0, 3], np.int32)}, 'a'),
    ("tf.gatherND(a, i)", {'a': floats(3, 4), 'i': np.array([[0, 1], [2, 3]], np.int32)}, ''),  # no gradient
    ("tf.where(c, a, b)", {'c': floats(6) > 0, 'a': floats(6), 'b': floats(6)}, 'ab'),
    ("tf.broadcastTo(a, [2, 3, 4])", {'a': floats(3, 1)}, 'a'),
    ("tf.conv1d(x, w, 2, 'same')", {'x': floats(2, 7, 3), 'w': floats(3, 3, 2)}, 'xw'),
    ("tf.conv2d(x, w, 1, 'same')", {'x': floats(2, 5, 5, 2), 'w': floats(3, 3, 2, 4)}, 'xw'),
    ("tf.conv2d(x, w, [2, 1], 'valid')", {'x': floats(1, 6, 5, 1), 'w': floats(2, 3, 1, 2)}, 'xw'),
    ("tf.conv2d(x, w, 1, 'valid', 'NHWC', 2)", {'x': floats(1, 7, 7, 2), 'w': floats(3, 3, 2, 1)}, ''),  # TF.js: no dilated gradient
    ("tf.conv2d(x, w, 1, [[0, 0], [1, 2], [2, 0], [0, 0]])", {'x': floats(1, 4, 4, 1), 'w': floats(2, 2, 1, 1)}, 'xw'),
    # a number pads every side by that much, whatever the stride leaves unused
    ("tf.conv2d(x, w, 2, 1)", {'x': floats(1, 5, 5, 1), 'w': floats(2, 2, 1, 2)}, 'xw'),
    ("tf.conv2d(x, w, 2, 2)", {'x': floats(1, 6, 7, 2), 'w': floats(3, 3, 2, 1)}, 'xw'),  # (TF.js fails on others)
    ("tf.depthwiseConv2d(x, w, 2, 1)", {'x': floats(1, 5, 6, 2), 'w': floats(2, 2, 2, 1)}, 'xw'),
    ("tf.maxPool(x, 2, 2, 1)", {'x': floats(1, 5, 5, 2)}, 'x'),
    ("tf.avgPool(x, 3, 2, 1)", {'x': floats(1, 6, 5, 1)}, ''),  # TF.js's gradient: see 'same' below
    ("tf.maxPool(x, 2, 2, 1, 'ceil')", {'x': floats(1, 6, 6, 1)}, 'x'),
    ("tf.conv3d(x, w, 1, 'same')", {'x': floats(1, 3, 4, 4, 1), 'w': floats(2, 2, 2, 1, 2)}, 'xw'),
    ("tf.conv2dTranspose(x, w, [1, 6, 6, 1], 2, 'same')", {'x': floats(1, 3, 3, 2), 'w': floats(3, 3, 1, 2)}, 'xw'),
    ("tf.depthwiseConv2d(x, w, 1, 'same')", {'x': floats(1, 4, 4, 2), 'w': floats(3, 3, 2, 2)}, 'xw'),
    ("tf.separableConv2d(x, d, p, 1, 'valid')", {'x': floats(1, 4, 4, 2), 'd': floats(2, 2, 2, 1), 'p': floats(1, 1, 2, 3)}, 'xdp'),
    ("tf.maxPool(x, 2, 2, 'valid')", {'x': floats(2, 4, 4, 3)}, 'x'),
    ("tf.maxPool(x, 3, 2, 'same')", {'x': floats(1, 5, 5, 1)}, 'x'),
    # TF.js's gradient of 'same' average pooling divides by the whole window where its forward
    # divides by the unpadded count; ours is the true gradient (docs/DIFFERENCES.md).
    ("tf.avgPool(x, 3, 1, 'same')", {'x': floats(1, 4, 5, 2)}, ''),
    ("tf.avgPool(x, 3, 1, 'valid')", {'x': floats(1, 4, 5, 2)}, 'x'),
    ("tf.avgPool(x, [2, 3], [2, 1], 'valid')", {'x': floats(1, 4, 5, 1)}, 'x'),
    ("tf.batchNorm(x, m, v, o, s, 0.01)", {'x': floats(4, 3), 'm': floats(3), 'v': floats(3, low=0.5),
                                           'o': floats(3), 's': floats(3)}, 'xmvos'),
    ("tf.localResponseNormalization(x, 2, 1, 0.5, 0.75)", {'x': floats(1, 2, 2, 6)}, 'x'),
    # TF.js's resize gradients fail for images that are not square and disagree with its own
    # forwards under alignCorners / halfPixelCenters: those compare values only.
    ("tf.image.resizeBilinear(x, [5, 7])", {'x': floats(2, 3, 4, 2)}, ''),
    ("tf.image.resizeBilinear(x, [3, 6], true)", {'x': floats(1, 4, 4, 1)}, 'x'),
    ("tf.image.resizeBilinear(x, [6, 2], false, true)", {'x': floats(1, 4, 4, 1)}, ''),
    ("tf.image.resizeBilinear(x, [7, 2], false, true)", {'x': floats(1, 4, 3, 1)}, ''),
    ("tf.image.resizeNearestNeighbor(x, [5, 3])", {'x': floats(1, 3, 4, 2)}, 'x'),
    ("tf.image.resizeNearestNeighbor(x, [6, 6], false, true)", {'x': floats(1, 4, 4, 1)}, ''),
    ("tf.image.resizeNearestNeighbor(x, [7, 5], true)", {'x': floats(1, 4, 3, 1)}, ''),
    ("tf.losses.absoluteDifference(a, b)", {'a': floats(3, 4), 'b': floats(3, 4)}, 'ab'),
    ("tf.losses.meanSquaredError(a, b, w, tf.Reduction.MEAN)", {'a': floats(3, 4), 'b': floats(3, 4),
                                                                'w': np.array([1, 0, 2, 1], np.float32)}, 'ab'),
    ("tf.losses.cosineDistance(a, b, 1, w, tf.Reduction.SUM)", {'a': floats(3, 4), 'b': floats(3, 4),
                                                                'w': floats(3, 1, low=0)}, 'ab'),
    ("tf.losses.hingeLoss(a, b)", {'a': (floats(6) > 0).astype(np.float32), 'b': floats(6)}, 'b'),
    ("tf.losses.huberLoss(a, b, w, 0.5)", {'a': floats(6), 'b': floats(6), 'w': np.array([1, 0, 1, 1, 0, 2], np.float32)}, 'ab'),
    ("tf.losses.logLoss(a, b)", {'a': (floats(6) > 0).astype(np.float32), 'b': floats(6, low=0.05, high=0.95)}, 'b'),
    ("tf.losses.sigmoidCrossEntropy(a, b, null, 0.2)", {'a': (floats(2, 3) > 0).astype(np.float32), 'b': floats(2, 3)}, 'b'),
    ("tf.losses.softmaxCrossEntropy(a, b, null, 0.1, tf.Reduction.NONE)", {'a': np.eye(3, dtype=np.float32)[[0, 2]],
                                                                           'b': floats(2, 3)}, 'b'),
    ("tf.losses.computeWeightedLoss(a, w)", {'a': floats(2, 3), 'w': np.array([[0], [2]], np.float32)}, 'a'),
]

test_value_and_gradients_match_tfjs = expression_parity_test(CASES, seed=5)
