"""Training a chain of fused Dense layers walks their primitives on arrays
(``LayersModel._train_on_chain``): the same losses, metrics and weights, bit for bit, as the
taped step; models it does not cover take the taped step."""
import numpy as np
import pytest

import tfjs_lab as tf

rng = np.random.default_rng(7)


def _model(loss, units_out, activation, extra_layer=None, **dense_options):
    layers = [tf.layers.dense({'units': 6, 'activation': 'relu', 'inputShape': [4], **dense_options})]
    if extra_layer is not None:
        layers.append(extra_layer)
    layers.append(tf.layers.dense({'units': units_out, 'activation': activation}))
    model = tf.sequential({'layers': layers})
    model.compile({'optimizer': tf.train.adam(0.01), 'loss': loss, 'metrics': ['accuracy']})
    return model


def _fit(make, weights, x, y, taped):
    model = make()
    model.set_weights(weights)  # the same start for both runs
    if taped:
        model._array_ops = lambda: None
    history = model.fit(x, y, {'epochs': 2, 'batchSize': 8, 'shuffle': False, 'verbose': 0})
    return history.history, [w.numpy() for w in model.get_weights()]


CASES = {
    'binary': (lambda **o: _model('binaryCrossentropy', 1, 'sigmoid', **o),
               lambda n: (rng.uniform(size=(n, 1)) > 0.5).astype(np.float32)),
    'categorical': (lambda **o: _model('categoricalCrossentropy', 3, 'softmax', **o),
                    lambda n: np.eye(3, dtype=np.float32)[rng.integers(0, 3, n)]),
}


@pytest.mark.parametrize('case', sorted(CASES))
@pytest.mark.parametrize('options', [{}, {'kernelConstraint': 'nonNeg', 'useBias': False}], ids=['plain', 'constraint'])
def test_the_chain_step_equals_the_taped_step(case, options):
    make, targets = CASES[case]
    model = make(**options)
    assert model._array_ops() is not None
    weights = model.get_weights()
    x, y = rng.normal(size=(20, 4)).astype(np.float32), targets(20)
    chain_history, chain_weights = _fit(lambda: make(**options), weights, x, y, taped=False)
    taped_history, taped_weights = _fit(lambda: make(**options), weights, x, y, taped=True)
    assert chain_history == taped_history
    for a, b in zip(chain_weights, taped_weights):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize('make', [
    lambda: _model('meanSquaredError', 1, 'linear'),                           # no one-primitive loss
    lambda: _model('binaryCrossentropy', 1, 'sigmoid', kernelRegularizer='l1l2'),  # a penalty
    lambda: _model('binaryCrossentropy', 1, 'sigmoid', tf.layers.dropout({'rate': 0.5})),  # random in training
    lambda: _model('binaryCrossentropy', 1, 'elu'),                            # an activation not fused
], ids=['mse', 'regularizer', 'dropout', 'elu'])
def test_other_models_take_the_taped_step(make):
    model = make()
    x = rng.normal(size=(8, 4)).astype(np.float32)
    y = (rng.uniform(size=(8, 1)) > 0.5).astype(np.float32)
    assert model._train_on_chain([x], [y], None, model.trainable_weights) is None
    model.fit(x, y, {'epochs': 1, 'verbose': 0})


def test_sample_weights_take_the_taped_step():
    model = _model('binaryCrossentropy', 1, 'sigmoid')
    x = rng.normal(size=(8, 4)).astype(np.float32)
    y = np.ones((8, 1), np.float32)
    assert model._train_on_chain([x], [y], [np.ones(8, np.float32)], model.trainable_weights) is None
