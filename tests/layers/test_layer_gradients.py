"""Every layer with weights, in one table: the gradients fit() uses (the tape's) agree with
finite differences of the layer's output, for each weight and for the input.

The families' own test files check their layers in more configurations; this table makes sure
no layer with weights is left without a check (test_every_layer_with_weights_is_in_the_table)."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.core.tape import Tape
from tfjs_lab.engine.base_layer import REGISTRY

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
# Registered layers that hold no weights of their own (the wrappers' are their inner layer's).
WITHOUT_WEIGHTS = {'Activation', 'Add', 'AlphaDropout', 'Average', 'AveragePooling1D', 'AveragePooling2D',
                   'AveragePooling3D', 'CategoryEncoding', 'CenterCrop', 'Concatenate', 'Cropping2D', 'Dot',
                   'Dropout', 'ELU', 'Flatten', 'GaussianDropout', 'GaussianNoise', 'GlobalAveragePooling1D',
                   'GlobalAveragePooling2D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'InputLayer', 'LeakyReLU',
                   'Masking', 'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'Maximum', 'Minimum', 'Multiply',
                   'Permute', 'RandomWidth', 'ReLU', 'RepeatVector', 'Rescaling', 'Reshape', 'Resizing', 'Softmax',
                   'SpatialDropout1D', 'ThresholdedReLU', 'UpSampling2D', 'ZeroPadding2D',
                   'RNNCell', 'Model', 'Sequential'}


def test_every_layer_with_weights_is_in_the_table():
    ours = {name for name, cls in REGISTRY.classes.items() if cls.__module__.startswith('tfjs_lab.')}
    assert ours == set(WITH_WEIGHTS) | WITHOUT_WEIGHTS


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
