"""Shared by the recurrent, wrapper and embedding tests: the same layer description built here
and in real TF.js (tests/interop/rnn_reference.js), applied to the same inputs with the same
weights; and a float64 numerical gradient check of a layer."""
import contextlib
import pathlib

import numpy as np

import tfjs_lab as tf
from tfjs_lab._naming import to_camel
from tests.layers.layer_checks import assert_gradients_match_finite_differences
from tfjs_lab.engine import base_layer
from tfjs_lab.core.tensor import Tensor

INTEROP_DIR = pathlib.Path(__file__).parent.parent / 'interop'
SCRIPT = INTEROP_DIR / 'rnn_reference.js'


def layer(factory, **args):
    """A layer description: TF.js's factory name and options (nested layers as descriptions)."""
    return {'factory': factory, 'args': args}


def build(desc):
    """The tfjs_lab layer for a description, through the camelCase factory and options dict."""
    args = dict(desc['args'])
    for key in ('layer', 'cell'):
        if key in args:
            args[key] = [build(d) for d in args[key]] if isinstance(args[key], list) else build(args[key])
    return getattr(tf.layers, desc['factory'])(args)


@contextlib.contextmanager
def fresh_layer_names():
    """Default layer names counted from 1, as in the fresh Node process that builds the same
    layers in the same order (the counters of the rest of the test run come back after)."""
    saved = base_layer._uids.copy()
    base_layer._uids.clear()
    try:
        yield
    finally:
        base_layer._uids.clear()
        base_layer._uids.update(saved)


def random_weights(layer_or_model, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-0.8, 0.8, w.shape).astype(np.float32) for w in layer_or_model.weights]


def _tensor(values, dtype=None):
    return tf.tensor(values, None, dtype or 'float32')


def apply_here(desc, calls, weights=None, seed=0):
    """Apply the layer as the reference script does; returns (layer, weights, outputs per call)."""
    built = build(desc)
    outputs = []
    for index, call in enumerate(calls):
        kwargs = {}
        if 'initialState' in call:
            kwargs['initial_state'] = [_tensor(s) for s in call['initialState']]
        if 'mask' in call:
            kwargs['mask'] = _tensor(call['mask'], 'bool')
        if call.get('training'):
            kwargs['training'] = True
        if index == 0:
            built.apply(_tensor(call['x'], call.get('dtype')), **kwargs)
            weights = random_weights(built, seed) if weights is None else weights
            built.set_weights(weights)
            if getattr(built, 'stateful', False):
                built.reset_states()
        if call.get('reset'):
            built.reset_states()
        result = built.apply(_tensor(call['x'], call.get('dtype')), **kwargs)
        outputs.append([t.array_sync() for t in (result if isinstance(result, list) else [result])])
    return built, weights, outputs


def reference(run_tfjs, jobs):
    """The answers of tests/interop/rnn_reference.js (real TF.js) to ``jobs``, all in one Node run;
    ``run_tfjs`` is the shared fixture of tests/conftest.py."""
    return run_tfjs(SCRIPT.name, _jsonable(jobs))


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def apply_job(desc, calls, weights):
    return {'kind': 'apply', 'layer': desc, 'weights': weights, 'inputs': calls}


def assert_outputs_close(ours, theirs, atol=1e-5):
    assert len(ours) == len(theirs)
    for call_ours, call_theirs in zip(ours, theirs):
        assert len(call_ours) == len(call_theirs)
        for a, b in zip(call_ours, call_theirs):
            np.testing.assert_allclose(np.array(a, np.float64), np.array(b, np.float64), atol=atol, rtol=1e-5)


def check_gradients(built, x, seed=0, eps=1e-2, wrt_inputs=True, **call_options):
    """Tape gradients for every weight of ``built`` (and the inputs) against central
    differences; the fused LSTM primitive has its float64 check in tests/ops/gradient_cases/rnn.py."""
    x = Tensor(np.asarray(x, np.float32))

    def forward():
        out = built.invoke(x, **call_options)
        return out if not isinstance(out, list) else tf.concat([o.reshape([o.shape[0], -1]) for o in out], 1)

    assert_gradients_match_finite_differences(forward, list(built.weights) + ([x] if wrt_inputs else []),
                                              seed=seed, eps=eps, label=built.name)


def answers(run_tfjs, cases):
    """``{name: ((built, weights, outputs) here, TF.js's answer)}`` for ``{name: (desc, calls)}``
    cases, all in one Node launch."""
    with fresh_layer_names():
        ours = {name: apply_here(desc, calls) for name, (desc, calls) in cases.items()}
    theirs = reference(run_tfjs, [apply_job(desc, calls, ours[name][1]) for name, (desc, calls) in cases.items()])
    return {name: (ours[name], answer) for name, answer in zip(cases, theirs)}


def assert_weight_names_shapes_and_config_keys(built, answer):
    assert [w.original_name for w in built.weights] == answer['weightNames']
    assert [w.shape for w in built.weights] == answer['weightShapes']
    assert [to_camel(k) for k in built.get_config()] == list(answer['config'])
