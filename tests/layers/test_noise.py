"""GaussianNoise, GaussianDropout and AlphaDropout: identities at inference (as in real TF.js
4.22), TF.js's noise distributions while training, gradients, round trips and messages."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, parity_test
from tests.layers.misc_checks import LayerCase, assert_layer_matches, random_array
from tests.layers.layer_checks import assert_round_trips
from tfjs_lab.core.tape import Tape

X = random_array(3, 4)
SELU_ALPHA, SELU_SCALE = 1.6732632423543772, 1.0507009873554805

LAYER_CASES = {
    'gaussian-noise': LayerCase('gaussianNoise', {'stddev': 0.5}, X),
    'gaussian-dropout': LayerCase('gaussianDropout', {'rate': 0.3}, X),
    'alpha-dropout': LayerCase('alphaDropout', {'rate': 0.3, 'noiseShape': [3, 1]}, X),
    'alpha-dropout-rate-0-training': LayerCase('alphaDropout', {'rate': 0}, X, kwargs={'training': True}),
    'gaussian-dropout-rate-1-training': LayerCase('gaussianDropout', {'rate': 1}, X, kwargs={'training': True}),
}


@pytest.mark.interop
@pytest.mark.parametrize('name', LAYER_CASES)
def test_layer_matches_tfjs(tfjs_layers, name):
    assert_layer_matches(LAYER_CASES[name], tfjs_layers[name])


def _noisy_model():
    return tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[4]), tf.layers.gaussian_noise(stddev=1),
                                 tf.layers.gaussian_dropout(rate=0.5), tf.layers.alpha_dropout(rate=0.5)])


MODEL_CASES = {'noise-layers-predict-as-identity': ParityCase(_noisy_model, X)}


test_model_matches_tfjs = parity_test(MODEL_CASES)


BIG = tf.ones([400, 250])


def test_gaussian_noise_adds_zero_mean_noise_of_stddev_in_training_only():
    layer = tf.layers.gaussian_noise(stddev=0.5)
    noise = layer.apply(BIG, training=True).numpy() - 1
    assert abs(noise.mean()) < 0.01 and abs(noise.std() - 0.5) < 0.01
    np.testing.assert_array_equal(layer.apply(BIG).numpy(), BIG.numpy())


def test_gaussian_dropout_multiplies_by_noise_of_mean_one():
    factor = tf.layers.gaussian_dropout(rate=0.2).apply(BIG, training=True).numpy()
    assert abs(factor.mean() - 1) < 0.01 and abs(factor.std() - np.sqrt(0.2 / 0.8)) < 0.01


def test_alpha_dropout_keeps_mean_and_variance_and_uses_selu_saturation():
    rate = 0.3
    x = tf.random_normal([400, 250], 0, 1, 'float32', 5)
    y = tf.layers.alpha_dropout(rate=rate).apply(x, training=True).numpy()
    assert abs(y.mean()) < 0.02 and abs(y.std() - 1) < 0.02
    saturation = -SELU_ALPHA * SELU_SCALE
    a = ((1 - rate) * (1 + rate * saturation ** 2)) ** -0.5
    b = -a * saturation * rate
    dropped = np.isclose(y, a * saturation + b)
    assert abs(dropped.mean() - rate) < 0.01
    np.testing.assert_allclose(y[~dropped], a * x.numpy()[~dropped] + b, rtol=1e-5, atol=1e-5)


def test_alpha_dropout_noise_shape_shares_decisions():
    y = tf.layers.alpha_dropout(rate=0.5, noise_shape=[None, 1]).apply(tf.ones([50, 6]), training=True).numpy()
    assert (y == y[:, :1]).all()


@pytest.mark.parametrize('make', [lambda: tf.layers.gaussian_dropout(rate=0.4),
                                  lambda: tf.layers.alpha_dropout(rate=0.4),
                                  lambda: tf.layers.gaussian_noise(stddev=2)],
                         ids=['gaussianDropout', 'alphaDropout', 'gaussianNoise'])
def test_training_gradient_is_the_drawn_linear_map(make):
    # Each layer is y = x * m + c for the noise it drew: its input gradient must be m.
    x = tf.tensor(random_array(5, 6, low=0.5, high=2))
    layer = make()
    with Tape([x]) as tape:
        y = layer.apply(x, training=True)
    (grad,) = tape.gradients(y, [x])
    if isinstance(layer, tf.layers.GaussianNoise):
        np.testing.assert_array_equal(grad, np.ones_like(grad))
    elif isinstance(layer, tf.layers.GaussianDropout):
        np.testing.assert_allclose(grad, y.numpy() / x.numpy(), rtol=1e-5)
    else:
        assert len(np.unique(np.round(grad, 5))) <= 2  # a for kept values, 0 for dropped ones
        assert (grad[np.isclose(grad, 0)] == 0).all()


def test_round_trips(tmp_path):
    model = _noisy_model()
    assert_round_trips(model, X, tmp_path)
    assert model.layers[3].get_config()['rate'] == 0.5
    assert 'noise_shape' not in model.layers[3].get_config()  # as TF.js


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.gaussian_noise({}), 'stddev'),
    (lambda: tf.layers.gaussian_noise(stddev='1'), "GaussianNoise: stddev must be a number; received '1'"),
    (lambda: tf.layers.gaussian_dropout(rate=None), 'GaussianDropout: rate must be a number; received None'),
    (lambda: tf.layers.alpha_dropout(rate=[0.1]), 'AlphaDropout: rate must be a number; received [0.1]'),
])
def test_bad_options(make, message):
    with pytest.raises(TypeError) as info:
        make()
    assert message in str(info.value)
