"""tf.customGrad: TF.js's documented example, gradients checked numerically and flowing
through surrounding ops, several inputs with broadcasting, saved tensors, and its errors."""
import numpy as np
import pytest

import tfjs_lab as tf


def _square_with_abs_gradient(x, save):
    save([x])
    return {'value': x.square(), 'gradFunc': lambda dy, saved: [dy.mul(saved[0].abs())]}


def test_the_tfjs_documentation_example():
    custom_op = tf.customGrad(_square_with_abs_gradient)
    x = tf.tensor1d([-1, -2, 3])
    assert custom_op(x).array_sync() == [1, 4, 9]
    assert tf.grad(lambda x: custom_op(x))(x).array_sync() == [1, 2, 3]  # TF.js prints [1, 2, 3]


def _softplus(x, save):
    exp = x.exp()
    save([exp])  # a tensor made inside f: the forward's tidy disposes it, the gradient still has it
    return {'value': exp.add(1).log(), 'gradFunc': lambda dy, saved: dy.mul(saved[0].div(saved[0].add(1)))}


def _numerical_gradient(f, x, eps=1e-2):
    x = x.astype(np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        grad[i] = (float(f(tf.tensor(plus))) - float(f(tf.tensor(minus)))) / (2 * eps)
    return grad


@pytest.mark.parametrize('shape', [(4,), (2, 3), (2, 1, 3)])
def test_gradients_flow_through_and_match_finite_differences(shape):
    softplus = tf.custom_grad(_softplus)
    x = np.random.default_rng(len(shape)).uniform(-2, 2, shape).astype(np.float32)

    def loss(t):  # ops before and after the custom one
        return softplus(t.mul(1.5).sub(0.2)).square().sum()
    analytic = tf.grad(loss)(tf.tensor(x)).numpy()
    np.testing.assert_allclose(analytic, _numerical_gradient(loss, x), rtol=2e-3, atol=2e-3)
    builtin = tf.grad(lambda t: tf.softplus(t.mul(1.5).sub(0.2)).square().sum())(tf.tensor(x)).numpy()
    np.testing.assert_allclose(analytic, builtin, rtol=1e-5, atol=1e-6)


def test_several_inputs_with_broadcasting():
    def product(a, b, save):
        save([a, b])
        # Each gradient has its input's shape, as TF.js requires: b's is summed over the rows.
        return {'value': a.mul(b), 'grad_func': lambda dy, saved: [dy.mul(saved[1]), dy.mul(saved[0]).sum(0)]}
    custom = tf.custom_grad(product)
    a, b = tf.tensor2d([[1, 2, 3], [4, 5, 6]]), tf.tensor1d([10, 20, 30])
    da, db = tf.grads(lambda a, b: custom(a, b).sum())([a, b])
    assert da.array_sync() == [[10, 20, 30], [10, 20, 30]]
    assert db.array_sync() == [5, 7, 9]


def test_grad_func_may_use_the_inputs_directly():
    def product(a, b, save):
        return {'value': a.mul(b), 'gradFunc': lambda dy, saved: [dy.mul(b), dy.mul(a)]}
    da, db = tf.grads(tf.customGrad(product))([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])])
    assert da.array_sync() == [3, 4] and db.array_sync() == [1, 2]


def test_a_custom_gradient_with_dy_and_variable_grads():
    double_grad = tf.custom_grad(lambda x, save: {'value': x.mul(1), 'gradFunc': lambda dy, saved: dy.mul(2)})
    assert tf.grad(double_grad)(tf.tensor1d([1, 1]), tf.tensor1d([3, 4])).array_sync() == [6, 8]
    w = tf.variable(tf.scalar(5.0), name='custom_grad_w')
    assert float(tf.variable_grads(lambda: double_grad(w), [w])['grads']['custom_grad_w']) == 2


def test_the_forward_pass_alone_records_nothing_and_keeps_only_its_value():
    saved = []
    custom = tf.custom_grad(lambda x, save: save([x]) or saved.append(1) or
                            {'value': x.square().add(1), 'gradFunc': lambda dy, s: dy})
    x = tf.tensor1d([1, 2])
    before = tf.memory()['numTensors']
    y = custom(x)
    assert tf.memory()['numTensors'] - before == 1 and y._node is None and saved == [1]
    assert custom_returns_input_unchanged(x) is not x


def custom_returns_input_unchanged(x):
    return tf.custom_grad(lambda x, save: {'value': x, 'gradFunc': lambda dy, s: dy})(x)


@pytest.mark.parametrize('f, args, message', [
    (lambda x, save: {'value': 1, 'gradFunc': lambda dy, s: dy}, None, '`obj.value` is a tensor'),
    (lambda x, save: {'value': x.mul(1)}, None, '`obj.gradFunc` is a function'),
    (lambda x, save: {'value': x.mul(1), 'gradFunc': lambda dy, s: [dy, dy]}, None, 'same number of tensors'),
    (lambda x, save: {'value': x.mul(1), 'gradFunc': lambda dy, s: [1]}, None, 'a list of only tensors'),
    (lambda x, save: {'value': x.mul(1), 'gradFunc': lambda dy, s: tf.ones([3])}, None,
     "The gradient of input '0' has shape '3', which does not match the shape of the input '2'"),
    (lambda x, save: x.mul(1), None, '`obj.value` is a tensor'),
    (lambda x, save: {'value': x.mul(1), 'gradFunc': lambda dy, s: dy}, [[1, 2]], 'must all be tensors'),
])
def test_errors_say_what_f_must_return(f, args, message):
    custom = tf.custom_grad(f)
    with pytest.raises((TypeError, ValueError), match=message):
        if args is not None:
            custom(*args)
        else:
            tf.grad(custom)(tf.tensor1d([1, 2]))
    with pytest.raises(TypeError, match=r'The f passed in customGrad\(f\) must be a function'):
        tf.custom_grad(3)
