"""Selection, sorting and counting ops agree with real TF.js 4.22: values, dtypes and shapes
(tie order included), and unsortedSegmentSum's gradient. Synchronous ops go through the shared
expression harness; the async ones through selection_reference.js, where each expression is the
body of an async function, run verbatim in Python and in JavaScript."""
import asyncio

import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.expression_parity import JS_NAMES, _as_plain, expression_parity_test, float_maker

floats = float_maker(seed=11)
rng = np.random.default_rng(12)


def ties(*shape, levels=4):
    """float32 inputs with many equal values, so that tie orders show."""
    return rng.integers(0, levels, shape).astype(np.float32)


def ints(*shape, low=0, high=6):
    return rng.integers(low, high, shape).astype(np.int32)


def bools(*shape):
    return rng.random(shape) < 0.5


SORTED_ROWS = np.sort(ties(3, 6, levels=5), axis=-1)
SEGMENT_IDS = np.array([2, 0, -1, 2, 3, 0, 1], np.int32)  # -1 is dropped, and 3 when numSegments is 3

# (expression, inputs, names of the inputs to differentiate)
CASES = [
    ("tf.topk(a, 3).values", {'a': ties(8)}, ''),
    ("tf.topk(a, 3).indices", {'a': ties(8)}, ''),
    ("tf.topk(a, 4)['indices']", {'a': ties(2, 3, 5)}, ''),
    ("tf.topk(a).values", {'a': floats(4, 6)}, ''),
    ("tf.topk(a, 50).indices", {'a': ties(2, 1000, levels=30)}, ''),  # TF.js's select path (> 600)
    # sorted=false: the same entries, in another order (see DIFFERENCES.md)
    ("tf.topk(tf.topk(a, 5, false).values, 5).values", {'a': floats(3, 7)}, ''),
    ("tf.topk(a, 5, false).indices.sum(-1)", {'a': ties(3, 7)}, ''),
    ("a.topk(2).indices", {'a': ints(3, 4, low=-5)}, ''),
    ("tf.topk(a, 4).indices", {'a': np.array([0, -0.0, 1, -1, -0.0, 3, -3], np.float32)}, ''),
    ("tf.topk(a, 0).values", {'a': floats(2, 3)}, ''),
    ("tf.unique(a).values", {'a': ties(12)}, ''),
    ("tf.unique(a).indices", {'a': ties(12)}, ''),
    ("tf.unique(a, 1).values", {'a': ties(2, 9, levels=2)}, ''),
    ("tf.unique(a, -1).indices", {'a': ties(2, 9, levels=2)}, ''),
    ("a.unique(0).values", {'a': ints(8, 2, high=2)}, ''),
    ("tf.unsortedSegmentSum(a, ids, 4)", {'a': floats(7), 'ids': SEGMENT_IDS}, 'a'),
    ("tf.unsortedSegmentSum(a, ids, 4)", {'a': floats(7, 3), 'ids': SEGMENT_IDS}, 'a'),
    ("a.unsortedSegmentSum(ids, 6)", {'a': floats(7, 2, 2), 'ids': SEGMENT_IDS}, 'a'),
    # without a gradient: TF.js's fails for ids >= numSegments (tfjs_lab's is 0 there)
    ("tf.unsortedSegmentSum(a, ids, 3)", {'a': ints(7), 'ids': SEGMENT_IDS}, ''),
    ("tf.bincount(x, [], 5)", {'x': ints(20, high=8)}, ''),
    ("tf.bincount(x, w, 6)", {'x': ints(4, 5), 'w': floats(4, 5)}, ''),
    ("tf.bincount(x, w, 4)", {'x': ints(10), 'w': ints(10)}, ''),
    ("tf.denseBincount(x, [], 7)", {'x': ints(15)}, ''),
    ("tf.denseBincount(x, w, 5)", {'x': ints(3, 6), 'w': floats(3, 6)}, ''),
    ("tf.denseBincount(x, [], 5, true)", {'x': ints(3, 6)}, ''),
    ("tf.searchSorted(s, v)", {'s': SORTED_ROWS[0], 'v': ties(9, levels=6)}, ''),
    ("tf.searchSorted(s, v, 'right')", {'s': SORTED_ROWS, 'v': ties(3, 4, levels=6)}, ''),
    ("tf.searchSorted(s, v)", {'s': SORTED_ROWS.reshape(3, 1, 6), 'v': floats(3, 1, 2, low=-1, high=6)}, ''),
    ("tf.lowerBound(s, v)", {'s': SORTED_ROWS, 'v': ties(3, 5, levels=6)}, ''),
    ("tf.upperBound(s, v)", {'s': SORTED_ROWS, 'v': ties(3, 5, levels=6)}, ''),
]

test_value_and_gradients_match_tfjs = expression_parity_test(CASES, seed=13)


# (async expression, inputs): the result is a tensor or a list of tensors
ASYNC_CASES = [
    ("await tf.whereAsync(c)", {'c': bools(3, 4)}),
    ("await tf.whereAsync(c)", {'c': bools(2, 3, 2)}),
    ("await tf.booleanMaskAsync(a, m)", {'a': floats(5, 3), 'm': bools(5)}),
    ("await tf.booleanMaskAsync(a, m, 1)", {'a': floats(2, 3, 4), 'm': bools(3, 4)}),
    ("await tf.setdiff1dAsync(x, y)", {'x': ties(12, levels=6), 'y': ties(3, levels=6)}),
    ("await tf.setdiff1dAsync(x, y)", {'x': ints(10), 'y': ints(4)}),
    ("await tf.inTopKAsync(p, t, 2)", {'p': ties(6, 5), 't': ints(6, high=5)}),
    ("await tf.inTopKAsync(p, t)", {'p': floats(2, 3, 4), 't': ints(2, 3, high=4)}),
    ("(await tf.setdiff1dAsync(x, y))[1]", {'x': floats(6), 'y': floats(2)}),
]


def _run_async(expression, inputs):
    scope = dict(JS_NAMES)
    exec(f'async def case({", ".join(inputs)}):\n    return {expression}', scope)
    return asyncio.run(scope['case'](**{n: tf.tensor(a) for n, a in inputs.items()}))


@pytest.fixture(scope='module')
def async_reference(run_tfjs):
    return run_tfjs('selection_reference.js', [
        {'expression': e, 'inputs': {n: _as_plain(a) for n, a in inputs.items()}} for e, inputs in ASYNC_CASES])


@pytest.mark.interop
@pytest.mark.parametrize('index', range(len(ASYNC_CASES)), ids=[c[0] for c in ASYNC_CASES])
def test_async_values_match_tfjs(index, async_reference):
    expression, inputs = ASYNC_CASES[index]
    expected = async_reference[index]
    assert 'error' not in expected, f"TF.js failed on {expression}: {expected}"
    result = _run_async(expression, inputs)
    outputs = list(result) if isinstance(result, list) else [result]
    assert len(outputs) == len(expected)
    for output, reference in zip(outputs, expected):
        assert output.shape == reference['shape'] and output.dtype == reference['dtype']
        np.testing.assert_array_equal(np.asarray(output, np.float64).ravel(), reference['value'])
