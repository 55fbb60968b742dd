"""Dense against real TF.js: predictions, and three epochs of training (with and without a
weight regularizer) give the same losses and weights."""
import numpy as np

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test

RNG = np.random.default_rng(0)
X = RNG.normal(size=(20, 4)).astype(np.float32)
Y = RNG.normal(size=(20, 3)).astype(np.float32)


def dense_model(**options):
    def build():
        return tf.sequential(layers=[tf.layers.dense(units=5, input_shape=[4], activation='tanh', **options),
                                     tf.layers.dense(units=3)])
    return build


CASES = {
    'dense': ParityCase(dense_model(), X, Training(Y, 'meanSquaredError')),
    'dense-l1l2': ParityCase(dense_model(kernel_regularizer=tf.regularizers.l1l2({'l1': 0.01, 'l2': 0.02}),
                                         bias_regularizer='l1l2'), X, Training(Y, 'meanSquaredError')),
    'dense-rank3': ParityCase(lambda: tf.sequential(layers=[tf.layers.dense(units=2, input_shape=[3, 4])]),
                              RNG.normal(size=(5, 3, 4)).astype(np.float32)),
}


test_matches_tfjs = parity_test(CASES)
