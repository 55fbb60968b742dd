"""Optimizers reproduce TF.js 4.22 to 1e-5 on the reference problem of issue 3: Dense(1) on
input shape [2], kernel ones, bias zero, x=[[1,2],[3,-1]], y=[[0],[1]], mse, batch 2, no
shuffle, 2 epochs (epoch-1 loss is 5 for all). Values measured with TF.js under Node."""
import numpy as np
import pytest

import tfjs_lab as tf

REFERENCE = [
    ('sgd', lambda: tf.train.sgd(0.1), 0.745, [0.51, 0.23], -0.43),
    ('adam', lambda: tf.train.adam(0.1), 3.6250088, [0.8013605, 0.8004139], -0.1990441),
]


@pytest.mark.parametrize('name,make,loss2,kernel,bias', REFERENCE, ids=[r[0] for r in REFERENCE])
def test_two_epochs_match_tfjs(name, make, loss2, kernel, bias):
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2], kernel_initializer='ones')])
    model.compile(optimizer=make(), loss='meanSquaredError')
    history = model.fit(tf.tensor2d([[1, 2], [3, -1]]), tf.tensor2d([[0], [1]]),
                        batch_size=2, epochs=2, shuffle=False)
    np.testing.assert_allclose(history.history['loss'], [5, loss2], rtol=1e-5, atol=1e-5)
    k, b = (np.asarray(w) for w in model.get_weights())
    np.testing.assert_allclose(k.ravel(), kernel, atol=1e-5)
    np.testing.assert_allclose(b, [bias], atol=1e-5)


def test_minimize_fits_a_line():
    """The custom-training-loop lesson: fit y = 2x - 1 with variables and minimize."""
    tf.set_seed(1)
    a, b = tf.variable(tf.scalar(0.0)), tf.variable(tf.scalar(0.0))
    xs = tf.tensor1d([0, 1, 2, 3])
    ys = tf.tensor1d([-1, 1, 3, 5])
    optimizer = tf.train.sgd(0.1)
    for _ in range(300):
        optimizer.minimize(lambda: a.mul(xs).add(b).sub(ys).square().mean())
    assert float(a) == pytest.approx(2, abs=1e-3)
    assert float(b) == pytest.approx(-1, abs=1e-3)
    assert optimizer.iterations == 300


def test_compile_strings_use_tfjs_defaults():
    assert tf.train.get('adam').get_config() == {'learningRate': 0.001, 'beta1': 0.9, 'beta2': 0.999,
                                                 'epsilon': 1e-7}
    assert tf.train.get('sgd').get_config() == {'learningRate': 0.01}


def test_unknown_optimizer_lists_known_ones():
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adamw'.*'sgd', 'adam'"):
        tf.train.get('adamw')


def test_weights_start_with_iter_and_round_trip():
    w = tf.variable(tf.tensor1d([1.0, -2.0]), name='opt_rt_w')
    opt = tf.train.adam(0.05)
    for _ in range(3):
        opt.minimize(lambda: w.square().sum())
    weights = opt.get_weights()
    assert [x['name'] for x in weights] == ['iter', 'opt_rt_w/m', 'opt_rt_w/v']
    twin = tf.train.adam(0.05)
    twin.set_weights(weights)
    w2 = tf.variable(tf.tensor1d(np.asarray(w)), name='opt_rt_w2')
    twin._slots = {'opt_rt_w2': twin._slots.pop('opt_rt_w')}
    opt.minimize(lambda: w.square().sum())
    twin.minimize(lambda: w2.square().sum())
    np.testing.assert_allclose(np.asarray(w), np.asarray(w2), rtol=1e-6)
