"""Every loss string compile() takes and every metric, trained here and in real TF.js 4.22 from
the same weights on the same data: each epoch's loss and metric values agree (1e-4)."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test

RNG = np.random.default_rng(2)
X = RNG.normal(size=(30, 4)).astype(np.float32)
CLASSES = RNG.integers(0, 3, size=30)
ONE_HOT = np.eye(3, dtype=np.float32)[CLASSES]
BINARY = (X[:, :1] + X[:, 1:2] > 0).astype(np.float32)
POSITIVE = np.abs(RNG.normal(size=(30, 3))).astype(np.float32) + 0.1
SIGNED = np.sign(RNG.normal(size=(30, 3))).astype(np.float32)


def model(units, activation):
    def build():
        return tf.sequential(layers=[tf.layers.dense(units=6, input_shape=[4], activation='tanh'),
                                     tf.layers.dense(units=units, activation=activation)])
    return build


# loss: (output units, activation, targets, metrics)
LOSSES = {
    'meanSquaredError': (3, 'linear', POSITIVE, ['mse', 'MAE', 'mape', 'cosine', 'r2Score']),
    'meanAbsoluteError': (3, 'linear', POSITIVE, ['meanSquaredError', 'meanAbsolutePercentageError']),
    'meanAbsolutePercentageError': (3, 'softplus', POSITIVE, ['mae']),
    'meanSquaredLogarithmicError': (3, 'softplus', POSITIVE, ['mse']),
    'squaredHinge': (3, 'tanh', SIGNED, ['mae']),
    'hinge': (3, 'tanh', SIGNED, ['mae']),
    'categoricalHinge': (3, 'softmax', ONE_HOT, ['accuracy']),
    'logcosh': (3, 'linear', POSITIVE, ['mse']),
    'categoricalCrossentropy': (3, 'softmax', ONE_HOT, ['accuracy', 'crossentropy', 'categoricalAccuracy']),
    'sparseCategoricalCrossentropy': (3, 'softmax', CLASSES.reshape(-1, 1).astype(np.float32),
                                      ['acc', 'ce', 'sparseCategoricalAccuracy']),
    'binaryCrossentropy': (1, 'sigmoid', BINARY, ['accuracy', 'ce', 'binaryAccuracy', 'precision', 'recall']),
    'kullbackLeiblerDivergence': (3, 'softmax', ONE_HOT * 0.8 + 0.2 / 3, ['mae']),
    'poisson': (3, 'softplus', POSITIVE, ['mse']),
    'cosineProximity': (3, 'linear', POSITIVE, ['cosineProximity']),
}

CASES = {loss: ParityCase(model(units, activation), X,
                          Training(y, loss, optimizer='adam', optimizer_args=(0.05,), epochs=3, batch_size=8,
                                   metrics=metrics))
         for loss, (units, activation, y, metrics) in LOSSES.items()}


test_loss_and_metrics_match_tfjs = parity_test(CASES)


def test_loss_names_in_snake_case_and_functions_work():
    m = model(1, 'sigmoid')()
    m.compile(optimizer='sgd', loss='binary_crossentropy', metrics=['binary_accuracy', tf.metrics.precision])
    assert m.metrics_names == ['loss', 'binary_accuracy', 'precision']
    m.compile(optimizer='sgd', loss=lambda y_true, y_pred: tf.square(tf.sub(y_true, y_pred)).mean(-1))
    assert m.evaluate(X, BINARY).shape == []
    with pytest.raises(ValueError, match="Unknown loss 'softmaxCrossEntropy'. Use \"categoricalCrossentropy\""):
        m.compile(optimizer='sgd', loss='softmaxCrossEntropy')
    with pytest.raises(ValueError, match="Unknown metric 'acuracy'"):
        m.compile(optimizer='sgd', loss='mse', metrics=['acuracy'])


def test_custom_metric_functions_are_logged_by_their_name():
    def half_error(y_true, y_pred):
        return tf.abs(tf.sub(y_true, y_pred)).mul(0.5).mean(-1)

    m = model(1, 'sigmoid')()
    m.compile(optimizer='sgd', loss='binaryCrossentropy', metrics=[half_error])
    history = m.fit(X, BINARY, epochs=1, verbose=0)
    assert 'half_error' in history.history
