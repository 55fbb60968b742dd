"""tf.customGrad: the user's gradFunc replaces the gradient of what the function computes."""
import numpy as np
import pytest

import tfjs_lab as tf


def test_tfjs_docs_example():
    """From TF.js's docs: f(x) = x² with the gradient dy * |x|."""
    def f(x, save):
        save([x])
        return {'value': x.square(), 'gradFunc': lambda dy, saved: [dy.mul(saved[0].abs())]}
    custom = tf.customGrad(f)
    x = tf.tensor1d([-1, -2, 3])
    assert custom(x).array_sync() == [1, 4, 9]
    assert tf.grad(custom)(x).array_sync() == [1, 2, 3]


def test_a_true_gradient_passes_a_numerical_check_and_flows_through_other_ops():
    def softplus(x, save):
        save([x])
        return {'value': tf.log1p(tf.exp(x)), 'grad_func': lambda dy, saved: dy.mul(tf.sigmoid(saved[0]))}
    custom = tf.custom_grad(softplus)
    x = np.array([-1.5, 0.2, 2.0], np.float32)
    analytic = np.asarray(tf.grad(lambda t: custom(t.mul(2)).sum())(tf.tensor1d(x)))
    eps = 1e-3
    numerical = [(np.log1p(np.exp(2 * (x[i] + eps))) - np.log1p(np.exp(2 * (x[i] - eps)))) / (2 * eps)
                 for i in range(3)]
    np.testing.assert_allclose(analytic, numerical, rtol=1e-3)


def test_two_inputs_get_their_gradients():
    def product(a, b, save):
        return {'value': a.mul(b), 'gradFunc': lambda dy, saved: [dy.mul(b), dy.mul(a)]}
    da, db = tf.grads(tf.customGrad(product))([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])])
    assert da.array_sync() == [3, 4] and db.array_sync() == [1, 2]


def test_bad_grad_funcs_are_named():
    wrong_count = tf.custom_grad(lambda a, save: {'value': a.square(), 'gradFunc': lambda dy, s: [dy, dy]})
    with pytest.raises(ValueError, match=r'must return one gradient per input \(1\); it returned 2'):
        tf.grad(wrong_count)(tf.tensor1d([1.0]))
    wrong_shape = tf.custom_grad(lambda a, save: {'value': a.square(), 'gradFunc': lambda dy, s: tf.ones([3])})
    with pytest.raises(ValueError, match=r'gradient of shape \[3\] for input 0 of shape \[2\]'):
        tf.grad(wrong_shape)(tf.tensor1d([1.0, 2.0]))
    with pytest.raises(TypeError, match=r"must return \{'value', 'gradFunc'\}; it returned Tensor"):
        tf.custom_grad(lambda a, save: a)(tf.tensor1d([1.0]))
