"""Every layer in one table: each survives get_config / JSON / save-and-load with identical
predictions, and for every layer with weights the gradients fit() uses (the tape's) agree with
finite differences, for each weight and for the input.

The families' own test files check their layers in more configurations; this table makes sure
no layer is left out (test_every_layer_is_in_the_table)."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.core.tape import Tape
from tfjs_lab.engine.base_layer import REGISTRY
from tests.layers.layer_checks import assert_round_trips

L = tf.layers
# layer factory -> input shape (batch first); inputs are smooth random values.
WITH_WEIGHTS = {
    'Dense': (lambda: L.dense(units=3, activation='tanh'), [2, 4]),
    'Conv1D': (lambda: L.conv1d(filters=2, kernel_size=2, activation='tanh'), [2, 5, 3]),
    'Conv2D': (lambda: L.conv2d(filters=2, kernel_size=2, strides=2, padding='same'), [2, 5, 5, 2]),
    'Conv2DTranspose': (lambda: L.conv2d_transpose(filters=2, kernel_size=3, strides=2), [1, 3, 3, 2]),
    'Conv3D': (lambda: L.conv3d(filters=2, kernel_size=2), [1, 3, 3, 3, 1]),
    'Conv3DTranspose': (lambda: L.conv3d_transpose(filters=1, kernel_size=2), [1, 2, 2, 2, 2]),
    'DepthwiseConv2D': (lambda: L.depthwise_conv2d(kernel_size=2, depth_multiplier=2), [1, 4, 4, 2]),
    'SeparableConv2D': (lambda: L.separable_conv2d(filters=3, kernel_size=2), [1, 4, 4, 2]),
    'BatchNormalization': (lambda: L.batch_normalization(), [4, 3]),
    'LayerNormalization': (lambda: L.layer_normalization(), [2, 5]),
    'PReLU': (lambda: L.prelu(alpha_initializer='randomUniform'), [2, 4]),
    'Embedding': (lambda: L.embedding(input_dim=6, output_dim=3), None),
    'SimpleRNN': (lambda: L.simple_rnn(units=3), [2, 4, 2]),
    'LSTM': (lambda: L.lstm(units=3, return_sequences=True), [2, 4, 2]),
    'GRU': (lambda: L.gru(units=3), [2, 4, 2]),
    'RNN': (lambda: L.rnn(cell=L.simple_rnn_cell(units=2)), [2, 3, 2]),
    'SimpleRNNCell': (lambda: L.rnn(cell=L.simple_rnn_cell(units=3)), [2, 3, 2]),
    'LSTMCell': (lambda: L.rnn(cell=L.lstm_cell(units=2)), [2, 3, 2]),
    'GRUCell': (lambda: L.rnn(cell=L.gru_cell(units=2)), [2, 3, 2]),
    'StackedRNNCells': (lambda: L.rnn(cell=L.stacked_rnn_cells(cells=[L.lstm_cell(units=2), L.gru_cell(units=2)])),
                        [2, 3, 2]),
    'ConvLSTM2D': (lambda: L.conv_lstm2d(filters=2, kernel_size=2), [1, 2, 3, 3, 1]),
    # the cell's weights and computation, through the layer that runs it over 5-D sequences
    'ConvLSTM2DCell': (lambda: L.conv_lstm2d(filters=1, kernel_size=2, strides=1, padding='same'), [1, 2, 3, 3, 1]),
    'Bidirectional': (lambda: L.bidirectional(layer=L.gru(units=2)), [2, 3, 2]),
    'TimeDistributed': (lambda: L.time_distributed(layer=L.dense(units=2, activation='tanh')), [2, 3, 4]),
}
# Layers without weights of their own; several inputs for the merge layers.
WITHOUT_WEIGHTS = {
    'Activation': (lambda: L.activation(activation='softsign'), [2, 3]),
    'Add': (lambda: L.add(), [[2, 3], [2, 3]]),
    'AlphaDropout': (lambda: L.alpha_dropout(rate=0.2), [2, 3]),
    'Average': (lambda: L.average(), [[2, 3], [2, 3]]),
    'AveragePooling1D': (lambda: L.average_pooling1d(pool_size=2), [2, 4, 2]),
    'AveragePooling2D': (lambda: L.average_pooling2d(pool_size=2), [1, 4, 4, 2]),
    'AveragePooling3D': (lambda: L.average_pooling3d(pool_size=2), [1, 2, 4, 4, 1]),
    'CategoryEncoding': (lambda: L.category_encoding(num_tokens=5, output_mode='count'), 'ids'),
    'CenterCrop': (lambda: L.center_crop(height=2, width=2), [1, 4, 4, 1]),
    'Concatenate': (lambda: L.concatenate(), [[2, 3], [2, 2]]),
    'Cropping2D': (lambda: L.cropping2D(cropping=1), [1, 4, 4, 1]),
    'Dot': (lambda: L.dot(axes=1, normalize=True), [[2, 3], [2, 3]]),
    'Dropout': (lambda: L.dropout(rate=0.5), [2, 3]),
    'ELU': (lambda: L.elu(), [2, 3]),
    'Flatten': (lambda: L.flatten(), [2, 3, 2]),
    'GaussianDropout': (lambda: L.gaussian_dropout(rate=0.3), [2, 3]),
    'GaussianNoise': (lambda: L.gaussian_noise(stddev=0.3), [2, 3]),
    'GlobalAveragePooling1D': (lambda: L.global_average_pooling1d(), [2, 4, 2]),
    'GlobalAveragePooling2D': (lambda: L.global_average_pooling2d(), [1, 3, 3, 2]),
    'GlobalMaxPooling1D': (lambda: L.global_max_pooling1d(), [2, 4, 2]),
    'GlobalMaxPooling2D': (lambda: L.global_max_pooling2d(), [1, 3, 3, 2]),
    'LeakyReLU': (lambda: L.leaky_re_lu(alpha=0.1), [2, 3]),
    'Masking': (lambda: L.masking(mask_value=0), [2, 3, 2]),
    'MaxPooling1D': (lambda: L.max_pooling1d(pool_size=2), [2, 4, 2]),
    'MaxPooling2D': (lambda: L.max_pooling2d(pool_size=2), [1, 4, 4, 2]),
    'MaxPooling3D': (lambda: L.max_pooling3d(pool_size=2), [1, 2, 4, 4, 1]),
    'Maximum': (lambda: L.maximum(), [[2, 3], [2, 3]]),
    'Minimum': (lambda: L.minimum(), [[2, 3], [2, 3]]),
    'Multiply': (lambda: L.multiply(), [[2, 3], [2, 3]]),
    'Permute': (lambda: L.permute(dims=[2, 1]), [2, 3, 4]),
    'RandomWidth': (lambda: L.random_width(factor=0.5, seed=1), [1, 3, 4, 1]),
    'ReLU': (lambda: L.re_lu(max_value=1.5), [2, 3]),
    'RepeatVector': (lambda: L.repeat_vector(n=2), [2, 3]),
    'Rescaling': (lambda: L.rescaling(scale=0.5, offset=1), [2, 3]),
    'Reshape': (lambda: L.reshape(target_shape=[3, -1]), [2, 6]),
    'Resizing': (lambda: L.resizing(height=3, width=3), [1, 4, 4, 1]),
    'Softmax': (lambda: L.softmax(), [2, 3]),
    'SpatialDropout1D': (lambda: L.spatial_dropout1d(rate=0.5), [2, 3, 4]),
    'ThresholdedReLU': (lambda: L.thresholded_re_lu(theta=0.5), [2, 3]),
    'UpSampling2D': (lambda: L.up_sampling2d(size=[2, 1]), [1, 2, 2, 1]),
    'ZeroPadding2D': (lambda: L.zero_padding2d(padding=1), [1, 2, 2, 1]),
}
# Registered classes that are not layers one applies on their own.
NOT_APPLIED = {'InputLayer', 'RNNCell', 'Model', 'Sequential'}


def test_every_layer_is_in_the_table():
    ours = {name for name, cls in REGISTRY.classes.items() if cls.__module__.startswith('tfjs_lab.')}
    assert ours == set(WITH_WEIGHTS) | set(WITHOUT_WEIGHTS) | NOT_APPLIED


def _model_around(make, shape):
    """A functional model applying the layer to inputs of ``shape`` (batch left out)."""
    if shape in (None, 'ids'):
        inputs = [tf.input(shape=[4])]
    elif isinstance(shape[0], list):
        inputs = [tf.input(shape=s[1:]) for s in shape]
    else:
        inputs = [tf.input(shape=shape[1:])]
    output = make().apply(inputs if len(inputs) > 1 else inputs[0])
    return tf.model(inputs=inputs, outputs=output)


def _sample(shape, rng):
    if shape is None:
        return rng.integers(0, 6, size=(2, 4)).astype(np.float32)
    if shape == 'ids':
        return rng.integers(0, 5, size=(2, 4)).astype(np.float32)
    if isinstance(shape[0], list):
        return [rng.normal(size=s).astype(np.float32) for s in shape]
    return rng.normal(size=shape).astype(np.float32)


@pytest.mark.parametrize('name', sorted({**WITH_WEIGHTS, **WITHOUT_WEIGHTS}))
def test_config_json_and_save_round_trips_predict_the_same(name, tmp_path):
    tf.set_seed(2)
    make, shape = {**WITH_WEIGHTS, **WITHOUT_WEIGHTS}[name]
    assert_round_trips(_model_around(make, shape), _sample(shape, np.random.default_rng(0)), tmp_path)


def _objective(layer, x, projection):
    out = layer.apply(x, training=True)
    return tf.sum(tf.mul(out, projection))


@pytest.mark.parametrize('name', WITH_WEIGHTS)
def test_gradients_agree_with_finite_differences(name):
    tf.set_seed(1)
    make, shape = WITH_WEIGHTS[name]
    layer = make()
    rng = np.random.default_rng(0)
    x = tf.tensor(rng.integers(0, 6, size=(2, 4)).astype(np.float32)) if shape is None else \
        tf.tensor(rng.normal(size=shape).astype(np.float32))
    out = layer.apply(x, training=True)
    projection = tf.tensor(rng.normal(size=out.shape).astype(np.float32))
    weights = layer.trainable_weights
    assert weights, f'{name} should have trainable weights'
    sources = weights + ([] if shape is None else [x])
    with Tape(sources) as tape:
        value = _objective(layer, x, projection)
    analytic = tape.gradients(value, sources)
    for source, grad in zip(sources, analytic):
        direction = rng.normal(size=source.shape).astype(np.float32)
        direction /= np.linalg.norm(direction)
        original = source._data.copy()
        eps = 1e-2

        def at(step):
            source._data = (original + step * direction).astype(np.float32)
            return float(_objective(layer, x, projection))

        numeric = (at(eps) - at(-eps)) / (2 * eps)
        source._data = original
        expected = float(np.sum(np.asarray(grad, np.float64) * direction))
        assert numeric == pytest.approx(expected, rel=3e-2, abs=3e-3), \
            f'{name}: {getattr(source, "original_name", "input")}'
