"""Issue 4's quality bar: a small CNN on the bundled 8x8 handwritten digits reaches at least 95%
test accuracy (the LSTM bar, summing a sequence, is in test_recurrent.py)."""
import time

import numpy as np
import pytest

import tfjs_lab as tf


def test_a_small_cnn_learns_the_digits_to_95_percent():
    tf.set_seed(0)
    digits = tf.datasets.load_digits(as_images=True)
    train, test = digits.train_test_split(seed=0, test_fraction=0.2)
    model = tf.sequential(layers=[
        tf.layers.conv2d(filters=16, kernel_size=3, activation='relu', padding='same', input_shape=[8, 8, 1]),
        tf.layers.max_pooling2d(pool_size=2),
        tf.layers.conv2d(filters=32, kernel_size=3, activation='relu', padding='same'),
        tf.layers.flatten(),
        tf.layers.dropout(rate=0.2),
        tf.layers.dense(units=10, activation='softmax')])
    model.compile(optimizer=tf.train.adam(0.005), loss='categoricalCrossentropy', metrics=['accuracy'])
    started = time.perf_counter()
    model.fit(train.xs.div(16), train.ys, epochs=12, batch_size=32, verbose=0)
    loss, accuracy = model.evaluate(test.xs.div(16), test.ys)
    print(f'digits CNN: test accuracy {float(accuracy):.4f}, loss {float(loss):.4f}, '
          f'{time.perf_counter() - started:.1f} s')
    assert float(accuracy) >= 0.95
    predicted = np.argmax(model.predict(test.xs.div(16)).numpy(), axis=1)
    assert (predicted == np.argmax(test.ys.numpy(), axis=1)).mean() == pytest.approx(float(accuracy), abs=1e-6)
