"""Optimizers reproduce TF.js 4.22 to 1e-5 on the reference problem of issue 3: Dense(1) on
input shape [2], kernel ones, bias zero, x=[[1,2],[3,-1]], y=[[0],[1]], mse, batch 2, no
shuffle, 2 epochs (epoch-1 loss is 5 for all). Values measured with TF.js under Node."""
import json
import pathlib

import numpy as np
import pytest

import tfjs_lab as tf

REFERENCE = [
    ('sgd', lambda: tf.train.sgd(0.1), 0.745, [0.51, 0.23], -0.43),
    ('momentum-nesterov', lambda: tf.train.momentum(0.1, 0.9, True), 2.8064499, [0.7971001, -0.4747], -0.5082999),
    ('adam', lambda: tf.train.adam(0.1), 3.6250088, [0.8013605, 0.8004139], -0.1990441),
    ('rmsprop', lambda: tf.train.rmsprop(0.1), 1.5065837, [0.5841675, 0.4988706], -0.4509166),
    ('rmsprop-centered', lambda: tf.train.rmsprop(0.1, 0.9, 0.5, None, True), 1.3888886, [0.4040687, 0.298901], -0.6388696),
    ('adagrad', lambda: tf.train.adagrad(0.1), 3.6275756, [0.8385057, 0.8333671], -0.1632251),
    ('adadelta', lambda: tf.train.adadelta(1.0), 272.5, [60, 14], 29),
    ('adamax', lambda: tf.train.adamax(0.1), 3.6250005, [0.8113149, 0.8051684], -0.1908803),
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
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adamw'. Known optimizer strings: 'sgd', 'adagrad', "
                                         r"'adadelta', 'adam', 'adamax', 'rmsprop'"):
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


FIXTURES = json.loads((pathlib.Path(__file__).with_name('optimizer_fixtures.json')).read_text())


def _case_id(case):
    return f"{case['optimizer']}{case['args']}".replace(' ', '')


@pytest.mark.parametrize('index', range(len(FIXTURES['cases'])),
                         ids=[_case_id(c) for c in FIXTURES['cases']])
def test_twenty_minimize_steps_match_tfjs(index):
    """tests/train/make_optimizer_fixtures.js ran the same steps in TF.js 4.22."""
    case = FIXTURES['cases'][index]
    name = f"{case['optimizer']}{index}"
    w = tf.variable(tf.tensor1d([0.1, -0.2, 0.3]), True, f'w_{name}')
    b = tf.variable(tf.scalar(0.05), True, f'b_{name}')
    x, y = tf.tensor2d(FIXTURES['x']), tf.tensor1d(FIXTURES['y'])
    optimizer = getattr(tf.train, case['optimizer'])(*case['args'])
    for step, expected in enumerate(case['steps']):
        cost = optimizer.minimize(lambda: x.mul(w).sum(1).add(b).sub(y).square().mean(), True)
        np.testing.assert_allclose(float(cost), expected['cost'], rtol=2e-5, err_msg=f'cost at step {step}')
        np.testing.assert_allclose(np.asarray(w), expected['w'], rtol=2e-5, atol=1e-6, err_msg=f'w at step {step}')
        np.testing.assert_allclose(float(b), expected['b'], rtol=2e-5, atol=1e-6, err_msg=f'b at step {step}')
    if case['weights'] is not None:
        ours = optimizer.get_weights()
        assert [item['name'] for item in ours] == [item['name'] for item in case['weights']]
        for item, expected in zip(ours, case['weights']):
            np.testing.assert_allclose(np.asarray(item['tensor']).ravel(), expected['values'], rtol=2e-5, atol=1e-6)


def test_polynomial_lesson_matches_tfjs():
    """The custom-training-loop lesson of TF.js's docs: y = a x² + b x + c with sgd(0.01)."""
    xs, ys = tf.tensor1d([0, 1, 2, 3]), tf.tensor1d([1.1, 5.9, 16.8, 33.9])
    a, b, c = (tf.scalar(v).variable() for v in (0.1, 0.2, 0.3))

    def f(x):
        return a.mul(x.square()).add(b.mul(x)).add(c)
    optimizer = tf.train.sgd(0.01)
    for _ in range(100):
        optimizer.minimize(lambda: f(xs).sub(ys).square().mean())
    expected = FIXTURES['polynomial']
    np.testing.assert_allclose([float(a), float(b), float(c)], [expected['a'], expected['b'], expected['c']], rtol=1e-5)
    np.testing.assert_allclose(np.asarray(f(xs)), expected['predictions'], rtol=1e-5)


@pytest.mark.parametrize('string, config', [
    ('sgd', {'learningRate': 0.01}),
    ('adagrad', {'learningRate': 0.01, 'initialAccumulatorValue': 0.1}),
    ('adadelta', {'learningRate': 1, 'rho': 0.95, 'epsilon': 1e-7}),
    ('adam', {'learningRate': 0.001, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-7}),
    ('adamax', {'learningRate': 0.002, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-7, 'decay': 0}),
    ('rmsprop', {'learningRate': 0.001, 'decay': 0.9, 'momentum': 0, 'epsilon': 1e-7, 'centered': False}),
])
def test_every_compile_string_has_tfjs_defaults_and_round_trips(string, config):
    optimizer = tf.train.get(string)
    assert optimizer.get_config() == config
    twin = tf.train.deserialize({'className': optimizer.class_name, 'config': optimizer.get_config()})
    assert type(twin) is type(optimizer) and twin.get_config() == config


def test_momentum_is_not_a_compile_string_as_in_tfjs():
    with pytest.raises(ValueError, match="Unknown optimizer 'momentum'"):
        tf.train.get('momentum')


def test_a_hyperparameter_that_is_not_a_number_is_named():
    with pytest.raises(TypeError, match=r"learningRate of SGDOptimizer must be a number; received '0.1' \(str\)"):
        tf.train.sgd('0.1')
    with pytest.raises(TypeError, match=r"momentum of MomentumOptimizer must be a number; received None"):
        tf.train.momentum(0.1, None)
    with pytest.raises(ValueError, match='learningRate for RMSPropOptimizer must be defined.'):
        tf.train.rmsprop(None)


def test_set_weights_says_what_is_wrong():
    w = tf.variable(tf.tensor1d([1.0, 2.0]), name='opt_bad_w')
    opt = tf.train.rmsprop(0.1, 0.9, 0.0, None, True)
    opt.minimize(lambda: w.square().sum())
    weights = opt.get_weights()
    assert [x['name'] for x in weights] == ['iter', 'opt_bad_w/rms', 'opt_bad_w/momentum', 'opt_bad_w/mg']
    with pytest.raises(ValueError, match="must start with the iteration count named 'iter'; received 'opt_bad_w/rms'"):
        tf.train.rmsprop(0.1).set_weights(weights[1:])
    with pytest.raises(ValueError, match=r"Unknown slot 'mg' in optimizer weight 'opt_bad_w/mg'; RMSProp has slots \['rms', 'momentum'\]"):
        tf.train.rmsprop(0.1).set_weights(weights)
    with pytest.raises(ValueError, match=r"'opt_bad_w' lack the slots \['mg'\]"):
        tf.train.rmsprop(0.1, 0.9, 0.0, None, True).set_weights(weights[:3])


@pytest.mark.parametrize('make', [lambda: tf.train.momentum(0.1, 0.9), lambda: tf.train.adagrad(0.1),
                                  lambda: tf.train.adadelta(0.5), lambda: tf.train.adamax(0.1),
                                  lambda: tf.train.rmsprop(0.05, 0.9, 0.3, None, True), lambda: tf.train.adam(0.1)],
                         ids=['momentum', 'adagrad', 'adadelta', 'adamax', 'rmsprop', 'adam'])
def test_restored_state_continues_exactly(make):
    """get_weights/set_weights carry the whole state: a twin continues where the original stopped."""
    start = [1.0, -2.0, 0.5]
    w = tf.variable(tf.tensor1d(start), name='opt_resume_w')
    original = make()
    for _ in range(3):
        original.minimize(lambda: w.sub(0.3).square().sum())
    twin = make()
    twin.set_weights(original.get_weights())
    values = np.asarray(w).copy()
    original.minimize(lambda: w.sub(0.3).square().sum())
    after_original = np.asarray(w).copy()
    w.assign(tf.tensor1d(values))
    twin.minimize(lambda: w.sub(0.3).square().sum())
    np.testing.assert_array_equal(np.asarray(w), after_original)
