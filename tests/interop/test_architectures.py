"""Issue 4's interop bar on whole architectures, both directions.

Here -> TF.js: each architecture is built here, saved, loaded by real TF.js 4.22; both predict
(1e-5) and train three epochs from the same weights on the same unshuffled data (per-epoch
losses and final weights to 1e-4).

TF.js -> here: the same architectures written in JavaScript (architectures_reference.js) are
built and saved by TF.js; tfjs_lab loads them and predicts what TF.js predicted (1e-5).
"""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test

pytestmark = pytest.mark.interop
L = tf.layers
RNG = np.random.default_rng(11)


def normal(*shape):
    return RNG.normal(size=shape).astype(np.float32)


def one_hot(n, classes):
    return np.eye(classes, dtype=np.float32)[RNG.integers(0, classes, n)]


def ids(n, length, vocabulary):
    return RNG.integers(0, vocabulary, size=(n, length)).astype(np.float32)


def seq(layers):
    return lambda: tf.sequential(layers=list(layers()))


def multi_input():
    numbers, words = tf.input(shape=[4], name='numbers'), tf.input(shape=[5], name='words')
    dense = L.dense(units=6, activation='relu').apply(numbers)
    embedded = L.lstm(units=3).apply(L.embedding(input_dim=10, output_dim=4).apply(words))
    merged = L.concatenate().apply([dense, embedded])
    score = L.dense(units=1, name='score').apply(merged)
    label = L.dense(units=3, activation='softmax', name='label').apply(merged)
    return tf.model(inputs=[numbers, words], outputs=[score, label])


def autoencoder():
    image = tf.input(shape=[6, 6, 1])
    code = L.conv2d(filters=3, kernel_size=3, strides=1, activation='relu').apply(image)
    return tf.model(inputs=image, outputs=L.conv2d_transpose(filters=1, kernel_size=3, activation='sigmoid').apply(code))


N = 16
ARCHITECTURES = {
    'dense-mlp': ParityCase(
        seq(lambda: [L.dense(units=8, input_shape=[5], activation='relu'), L.dense(units=3, activation='softmax')]),
        normal(N, 5), Training(one_hot(N, 3), 'categoricalCrossentropy', metrics=['accuracy'])),
    'conv1d-pooling': ParityCase(
        seq(lambda: [L.conv1d(filters=4, kernel_size=3, input_shape=[10, 2], activation='relu'),
                     L.max_pooling1d(pool_size=2), L.global_average_pooling1d(), L.dense(units=1)]),
        normal(N, 10, 2), Training(normal(N, 1), 'meanSquaredError')),
    'conv2d-cnn': ParityCase(
        seq(lambda: [L.conv2d(filters=4, kernel_size=3, input_shape=[8, 8, 1], activation='relu', padding='same'),
                     L.max_pooling2d(pool_size=2), L.conv2d(filters=3, kernel_size=2, strides=2),
                     L.flatten(), L.dense(units=3, activation='softmax')]),
        normal(N, 8, 8, 1), Training(one_hot(N, 3), 'categoricalCrossentropy')),
    'separable-depthwise': ParityCase(
        seq(lambda: [L.separable_conv2d(filters=4, kernel_size=3, input_shape=[7, 7, 2], depth_multiplier=2),
                     L.depthwise_conv2d(kernel_size=2, activation='tanh'), L.average_pooling2d(pool_size=2),
                     L.global_max_pooling2d(), L.dense(units=2)]),
        normal(N, 7, 7, 2), Training(normal(N, 2), 'meanAbsoluteError')),
    'conv2d-transpose-autoencoder': ParityCase(autoencoder, normal(N, 6, 6, 1),
                                               Training(RNG.uniform(size=(N, 6, 6, 1)).astype(np.float32),
                                                        'binaryCrossentropy')),
    'batch-normalization': ParityCase(
        seq(lambda: [L.dense(units=6, input_shape=[4]), L.batch_normalization(), L.activation(activation='relu'),
                     L.dense(units=1, activation='sigmoid')]),
        normal(N, 4), Training((normal(N, 1) > 0).astype(np.float32), 'binaryCrossentropy', metrics=['acc'])),
    'layer-normalization': ParityCase(
        seq(lambda: [L.dense(units=6, input_shape=[4], activation='relu'), L.layer_normalization(),
                     L.dense(units=2)]),
        normal(N, 4), Training(normal(N, 2), 'meanSquaredError')),
    'embedding-simple-rnn': ParityCase(
        seq(lambda: [L.embedding(input_dim=12, output_dim=4, input_length=6), L.simple_rnn(units=5),
                     L.dense(units=1)]),
        ids(N, 6, 12), Training(normal(N, 1), 'meanSquaredError')),
    'lstm-sequences-time-distributed': ParityCase(
        seq(lambda: [L.lstm(units=4, return_sequences=True, input_shape=[5, 3]),
                     L.time_distributed(layer=L.dense(units=2))]),
        normal(N, 5, 3), Training(normal(N, 5, 2), 'meanSquaredError')),
    'gru': ParityCase(
        seq(lambda: [L.gru(units=4, input_shape=[6, 2]), L.dense(units=1, activation='sigmoid')]),
        normal(N, 6, 2), Training((normal(N, 1) > 0).astype(np.float32), 'binaryCrossentropy')),
    'bidirectional-lstm': ParityCase(
        seq(lambda: [L.bidirectional(layer=L.lstm(units=3), input_shape=[5, 2]), L.dense(units=2)]),
        normal(N, 5, 2), Training(normal(N, 2), 'meanSquaredError')),
    'multi-input-functional': ParityCase(
        multi_input, [normal(N, 4), ids(N, 5, 10)],
        Training([normal(N, 1), one_hot(N, 3)], ['meanSquaredError', 'categoricalCrossentropy'])),
}


test_saved_here_predicts_and_trains_as_in_tfjs = parity_test(ARCHITECTURES)


@pytest.fixture(scope='module')
def built_by_tfjs(run_tfjs, tmp_path_factory):
    folder = tmp_path_factory.mktemp('tfjs-built')
    return folder, run_tfjs('architectures_reference.js', {'folder': str(folder)})


def test_every_architecture_is_also_built_by_tfjs(built_by_tfjs):
    _, outputs = built_by_tfjs
    assert sorted(outputs) == sorted(ARCHITECTURES)


@pytest.mark.parametrize('name', ARCHITECTURES)
def test_built_and_saved_by_tfjs_loads_here(built_by_tfjs, name):
    folder, outputs = built_by_tfjs
    reference = outputs[name]
    model = tf.load_layers_model(str(folder / name / 'model.json'))
    x = [np.asarray(a, np.float32) for a in reference['x']] if reference['multiInput'] else \
        np.asarray(reference['x'], np.float32)
    ours = model.predict(x)
    ours = [o.numpy() for o in ours] if isinstance(ours, list) else [ours.numpy()]
    theirs = reference['predictions'] if isinstance(reference['predictions'][0], list) and len(ours) > 1 \
        else [reference['predictions']]
    for mine, expected in zip(ours, theirs):
        np.testing.assert_allclose(mine, np.asarray(expected, np.float64), rtol=1e-5, atol=1e-5)
