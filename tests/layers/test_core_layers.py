"""Dropout, SpatialDropout1D, RepeatVector, Reshape, Permute and Masking against real TF.js
4.22 (single layers and saved models), their gradients, round trips and error messages."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.misc_checks import LayerCase, assert_finite_difference_gradients, assert_layer_matches, random_array
from tests.layers.layer_checks import assert_refuses_input_shapes, assert_round_trips

X3 = random_array(2, 3, 4)
MASKED = np.array([[[1, 2], [0, 0], [3, 0]], [[0, 0], [0, 0], [5, 5]]], np.float32)

LAYER_CASES = {
    'dropout-inference': LayerCase('dropout', {'rate': 0.5}, X3),
    'dropout-rate-1-is-identity': LayerCase('dropout', {'rate': 1}, X3, kwargs={'training': True}),
    'spatial-dropout-inference': LayerCase('spatialDropout1d', {'rate': 0.3, 'seed': 1}, X3),
    'repeat-vector': LayerCase('repeatVector', {'n': 3}, random_array(2, 4)),
    'reshape': LayerCase('reshape', {'targetShape': [2, 6]}, X3),
    'reshape-unknown-dim': LayerCase('reshape', {'targetShape': [-1, 3]}, X3),
    'permute': LayerCase('permute', {'dims': [2, 1]}, X3),
    'permute-3': LayerCase('permute', {'dims': [3, 1, 2]}, random_array(2, 3, 4, 5)),
    # TF.js cannot differentiate through Masking ("gradient function not found for Any").
    'masking': LayerCase('masking', {'maskValue': 0}, MASKED, mask=True, gradients=False),
    'masking-value': LayerCase('masking', {'maskValue': 5}, MASKED, mask=True, gradients=False),
}


@pytest.mark.interop
@pytest.mark.parametrize('name', LAYER_CASES)
def test_layer_matches_tfjs(tfjs_layers, name):
    assert_layer_matches(LAYER_CASES[name], tfjs_layers[name])


def _seq(*layers):
    return lambda: tf.sequential(layers=list(layers))


X_FLAT = random_array(16, 6, seed=1)
Y = random_array(16, 3, seed=2)
MODEL_CASES = {
    'dropout-fits-deterministically-at-rate-0': ParityCase(
        lambda: tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[6], kernel_initializer='ones'),
                                      tf.layers.dropout(rate=0), tf.layers.dense(units=3, kernel_initializer='ones')]),
        X_FLAT, Training(Y, 'meanSquaredError', epochs=2)),
    'reshape-permute-repeat': ParityCase(
        lambda: tf.sequential(layers=[tf.layers.reshape(target_shape=[2, 3], input_shape=[6]),
                                      tf.layers.permute(dims=[2, 1]), tf.layers.flatten(),
                                      tf.layers.repeat_vector(n=2), tf.layers.flatten(),
                                      tf.layers.dense(units=3, kernel_initializer='glorotUniform')]),
        X_FLAT, Training(Y, 'meanSquaredError', epochs=2)),
    'masking': ParityCase(lambda: tf.sequential(layers=[tf.layers.masking(mask_value=0, input_shape=[3, 2]),
                                                        tf.layers.dense(units=2)]), MASKED),
}


test_model_matches_tfjs = parity_test(MODEL_CASES)


# --- behaviour TF.js's randomness cannot be compared with ----------------------------------
def test_dropout_in_training_zeroes_about_rate_and_scales_the_rest():
    x = tf.ones([200, 50])
    y = tf.layers.dropout(rate=0.25).apply(x, training=True).numpy()
    assert set(np.unique(y)) <= {0.0, np.float32(1 / 0.75)}
    assert abs((y == 0).mean() - 0.25) < 0.02
    np.testing.assert_array_equal(tf.layers.dropout(rate=0.25).apply(x).numpy(), x.numpy())


def test_dropout_noise_shape_shares_decisions_and_seed_repeats():
    layer = tf.layers.dropout({'rate': 0.5, 'noiseShape': [None, 1, 4], 'seed': 5})
    y = layer.apply(tf.ones([3, 6, 4]), {'training': True}).numpy()
    assert (y == y[:, :1, :]).all()
    np.testing.assert_array_equal(layer.apply(tf.ones([3, 6, 4]), training=True).numpy(), y)


def test_spatial_dropout_drops_whole_channels():
    y = tf.layers.spatial_dropout1d(rate=0.5).apply(tf.ones([4, 5, 6]), training=True).numpy()
    assert (y == y[:, :1, :]).all()
    assert 0 < (y == 0).mean() < 1


def test_dropout_gradient_flows_through_kept_values_only():
    layer = tf.layers.dropout({'rate': 0.5, 'seed': 2})
    x = tf.ones([4, 4])
    grad = tf.grad(lambda t: layer.apply(t, training=True).sum())(x).numpy()
    np.testing.assert_array_equal(grad, layer.apply(x, training=True).numpy())


def test_masking_mask_reaches_the_next_layer_and_zeroes_steps():
    with pytest.raises(TypeError, match='Layer flatten_Flatten.* does not support masking, but was passed an inputMask'):
        tf.sequential(layers=[tf.layers.masking(input_shape=[3, 2]), tf.layers.flatten()]).predict(tf.tensor(MASKED))
    layer = tf.layers.masking({'maskValue': 0})
    x = tf.tensor(MASKED)
    np.testing.assert_array_equal(layer.compute_mask(x).numpy(), [[True, False, True], [False, False, True]])
    np.testing.assert_array_equal(layer.apply(x).numpy(), MASKED)
    y = tf.layers.masking({'maskValue': 3}).apply(tf.tensor3d([[[3, 3], [3, 1]]])).numpy()
    np.testing.assert_array_equal(y, [[[0, 0], [3, 1]]])


@pytest.mark.parametrize('layer,x', [
    (lambda: tf.layers.repeat_vector(n=2), random_array(2, 3)),
    (lambda: tf.layers.reshape(target_shape=[-1, 2]), random_array(2, 2, 3)),
    (lambda: tf.layers.permute(dims=[2, 1]), random_array(2, 2, 3)),
    # Masked steps are where the output is not differentiable; none here.
    (lambda: tf.layers.masking(mask_value=0), np.where(MASKED == 0, [[[0, 1]]], MASKED).astype(np.float32)),
], ids=['repeatVector', 'reshape', 'permute', 'masking'])
def test_gradients_match_finite_differences(layer, x):
    assert_finite_difference_gradients(layer(), x)


def test_symbolic_shapes():
    def shape(layer, batch_shape):
        return layer.compute_output_shape(batch_shape)
    assert shape(tf.layers.reshape(target_shape=[-1, 3]), [None, 2, 6]) == [None, 4, 3]
    assert shape(tf.layers.reshape(target_shape=[-1, 3]), [None, None, 6]) == [None, None, 3]
    assert shape(tf.layers.permute(dims=[2, 3, 1]), [None, 2, 3, 4]) == [None, 3, 4, 2]
    assert shape(tf.layers.repeat_vector(n=4), [None, 7]) == [None, 4, 7]


def test_round_trips(tmp_path):
    model = tf.sequential(layers=[
        tf.layers.reshape(target_shape=[3, -1], input_shape=[6]),
        tf.layers.dropout(rate=0.3, noise_shape=[None, 1, 2], seed=4), tf.layers.spatial_dropout1d(rate=0.2),
        tf.layers.permute(dims=[2, 1]), tf.layers.flatten(), tf.layers.repeat_vector(n=2),
        tf.layers.masking(mask_value=1)])
    assert_round_trips(model, random_array(4, 6), tmp_path)
    assert model.layers[1].get_config()['noise_shape'] == [None, 1, 2]
    assert model.layers[0].get_config()['target_shape'] == [3, None]


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.dropout({'rate': 'high'}), "Dropout: rate must be a number; received 'high'"),
    (lambda: tf.layers.dropout({}), 'rate'),
    (lambda: tf.layers.repeat_vector(n=0), 'RepeatVector: n must be a positive integer; received 0'),
    (lambda: tf.layers.reshape(target_shape=[-1, -1]), 'Can only specify one unknown dimension'),
    (lambda: tf.layers.reshape(target_shape='3'), 'Reshape: targetShape must be a list of integers'),
    (lambda: tf.layers.permute(dims=[1, 3]), 'Invalid permutation `dims`: [1, 3] `dims` must contain '
                                             'consecutive integers starting from 1.'),
    (lambda: tf.layers.permute(dims=2), 'Permute constructor requires `dims` to be an Array, but received 2'),
    (lambda: tf.layers.dropout(rate=0.1, noise_shap=[1]), "unknown option 'noise_shap'"),
])
def test_bad_options(make, message):
    with pytest.raises((TypeError, ValueError)) as info:
        make()
    assert message in str(info.value)


@pytest.mark.parametrize('layer,shape,message', [
    (lambda: tf.layers.reshape(target_shape=[5]), [2, 4], 'Total size of new array must be unchanged: layer '
                                                          'reshape_Reshape'),
    (lambda: tf.layers.reshape(target_shape=[-1, 3]), [2, 4], 'cannot reshape samples of shape [4] to targetShape [-1, 3]'),
    (lambda: tf.layers.repeat_vector(n=2), [2, 3, 4], 'expected ndim=2, found ndim=3'),
    (lambda: tf.layers.permute(dims=[2, 1]), [2, 3], 'expected ndim=3, found ndim=2'),
    (lambda: tf.layers.spatial_dropout1d(rate=0.1), [2, 3], 'expected ndim=3, found ndim=2'),
])
def test_bad_input_shapes(layer, shape, message):
    assert_refuses_input_shapes(layer, [shape], message)
