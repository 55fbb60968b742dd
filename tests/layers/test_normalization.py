"""BatchNormalization and LayerNormalization against real TF.js 4.22: inference with given
weights, a training call (batch statistics, moving statistics updated, gradients), and fits of
saved models (losses, trained weights including moving_mean/moving_variance)."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.misc_checks import LayerCase, assert_finite_difference_gradients, assert_layer_matches, random_array
from tests.layers.layer_checks import assert_refuses_input_shapes, assert_round_trips

X2 = random_array(5, 3, low=-1, high=3)
X3 = random_array(4, 2, 3, seed=1)
X4 = random_array(2, 3, 2, 2, seed=2)
BN3 = [[1.5, 0.5, 2.0], [0.1, -0.2, 0.3], [0.5, 1.0, -0.5], [1.5, 0.5, 2.0]]  # gamma, beta, moving mean, variance

LAYER_CASES = {
    'bn-inference': LayerCase('batchNormalization', {}, X2, weights=BN3),
    'bn-inference-rank3': LayerCase('batchNormalization', {'epsilon': 0.01}, X3, weights=BN3),
    # TF.js cannot differentiate a missing beta or gamma; finite differences check those below.
    'bn-inference-no-center-scale': LayerCase('batchNormalization', {'center': False, 'scale': False}, X2,
                                              weights=BN3[2:], gradients=False),
    'bn-training': LayerCase('batchNormalization', {'momentum': 0.8}, X2, kwargs={'training': True}, weights=BN3),
    'bn-training-rank3': LayerCase('batchNormalization', {}, X3, kwargs={'training': True}, weights=BN3),
    'ln': LayerCase('layerNormalization', {}, X3, weights=[[1.5, 0.5, 2.0], [0.1, -0.2, 0.3]]),
    'ln-axes': LayerCase('layerNormalization', {'axis': [1, 2], 'epsilon': 0.1}, X3,
                         weights=[[[1.5, 0.5, 2.0], [1, 2, 3]], [[0.1, -0.2, 0.3], [0, 0, 1]]]),
    'ln-axis1': LayerCase('layerNormalization', {'axis': 1, 'center': False}, X3, weights=[[2, 3]],
                          gradients=False),
    'ln-no-scale-rank2': LayerCase('layerNormalization', {'scale': False}, X2, gradients=False),
}


@pytest.mark.interop
@pytest.mark.parametrize('name', LAYER_CASES)
def test_layer_matches_tfjs(tfjs_layers, name):
    assert_layer_matches(LAYER_CASES[name], tfjs_layers[name])


X_FIT = random_array(24, 4, low=-1, high=3, seed=3)
Y_FIT = random_array(24, 2, seed=4)


def _dense_norm_dense(norm):
    # No bias before the normalization: its gradient is 0 up to rounding noise, which Adam
    # would turn into steps of either sign.
    return lambda: tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[4], use_bias=False), norm(),
                                         tf.layers.dense(units=2)])


MODEL_CASES = {
    # Moving statistics move on every training batch, as in TF.js; predictions then use them.
    'bn-fit': ParityCase(_dense_norm_dense(lambda: tf.layers.batch_normalization(momentum=0.9)), X_FIT,
                         Training(Y_FIT, 'meanSquaredError', epochs=3, batch_size=8)),
    'bn-fit-adam-regularized': ParityCase(
        _dense_norm_dense(lambda: tf.layers.batch_normalization(gamma_regularizer=tf.regularizers.l2())),
        X_FIT, Training(Y_FIT, 'meanSquaredError', optimizer='adam', optimizer_args=(0.05,), epochs=2, batch_size=6)),
    'bn-rank3': ParityCase(lambda: tf.sequential(layers=[tf.layers.reshape(target_shape=[2, 2], input_shape=[4]),
                                                         tf.layers.batch_normalization(), tf.layers.flatten(),
                                                         tf.layers.dense(units=2)]),
                           X_FIT, Training(Y_FIT, 'meanSquaredError', epochs=2, batch_size=8)),
    'ln-fit': ParityCase(_dense_norm_dense(lambda: tf.layers.layer_normalization()), X_FIT,
                         Training(Y_FIT, 'meanSquaredError', epochs=3, batch_size=8)),
}


test_model_matches_tfjs = parity_test(MODEL_CASES)


def test_moving_statistics_follow_tfjs_formula_and_are_not_trainable():
    layer = tf.layers.batch_normalization(momentum=0.75)
    x = tf.tensor(X2)
    layer.apply(x, training=True)
    mean, variance = X2.mean(0), X2.var(0)
    np.testing.assert_allclose(layer.moving_mean.numpy(), 0 - (0 - mean) * 0.25, rtol=1e-6)
    np.testing.assert_allclose(layer.moving_variance.numpy(), 1 - (1 - variance) * 0.25, rtol=1e-6)
    assert [w.original_name.split('/')[-1] for w in layer.trainable_weights] == ['gamma', 'beta']
    assert [w.original_name.split('/')[-1] for w in layer.non_trainable_weights] == ['moving_mean', 'moving_variance']
    before = layer.moving_mean.numpy()
    layer.apply(x)  # inference leaves them alone
    np.testing.assert_array_equal(layer.moving_mean.numpy(), before)


@pytest.mark.parametrize('x', [X3, X4], ids=['rank3', 'rank4'])
def test_batch_normalization_on_axis_1_normalizes_each_channel(x):
    # Not compared with TF.js: its CPU batchNorm kernel cycles through the statistics in
    # memory order, as if the channels were last, so its numbers are wrong for axis 1.
    gamma, beta, mean, variance = (np.array(w[:x.shape[1]], np.float32) for w in BN3)
    layer = tf.layers.batch_normalization(axis=1, momentum=0.5)
    layer.apply(tf.tensor(x))
    layer.set_weights([gamma, beta, mean, variance])
    channels = [1, -1] + [1] * (x.ndim - 2)
    expected = (x - mean.reshape(channels)) / np.sqrt(variance.reshape(channels) + 1e-3)
    np.testing.assert_allclose(layer.apply(tf.tensor(x)).numpy(),
                               expected * gamma.reshape(channels) + beta.reshape(channels), rtol=1e-5, atol=1e-5)
    axes = tuple(a for a in range(x.ndim) if a != 1)
    batch_mean, batch_variance = x.mean(axes), x.var(axes)
    trained = layer.apply(tf.tensor(x), training=True).numpy()
    expected = (x - batch_mean.reshape(channels)) / np.sqrt(batch_variance.reshape(channels) + 1e-3)
    np.testing.assert_allclose(trained, expected * gamma.reshape(channels) + beta.reshape(channels),
                               rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(layer.moving_mean.numpy(), mean - (mean - batch_mean) * 0.5, rtol=1e-5)
    np.testing.assert_allclose(layer.moving_variance.numpy(), variance - (variance - batch_variance) * 0.5, rtol=1e-5)


def test_batch_normalization_without_center_or_scale_trains():
    # TF.js 4.22 fails here (it reads the missing beta); tfjs_lab normalizes without it.
    layer = tf.layers.batch_normalization(center=False, scale=False, epsilon=0)
    y = layer.apply(tf.tensor(X2), training=True).numpy()
    np.testing.assert_allclose(y, (X2 - X2.mean(0)) / X2.std(0), rtol=1e-4, atol=1e-5)
    assert layer.trainable_weights == []


@pytest.mark.parametrize('make,x,training', [
    (lambda: tf.layers.batch_normalization(), X2, True),
    (lambda: tf.layers.batch_normalization(axis=1), X3, True),
    (lambda: tf.layers.batch_normalization(beta_initializer='randomNormal', moving_variance_initializer='ones'), X2, False),
    (lambda: tf.layers.layer_normalization(beta_initializer='randomNormal', gamma_initializer='randomNormal'), X3, False),
    (lambda: tf.layers.layer_normalization(axis=[1, 2]), X3, False),
], ids=['bn-training', 'bn-axis1-training', 'bn-inference', 'ln', 'ln-axes'])
def test_gradients_match_finite_differences(make, x, training):
    assert_finite_difference_gradients(make(), x, training=training, eps=1e-2, tol=3e-2)


def test_round_trips(tmp_path):
    model = tf.sequential(layers=[
        tf.layers.dense(units=3, input_shape=[4]),
        tf.layers.batch_normalization(momentum=0.5, epsilon=0.01, beta_initializer='ones',
                                      gamma_regularizer=tf.regularizers.l2({'l2': 0.1}), gamma_constraint='nonNeg',
                                      moving_mean_initializer='randomNormal'),
        tf.layers.reshape(target_shape=[3, 1]),
        tf.layers.layer_normalization(axis=[1, 2], epsilon=0.01, center=False, beta_regularizer=tf.regularizers.l1())])
    assert_round_trips(model, X_FIT, tmp_path)
    assert model.layers[3].get_config()['axis'] == [1, 2]


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.batch_normalization(axis=[1]), 'BatchNormalization: axis must be an integer; received [1]'),
    (lambda: tf.layers.batch_normalization(bogus=1), "unknown option 'bogus'"),
    (lambda: tf.layers.batch_normalization(beta_initializer='nope'), 'nope'),
    (lambda: tf.layers.layer_normalization(axis='last'), 'Expected axis to be an integer or an array of integers, '
                                                         "but received 'last'"),
    (lambda: tf.layers.layer_normalization(axis=[1, 1.5]), 'Expected axis to be an array of integers, but received'),
])
def test_bad_options(make, message):
    with pytest.raises((TypeError, ValueError)) as info:
        make()
    assert message in str(info.value)


@pytest.mark.parametrize('layer,shapes,message', [
    (lambda: tf.layers.batch_normalization(axis=3), [[2, 3]], 'BatchNormalization: axis 3 is out of range for an '
                                                              'input of rank 2 (shape [2,3])'),
    (lambda: tf.layers.batch_normalization(), [[2, 3], [2, 4]], 'expected axis 1 of input shape to have value 3 '
                                                                'but got shape [2,4]'),
    (lambda: tf.layers.batch_normalization(), [[2, 3], [2, 3, 3]], 'expected ndim=2, found ndim=3'),
    (lambda: tf.layers.layer_normalization(axis=2), [[2, 3]], 'LayerNormalization: invalid axis 2 for an input '
                                                              'of shape [2,3]'),
    (lambda: tf.layers.layer_normalization(axis=[1, -1]), [[2, 3]], 'Found duplicate axes in: [1, 1]'),
])
def test_bad_input_shapes(layer, shapes, message):
    assert_refuses_input_shapes(layer, shapes, message)


def test_unknown_channel_size_is_an_error():
    with pytest.raises(ValueError, match=r'Axis 1 of input tensor should have a defined dimension but the layer '
                                         r'received an input with shape \[null,null\]'):
        tf.layers.batch_normalization().build([None, None])
