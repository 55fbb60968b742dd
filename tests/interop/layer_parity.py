"""Compare tfjs_lab models with real TF.js 4.22: ``tfjs_runs`` saves each model here, loads it
in TF.js (so the model.json we write must be one TF.js reads), predicts in both, optionally trains
both from the same weights on the same unshuffled data, and returns both sides' numbers.

Usage in a test module::

    CASES = {'dense-relu': ParityCase(build=lambda: tf.sequential(...), x=..., train=Training(...))}
    test_matches_tfjs = parity_test(CASES)
"""
import dataclasses
from typing import Any, Callable, Optional

import numpy as np
import pytest

import tfjs_lab as tf


@dataclasses.dataclass
class Training:
    y: Any
    loss: Any
    optimizer: str = 'sgd'  # a tf.train factory name
    optimizer_args: tuple = (0.1,)
    epochs: int = 3
    batch_size: int = 8
    metrics: Optional[list] = None


@dataclasses.dataclass
class ParityCase:
    build: Callable[[], Any]  # returns a fresh model
    x: Any  # an array, or a list of arrays for several inputs
    train: Optional[Training] = None
    x_dtype: Any = 'float32'


def _as_lists(x):
    return [np.asarray(a).tolist() for a in x] if isinstance(x, list) else np.asarray(x).tolist()


def _numpy(out):
    return [o.numpy() for o in out] if isinstance(out, list) else out.numpy()


def tfjs_runs(run_tfjs, tmp_path_factory, cases):
    """``{name: {'ours': {...}, 'theirs': {...}}}`` with predictions (and history, weights and
    trained predictions when the case trains), all cases in one Node launch."""
    ours, jobs = {}, []
    for name, case in cases.items():
        folder = tmp_path_factory.mktemp(name)
        model = case.build()
        model.save(f'file://{folder}')
        x = [tf.tensor(a, None, case.x_dtype[i] if isinstance(case.x_dtype, list) else case.x_dtype)
             for i, a in enumerate(case.x)] if isinstance(case.x, list) else tf.tensor(case.x, None, case.x_dtype)
        result = {'predictions': _numpy(model.predict(x))}
        x_dtype = case.x_dtype
        if isinstance(case.x, list) and isinstance(x_dtype, str):
            x_dtype = [x_dtype] * len(case.x)
        job = {'modelJson': str(folder / 'model.json'), 'x': _as_lists(case.x), 'xDtype': x_dtype}
        if case.train is not None:
            t = case.train
            optimizer = getattr(tf.train, t.optimizer)(*t.optimizer_args)
            model.compile(optimizer=optimizer, loss=t.loss, metrics=t.metrics)
            y = [tf.tensor(a) for a in t.y] if isinstance(t.y, list) else tf.tensor(t.y)
            history = model.fit(x, y, epochs=t.epochs, batch_size=t.batch_size, shuffle=False, verbose=0)
            result.update(history=history.history,
                          weights={w.original_name: w.numpy() for w in model.weights},
                          trained_predictions=_numpy(model.predict(x)))
            job['train'] = {'y': _as_lists(t.y), 'multiOutput': isinstance(t.y, list), 'loss': t.loss,
                            'metrics': t.metrics, 'optimizer': {'type': t.optimizer, 'args': list(t.optimizer_args)},
                            'epochs': t.epochs, 'batchSize': t.batch_size}
        ours[name] = result
        jobs.append(job)
    theirs = run_tfjs('layers_reference.js', jobs)
    return {name: {'ours': ours[name], 'theirs': reference} for name, reference in zip(cases, theirs)}


def _close(ours, theirs, rtol, atol, what):
    if isinstance(ours, list):
        assert len(ours) == len(theirs), what
        for i, (o, t) in enumerate(zip(ours, theirs)):
            _close(o, t, rtol, atol, f'{what}[{i}]')
    else:
        np.testing.assert_allclose(np.asarray(ours, np.float64), np.asarray(theirs, np.float64),
                                   rtol=rtol, atol=atol, err_msg=what)


def assert_matches(result, predictions=1e-5, training=1e-4):
    """Predictions agree to ``predictions``; after training, every epoch's logs and every weight
    agree to ``training`` (relative, with the same absolute floor)."""
    ours, theirs = result['ours'], result['theirs']
    _close(ours['predictions'], theirs['predictions'], predictions, predictions, 'predictions')
    if 'history' in ours:
        assert sorted(ours['history']) == sorted(theirs['history'])
        for key, values in theirs['history'].items():
            _close(ours['history'][key], values, training, training, f'history[{key!r}]')
        assert sorted(ours['weights']) == sorted(theirs['weights'])
        for name, values in theirs['weights'].items():
            _close(ours['weights'][name], values, training, training, f'weight {name}')
        _close(ours['trained_predictions'], theirs['trained_predictions'], training, training, 'trained predictions')


def parity_test(cases, doc=None):
    """A test, parametrized over ``cases``, that each case matches real TF.js; all cases of the
    module run in one Node launch, on first use."""
    results = {}

    @pytest.mark.interop
    @pytest.mark.parametrize('name', list(cases))
    def test(name, run_tfjs, tmp_path_factory):
        if not results:
            results.update(tfjs_runs(run_tfjs, tmp_path_factory, cases))
        assert_matches(results[name])
    test.__doc__ = doc
    return test
