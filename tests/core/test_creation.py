"""Creation ops, random ops and Tensor methods agree with real TF.js 4.22: each expression in
creation_cases.json runs verbatim here and in Node (make_creation_fixtures.js), and gives the
same dtype, shape and values (bit for bit, seeded random ops included) or the same error."""
import json
import pathlib

import numpy as np
import pytest

import tfjs_lab as tf

HERE = pathlib.Path(__file__).parent
FIXTURES = json.loads((HERE / 'creation_fixtures.json').read_text())
JS_NAMES = {'tf': tf, 'true': True, 'false': False, 'null': None}


def _values(case):
    values = np.array([float(v) for v in case['values']])  # 'NaN', 'Infinity' arrive as strings
    return values.astype({'float32': np.float32, 'int32': np.int32, 'bool': np.bool_}[case['dtype']])


@pytest.mark.parametrize('case', FIXTURES, ids=[c['expr'] for c in FIXTURES])
def test_same_result_as_tfjs(case):
    if 'error' in case:
        with pytest.raises((ValueError, TypeError, IndexError)) as raised:
            eval(case['expr'], dict(JS_NAMES))
        assert case['error'].strip() in str(raised.value)
        return
    out = eval(case['expr'], dict(JS_NAMES))
    if 'value' in case:
        assert out == case['value']
        return
    assert (out.dtype, list(out.shape)) == (case['dtype'], case['shape'])
    found = out.data_sync() if isinstance(out, tf.Tensor) else out.values
    np.testing.assert_array_equal(found, _values(case))


def test_the_fixture_matches_the_case_list():
    cases = json.loads((HERE / 'creation_cases.json').read_text())
    assert [c['expr'] for c in FIXTURES] == cases, 'regenerate: see make_creation_fixtures.js'
