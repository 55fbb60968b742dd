"""grad, grads, valueAndGrad(s) and variableGrads: TF.js's checks and messages, and the
tidy around them (the forward pass's tensors are disposed, as in TF.js)."""
import pytest

import tfjs_lab as tf


def test_dy_weights_the_output_and_must_match_it():
    square = tf.grad(lambda x: x.square())
    assert square(tf.tensor1d([1, 2]), tf.tensor1d([10, 100])).array_sync() == [20, 400]
    with pytest.raises(ValueError, match=r'must match the shape returned by f Shapes 3 and 2 must match'):
        square(tf.tensor1d([1, 2]), tf.tensor1d([1, 1, 1]))
    with pytest.raises(TypeError, match="dy must have 'float32' dtype, but has 'int32'"):
        square(tf.tensor1d([1, 2]), tf.tensor1d([1, 1], 'int32'))


def test_unconnected_inputs_are_errors():
    with pytest.raises(ValueError, match=r'Cannot compute gradient of y=f\(x\) with respect to x'):
        tf.grad(lambda x: tf.scalar(1).add(1))(tf.tensor1d([1]))
    with pytest.raises(ValueError, match=r'Make sure that\n    the f you passed'):
        tf.grads(lambda a, b: a.square())([tf.tensor1d([1]), tf.tensor1d([2])])
    with pytest.raises(TypeError, match='The result y returned by f'):
        tf.grad(lambda x: 3)(tf.tensor1d([1]))
    with pytest.raises(TypeError, match=r'The f passed in grad\(f\) must be a function'):
        tf.grad(None)


def test_the_forward_pass_is_tidied():
    seen = []

    def f(x):
        seen.append(x.square())
        return seen[-1].sum()
    result = tf.value_and_grads(f)([tf.tensor1d([1, 2])])
    assert seen[0].is_disposed and float(result.value) == 5 and result.grads[0].array_sync() == [2, 4]


def test_variable_grads_names_trainable_variables_only():
    a = tf.variable(tf.scalar(2.0), True, 'grad_api_a')
    b = tf.variable(tf.scalar(3.0), False, 'grad_api_b')
    result = tf.variable_grads(lambda: a.mul(b), [a, b])
    assert float(result['grads']['grad_api_a']) == 3 and result['grads']['grad_api_b'] is None
    with pytest.raises(ValueError, match='none of the 1 variables is trainable'):
        tf.variable_grads(lambda: b.square(), [b])
    with pytest.raises(ValueError, match='must return a scalar, but it returned a rank-1 tensor'):
        tf.variable_grads(lambda: a.mul(tf.tensor1d([1, 2])), [a])
    with pytest.raises(ValueError, match='Cannot find a connection between any variable'):
        tf.variable_grads(lambda: tf.scalar(1).add(0), [a])
    with pytest.raises(TypeError, match='must be an array of variables'):
        tf.variable_grads(lambda: a.square(), [tf.scalar(1)])
