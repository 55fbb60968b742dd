"""The models tfjs_reference.js builds (its ARCHITECTURES), layer for layer, with the same
names and the same weights: exact binary fractions, so both sides hold the same float32s."""
import numpy as np

import tfjs_lab as tf

INPUTS = {
    'classifier': [[1, 2, 3, 4], [-1, 0.5, 0, 2]],
    'flatten-softmax': [[[1, 2], [3, 4], [0, 1]], [[-1, 0.5], [0, 2], [1, -1]]],
    'activation-stack': [[1, 2, 3, 4], [-1, 0.5, 0, 2]],
}
# The architectures for byte-for-byte comparisons of what is saved.
BYTE_FOR_BYTE = ['classifier', 'activation-stack', 'flatten-softmax']
# What TF.js's fitOneEpoch trains on.
TRAIN_X = [[1, 2, 3, 4], [-1, 0.5, 0, 2], [0.25, -0.5, 1, 0], [2, 1, -1, 0.5], [0, 0, 1, 1], [-2, 1, 0.5, -0.25]]
TRAIN_Y = [[1], [0], [1], [0], [1], [0]]


def _layers(arch):
    if arch == 'classifier':
        return [tf.layers.dense(units=3, input_shape=[4], activation='relu', name='hidden'),
                tf.layers.dense(units=1, activation='sigmoid', name='output')]
    if arch == 'flatten-softmax':
        return [tf.layers.flatten(input_shape=[3, 2], name='flat'),
                tf.layers.dense(units=4, activation='elu', name='wide'),
                tf.layers.dense(units=3, activation='softmax', name='probs')]
    if arch == 'activation-stack':
        return [tf.layers.dense(units=5, input_shape=[4], use_bias=False, name='linear'),
                tf.layers.activation(activation='tanh', name='squash'),
                tf.layers.dense(units=2, kernel_initializer='heNormal', name='logits'),
                tf.layers.activation(activation='softmax', name='softmax')]
    raise ValueError(f'unknown architecture {arch}')


def weight_values(count, offset):
    return np.array([((i * 5 + offset) % 9 - 4) / 8 for i in range(count)], np.float32)


def build_model(arch='classifier'):
    model = tf.sequential(name=arch, layers=_layers(arch))
    model.set_weights([weight_values(int(np.prod(w.shape)), i).reshape(w.shape)
                       for i, w in enumerate(model.get_weights())])
    return model


def predictions(model, arch='classifier'):
    return np.asarray(model.predict(tf.tensor(INPUTS[arch])))
