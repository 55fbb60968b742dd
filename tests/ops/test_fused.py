"""The fused primitives give the op-by-op values: dense and the cross-entropies on probabilities
bit for bit in the forward pass (so TF.js parity carries over), gradients to float32 rounding."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab import activations, ops
from tfjs_lab.core.tape import Tape
from tfjs_lab.engine import losses
from tfjs_lab.ops import fused

rng = np.random.default_rng(3)


def _grads(fn, inputs):
    with Tape(inputs) as tape:
        out = fn(*inputs)
    return out._data, tape.gradients(out, inputs, rng.normal(size=out._data.shape).astype(np.float32))


def _same_values_and_close_grads(fused_fn, reference_fn, inputs):
    seed_state = rng.bit_generator.state
    fused_out, fused_grads = _grads(fused_fn, inputs)
    rng.bit_generator.state = seed_state  # the same upstream gradient for both
    ref_out, ref_grads = _grads(reference_fn, inputs)
    np.testing.assert_array_equal(fused_out, ref_out)
    for got, expected in zip(fused_grads, ref_grads):
        np.testing.assert_allclose(got, expected, rtol=2e-5, atol=1e-6)


@pytest.mark.parametrize('activation', sorted(fused.ACTIVATIONS))
@pytest.mark.parametrize('use_bias', [True, False])
def test_dense_equals_matmul_bias_activation(activation, use_bias):
    x, kernel, bias = (tf.tensor(rng.normal(size=s).astype(np.float32)) for s in ((6, 5), (5, 4), (4,)))

    def reference(x, kernel, *bias):
        out = ops.mat_mul(x, kernel)
        return activations.get(activation)(ops.add(out, bias[0]) if bias else out)
    inputs = [x, kernel] + ([bias] if use_bias else [])
    _same_values_and_close_grads(lambda *a: fused.dense(a[0], a[1], a[2] if use_bias else None, activation),
                                 reference, inputs)


def _binary_reference(y_true, y_pred):
    y = ops.clip_by_value(y_pred, losses.EPSILON, 1 - losses.EPSILON)
    logits = ops.log(ops.div(y, ops.sub(1, y)))
    return ops.mean(tf.losses.sigmoid_cross_entropy_with_logits(y_true, logits), -1)


def _categorical_reference(y_true, y_pred):
    output = ops.clip_by_value(ops.div(y_pred, ops.sum(y_pred, -1, True)), losses.EPSILON, 1 - losses.EPSILON)
    return ops.neg(ops.sum(ops.mul(y_true, ops.log(output)), -1))


def test_binary_crossentropy_equals_tfjs_clip_then_logit_formula():
    # probabilities near and beyond the clip bounds included
    y_pred = np.concatenate([rng.uniform(0, 1, (8, 3)), [[0, 1e-8, 1], [1 - 1e-8, 0.5, 1e-3]]]).astype(np.float32)
    y_true = rng.integers(0, 2, y_pred.shape).astype(np.float32)
    _same_values_and_close_grads(losses.binary_crossentropy, _binary_reference, [tf.tensor(y_true), tf.tensor(y_pred)])


def test_categorical_crossentropy_equals_tfjs_formula():
    y_pred = rng.uniform(0, 1, (9, 4)).astype(np.float32)
    y_pred[0] = [1, 0, 0, 0]  # clipped entries
    y_true = np.eye(4, dtype=np.float32)[rng.integers(0, 4, 9)]
    _same_values_and_close_grads(losses.categorical_crossentropy, _categorical_reference,
                                 [tf.tensor(y_true), tf.tensor(y_pred)])


def test_losses_with_other_shapes_or_dtypes_take_the_op_by_op_path():
    # broadcast targets are not fused, and still give TF.js's values
    y_pred = tf.tensor([[0.2, 0.7], [0.6, 0.4]])
    y_true = tf.tensor([1.0, 0.0])
    np.testing.assert_array_equal(losses.binary_crossentropy(y_true, y_pred)._data,
                                  _binary_reference(y_true, y_pred)._data)


def _backward_with_and_without_saved(primitive, arrays, attrs):
    saved = {}
    out = primitive.forward(*arrays, **attrs, saved=saved)
    assert saved, 'the forward keeps values for the backward'
    g = rng.normal(size=out.shape).astype(np.float32)
    needs = {'needs': (True,) * len(arrays)} if primitive.backward_takes_needs else {}
    kept = primitive.backward(g, out, *arrays, **attrs, **needs, saved=saved)
    recomputed = primitive.backward(g, out, *arrays, **attrs, **needs)
    for a, b in zip(kept, recomputed):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_array_equal(a, b)


def test_the_lstm_recurrence_backward_from_kept_gates_equals_recomputing_them():
    from tfjs_lab.ops import rnn
    steps, batch, units = 4, 3, 2
    arrays = [rng.normal(size=(steps, batch, 4 * units)).astype(np.float32),
              rng.normal(size=(units, 4 * units)).astype(np.float32) * 0.5,
              rng.normal(size=(batch, units)).astype(np.float32), rng.normal(size=(batch, units)).astype(np.float32),
              np.ones((steps, batch, 1), np.float32), np.ones((1, units), np.float32)]
    _backward_with_and_without_saved(rnn._lstm_sequence, arrays,
                                     {'activation': 'tanh', 'recurrent_activation': 'hardSigmoid'})


def test_the_convolution_backward_from_kept_rows_equals_recomputing_them():
    arrays = [rng.normal(size=s).astype(np.float32) for s in ((2, 5, 5, 3), (3, 3, 3, 4), (4,))]
    _backward_with_and_without_saved(ops.nn._conv, arrays, {'strides': (1, 1), 'dilations': (1, 1),
                                                            'padding': ((1, 1), (1, 1)), 'activation': 'relu'})
