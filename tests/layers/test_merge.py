"""Merge layers (Add, Multiply, Average, Maximum, Minimum, Concatenate, Dot) against real TF.js
4.22: applied to lists of tensors, and in functional models that TF.js loads, predicts and
trains; broadcasting, masks, gradients, round trips and messages."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.misc_checks import LayerCase, assert_finite_difference_gradients, assert_layer_matches, random_array
from tests.layers.layer_checks import assert_round_trips

A, B, C = random_array(3, 4), random_array(3, 4, seed=1), random_array(3, 4, seed=2)
A3, B3 = random_array(2, 3, 4, seed=3), random_array(2, 5, 4, seed=4)
ELEMENTWISE = ['add', 'multiply', 'average', 'maximum', 'minimum']

LAYER_CASES = {
    **{name: LayerCase(name, {}, [A, B]) for name in ELEMENTWISE},
    **{f'{name}-three': LayerCase(name, {}, [A, B, C]) for name in ELEMENTWISE},
    # TF.js cannot broadcast the gradients of maximum and minimum; finite differences check ours.
    **{f'{name}-broadcast': LayerCase(name, {}, [A3, random_array(2, 1, 4, seed=5)],
                                      gradients=name not in ('maximum', 'minimum')) for name in ELEMENTWISE},
    'add-lower-rank': LayerCase('add', {}, [A3[:, :1, :].repeat(3, 1), random_array(2, 4, seed=6)]),
    'concatenate': LayerCase('concatenate', {}, [A, random_array(3, 2, seed=7)]),
    'concatenate-axis1': LayerCase('concatenate', {'axis': 1}, [A3, B3]),
    'concatenate-three': LayerCase('concatenate', {'axis': -1}, [A3, A3, random_array(2, 3, 1, seed=8)]),
    'concatenate-masks': LayerCase('concatenate', {'axis': 1}, [A3, B3], gradients=False,
                                   mask=[[[True, False, True], [False, True, True]],
                                         [[True] * 5, [False, True, False, True, True]]]),
    'concatenate-mask-and-none-last-axis': LayerCase('concatenate', {}, [A3, A3], gradients=False,
                                                     mask=[[[True, False, True], [False, True, True]], None]),
    'dot': LayerCase('dot', {'axes': 1}, [A, B]),
    'dot-normalize': LayerCase('dot', {'axes': -1, 'normalize': True}, [A, B]),
    'dot-3d': LayerCase('dot', {'axes': [2, 2]}, [A3, B3]),
    'dot-3d-axis1': LayerCase('dot', {'axes': 1}, [random_array(2, 3, 4, seed=9), random_array(2, 3, 5, seed=10)]),
    'dot-3d-mixed-axes': LayerCase('dot', {'axes': [2, 1]}, [A3, random_array(2, 4, 2, seed=11)]),
    'dot-3d-2d': LayerCase('dot', {'axes': [2, 1]}, [A3, random_array(2, 4, seed=12)]),
    'dot-2d-3d': LayerCase('dot', {'axes': [1, 2]}, [random_array(2, 4, seed=13), A3]),
    'dot-3d-normalize': LayerCase('dot', {'axes': 2, 'normalize': True}, [A3, B3]),
}


@pytest.mark.interop
@pytest.mark.parametrize('name', LAYER_CASES)
def test_layer_matches_tfjs(tfjs_layers, name):
    assert_layer_matches(LAYER_CASES[name], tfjs_layers[name])


X_A, X_B = random_array(16, 3, seed=20), random_array(16, 3, seed=21)
Y = random_array(16, 2, seed=22)


def two_branches(merge, units=4):
    """Two inputs, a dense branch each, merged, then a dense head."""
    def build():
        a, b = tf.input(shape=[3]), tf.input(shape=[3])
        merged = merge().apply([tf.layers.dense(units=units).apply(a), tf.layers.dense(units=units).apply(b)])
        return tf.model(inputs=[a, b], outputs=tf.layers.dense(units=2).apply(merged))
    return build


def self_dot():
    x = tf.input(shape=[3, 4])
    attention = tf.layers.dot(axes=[2, 2]).apply([x, x])
    mixed = tf.layers.dot(axes=[2, 1]).apply([tf.layers.softmax(axis=-1).apply(attention), x])
    return tf.model(inputs=x, outputs=tf.layers.dense(units=2).apply(tf.layers.flatten().apply(mixed)))


MODEL_CASES = {
    **{f'{name}-fit': ParityCase(two_branches(getattr(tf.layers, name)), [X_A, X_B],
                                 Training(Y, 'meanSquaredError', epochs=2)) for name in ELEMENTWISE},
    'concatenate-fit': ParityCase(two_branches(tf.layers.concatenate), [X_A, X_B],
                                  Training(Y, 'meanSquaredError', epochs=2)),
    'dot-normalize-fit': ParityCase(two_branches(lambda: tf.layers.dot(axes=1, normalize=True)), [X_A, X_B],
                                    Training(Y, 'meanSquaredError', epochs=2)),
    'dot-attention-fit': ParityCase(self_dot, random_array(16, 3, 4, seed=23), Training(Y, 'meanSquaredError')),
}


test_model_matches_tfjs = parity_test(MODEL_CASES)


@pytest.mark.parametrize('name', ['add', 'multiply', 'average', 'maximum', 'minimum', 'concatenate'])
def test_gradients_match_finite_differences(name):
    assert_finite_difference_gradients(getattr(tf.layers, name)(), [A, B])


@pytest.mark.parametrize('options,inputs', [
    ({'axes': 1, 'normalize': True}, [A, B]),
    ({'axes': [2, 1]}, [A3, random_array(2, 4, 2, seed=11)]),
    ({'axes': [2, 1]}, [A3, random_array(2, 4, seed=12)]),
])
def test_dot_gradients_match_finite_differences(options, inputs):
    assert_finite_difference_gradients(tf.layers.dot(options), inputs)


def test_symbolic_output_shapes():
    a, b = tf.input(shape=[3, 4]), tf.input(shape=[5, 4])
    assert tf.layers.concatenate(axis=1).apply([a, b]).shape == [None, 8, 4]
    assert tf.layers.dot(axes=-1).apply([a, b]).shape == [None, 3, 5]
    assert tf.layers.add().apply([a, tf.input(shape=[1, 4])]).shape == [None, 3, 4]
    assert tf.layers.dot(axes=1).apply([tf.input(shape=[4]), tf.input(shape=[4])]).shape == [None, 1]
    assert tf.layers.concatenate().apply([tf.input(shape=[None, 2]), tf.input(shape=[None, 3])]).shape == [None, None, 5]


def test_concatenate_mask_of_an_input_without_one_is_all_kept():
    mask = tf.layers.concatenate(axis=1).compute_mask(
        [tf.tensor(A3), tf.tensor(B3)], [tf.tensor2d([[True, False, True], [False, True, True]], None, 'bool'), None])
    np.testing.assert_array_equal(mask.numpy(), [[True, False, True] + [True] * 5, [False, True, True] + [True] * 5])


@pytest.mark.parametrize('name', ['maximum', 'minimum'])
def test_broadcast_gradients_match_finite_differences(name):
    assert_finite_difference_gradients(getattr(tf.layers, name)(), [A3, random_array(2, 1, 4, seed=5)])


def test_elementwise_mask_is_the_and_of_input_masks():
    mask1 = tf.tensor2d([[True, False, True]], None, 'bool')
    mask2 = tf.tensor2d([[True, True, False]], None, 'bool')
    out = tf.layers.add().compute_mask([A3, A3], [mask1, mask2]).numpy()
    np.testing.assert_array_equal(out, [[True, False, False]])
    assert tf.layers.add().compute_mask([A3, A3], [None, None]) is None


def test_round_trips(tmp_path):
    a, b = tf.input(shape=[3]), tf.input(shape=[3])
    merged = [getattr(tf.layers, name)().apply([a, b]) for name in ELEMENTWISE]
    merged.append(tf.layers.dot(axes=[1, 1], normalize=True).apply([a, b]))
    model = tf.model(inputs=[a, b], outputs=tf.layers.concatenate(axis=-1).apply(merged))
    assert_round_trips(model, [tf.tensor(X_A), tf.tensor(X_B)], tmp_path)
    assert model.layers[-2].get_config()['axes'] == [1, 1]


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.dot({}), 'axes'),
    (lambda: tf.layers.dot(axes='last'), "Dot: axes must be an integer or a list of two integers; received 'last'"),
    (lambda: tf.layers.dot(axes=[1, 2, 3]), 'Dot: axes must be an integer or a list of two integers'),
    (lambda: tf.layers.add(axis=1), "unknown option 'axis'"),
])
def test_bad_options(make, message):
    with pytest.raises(TypeError) as info:
        make()
    assert message in str(info.value)


@pytest.mark.parametrize('layer,inputs,message', [
    (tf.layers.add, A, 'A `Add` layer should be called on a list of at least 2 inputs; received 1 input(s).'),
    (tf.layers.maximum, [A], 'A `Maximum` layer should be called on a list of at least 2 inputs; received 1'),
    (tf.layers.add, [A, random_array(3, 5)], 'Operands could not be broadcast together with shapes [4] [5]'),
    (tf.layers.multiply, [A, random_array(2, 4)], 'Can not merge tensors with different batch sizes. Got tensors '
                                                  'with shapes: [[3,4],[2,4]].'),
    (tf.layers.concatenate, [A3, random_array(2, 4, 4)], 'A `Concatenate` layer requires inputs with matching '
                                                         'shapes except for the concat axis. Got input shapes: '
                                                         '[[2,3,4],[2,4,4]]'),
    (tf.layers.concatenate, [A3, A], 'Concatenate` layer requires inputs with matching shapes'),
    (tf.layers.concatenate, [A], 'A `Concatenate` layer should be called on a list of at least 2 inputs'),
    (lambda: tf.layers.dot(axes=1), [A, A, A], 'A `Dot` layer should be called on a list of exactly 2 inputs; '
                                              'received 3 input(s).'),
    (lambda: tf.layers.dot(axes=1), [A, random_array(3, 5)], 'Dimension incompatibility: 4 !== 5'),
    (lambda: tf.layers.dot(axes=1), [random_array(2, 2, 2, 2), random_array(2, 2, 2, 2)],
     'Dot layer does not support tensors of 4D or higher rank yet.'),
])
def test_bad_inputs(layer, inputs, message):
    with pytest.raises((ValueError, NotImplementedError)) as info:
        layer().apply([tf.tensor(x) for x in inputs] if isinstance(inputs, list) else tf.tensor(inputs))
    assert message in str(info.value)
