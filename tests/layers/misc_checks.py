"""Checks shared by the misc layer tests (core extras, normalization, noise, advanced
activations, merge, preprocessing):

* ``LayerCase`` + the ``tfjs_layers`` fixture: one layer applied to the same inputs (with the same
  weights) here and in real TF.js 4.22 (``misc_layers_reference.js``): output, config, mask,
  weights after the call, and gradients of ``sum(output * seed)`` w.r.t. inputs and weights;
* ``assert_finite_difference_gradients``: the tape's gradients against central differences
  (layer_checks.py has the check itself, and the round trips every family uses).
"""
import dataclasses
import json
import pathlib
import subprocess
from typing import Any, Optional

import numpy as np
import pytest

import tfjs_lab as tf
from tests.layers.layer_checks import assert_gradients_match_finite_differences
from tfjs_lab._naming import to_snake
from tfjs_lab.core.tape import Tape

SCRIPT = pathlib.Path(__file__).with_name('misc_layers_reference.js')


@dataclasses.dataclass
class LayerCase:
    factory: str  # the tf.layers factory, in TF.js spelling
    config: dict
    inputs: Any  # an array, or a list of arrays for multi-input layers
    kwargs: dict = dataclasses.field(default_factory=dict)
    weights: Optional[list] = None
    dtype: str = 'float32'
    gradients: bool = True
    mask: Any = None  # True: the layer's own mask; a list: input masks for compute_mask

    @property
    def multi(self):
        return isinstance(self.inputs, list)

    def input_arrays(self):
        return [np.asarray(a) for a in (self.inputs if self.multi else [self.inputs])]

    def layer_and_inputs(self):
        """A fresh layer, built and given the case's weights, and the input tensors."""
        layer = getattr(tf.layers, self.factory)(dict(self.config))
        tensors = [tf.tensor(a, None, self.dtype) for a in self.input_arrays()]
        inputs = tensors if self.multi else tensors[0]
        if self.weights is not None:
            layer.apply(inputs)
            layer.set_weights([np.asarray(w, np.float32) for w in self.weights])
        return layer, inputs

    def seed(self, output_shape):
        return np.random.default_rng(7).normal(size=output_shape).astype(np.float32)


@pytest.fixture(scope='module')
def tfjs_layers(policy, request):
    """``{name: TF.js's result}`` for the ``LAYER_CASES`` of the requesting module, in one Node run."""
    node = policy.require_executable('node')
    cases = request.module.LAYER_CASES
    payload = []
    for case in cases.values():
        layer, inputs = case.layer_and_inputs()
        job = {'factory': case.factory, 'config': case.config, 'multi': case.multi, 'kwargs': case.kwargs,
               'inputs': [{'values': a.tolist(), 'dtype': case.dtype} for a in case.input_arrays()],
               'weights': None if case.weights is None else [np.asarray(w).tolist() for w in case.weights]}
        if case.mask is not None:
            job['mask'] = case.mask if case.mask is True else [None if m is None else np.asarray(m).tolist()
                                                               for m in case.mask]
        if case.gradients:
            job['seed'] = case.seed(layer.apply(inputs, case.kwargs).shape).tolist()
        payload.append(job)
    done = subprocess.run([node, str(SCRIPT)], input=json.dumps(payload), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return dict(zip(cases, json.loads(done.stdout)))


def ours(case):
    """What tfjs_lab gives for ``case``, in the reference script's format."""
    layer, inputs = case.layer_and_inputs()
    output = layer.apply(inputs, case.kwargs)
    result = {'output': output.numpy(), 'shape': output.shape, 'dtype': output.dtype,
              'weights': [w.numpy() for w in layer.weights]}
    if case.mask is not None:
        masks = None if case.mask is True else [None if m is None else tf.tensor(m, None, 'bool') for m in case.mask]
        mask = layer.compute_mask(inputs, masks)
        result['mask'] = None if mask is None else mask.numpy()
    if case.gradients:
        sources = (inputs if case.multi else [inputs]) + layer.trainable_weights
        with Tape(sources) as tape:
            out = layer.invoke(inputs, **case.kwargs)
        grads = tape.gradients(out, sources, case.seed(out.shape))
        n = len(sources) - len(layer.trainable_weights)
        result['inputGrads'], result['weightGrads'] = grads[:n], grads[n:]
    return layer, result


def _close(mine, theirs, what, tol):
    np.testing.assert_allclose(np.asarray(mine, np.float64), np.asarray(theirs, np.float64),
                               rtol=tol, atol=tol, err_msg=what)


def assert_layer_matches(case, theirs, tol=1e-5):
    assert 'error' not in theirs, theirs['error']
    layer, mine = ours(case)
    assert mine['shape'] == theirs['shape']
    assert mine['dtype'] == theirs['dtype']
    _close(mine['output'], theirs['output'], 'output', tol)
    assert_config_matches(layer.get_config(), theirs['config'])
    assert len(mine['weights']) == len(theirs['weights'])
    for i, (w, t) in enumerate(zip(mine['weights'], theirs['weights'])):
        _close(w, t, f'weight {i} after the call', tol)
    if case.mask is not None:
        if theirs['mask'] is None:
            assert mine['mask'] is None
        else:
            np.testing.assert_array_equal(mine['mask'], theirs['mask'])
    if case.gradients:
        for what in ('inputGrads', 'weightGrads'):
            assert len(mine[what]) == len(theirs[what]), what
            for i, (g, t) in enumerate(zip(mine[what], theirs[what])):
                _close(g, t, f'{what}[{i}]', 1e-4)


def assert_config_matches(mine, tfjs_config):
    """Our get_config has TF.js's keys, in its order, with its values (TF.js's JSON leaves out
    the options that are undefined, which are None here)."""
    theirs = tf_config_in_snake(tfjs_config)
    mine = {k: v for k, v in mine.items() if k != 'name' and (k in theirs or v is not None)}
    assert list(mine) == list(theirs)
    assert mine == theirs


def tf_config_in_snake(config):
    """TF.js's getConfig in our spelling (nested keys too, as model.json has them), without the
    layer name."""
    def snake(value):
        if isinstance(value, dict):
            return {to_snake(k): snake(v) for k, v in value.items()}
        return [snake(v) for v in value] if isinstance(value, list) else value
    return {k: v for k, v in snake(config).items() if k != 'name'}


def assert_finite_difference_gradients(layer, inputs, training=False, eps=1e-2, tol=2e-2):
    """Gradients w.r.t. the inputs and trainable weights; keep inputs away from kinks."""
    inputs = [tf.tensor(a) for a in (inputs if isinstance(inputs, list) else [inputs])]
    arg = inputs if len(inputs) > 1 else inputs[0]
    layer.apply(arg)
    assert_gradients_match_finite_differences(lambda: layer.invoke(arg, training=training),
                                              inputs + layer.trainable_weights, eps=eps, rtol=tol, atol=tol,
                                              label=layer.class_name)


def random_array(*shape, low=-2.0, high=2.0, seed=0):
    return np.random.default_rng(seed).uniform(low, high, shape).astype(np.float32)
