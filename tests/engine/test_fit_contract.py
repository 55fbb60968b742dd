"""fit's contract against real TF.js 4.22: the same callback calls in the same order with the
same logs (keys, order and values), with validation data, class weights and early stopping."""
import numpy as np
import pytest

import tfjs_lab as tf

RNG = np.random.default_rng(4)
X = RNG.normal(size=(22, 3)).astype(np.float32)
Y = (X[:, :1] > 0.3).astype(np.float32)
XV, YV = X[:6] * 0.5, Y[:6]
HOOKS = ('onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd')

CASES = {
    'validation-data': dict(compile={'optimizer': 'sgd', 'loss': 'binaryCrossentropy', 'metrics': ['accuracy']},
                            fit={'epochs': 2, 'batchSize': 8}, validationData=[XV, YV]),
    'class-weight': dict(compile={'optimizer': 'adam', 'loss': 'binaryCrossentropy', 'metrics': ['acc']},
                         fit={'epochs': 3, 'batchSize': 8, 'classWeight': {0: 1.0, 1: 3.0}}),
    'early-stopping': dict(compile={'optimizer': 'sgd', 'loss': 'meanSquaredError'},
                           fit={'epochs': 12, 'batchSize': 22, 'validationSplit': 0.25},
                           earlyStopping={'monitor': 'val_loss', 'patience': 0, 'minDelta': 0.05}),
}


def build(seed):
    tf.set_seed(seed)
    return tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3], activation='tanh'),
                                 tf.layers.dense(units=1, activation='sigmoid')])


def fit_here(model, case):
    events = []

    def record(hook):
        def callback(*args):
            logs = args[-1]
            events.append([hook, args[0] if len(args) > 1 else None, None if logs is None else dict(logs)])
        return callback

    callbacks = [{hook: record(hook) for hook in HOOKS}]
    if case.get('earlyStopping'):
        callbacks.append(tf.callbacks.early_stopping(case['earlyStopping']))
    model.compile(case['compile'])
    options = {**case['fit'], 'shuffle': False, 'verbose': 0, 'callbacks': callbacks}
    if case.get('validationData'):
        options['validationData'] = case['validationData']
    history = model.fit(X, Y, options)
    return {'events': events, 'history': history.history, 'params': history.params}


@pytest.fixture(scope='module')
def runs(run_tfjs, tmp_path_factory):
    ours, jobs = {}, []
    for seed, (name, case) in enumerate(CASES.items()):
        folder = tmp_path_factory.mktemp(name)
        model = build(seed)
        model.save(f'file://{folder}')
        ours[name] = fit_here(model, case)
        jobs.append({'modelJson': str(folder / 'model.json'), 'x': X.tolist(), 'y': Y.tolist(),
                     'compile': case['compile'], 'fit': case['fit'], 'earlyStopping': case.get('earlyStopping'),
                     'validationData': [v.tolist() for v in case['validationData']] if case.get('validationData') else None})
    return {name: (ours[name], theirs) for name, theirs in zip(CASES, run_tfjs('fit_contract_reference.js', jobs))}


@pytest.mark.interop
@pytest.mark.parametrize('name', CASES)
def test_callbacks_see_what_tfjs_callbacks_see(runs, name):
    ours, theirs = runs[name]
    assert [(e[0], e[1]) for e in ours['events']] == [(e[0], e[1]) for e in theirs['events']]
    for mine, reference in zip(ours['events'], theirs['events']):
        if reference[2] is None or mine[2] is None:
            assert not mine[2] and not reference[2], (mine, reference)
            continue
        assert list(mine[2]) == list(reference[2]), (mine[0], mine[1])
        np.testing.assert_allclose([mine[2][k] for k in reference[2]], list(reference[2].values()),
                                   rtol=1e-4, atol=1e-6, err_msg=f'{mine[0]} {mine[1]}')
    assert list(ours['history']) == list(theirs['history'])
    assert ours['params'] == theirs['params']
