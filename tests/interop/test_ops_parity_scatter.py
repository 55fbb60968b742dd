"""Scatter ops (scatterND, tensorScatterUpdate, sparseToDense) and diag, meshgrid, broadcastArgs,
ensureShape and bitwiseAnd agree with real TF.js 4.22: values, dtypes and shapes (gradients
where TF.js has them: meshgrid and ensureShape), and the messages of the errors for bad input."""
import numpy as np
import pytest

from tests.interop.expression_parity import JS_NAMES, expression_parity_test, float_maker

import tfjs_lab as tf

floats = float_maker(seed=11)


def ints(*rows):
    return np.array(rows, np.int32)


# (expression, inputs, names of the inputs to differentiate); TF.js has no gradient for the
# scatter ops and diag (tfjs_lab's are checked numerically in tests/ops/gradient_cases/scatter.py).
CASES = [
    ("tf.scatterND(i, u, [8])", {'i': ints([4], [3], [1], [4]), 'u': floats(4)}, ''),  # index 4 twice: added
    ("tf.scatterND(i, u, [8])", {'i': ints(4, 3, 1, 7), 'u': floats(4)}, ''),  # rank-1 indices: one per update
    ("tf.scatterND(i, u, [3, 4, 2])", {'i': ints([2, 1], [0, 3], [2, 1]), 'u': floats(3, 2)}, ''),
    ("tf.scatterND(i, u, [3, 2])", {'i': ints([[1], [0]], [[2], [1]]), 'u': floats(2, 2, 2)}, ''),
    ("tf.scatterND(i, u, [5])", {'i': ints([1], [3], [1]), 'u': ints(7, -2, 5)}, ''),
    ("tf.tensorScatterUpdate(a, i, u)", {'a': floats(4, 3), 'i': ints([1], [3], [1]), 'u': floats(3, 3)}, ''),
    ("tf.tensorScatterUpdate(a, i, u)", {'a': floats(2, 3), 'i': ints([0, 2], [1, 0]), 'u': floats(2)}, ''),
    ("tf.tensorScatterUpdate(a, i, u)", {'a': ints(1, 2, 3, 4), 'i': ints(3, 0), 'u': ints(-5, 9)}, ''),
    ("tf.sparseToDense(i, v, [3, 4], 0.5)", {'i': ints([0, 1], [2, 3], [0, 1]), 'v': floats(3)}, ''),
    ("tf.sparseToDense(i, v, [6])", {'i': ints(5, 0, 2), 'v': floats(3)}, ''),
    ("tf.sparseToDense(i, 3, [4], 1)", {'i': ints(2, 0)}, ''),
    ("tf.sparseToDense(i, v, [5], 1.7)", {'i': ints(2, 0), 'v': ints(-3, 4)}, ''),  # int32: default truncated
    ("tf.sparseToDense(i, v, [4]).cast('int32')", {'i': ints(3, 1), 'v': np.array([True, False])}, ''),
    ("tf.diag(a)", {'a': floats(3)}, ''),
    ("tf.diag(a)", {'a': floats(2, 2)}, ''),
    ("tf.diag(i)", {'i': ints(4, -1)}, ''),
    ("tf.stack(tf.meshgrid(a, b))", {'a': floats(3), 'b': floats(2)}, 'ab'),
    ("tf.stack(tf.meshgrid(a, b, {'indexing': 'ij'}))", {'a': floats(3), 'b': floats(3)}, 'ab'),
    ("tf.meshgrid(a, b, {'indexing': 'ij'})[0]", {'a': floats(2, 2), 'b': floats(3)}, 'a'),
    ("tf.meshgrid(i, a)[0]", {'i': ints(1, 2, 3), 'a': floats(2)}, ''),
    ("tf.meshgrid(a)[0].mul(2)", {'a': floats(2, 3)}, 'a'),  # TF.js's grad needs an op on a
    ("tf.broadcastArgs(s, t)", {'s': ints(2, 1, 3), 't': ints(4, 1)}, ''),
    ("tf.broadcastArgs(s, t)", {'s': ints(0, 1), 't': ints(1, 5)}, ''),
    ("tf.broadcastArgs([], [3, 1])", {}, ''),
    ("tf.ensureShape(a, [2, null]).mul(2)", {'a': floats(2, 3)}, 'a'),
    ("tf.bitwiseAnd(i, j)", {'i': ints(12, -1, 5, -8), 'j': ints(10, 7, 3, -3)}, ''),
]
test_value_and_gradients_match_tfjs = expression_parity_test(CASES, seed=12)

# Bad input: (expression, inputs); the message must be TF.js's, word for word.
ERROR_CASES = [
    ("tf.scatterND(i, u, [2, 3])", {'i': ints([1, 0], [2, 0]), 'u': floats(2)}),
    ("tf.scatterND(i, u, [2])", {'i': floats(2, 1), 'u': floats(2)}),
    ("tf.scatterND(i, u, [2])", {'i': np.array(1, np.int32), 'u': floats(1)}),
    ("tf.scatterND(i, u, [2])", {'i': ints([1]), 'u': np.float32(3)}),
    ("tf.scatterND(i, u, [2])", {'i': ints([1]), 'u': floats(2)}),
    ("tf.scatterND(i, u, [2, 3])", {'i': ints([1], [0]), 'u': floats(2, 2)}),
    ("tf.scatterND(i, u, [2, 3])", {'i': ints([1, 0, 0]), 'u': floats(1)}),
    ("tf.scatterND(i, u, [2, 3])", {'i': ints([1]), 'u': floats(1)}),
    ("tf.scatterND(i, u, [-2])", {'i': ints([1]), 'u': floats(1)}),
    ("tf.scatterND(i, u, [])", {'i': ints([1]), 'u': floats(1)}),
    ("tf.tensorScatterUpdate(a, i, u)", {'a': floats(4), 'i': ints([4]), 'u': floats(1)}),
    ("tf.tensorScatterUpdate(a, i, u)", {'a': floats(4), 'i': ints([1]), 'u': ints(1)}),
    ("tf.sparseToDense(i, v, [4])", {'i': floats(2), 'v': floats(2)}),
    ("tf.sparseToDense(i, v, [4])", {'i': ints([[0]]), 'v': floats(1)}),
    ("tf.sparseToDense(i, v, [4, 2])", {'i': ints(0, 2), 'v': floats(2)}),
    ("tf.sparseToDense(i, v, [4])", {'i': ints(0, 2), 'v': floats(3)}),
    ("tf.sparseToDense(i, v, [4], d)", {'i': ints(0, 2), 'v': floats(2), 'd': np.int32(1)}),
    ("tf.sparseToDense(i, v, [4])", {'i': ints(0, 4), 'v': floats(2)}),
    ("tf.meshgrid(a, b, {'indexing': 'xx'})", {'a': floats(2), 'b': floats(2)}),
    ("tf.broadcastArgs(s, t)", {'s': ints(2, 3), 't': ints(4)}),
    ("tf.broadcastArgs(s, t)", {'s': ints([2, 3]), 't': ints(4)}),
    ("tf.broadcastArgs(s, 4)", {'s': ints(2)}),
    ("tf.broadcastArgs(s, t)", {'s': ints(2), 't': floats(1)}),
    ("tf.ensureShape(a, [2, null, 1])", {'a': floats(2, 3)}),
    ("tf.ensureShape(a, [null, 4])", {'a': floats(2, 3)}),
    ("tf.bitwiseAnd(a, i)", {'a': floats(1), 'i': ints(1)}),
    ("tf.bitwiseAnd(i, j)", {'i': ints(1, 2), 'j': ints(1)}),
]


def _message(expression, inputs):
    try:
        eval(expression, JS_NAMES, {n: tf.tensor(a) for n, a in inputs.items()})
    except (ValueError, TypeError) as err:
        return str(err)
    return None


@pytest.fixture(scope='module')
def tfjs_messages(run_tfjs):
    return run_tfjs('scatter_reference.js', [
        {'expression': e, 'inputs': {n: {'values': np.ravel(a).tolist(), 'shape': list(np.shape(a)), 'dtype': str(a.dtype)}
                                     for n, a in inputs.items()}} for e, inputs in ERROR_CASES])


@pytest.mark.interop
@pytest.mark.parametrize('index', range(len(ERROR_CASES)), ids=[f'{e}-{i}' for i, (e, _) in enumerate(ERROR_CASES)])
def test_bad_input_gives_the_tfjs_message(index, tfjs_messages):
    expression, inputs = ERROR_CASES[index]
    assert tfjs_messages[index] is not None, f'TF.js accepted {expression}'
    assert _message(expression, inputs) == tfjs_messages[index]
