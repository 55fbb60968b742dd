"""The optimizer API: the issue's reference values, compile strings, get/set_weights, configs,
and clear errors for bad input. (Step-by-step comparisons with TF.js: test_tfjs_fixtures.py.)"""
import asyncio

import numpy as np
import pytest

import tfjs_lab as tf

# Issue 3's reference values, measured with TF.js 4.22: Dense(1) on input shape [2], kernel ones,
# bias zero, x=[[1,2],[3,-1]], y=[[0],[1]], mse, batch 2, no shuffle, 2 epochs (epoch-1 loss 5).
REFERENCE = [
    ('sgd', lambda: tf.train.sgd(0.1), 0.745, [0.51, 0.23], -0.43),
    ('momentum', lambda: tf.train.momentum(0.1, 0.9, True), 2.8064499, [0.7971001, -0.4747], -0.5082999),
    ('adam', lambda: tf.train.adam(0.1), 3.6250088, [0.8013605, 0.8004139], -0.1990441),
    ('rmsprop', lambda: tf.train.rmsprop(0.1), 1.5065837, [0.5841675, 0.4988706], -0.4509166),
    ('rmsprop_centered', lambda: tf.train.rmsprop(0.1, 0.9, 0.5, None, True),
     1.3888886, [0.4040687, 0.298901], -0.6388696),
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
    a, b = tf.variable(tf.scalar(0.0)), tf.variable(tf.scalar(0.0))
    xs = tf.tensor1d([0, 1, 2, 3])
    ys = tf.tensor1d([-1, 1, 3, 5])
    optimizer = tf.train.sgd(0.1)
    for _ in range(300):
        optimizer.minimize(lambda: a.mul(xs).add(b).sub(ys).square().mean())
    assert float(a) == pytest.approx(2, abs=1e-3)
    assert float(b) == pytest.approx(-1, abs=1e-3)
    assert optimizer.iterations == 300


# --- compile strings ------------------------------------------------------------------------
COMPILE_DEFAULTS = {
    'sgd': ('SGD', {'learningRate': 0.01}),
    'adagrad': ('Adagrad', {'learningRate': 0.01, 'initialAccumulatorValue': 0.1}),
    'adadelta': ('Adadelta', {'learningRate': 1, 'rho': 0.95, 'epsilon': 1e-7}),
    'adam': ('Adam', {'learningRate': 0.001, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-7}),
    'adamax': ('Adamax', {'learningRate': 0.002, 'beta1': 0.9, 'beta2': 0.999, 'epsilon': 1e-7, 'decay': 0}),
    'rmsprop': ('RMSProp', {'learningRate': 0.001, 'decay': 0.9, 'momentum': 0, 'epsilon': 1e-7,
                            'centered': False}),
}


@pytest.mark.parametrize('string', list(COMPILE_DEFAULTS))
def test_compile_strings_use_tfjs_defaults(string):
    class_name, config = COMPILE_DEFAULTS[string]
    for spelling in (string, class_name):  # TF.js accepts both, case-sensitively
        optimizer = tf.train.get(spelling)
        assert optimizer.get_class_name() == class_name
        assert optimizer.get_config() == config
    model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    model.compile(optimizer=string, loss='meanSquaredError')
    assert model.optimizer.get_config() == config


def test_unknown_optimizer_string_lists_known_ones():
    with pytest.raises(ValueError, match=r'Unknown Optimizer adamw\. Known optimizer strings: Adagrad, .*, sgd'):
        tf.train.get('adamw')
    with pytest.raises(ValueError, match='Unknown Optimizer Sgd'):
        tf.train.get('Sgd')


def test_momentum_is_not_a_compile_string():
    with pytest.raises(ValueError, match=r"Unknown Optimizer momentum.*pass tf\.train\.momentum"):
        tf.train.get('momentum')


def test_compile_rejects_other_objects():
    with pytest.raises(TypeError, match='must be an instance of tf.Optimizer; received dict'):
        tf.train.get({'className': 'Adam'})


# --- minimize, compute_gradients, apply_gradients --------------------------------------------
def test_minimize_returns_the_cost_only_when_asked():
    w = tf.variable(tf.scalar(3.0))
    optimizer = tf.train.sgd(0.1)
    assert optimizer.minimize(lambda: w.square()) is None
    cost = optimizer.minimize(lambda: w.square(), True)
    assert cost.dtype == 'float32' and cost.shape == []
    assert float(cost) == pytest.approx(2.4 ** 2)


def test_minimize_does_not_leak_tensors():
    """The TF.js memory lesson: a training loop keeps tf.memory().numTensors constant."""
    w = tf.variable(tf.tensor1d([1, 2, 3]))
    optimizer = tf.train.adam(0.1)
    step = lambda: optimizer.minimize(lambda: w.square().sum())  # noqa: E731
    step()
    before = tf.memory()['numTensors']
    for _ in range(5):
        step()
    assert tf.memory()['numTensors'] == before


def test_compute_gradients_then_apply_gradients_equals_minimize():
    w1, w2 = tf.variable(tf.tensor1d([1, -2])), tf.variable(tf.tensor1d([1, -2]))
    a, b = tf.train.rmsprop(0.1, 0.9, 0.5), tf.train.rmsprop(0.1, 0.9, 0.5)
    for _ in range(3):
        result = a.compute_gradients(lambda: w1.square().sum(), [w1])
        assert set(result) == {'value', 'grads'} and list(result['grads']) == [w1.name]
        a.apply_gradients(result['grads'])
        b.minimize(lambda: w2.square().sum(), False, [w2])
    np.testing.assert_array_equal(np.asarray(w1), np.asarray(w2))


def test_apply_gradients_takes_a_list_of_named_tensors():
    w = tf.variable(tf.tensor1d([1, 2]))
    tf.train.sgd(1).apply_gradients([{'name': w.name, 'tensor': tf.tensor1d([0.5, 0.5])}])
    np.testing.assert_array_equal(np.asarray(w), [0.5, 1.5])


def test_a_map_of_gradients_is_taken_in_js_key_order():
    """Integer-like names come first, in numeric order, as in a JS object: that order decides
    which variable each slot belongs to."""
    w = tf.variable(tf.tensor1d([1.0]), name='js_order_w')
    n = tf.variable(tf.tensor1d([1.0]), name='91234')
    optimizer = tf.train.momentum(0.1, 0.9)
    optimizer.apply_gradients({'js_order_w': tf.tensor1d([1]), '91234': tf.tensor1d([1])})
    assert [x['name'] for x in optimizer.get_weights()] == ['iter', '91234/momentum', 'js_order_w/momentum']
    del w, n


def test_a_variable_without_gradient_takes_its_place():
    """As in TF.js (and in fit, which passes every trainable weight), minimize with var_list
    gives each listed variable a slot, updated or not."""
    a = tf.variable(tf.scalar(1.0), name='place_a')
    b = tf.variable(tf.scalar(2.0), name='place_b')
    optimizer = tf.train.adam(0.1)
    optimizer.minimize(lambda: a.square(), False, [b, a])
    assert float(b) == 2
    assert [x['name'] for x in optimizer.get_weights()] == ['iter', 'place_b/m', 'place_a/m',
                                                             'place_b/v', 'place_a/v']
    assert optimizer.iterations == 1


def test_an_update_makes_a_new_buffer():
    """A tensor sharing the variable's values (a reshape) keeps them, as after TF.js's assign."""
    w = tf.variable(tf.tensor1d([1, 2]))
    view = w.reshape([2, 1])
    tf.train.sgd(0.5).minimize(lambda: w.sum())
    np.testing.assert_array_equal(np.asarray(view).ravel(), [1, 2])
    np.testing.assert_array_equal(np.asarray(w), [0.5, 1.5])


def test_gradient_errors_name_the_variable_and_shapes():
    w = tf.variable(tf.tensor1d([1, 2]), name='grad_err_w')
    optimizer = tf.train.sgd(0.1)
    with pytest.raises(ValueError, match=r"gradient for variable 'grad_err_w' has shape \[3\]; the variable has shape \[2\]"):
        optimizer.apply_gradients({'grad_err_w': tf.tensor1d([1, 2, 3])})
    with pytest.raises(ValueError, match="no live variable has that name"):
        optimizer.apply_gradients({'no_such_variable': tf.tensor1d([1, 2])})
    with pytest.raises(TypeError, match=r"a list must hold \{'name': \.\.\., 'tensor': \.\.\.\} dicts"):
        optimizer.apply_gradients([tf.tensor1d([1, 2])])
    del w


def test_state_by_position_must_fit_the_variable():
    a = tf.variable(tf.tensor1d([1, 2]), name='pos_a')
    b = tf.variable(tf.tensor1d([1, 2, 3]), name='pos_b')
    optimizer = tf.train.adam(0.1)
    optimizer.minimize(lambda: a.sum(), False, [a])
    with pytest.raises(ValueError, match=r"state at position 0 \('pos_a/m', shape \[2\]\) does not fit "
                                         r"variable 'pos_b' of shape \[3\]"):
        optimizer.minimize(lambda: b.sum(), False, [b])


# --- weights ----------------------------------------------------------------------------------
OPTIMIZERS = {
    'sgd': lambda: tf.train.sgd(0.1),
    'momentum': lambda: tf.train.momentum(0.1, 0.9, True),
    'adagrad': lambda: tf.train.adagrad(0.1, 0.2),
    'adadelta': lambda: tf.train.adadelta(0.5, 0.9),
    'adam': lambda: tf.train.adam(0.05),
    'adamax': lambda: tf.train.adamax(0.05, 0.9, 0.99, None, 0.1),
    'rmsprop': lambda: tf.train.rmsprop(0.05, 0.9, 0.3),
    'rmsprop_centered': lambda: tf.train.rmsprop(0.05, 0.9, 0.3, None, True),
}


@pytest.mark.parametrize('name', list(OPTIMIZERS))
def test_set_weights_restores_training_on_other_variables(name):
    """State saved from one run continues on variables with other names: TF.js restores by
    position, which is how a saved optimizer resumes on a reloaded model."""
    w = tf.variable(tf.tensor2d([[1.0, -2.0], [0.5, 3.0]]))
    b = tf.variable(tf.scalar(0.5))
    f = lambda x, y: x.square().sum().add(y.mul(x.sum()))  # noqa: E731
    original = OPTIMIZERS[name]()
    for _ in range(3):
        original.minimize(lambda: f(w, b))
    weights = original.get_weights()
    assert weights[0]['name'] == 'iter' and weights[0]['tensor'].dtype == 'int32'
    assert int(weights[0]['tensor']) == 3
    assert len(weights) == 1 + 2 * len(original.slot_names)
    w2, b2 = tf.variable(w), tf.variable(b)
    twin = OPTIMIZERS[name]()
    twin.set_weights(weights)
    assert twin.iterations == 3
    for _ in range(3):
        original.minimize(lambda: f(w, b))
        twin.minimize(lambda: f(w2, b2))
    np.testing.assert_allclose(np.asarray(w2), np.asarray(w), rtol=1e-6)
    np.testing.assert_allclose(np.asarray(b2), np.asarray(b), rtol=1e-6)


def test_weights_are_awaitable_copies():
    w = tf.variable(tf.tensor1d([1, 2]), name='await_w')
    optimizer = tf.train.adagrad(0.1)
    optimizer.minimize(lambda: w.square().sum())

    async def port_of_tfjs_code():
        weights = await optimizer.getWeights()
        return await optimizer.setWeights(weights)

    assert asyncio.run(port_of_tfjs_code()) is optimizer
    weights = optimizer.get_weights()
    weights[1]['tensor'].dispose()
    assert optimizer.get_weights()[1]['tensor'].shape == [2]


def test_set_weights_errors_name_expected_and_received():
    opt = tf.train.adam(0.1)
    it = {'name': 'iter', 'tensor': tf.scalar(2, 'int32')}
    m = {'name': 'w/m', 'tensor': tf.tensor1d([1, 2])}
    v = {'name': 'w/v', 'tensor': tf.tensor1d([1, 2])}
    with pytest.raises(ValueError, match=r"expected the iteration count named 'iter' first; received \['w/m', 'w/v'\]"):
        opt.set_weights([m, v])
    with pytest.raises(ValueError, match=r"expected 'iter' then 2 weights per variable \('<var>/m', '<var>/v'\); "
                                         r"received 3 after iter"):
        opt.set_weights([it, m, v, m])
    with pytest.raises(ValueError, match=r"expected names \['iter', 'w/m', 'w/v'\]; received \['iter', 'w/v', 'w/m'\]"):
        opt.set_weights([it, v, m])
    with pytest.raises(ValueError, match=r"'w/v' has shape \[3\], but 'w/m' has \[2\]"):
        opt.set_weights([it, m, {'name': 'w/v', 'tensor': tf.tensor1d([1, 2, 3])}])
    with pytest.raises(TypeError, match=r"takes a list of \{'name', 'tensor'\} dicts"):
        opt.set_weights([tf.scalar(1)])
    with pytest.raises(ValueError, match="SGD optimizer does not have settable weights: expected \\['iter'\\]"):
        tf.train.sgd(0.1).set_weights([it, m])


def test_set_weights_on_a_used_optimizer_must_match_its_state():
    w = tf.variable(tf.tensor1d([1, 2]), name='held_w')
    opt = tf.train.momentum(0.1, 0.9)
    opt.minimize(lambda: w.square().sum())
    with pytest.raises(ValueError, match=r"holds weights \['iter', 'held_w/momentum'\] with shapes \['\[2\]'\]; "
                                         r"received \['x/momentum'\] with shapes \['\[3\]'\]"):
        opt.set_weights([{'name': 'iter', 'tensor': tf.scalar(1, 'int32')},
                         {'name': 'x/momentum', 'tensor': tf.tensor1d([1, 2, 3])}])


def test_dispose_drops_the_state():
    w = tf.variable(tf.tensor1d([1, 2]))
    opt = tf.train.rmsprop(0.1)
    opt.minimize(lambda: w.square().sum())
    opt.dispose()
    assert [x['name'] for x in opt.get_weights()] == ['iter']


def test_iterations_is_read_only_and_counts_every_step():
    w = tf.variable(tf.scalar(1.0), name='iter_w')
    opt = tf.train.adam(0.1)
    opt.apply_gradients({'iter_w': None})
    assert opt.iterations == 1 and float(w) == 1
    with pytest.raises(AttributeError):
        opt.iterations = 5


# --- hyperparameters and configs -----------------------------------------------------------
@pytest.mark.parametrize('name', list(OPTIMIZERS))
def test_config_round_trip(name):
    optimizer = OPTIMIZERS[name]()
    config = optimizer.get_config()
    twin = type(optimizer).from_config(config)
    assert twin.get_config() == config
    assert tf.train.deserialize({'className': optimizer.get_class_name(), 'config': config}).get_config() == config
    assert tf.train.deserialize({'class_name': optimizer.get_class_name(), 'config': config}).get_class_name() \
        == optimizer.getClassName()


def test_from_config_takes_either_spelling_and_rejects_unknown_keys():
    assert tf.train.RMSPropOptimizer.from_config({'learning_rate': 0.1, 'centered': True}).centered is True
    with pytest.raises(TypeError, match="unknown option 'beta3'. Allowed options: beta1, beta2, epsilon, learningRate"):
        tf.train.AdamOptimizer.from_config({'beta3': 0.1})
    with pytest.raises(ValueError, match="Unknown optimizer class 'Nadam'.*Known: Adadelta, Adagrad, Adam"):
        tf.train.deserialize({'className': 'Nadam', 'config': {}})


@pytest.mark.parametrize('make,message', [
    (lambda: tf.train.sgd('0.1'), "SGDOptimizer: learningRate must be a number; received str '0.1'"),
    (lambda: tf.train.momentum(0.1, None), 'MomentumOptimizer: momentum must be a number; received NoneType None'),
    (lambda: tf.train.momentum(0.1, 0.9, 1), 'MomentumOptimizer: useNesterov must be a boolean; received int 1'),
    (lambda: tf.train.adagrad(0.1, [0.1]), 'AdagradOptimizer: initialAccumulatorValue must be a number; received list'),
    (lambda: tf.train.adadelta(0.1, True), 'AdadeltaOptimizer: rho must be a number; received bool True'),
    (lambda: tf.train.adam(tf.scalar(0.1)), 'AdamOptimizer: learningRate must be a number; received Tensor'),
    (lambda: tf.train.adamax(0.1, decay='none'), "AdamaxOptimizer: decay must be a number; received str 'none'"),
    (lambda: tf.train.rmsprop(0.1, centered='yes'), "RMSPropOptimizer: centered must be a boolean; received str 'yes'"),
    (lambda: tf.train.sgd(0.1).set_learning_rate('fast'), "learningRate must be a number; received str 'fast'"),
])
def test_hyperparameters_of_the_wrong_type_are_named(make, message):
    with pytest.raises(TypeError, match=message.replace('(', r'\(').replace('[', r'\[')):
        make()


def test_numpy_numbers_are_plain_numbers_in_the_config():
    config = tf.train.adam(np.float32(0.5), np.float64(0.8)).get_config()
    assert config['learningRate'] == 0.5 and type(config['learningRate']) is float
    assert type(config['beta1']) is float


def test_learning_rate_and_momentum_can_change_between_steps():
    """set_learning_rate / set_momentum as in TF.js; assigning learning_rate works too (TF.js's
    SGD and Momentum cache the rate, and its setMomentum leaves steps unchanged: a trap we avoid)."""
    w = tf.variable(tf.scalar(1.0))
    opt = tf.train.momentum(0.1, 0.9)
    opt.set_learning_rate(0.5)
    opt.setMomentum(0)
    opt.minimize(lambda: w.mul(2))
    assert float(w) == 0
    opt.learning_rate = 1
    opt.minimize(lambda: w.mul(2))
    assert float(w) == -2


def test_classes_are_exported_as_in_tfjs():
    for cls in (tf.SGDOptimizer, tf.MomentumOptimizer, tf.AdagradOptimizer, tf.AdadeltaOptimizer,
                tf.AdamOptimizer, tf.AdamaxOptimizer, tf.RMSPropOptimizer):
        assert issubclass(cls, tf.Optimizer)
    assert issubclass(tf.MomentumOptimizer, tf.SGDOptimizer)
    assert isinstance(tf.train.momentum(0.1, 0.9), tf.SGDOptimizer)
