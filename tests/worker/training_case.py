"""The small regression both worker test files train: a 3 -> 6 tanh -> 1 model on a linear
target, seeded, so that a fit here and one away from the caller end with the same weights."""
import numpy as np

import tfjs_lab as tf


def make_model(seed=3, metrics=()):
    tf.set_seed(seed)
    model = tf.sequential(layers=[tf.layers.dense(units=6, input_shape=[3], activation='tanh'),
                                  tf.layers.dense(units=1)])
    model.compile(optimizer='adam', loss='meanSquaredError', metrics=list(metrics))
    return model


def data(n=64):
    x = np.random.default_rng(0).random((n, 3), dtype=np.float32)
    return x, (x @ np.array([[1.0], [-2.0], [0.5]], np.float32)).astype(np.float32)


def weights_of(model):
    return [w.numpy() for w in model.get_weights()]
