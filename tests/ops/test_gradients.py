"""Numerical gradient checks for every differentiable primitive, in float64 so that the
check tests the backward formula rather than float32 rounding; broadcasting included.

Cases live in the ``gradient_cases`` package, one module per op family."""
import importlib
import pkgutil

import numpy as np
import pytest

import gradient_cases
import tfjs_lab  # noqa: F401  (registers every primitive)
from tfjs_lab.core.tape import Primitive, Tape
from tfjs_lab.core.tensor import Tensor

CASES, NOT_DIFFERENTIABLE_INPUTS = [], {}
for _info in pkgutil.iter_modules(gradient_cases.__path__):
    _module = importlib.import_module(f'gradient_cases.{_info.name}')
    CASES += _module.CASES
    NOT_DIFFERENTIABLE_INPUTS.update(getattr(_module, 'NOT_DIFFERENTIABLE_INPUTS', {}))
rng = np.random.default_rng(1)


def _primitive(name):
    found = [p for p in Primitive.every if p.name == name]
    assert len(found) == 1, f'expected one primitive named {name}, found {len(found)}'
    return found[0]


def test_every_differentiable_primitive_is_checked():
    differentiable = {p.name for p in Primitive.every if p.backward is not None}
    checked = {name for name, _, _ in CASES}
    assert differentiable - checked == set(), 'add gradient checks for these primitives'


def _numerical(prim, arrays, attrs, seed, index, eps=1e-6):
    x = arrays[index].astype(np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[i] += eps
        minus[i] -= eps
        f_plus = prim.forward(*[plus if j == index else a for j, a in enumerate(arrays)], **attrs)
        f_minus = prim.forward(*[minus if j == index else a for j, a in enumerate(arrays)], **attrs)
        grad[i] = np.sum((f_plus - f_minus) * seed) / (2 * eps)
    return grad


@pytest.mark.parametrize('name,arrays,attrs', CASES,
                         ids=[f'{n}-{"x".join(str(a.shape) for a in arrs)}' for n, arrs, _ in CASES])
def test_gradient_matches_finite_differences(name, arrays, attrs):
    prim = _primitive(name)
    inputs = [Tensor(a) for a in arrays]
    skip = NOT_DIFFERENTIABLE_INPUTS.get(name, set())
    with Tape([t for i, t in enumerate(inputs) if i not in skip]) as tape:
        out = prim(*inputs, **attrs)
    seed = rng.normal(size=out._data.shape)
    analytic = tape.gradients(out, inputs, seed)
    for i, a in enumerate(arrays):
        if i in skip:
            continue
        np.testing.assert_allclose(analytic[i], _numerical(prim, arrays, attrs, seed, i),
                                   rtol=1e-5, atol=1e-7, err_msg=f'{name}: gradient of input {i}')
