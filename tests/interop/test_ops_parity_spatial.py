"""spaceToBatchND, batchToSpaceND, depthToSpace, dilation2d and maxPoolWithArgmax agree with
real TF.js 4.22: values, dtypes, argmax indexes, and gradients where TF.js has them. Inputs
rounded to integers make ties common, so TF.js's tie rules are compared too."""
import numpy as np

from tests.interop.expression_parity import expression_parity_test, float_maker

floats = float_maker(seed=7)


def ties(*shape):
    """Integer-valued floats in [-2, 2]: most windows hold several equal maxima."""
    return np.round(floats(*shape))


def ints(*shape):
    return ties(*shape).astype(np.int32)


# (expression, inputs, names of the inputs to differentiate)
CASES = [
    ("tf.spaceToBatchND(x, [2, 2], [[0, 0], [2, 0]])", {'x': floats(2, 2, 4, 3)}, 'x'),
    ("tf.spaceToBatchND(x, [3], [[1, 1]])", {'x': floats(2, 4, 2)}, 'x'),
    ("x.spaceToBatchND([2, 3], [[1, 0], [0, 0]])", {'x': floats(1, 3, 3, 2)}, 'x'),
    ("tf.spaceToBatchND(x, [2, 2], [[0, 0], [0, 0]])", {'x': ints(1, 4, 4, 1)}, ''),
    ("tf.batchToSpaceND(x, [2, 2], [[0, 1], [1, 0]])", {'x': floats(8, 2, 3, 1)}, 'x'),
    ("tf.batchToSpaceND(x, [2], [[1, 2]])", {'x': floats(4, 3, 2)}, 'x'),
    ("x.batchToSpaceND([3, 1], [[0, 0], [0, 0]])", {'x': floats(6, 2, 2, 2)}, 'x'),
    ("tf.batchToSpaceND(x, [2, 2], [[0, 0], [0, 1]])", {'x': ints(4, 2, 2, 1)}, ''),
    # TF.js has no depthToSpace gradient (ours comes from reshape and transpose)
    ("tf.depthToSpace(x, 2)", {'x': floats(2, 2, 3, 8)}, ''),
    ("x.depthToSpace(3)", {'x': floats(1, 2, 2, 9)}, ''),
    ("tf.dilation2d(x, w, 1, 'valid')", {'x': floats(2, 5, 5, 2), 'w': floats(3, 3, 2)}, 'xw'),
    ("tf.dilation2d(x, w, 2, 'same')", {'x': floats(1, 6, 5, 3), 'w': floats(2, 3, 3)}, 'xw'),
    ("tf.dilation2d(x, w, 1, 'same', 2)", {'x': floats(1, 6, 6, 1), 'w': floats(2, 2, 1)}, 'xw'),
    ("tf.dilation2d(x, w, [2, 1], 'valid', [1, 2])", {'x': floats(1, 5, 6, 2), 'w': floats(2, 2, 2)}, 'xw'),
    # a numeric pad with equal sizes along both axes: TF.js sizes a numeric pad's output width
    # with the filter height and the row stride (docs/DIFFERENCES.md)
    ("tf.dilation2d(x, w, 2, 1, 2)", {'x': floats(1, 5, 6, 2), 'w': floats(2, 2, 2)}, 'xw'),
    ("tf.dilation2d(x, w, 1, [[0, 0], [1, 0], [2, 1], [0, 0]])", {'x': floats(1, 4, 4, 1), 'w': floats(2, 3, 1)}, 'xw'),
    ("tf.dilation2d(x, w, 1, 'same')", {'x': ties(2, 4, 4, 2), 'w': ties(2, 2, 2)}, 'xw'),
    ("tf.dilation2d(x, w, 2, 'valid')", {'x': ties(1, 5, 5, 1), 'w': np.zeros((3, 3, 1), np.float32)}, 'xw'),
    ("x.dilation2d(w, 1, 'valid')", {'x': floats(4, 4, 2), 'w': floats(2, 2, 2)}, 'xw'),
    ("tf.dilation2d(x, w, 1, 'valid')", {'x': ints(1, 3, 3, 1), 'w': floats(2, 2, 1)}, ''),  # int32 result
    # windows that see only padding give Number.MIN_SAFE_INTEGER; TF.js sends their gradient to
    # a pixel they never saw (docs/DIFFERENCES.md), so values only
    ("tf.dilation2d(x, w, 2, 3)", {'x': floats(1, 3, 3, 1), 'w': floats(2, 2, 1)}, ''),
    # maxPoolWithArgmax has no gradient in TF.js
    ("tf.maxPoolWithArgmax(x, 2, 2, 'valid').result", {'x': floats(2, 4, 6, 3)}, ''),
    ("tf.maxPoolWithArgmax(x, 2, 2, 'valid').indexes", {'x': floats(2, 4, 6, 3)}, ''),
    ("tf.maxPoolWithArgmax(x, 3, 2, 'same').indexes", {'x': floats(2, 5, 5, 2)}, ''),
    ("tf.maxPoolWithArgmax(x, 3, 2, 'same', true).indexes", {'x': floats(2, 5, 5, 2)}, ''),
    ("tf.maxPoolWithArgmax(x, [2, 3], [1, 2], 'valid', true).indexes", {'x': ties(3, 4, 7, 2)}, ''),
    ("tf.maxPoolWithArgmax(x, 2, 2, 1).indexes", {'x': floats(1, 5, 5, 1)}, ''),
    ("tf.maxPoolWithArgmax(x, 3, 1, 'same').result", {'x': ties(1, 4, 4, 3)}, ''),
    ("tf.maxPoolWithArgmax(x, 3, 1, 'same').indexes", {'x': ties(1, 4, 4, 3)}, ''),
    ("tf.maxPoolWithArgmax(x, 2, 2, 'valid').result", {'x': ints(1, 4, 4, 2)}, ''),
    # int32 windows that see only padding: -Infinity stored as an int32 is 0, the index -1
    ("tf.maxPoolWithArgmax(x, 2, 2, 3).result", {'x': ints(1, 3, 3, 1)}, ''),
    ("tf.maxPoolWithArgmax(x, 2, 2, 3).indexes", {'x': ints(1, 3, 3, 1)}, ''),
]

test_value_and_gradients_match_tfjs = expression_parity_test(CASES, seed=8)
