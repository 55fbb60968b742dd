"""ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU and Softmax layers, and every activation name of
TF.js 4.22, against real TF.js (values, gradients, training), with round trips and messages."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.misc_checks import LayerCase, assert_finite_difference_gradients, assert_layer_matches, random_array
from tests.layers.layer_checks import assert_refuses_input_shapes, assert_round_trips

# Keep values away from the kinks at 0 (and at 1 for theta/maxValue) for gradient comparisons.
X = np.array([[-2.45, -0.7, 0.3, 0.8], [1.4, 2.6, -1.2, 3.1], [-0.2, 0.6, 4.5, -3.3]], np.float32)
X3 = random_array(2, 3, 4)
ACTIVATIONS = ['elu', 'selu', 'relu', 'relu6', 'linear', 'sigmoid', 'hardSigmoid', 'softplus', 'softsign', 'tanh',
               'softmax', 'logSoftmax', 'gelu', 'gelu_new', 'mish', 'swish']

LAYER_CASES = {
    'relu': LayerCase('reLU', {}, X),
    'relu-max': LayerCase('reLU', {'maxValue': 2}, X),
    'leaky-relu': LayerCase('leakyReLU', {}, X),
    'leaky-relu-alpha': LayerCase('leakyReLU', {'alpha': 0.05}, X),
    'prelu': LayerCase('prelu', {}, X, weights=[[0.1, -0.2, 0.3, 0.5]]),
    'prelu-shared': LayerCase('prelu', {'sharedAxes': [1]}, X3, weights=[[[0.1, -0.2, 0.3, 0.5]]]),
    'prelu-shared-number': LayerCase('prelu', {'sharedAxes': 2, 'alphaInitializer': 'ones'}, X3),
    'elu': LayerCase('elu', {}, X),
    # TF.js cannot differentiate ThresholdedReLU ("gradient function not found for Greater").
    'thresholded-relu': LayerCase('thresholdedReLU', {}, X, gradients=False),
    'thresholded-relu-theta': LayerCase('thresholdedReLU', {'theta': 0.5}, X, gradients=False),
    'softmax': LayerCase('softmax', {}, X),
    'softmax-last-axis-rank3': LayerCase('softmax', {'axis': -1}, X3),
    'softmax-two-axes': LayerCase('softmax', {'axis': [1, 2]}, X3),
    **{f'activation-{name}': LayerCase('activation', {'activation': name}, X) for name in ACTIVATIONS},
}


@pytest.mark.interop
@pytest.mark.parametrize('name', LAYER_CASES)
def test_layer_matches_tfjs(tfjs_layers, name):
    assert_layer_matches(LAYER_CASES[name], tfjs_layers[name])


X_FIT = random_array(20, 4, seed=3)
Y_FIT = random_array(20, 2, seed=4)


def _between_dense(layer):
    return lambda: tf.sequential(layers=[tf.layers.dense(units=5, input_shape=[4]), layer(), tf.layers.dense(units=2)])


MODEL_CASES = {
    'prelu-fit': ParityCase(_between_dense(lambda: tf.layers.prelu(
        alpha_initializer=tf.initializers.constant({'value': 0.25}), alpha_regularizer=tf.regularizers.l2())),
        X_FIT, Training(Y_FIT, 'meanSquaredError', epochs=3)),
    'leaky-relu-fit': ParityCase(_between_dense(lambda: tf.layers.leakyReLU(alpha=0.1)), X_FIT,
                                 Training(Y_FIT, 'meanSquaredError', epochs=2)),
    'relu-max-fit': ParityCase(_between_dense(lambda: tf.layers.reLU(max_value=0.5)), X_FIT,
                               Training(Y_FIT, 'meanSquaredError', epochs=2)),
    'gelu-fit': ParityCase(lambda: tf.sequential(layers=[
        tf.layers.dense(units=5, input_shape=[4], activation='gelu'), tf.layers.dense(units=5, activation='mish'),
        tf.layers.dense(units=2, activation='hardSigmoid')]), X_FIT, Training(Y_FIT, 'meanSquaredError', epochs=2)),
    'softmax-fit': ParityCase(_between_dense(lambda: tf.layers.softmax()), X_FIT,
                              Training(Y_FIT, 'meanSquaredError', epochs=2)),
}


test_model_matches_tfjs = parity_test(MODEL_CASES)


def test_tfjs_factory_names():
    assert isinstance(tf.layers.reLU(), tf.layers.ReLU)
    assert isinstance(tf.layers.leakyReLU(), tf.layers.LeakyReLU)
    assert isinstance(tf.layers.prelu(), tf.layers.PReLU)
    assert isinstance(tf.layers.thresholdedReLU(), tf.layers.ThresholdedReLU)
    assert isinstance(tf.layers.elu(), tf.layers.ELU)
    assert isinstance(tf.layers.softmax(), tf.layers.Softmax)


def test_hard_sigmoid_is_tfjs_piecewise_linear():
    y = tf.layers.activation(activation='hardSigmoid').apply(tf.tensor1d([-3, -2.5, -1, 0, 1, 2.5, 3])).numpy()
    np.testing.assert_allclose(y, [0, 0, 0.3, 0.5, 0.7, 1, 1], atol=1e-7)


def test_activation_names_in_both_spellings_serialize_as_tfjs_names():
    from tfjs_lab import activations
    assert activations.serialize(activations.get('hard_sigmoid')) == 'hardSigmoid'
    assert activations.serialize(activations.get('log_softmax')) == 'logSoftmax'
    assert activations.serialize(activations.get('gelu_new')) == 'gelu_new'
    assert activations.get({'className': 'relu6', 'config': {}}).name == 'relu6'
    with pytest.raises(ValueError, match=r"Unknown activation 'gelu2'. Known activations: elu, selu, relu, relu6"):
        activations.get('gelu2')


def test_softmax_uses_a_mask_and_any_axis():
    layer = tf.layers.softmax(axis=-1)
    y = layer.apply(tf.tensor2d([[1, 2, 3]]), mask=tf.tensor2d([[1, 1, 0]], None, 'bool')).numpy()
    np.testing.assert_allclose(y, [[np.exp(1) / (np.exp(1) + np.exp(2)), np.exp(2) / (np.exp(1) + np.exp(2)), 0]],
                               rtol=1e-6, atol=1e-7)
    # TF.js refuses a softmax over a non-last axis; tfjs_lab computes it.
    y = tf.layers.softmax().apply(tf.tensor(X3)).numpy()
    np.testing.assert_allclose(y.sum(axis=1), np.ones((2, 4)), rtol=1e-6)


@pytest.mark.parametrize('make,x', [
    (lambda: tf.layers.reLU(max_value=2), X),
    (lambda: tf.layers.leakyReLU(), X),
    (lambda: tf.layers.thresholdedReLU(theta=0.5), X),
    (lambda: tf.layers.prelu(alpha_initializer='randomNormal'), X),
    (lambda: tf.layers.prelu(shared_axes=[1], alpha_initializer='randomNormal'), X3),
    (lambda: tf.layers.elu(), X),
    (lambda: tf.layers.softmax(axis=[1, 2]), X3),
    (lambda: tf.layers.softmax(axis=1), X3),
    *[(lambda name=name: tf.layers.activation(activation=name), X) for name in ACTIVATIONS],
], ids=['reLU', 'leakyReLU', 'thresholdedReLU', 'prelu', 'prelu-shared', 'elu', 'softmax-axes', 'softmax-axis1', *ACTIVATIONS])
def test_gradients_match_finite_differences(make, x):
    assert_finite_difference_gradients(make(), x, eps=1e-2, tol=2e-2)


def test_round_trips(tmp_path):
    model = tf.sequential(layers=[
        tf.layers.dense(units=4, input_shape=[4]), tf.layers.reLU(max_value=3), tf.layers.leakyReLU(alpha=0.2),
        tf.layers.reshape(target_shape=[2, 2]),
        tf.layers.prelu(shared_axes=2, alpha_initializer='ones', alpha_constraint='nonNeg'),
        tf.layers.elu(), tf.layers.thresholdedReLU(theta=0.1), tf.layers.softmax(axis=[1, 2]),
        tf.layers.flatten(), tf.layers.activation(activation='gelu_new')])
    assert_round_trips(model, X, tmp_path)
    assert model.layers[4].get_config()['shared_axes'] == [2]


@pytest.mark.parametrize('make,error,message', [
    (lambda: tf.layers.elu(alpha=2), NotImplementedError, 'Non-default alpha value (2) is not supported by the ELU '
                                                          'layer yet.'),
    (lambda: tf.layers.prelu(shared_axes='1'), TypeError, "Expected sharedAxes to be a number or an array of "
                                                          "numbers, but got '1'"),
    (lambda: tf.layers.reLU(max_value='6'), TypeError, "ReLU: maxValue must be a number; received '6'"),
    (lambda: tf.layers.leakyReLU(alpha=None), TypeError, 'LeakyReLU: alpha must be a number; received None'),
    (lambda: tf.layers.softmax(axis='last'), TypeError, "Softmax: axis must be an integer or a list of integers"),
    (lambda: tf.layers.activation(activation='relu7'), ValueError, "Unknown activation 'relu7'"),
])
def test_bad_options(make, error, message):
    with pytest.raises(error) as info:
        make()
    assert message in str(info.value)


@pytest.mark.parametrize('layer,shapes,message', [
    (lambda: tf.layers.prelu(shared_axes=[3]), [[2, 3]], 'PReLU: sharedAxes [3] must name axes 1 to 1 of inputs of '
                                                         'shape [2,3]'),
    (lambda: tf.layers.prelu(shared_axes=[1]), [[2, 3, 4], [2, 3, 5]], 'expected axis 2 of input shape to have '
                                                                       'value 4 but got shape [2,3,5]'),
    (lambda: tf.layers.prelu(), [[2, 3], [2, 3, 1]], 'expected ndim=2, found ndim=3'),
])
def test_bad_input_shapes(layer, shapes, message):
    assert_refuses_input_shapes(layer, shapes, message)


def test_prelu_needs_known_sizes():
    with pytest.raises(ValueError, match=r'PReLU needs every non-shared axis of its input to have a known size; '
                                         r'received input shape \[null,null,3\] with sharedAxes None'):
        tf.layers.prelu().build([None, None, 3])
