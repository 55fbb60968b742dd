"""Rescaling, Resizing, CenterCrop, CategoryEncoding and RandomWidth against real TF.js 4.22
(single layers and saved models), gradients, round trips and messages."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.misc_checks import LayerCase, assert_finite_difference_gradients, assert_layer_matches, random_array
from tests.layers.layer_checks import assert_round_trips

IMAGE = random_array(5, 6, 2, low=0, high=255)
IMAGES = random_array(2, 7, 5, 3, low=0, high=1, seed=1)
PIXELS = np.arange(2 * 6 * 7 * 1).reshape(2, 6, 7, 1).astype(np.int32)
IDS = np.array([[0, 3, 3, 1], [2, 2, 2, 2]], np.int32)

LAYER_CASES = {
    'rescaling': LayerCase('rescaling', {'scale': 1 / 255}, IMAGE),
    'rescaling-offset': LayerCase('rescaling', {'scale': 2, 'offset': -1}, IMAGES),
    'rescaling-int': LayerCase('rescaling', {'scale': 0.5, 'offset': 0.25}, PIXELS, dtype='int32', gradients=False),
    # TF.js's resize gradients fail for images that are not square (bilinear) and for batches
    # (nearest); finite differences check ours.
    'resizing-bilinear': LayerCase('resizing', {'height': 3, 'width': 4}, IMAGE, gradients=False),
    'resizing-up': LayerCase('resizing', {'height': 9, 'width': 8}, IMAGES, gradients=False),
    'resizing-square': LayerCase('resizing', {'height': 3, 'width': 4}, IMAGES[:1, :5], gradients=True),
    'resizing-crop-flag': LayerCase('resizing', {'height': 4, 'width': 3, 'cropToAspectRatio': True}, IMAGES,
                                    gradients=False),
    'resizing-nearest': LayerCase('resizing', {'height': 4, 'width': 9, 'interpolation': 'nearest'}, IMAGES,
                                  gradients=False),
    'resizing-nearest-crop-flag': LayerCase('resizing', {'height': 3, 'width': 3, 'interpolation': 'nearest',
                                                         'cropToAspectRatio': True}, IMAGE),
    # TF.js has no gradient for cropAndResize; finite differences check ours.
    'center-crop': LayerCase('centerCrop', {'height': 3, 'width': 4}, IMAGE, gradients=False),
    'center-crop-batch': LayerCase('centerCrop', {'height': 4, 'width': 2}, IMAGES, gradients=False),
    'center-crop-width-plus-one': LayerCase('centerCrop', {'height': 4, 'width': 6}, PIXELS, dtype='int32',
                                            gradients=False),
    'center-crop-height-plus-one': LayerCase('centerCrop', {'height': 5, 'width': 7}, PIXELS, dtype='int32',
                                             gradients=False),
    'center-crop-one-pixel': LayerCase('centerCrop', {'height': 1, 'width': 1}, PIXELS, dtype='int32',
                                       gradients=False),
    'center-crop-same-size': LayerCase('centerCrop', {'height': 6, 'width': 7}, PIXELS, dtype='int32',
                                       gradients=False),
    'center-crop-upsizes-smaller-images': LayerCase('centerCrop', {'height': 8, 'width': 9}, IMAGES,
                                                    gradients=False),
    'category-multi-hot': LayerCase('categoryEncoding', {'numTokens': 5}, IDS, dtype='int32', gradients=False),
    'category-count': LayerCase('categoryEncoding', {'numTokens': 4, 'outputMode': 'count'}, IDS, dtype='int32',
                                gradients=False),
    'category-one-hot': LayerCase('categoryEncoding', {'numTokens': 4, 'outputMode': 'oneHot'}, IDS[0],
                                  dtype='int32', gradients=False),
    'category-one-hot-column': LayerCase('categoryEncoding', {'numTokens': 4, 'outputMode': 'oneHot'},
                                         IDS[:, :1], dtype='int32', gradients=False),
    'category-float-ids': LayerCase('categoryEncoding', {'numTokens': 4}, IDS.astype(np.float32), gradients=False),
    # Seeded: the same stretch factor as TF.js (which stretches whatever the training flag).
    'random-width': LayerCase('randomWidth', {'factor': 0.5, 'seed': 3}, IMAGES, kwargs={'training': True},
                              gradients=False),
    'random-width-range-nearest': LayerCase('randomWidth', {'factor': [0.2, 0.9], 'seed': 11,
                                                            'interpolation': 'nearest'}, IMAGE,
                                            kwargs={'training': True}, gradients=False),
}


@pytest.mark.interop
@pytest.mark.parametrize('name', LAYER_CASES)
def test_layer_matches_tfjs(tfjs_layers, name):
    assert_layer_matches(LAYER_CASES[name], tfjs_layers[name])


X_IMAGES = random_array(12, 8, 8, 1, low=0, high=255, seed=3)
Y = random_array(12, 2, seed=4)

MODEL_CASES = {
    # No CenterCrop, CategoryEncoding or Resizing in models: TF.js 4.22's CenterCrop and
    # CategoryEncoding write their output sizes into the input shape they are given (the model
    # then refuses its own inputs), and inside a model its Resizing is handed a list ("x must be
    # rank 3 or 4, but got rank 1").
    'rescaling-fit': ParityCase(lambda: tf.sequential(layers=[
        tf.layers.rescaling(scale=1 / 255, offset=-0.5, input_shape=[8, 8, 1]), tf.layers.flatten(),
        tf.layers.dense(units=2)]), X_IMAGES, Training(Y, 'meanSquaredError', epochs=2, batch_size=4)),
}


test_model_matches_tfjs = parity_test(MODEL_CASES)


@pytest.mark.parametrize('make,x', [
    (lambda: tf.layers.rescaling(scale=0.5, offset=1), IMAGE / 255),
    (lambda: tf.layers.resizing(height=3, width=4), IMAGE / 255),
    (lambda: tf.layers.resizing(height=9, width=4, interpolation='nearest'), IMAGE / 255),
    (lambda: tf.layers.center_crop(height=3, width=4), IMAGE / 255),
    (lambda: tf.layers.center_crop(height=7, width=7), IMAGE / 255),
], ids=['rescaling', 'resizing', 'resizing-nearest', 'center-crop', 'center-crop-upsizing'])
def test_gradients_match_finite_differences(make, x):
    assert_finite_difference_gradients(make(), x.astype(np.float32))


def test_center_crop_is_the_central_window():
    x = tf.tensor(PIXELS)
    np.testing.assert_array_equal(tf.layers.center_crop(height=2, width=3).apply(x).numpy(), PIXELS[:, 2:4, 2:5])
    assert tf.layers.center_crop(height=2, width=3).apply(x).dtype == 'int32'


def test_category_encoding_multi_hot_of_one_sample_is_binary():
    # TF.js 4.22 counts here (its 1-D denseBincount ignores binaryOutput).
    y = tf.layers.category_encoding(num_tokens=4).apply(tf.tensor1d([0, 3, 3, 1], 'int32'))
    np.testing.assert_array_equal(y.numpy(), [1, 1, 0, 1])


def test_category_encoding_count_weights():
    layer = tf.layers.category_encoding(num_tokens=4, output_mode='count')
    y = layer.apply(tf.tensor(IDS), count_weights=tf.tensor2d([[1, 2, 3, 4], [0.5, 0.5, 0.5, 0.5]]))
    np.testing.assert_allclose(y.numpy(), [[1, 4, 0, 5], [0, 0, 2, 0]])


def test_random_width_only_in_training_and_repeats_with_a_seed():
    x = tf.tensor(IMAGES)
    layer = tf.layers.random_width(factor=[-0.5, 0.5], seed=7)
    np.testing.assert_array_equal(layer.apply(x).numpy(), IMAGES)
    widths = [layer.apply(x, training=True).shape[2] for _ in range(5)]
    again = tf.layers.random_width(factor=[-0.5, 0.5], seed=7)
    assert [again.apply(x, training=True).shape[2] for _ in range(5)] == widths
    assert all(3 <= w <= 8 for w in widths) and len(set(widths)) > 1
    assert layer.get_config()['seed'] == 12  # as TF.js, the seed moves on with each draw


def test_symbolic_shapes():
    assert tf.layers.resizing(height=3, width=4).compute_output_shape([None, 8, 8, 3]) == [None, 3, 4, 3]
    assert tf.layers.center_crop(height=3, width=4).compute_output_shape([8, 8, 3]) == [3, 4, 3]
    assert tf.layers.category_encoding(num_tokens=5).compute_output_shape([None, 4]) == [None, 5]
    assert tf.layers.category_encoding(num_tokens=5, output_mode='oneHot').compute_output_shape([None]) == [None, 5]
    assert tf.layers.random_width(factor=0.2).compute_output_shape([None, 8, 8, 3]) == [None, 8, None, 3]


def test_round_trips(tmp_path):
    model = tf.sequential(layers=[
        tf.layers.rescaling(scale=0.5, offset=-1, input_shape=[8, 8, 1]),
        tf.layers.resizing(height=6, width=5, interpolation='nearest', crop_to_aspect_ratio=True),
        tf.layers.center_crop(height=4, width=4), tf.layers.dense(units=3),
        tf.layers.random_width(factor=[0.1, 0.3], seed=2)])
    assert_round_trips(model, X_IMAGES, tmp_path)
    encoder = tf.sequential(layers=[tf.layers.category_encoding(num_tokens=5, output_mode='oneHot', input_shape=[1])])
    assert_round_trips(encoder, tf.tensor(IDS[:, :1]), tmp_path / 'encoder')


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.rescaling({}), 'scale'),
    (lambda: tf.layers.rescaling(scale='1/255'), "Rescaling: scale must be a number; received '1/255'"),
    (lambda: tf.layers.resizing(height=0, width=2), 'Resizing: height must be a positive integer; received 0'),
    (lambda: tf.layers.resizing(height=2, width=2, interpolation='bicubic'),
     'Invalid interpolation parameter: bicubic is not implemented (expected one of bilinear, nearest)'),
    (lambda: tf.layers.center_crop(height=2, width=2.5), 'CenterCrop: width must be a positive integer; received 2.5'),
    (lambda: tf.layers.category_encoding(num_tokens=3, output_mode='tfIdf'),
     "CategoryEncoding: outputMode must be one of multiHot, oneHot, count; received 'tfIdf'"),
    (lambda: tf.layers.random_width(factor=0), 'Invalid factor: 0. Must be positive number or tuple of 2 numbers'),
    (lambda: tf.layers.random_width(factor=[-2, 0.5]), 'factor must have values larger than -1. Got: [-2, 0.5]'),
    (lambda: tf.layers.random_width(factor=[0.5, 0.2]), 'factor cannot have upper bound less than lower bound. '
                                                        'Got upper bound: 0.2. Got lower bound: 0.5'),
])
def test_bad_options(make, message):
    with pytest.raises((TypeError, ValueError)) as info:
        make()
    assert message in str(info.value)


@pytest.mark.parametrize('layer,x,message', [
    (lambda: tf.layers.resizing(height=2, width=2), tf.ones([4, 4]), 'Resizing layer resizing_Resizing'),
    (lambda: tf.layers.center_crop(height=2, width=2), tf.ones([1, 1, 4, 4, 1]), 'expects images of rank 3 '
                                                                                  '([height, width, channels]) or 4'),
    (lambda: tf.layers.category_encoding(num_tokens=3), tf.tensor1d([0, 3], 'int32'),
     'Input values must be between 0 <= values < numTokens with numTokens=3; received values from 0 to 3.'),
    (lambda: tf.layers.category_encoding(num_tokens=3), tf.tensor1d([-1, 2], 'int32'), 'received values from -1 to 2'),
    (lambda: tf.layers.category_encoding(num_tokens=3), tf.zeros([2, 2, 2], 'int32'),
     'When outputMode is not int, maximum output rank is 2. Received outputMode multiHot and input shape [2,2,2] '
     'which would result in output rank 3.'),
])
def test_bad_inputs(layer, x, message):
    with pytest.raises(ValueError) as info:
        layer().apply(x, training=True)
    assert message in str(info.value)


def test_count_weights_need_count_mode():
    with pytest.raises(ValueError, match='countWeights is not used when outputMode !== count'):
        tf.layers.category_encoding(num_tokens=4).apply(tf.tensor(IDS), count_weights=tf.ones([2, 4]))
