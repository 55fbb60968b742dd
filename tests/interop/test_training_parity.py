"""Training here and in real TF.js 4.22 gives the same numbers: the seed model, saved here with
its initial weights, is loaded by TF.js, and both fit the same unshuffled data; every epoch's
loss and metrics must agree to a relative 1e-4."""
import numpy as np
import pytest

import tfjs_lab as tf

pytestmark = pytest.mark.interop

SAMPLES = 70  # with batch size 16: four full batches and a partial one each epoch
CASES = {
    'adam': dict(compile={'optimizer': 'adam', 'loss': 'binaryCrossentropy', 'metrics': ['accuracy']},
                 fit={'epochs': 5, 'batchSize': 16}),
    'sgd': dict(compile={'optimizer': 'sgd', 'loss': 'binaryCrossentropy', 'metrics': ['accuracy']},
                fit={'epochs': 5, 'batchSize': 16}),
    'sgd-mse-validation': dict(compile={'optimizer': 'sgd', 'loss': 'meanSquaredError'},
                               fit={'epochs': 5, 'batchSize': 16, 'validationSplit': 0.2}),
}


def seed_model(seed):
    tf.set_seed(seed)
    return tf.sequential(layers=[tf.layers.dense(units=32, input_shape=[10], activation='relu'),
                                 tf.layers.dense(units=1, activation='sigmoid')])


def data():
    x = np.random.default_rng(7).normal(size=(SAMPLES, 10)).astype(np.float32)
    y = (x[:, :3].sum(axis=1, keepdims=True) > 0).astype(np.float32)
    return x, y


@pytest.fixture(scope='module')
def runs(run_tfjs, tmp_path_factory):
    """For each case: (our history, TF.js's history), from one Node launch for all cases."""
    x, y = data()
    ours, jobs = {}, []
    for seed, (name, case) in enumerate(CASES.items()):
        folder = tmp_path_factory.mktemp(name)
        model = seed_model(seed)
        model.save(f'file://{folder}')  # the initial weights, for TF.js
        model.compile(case['compile'])
        ours[name] = model.fit(tf.tensor2d(x), tf.tensor2d(y), {**case['fit'], 'shuffle': False}).history
        jobs.append({'modelJson': str(folder / 'model.json'), 'compile': case['compile'],
                     'x': x.tolist(), 'y': y.tolist(), 'fit': case['fit']})
    theirs = run_tfjs('train_reference.js', jobs)
    return {name: (ours[name], reference) for name, reference in zip(CASES, theirs)}


@pytest.mark.parametrize('case', CASES)
def test_every_epoch_logs_the_same_values_as_tfjs(runs, case):
    ours, theirs = runs[case]
    assert sorted(ours) == sorted(theirs)
    for key in theirs:
        assert len(ours[key]) == 5
        np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-4, err_msg=f'{case}: {key}')
