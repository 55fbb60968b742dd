"""Ops against real TF.js 4.22, one expression per case: the expression runs verbatim in Python
and in JavaScript (the TF.js spelling works in both), and its value and its gradients with
respect to the named inputs must agree.

    floats = float_maker(seed=4)
    CASES = [("tf.add(a, b)", {'a': floats(2, 3), 'b': floats(3)}, 'ab'), ...]
    test_value_and_gradients_match_tfjs = expression_parity_test(CASES, seed=5)
"""
import numpy as np
import pytest

import tfjs_lab as tf

JS_NAMES = {'tf': tf, 'true': True, 'false': False, 'null': None}


def float_maker(seed):
    """``floats(*shape, low=-2, high=2)``: uniform float32 inputs from a generator seeded ``seed``."""
    rng = np.random.default_rng(seed)
    return lambda *shape, low=-2.0, high=2.0: rng.uniform(low, high, shape).astype(np.float32)


def _as_plain(array):
    return {'values': array.ravel().tolist(), 'shape': list(array.shape), 'dtype': str(array.dtype)}


def _evaluate(expression, scope):
    return eval(expression, JS_NAMES, scope)


def expression_parity_test(cases, seed):
    """A test parametrized over ``cases``, each ``(expression, {name: array}, names of the inputs
    to differentiate)``: the value (shape, dtype, values to 1e-5) and the gradients for a random
    upstream gradient (1e-4) equal TF.js's. All cases run in one Node launch, on first use."""
    rng = np.random.default_rng(seed)
    runs = []

    def run_all(run_tfjs):
        jobs = []
        for expression, inputs, differentiable in cases:
            value = _evaluate(expression, {n: tf.tensor(a) for n, a in inputs.items()})
            jobs.append({'expression': expression, 'inputs': {n: _as_plain(a) for n, a in inputs.items()},
                         'differentiable': list(differentiable),
                         'dy': rng.normal(size=value.shape).astype(np.float32).ravel().tolist()})
        return jobs, run_tfjs('ops_reference.js', jobs)

    @pytest.mark.interop
    @pytest.mark.parametrize('index', range(len(cases)), ids=[c[0] for c in cases])
    def test(index, run_tfjs):
        if not runs:
            runs.append(run_all(run_tfjs))
        jobs, results = runs[0]
        expression, inputs, differentiable = cases[index]
        job, expected = jobs[index], results[index]
        assert 'error' not in expected, f"TF.js failed on {expression}: {expected.get('error')}"
        tensors = {n: tf.tensor(a) for n, a in inputs.items()}

        def f(*xs):
            return _evaluate(expression, dict(tensors, **dict(zip(differentiable, xs))))

        value = f(*(tensors[n] for n in differentiable))
        assert value.shape == expected['shape'] and value.dtype == expected['dtype']
        np.testing.assert_allclose(np.asarray(value).ravel(), expected['value'], rtol=1e-5, atol=1e-5)
        if differentiable:
            grads = tf.grads(f)([tensors[n] for n in differentiable], tf.tensor(job['dy'], expected['shape']))
            for name, grad in zip(differentiable, grads):
                np.testing.assert_allclose(np.asarray(grad).ravel(), expected['grads'][name], rtol=1e-4, atol=1e-5,
                                           err_msg=f'gradient with respect to {name}')
    return test
