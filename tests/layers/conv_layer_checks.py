"""Checks shared by the convolution and pooling layer tests: the same layer, weights and input
run here and in real TF.js 4.22 (tests/layers/conv_reference.js: outputs, gradients and
getConfig, which the model-level harness tests/interop/layer_parity.py does not compare),
finite-difference gradients, and config / JSON / save-load round trips."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.layers.layer_checks import assert_gradients_match_finite_differences
from tfjs_lab._naming import to_camel, to_snake
from tfjs_lab.core.tape import Tape
from tfjs_lab.core.tensor import Tensor



# What TF.js 4.22 cannot differentiate: dilated convolutions, Conv3DTranspose, and resizeBilinear
# of non-square images (its gradient comes out with height and width swapped).
TFJS_GRADIENT_GAPS = ('dilation rates greater than 1 are not yet supported',
                      'gradient function not found for Conv3DBackpropInputV2',
                      "The gradient of input 'images' has shape")


def as_plain(array):
    array = np.asarray(array, np.float32)
    return {'shape': list(array.shape), 'values': array.ravel().tolist()}


def from_plain(plain):
    return np.asarray(plain['values'], np.float32).reshape(plain['shape'])


@pytest.fixture(scope='module')
def tfjs(run_tfjs):
    """``tfjs(jobs)``: the results of conv_reference.js for ``jobs`` (one Node launch)."""
    return lambda jobs: run_tfjs('../layers/conv_reference.js', jobs)


def make_layer(factory, args, x, rng):
    """The layer built on ``x`` with random weights (scaled so that outputs stay O(1))."""
    layer = getattr(tf.layers, factory)(dict(args))
    layer.apply(x)
    layer.set_weights([rng.normal(0, 0.5, w.shape).astype(np.float32) for w in layer.weights])
    return layer


def output_and_gradients(layer, x, seed):
    """The layer's output and the gradients of sum(output * seed) w.r.t. x and each weight."""
    x = Tensor(np.asarray(x, np.float32))
    sources = [x] + layer.trainable_weights
    with Tape(sources) as tape:
        out = layer.apply(x)
    return out.data_sync().reshape(out.shape), tape.gradients(out, sources, np.asarray(seed, np.float32))


def layer_job(factory, args, x_shape, rng, ties=False):
    """(our layer, our output, our gradients, the TF.js job for the same case); ``ties``: the
    input takes three values, mostly 0 (as after relu), so that max-pooling windows tie."""
    x = rng.normal(size=x_shape).astype(np.float32)
    if ties:
        x = np.maximum(np.round(x), 0).clip(0, 2)
    layer = make_layer(factory, args, Tensor(x), rng)
    seed = rng.normal(size=layer.apply(Tensor(x)).shape).astype(np.float32)
    out, grads = output_and_gradients(layer, x, seed)
    job = {'layer': factory, 'args': args, 'x': as_plain(x), 'seed': as_plain(seed),
           'weights': [as_plain(w.data_sync().reshape(w.shape)) for w in layer.weights]}
    return layer, out, grads, job


def normalized(value):
    """A config with snake_case keys and camelCase strings, whichever spelling it came in."""
    if isinstance(value, dict):
        return {to_snake(k): normalized(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalized(v) for v in value]
    return to_camel(value) if isinstance(value, str) else value


def assert_same_config(ours, theirs, extra_keys=()):
    """Same keys in the same order and the same values as TF.js's getConfig (layer names
    differ between the two processes); ``extra_keys`` are ours alone."""
    ours = {k: v for k, v in normalized(ours).items() if k not in extra_keys and k != 'name'}
    theirs = {k: v for k, v in normalized(theirs).items() if k != 'name'}
    assert list(ours) == list(theirs)
    assert ours == theirs


def assert_matches_tfjs(case, ours, reference, extra_keys=()):
    """Output (1e-5), gradients (1e-4), config and output shape as real TF.js computes them."""
    layer, out, grads = ours
    np.testing.assert_allclose(out, from_plain(reference['output']), rtol=1e-5, atol=1e-5, err_msg=case)
    if reference['grads'] is None:  # our gradients of these are checked by finite differences
        assert any(gap in reference['gradError'] for gap in TFJS_GRADIENT_GAPS), reference['gradError']
        grads, reference = [], {**reference, 'grads': []}
    assert len(grads) == len(reference['grads'])
    for i, (g, expected) in enumerate(zip(grads, reference['grads'])):
        np.testing.assert_allclose(g, from_plain(expected), rtol=1e-4, atol=1e-4, err_msg=f'{case}: gradient {i}')
    assert layer.compute_output_shape([None] + reference['inputShape'][1:]) == reference['outputShape']
    assert_same_config(layer.get_config(), reference['config'], extra_keys)


def finite_difference_check(layer, x, rng, eps=0.05, rtol=2e-3):
    """The layers under test are linear in the input and each weight (or piecewise linear with
    random inputs far from the kinks), so float32 differences with a wide step are accurate."""
    x = Tensor(np.asarray(x, np.float32))
    assert_gradients_match_finite_differences(lambda: layer.apply(x), [x] + layer.trainable_weights,
                                              seed=int(rng.integers(1 << 30)), eps=eps, rtol=rtol, atol=rtol,
                                              relative_atol=True, label=layer.class_name)


def case_id(case):
    factory, args, shape = case
    return f'{factory}-{"-".join(f"{k}={v}" for k, v in args.items())}-{shape}'.replace(' ', '')


def layer_parity(tfjs, cases, seed, ties=False):
    """``[((layer, output, gradients) here, TF.js's answer)]`` for ``(factory, args, shape)``
    cases, all in one Node launch (``ties``: see ``layer_job``)."""
    rng = np.random.default_rng(seed)
    ours, jobs = [], []
    for factory, args, shape in cases:
        layer, out, grads, job = layer_job(factory, args, shape, rng, ties)
        ours.append((layer, out, grads))
        jobs.append(job)
    return list(zip(ours, tfjs(jobs)))
