"""``apply_gradient_list`` (the training step's one update on all variables laid end to end)
gives the per-variable updates' float32 values bit for bit, for every optimizer, and keeps the
state layout TF.js's getWeights/setWeights use."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.core.tensor import Variable

OPTIMIZERS = {
    'sgd': lambda: tf.train.sgd(0.1),
    'momentum': lambda: tf.train.momentum(0.1, 0.9),
    'nesterov': lambda: tf.train.momentum(0.1, 0.9, True),
    'adagrad': lambda: tf.train.adagrad(0.1),
    'adadelta': lambda: tf.train.adadelta(0.1),
    'adam': lambda: tf.train.adam(0.01),
    'adamax': lambda: tf.train.adamax(0.01),
    'rmsprop': lambda: tf.train.rmsprop(0.01, 0.9, 0.5),
    'rmsprop_centered': lambda: tf.train.rmsprop(0.01, 0.9, 0.5, None, True),
}
SHAPES = [(3, 4), (4,), (), (2, 1, 3)]
rng = np.random.default_rng(5)


def _variables(values):
    return [Variable(v.copy()) for v in values]


def _steps(optimizer, variables, gradients, flat):
    for grads in gradients:
        optimizer._begin_step()
        if flat:
            optimizer.apply_gradient_list(variables, grads)
        else:
            for variable, grad in zip(variables, grads):
                optimizer.apply_gradient_arrays(variable, grad)
        optimizer._end_step()


@pytest.mark.parametrize('name', sorted(OPTIMIZERS))
def test_flat_updates_equal_per_variable_updates(name):
    values = [rng.normal(size=s).astype(np.float32) for s in SHAPES]
    gradients = [[rng.normal(size=s).astype(np.float32) for s in SHAPES] for _ in range(4)]
    flat_opt, plain_opt = OPTIMIZERS[name](), OPTIMIZERS[name]()
    flat_vars, plain_vars = _variables(values), _variables(values)
    _steps(flat_opt, flat_vars, gradients[:2], flat=True)
    _steps(plain_opt, plain_vars, gradients[:2], flat=False)
    # state restored by set_weights is copied into the flat layout (both restore: Adam's bias
    # corrections are then recomputed from the step count)
    state = plain_opt.get_weights()
    flat_opt.set_weights(state)
    plain_opt.set_weights(state)
    _steps(flat_opt, flat_vars, gradients[2:], flat=True)
    _steps(plain_opt, plain_vars, gradients[2:], flat=False)
    for a, b in zip(flat_vars, plain_vars):
        np.testing.assert_array_equal(a._data, b._data)
        assert a._data.shape == b._data.shape
    for a, b in zip(flat_opt.get_weights(), plain_opt.get_weights()):
        assert a['name'].split('/')[-1] == b['name'].split('/')[-1]
        np.testing.assert_array_equal(a['tensor']._data, b['tensor']._data)


def test_each_variable_keeps_a_buffer_of_its_own():
    variables = _variables([np.ones((2, 2), np.float32), np.ones(3, np.float32)])
    before = tf.memory()['numDataBuffers']
    _steps(tf.train.adam(0.1), variables, [[np.ones((2, 2), np.float32), np.ones(3, np.float32)]], flat=True)
    assert tf.memory()['numDataBuffers'] == before
    assert variables[0]._data.base is None and variables[1]._data.base is None


def test_a_variable_of_another_shape_at_a_position_is_refused():
    optimizer = tf.train.adam(0.1)
    _steps(optimizer, _variables([np.ones(2, np.float32), np.ones(3, np.float32)]),
           [[np.ones(2, np.float32), np.ones(3, np.float32)]], flat=True)
    with pytest.raises(ValueError, match='does not fit variable'):
        _steps(optimizer, _variables([np.ones(4, np.float32), np.ones(3, np.float32)]),
               [[np.ones(4, np.float32), np.ones(3, np.float32)]], flat=True)
