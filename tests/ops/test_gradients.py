"""Numerical gradient checks for every differentiable primitive, in float64 so that the
check tests the backward formula rather than float32 rounding; broadcasting included."""
import numpy as np
import pytest

import tfjs_lab  # noqa: F401  (registers every primitive)
from tfjs_lab.core.tape import Primitive, Tape
from tfjs_lab.core.tensor import Tensor

rng = np.random.default_rng(0)


def positive(shape):
    return rng.uniform(0.5, 2.0, shape)


def anywhere(shape):
    # away from 0 and from integers, where relu, abs, sign and rounding have kinks
    values = rng.uniform(-2, 2, shape)
    return np.where(np.abs(values - np.round(values)) < 0.1, values + 0.25, values)


BROADCAST_SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 3), (4, 3)), ((), (3,))]
UNARY = ['_neg', '_abs', '_square', '_exp', '_tanh', '_sigmoid', '_relu', '_elu', '_softplus',
         '_sign', '_round', '_floor', '_ceil']
POSITIVE_UNARY = ['_sqrt', '_log', '_log1p']
BINARY = ['_add', '_sub', '_mul', '_maximum', '_minimum', '_squared_difference']

CASES = []
for name in UNARY:
    CASES += [(name, [anywhere(s)], {}) for s in [(5,), (2, 3)]]
for name in POSITIVE_UNARY:
    CASES += [(name, [positive(s)], {}) for s in [(5,), (2, 3)]]
for name in BINARY:
    CASES += [(name, [anywhere(a), anywhere(b)], {}) for a, b in BROADCAST_SHAPES]
CASES += [('_div', [anywhere(a), positive(b)], {}) for a, b in BROADCAST_SHAPES]
CASES += [('_pow', [positive(a), anywhere(b)], {}) for a, b in BROADCAST_SHAPES]
CASES += [
    ('_clip', [anywhere((4, 3))], {'low': -0.7, 'high': 0.9}),
    ('_softmax', [anywhere((3, 4))], {'axis': -1}),
    ('_softmax', [anywhere((3, 4))], {'axis': 0}),
    ('_log_softmax', [anywhere((3, 4))], {'axis': -1}),
    ('_sum', [anywhere((3, 4))], {'axes': (1,), 'keep_dims': False}),
    ('_sum', [anywhere((2, 3, 4))], {'axes': (0, 2), 'keep_dims': True}),
    ('_mean', [anywhere((3, 4))], {'axes': (0, 1), 'keep_dims': False}),
    ('_mean', [anywhere((2, 3, 4))], {'axes': (1,), 'keep_dims': True}),
    ('_max', [anywhere((3, 4))], {'axes': (1,), 'keep_dims': False}),
    ('_min', [anywhere((3, 4))], {'axes': (0,), 'keep_dims': True}),
    ('_mat_mul', [anywhere((3, 4)), anywhere((4, 2))], {'transpose_a': False, 'transpose_b': False}),
    ('_mat_mul', [anywhere((4, 3)), anywhere((2, 4))], {'transpose_a': True, 'transpose_b': True}),
    ('_mat_mul', [anywhere((2, 3, 4)), anywhere((4, 5))], {'transpose_a': False, 'transpose_b': False}),
    ('_reshape', [anywhere((3, 4))], {'shape': (2, 6)}),
    ('_transpose', [anywhere((2, 3, 4))], {'perm': (2, 0, 1)}),
    ('_concat', [anywhere((2, 3)), anywhere((4, 3))], {'axis': 0}),
    ('_slice', [anywhere((4, 5))], {'index': (slice(1, 3), slice(0, 4))}),
    ('_gather', [anywhere((5, 3)), np.array([0, 2, 2, 4])], {'axis': 0}),
    ('_cast', [anywhere((3,))], {'dtype': np.dtype(np.float64)}),
]
NOT_DIFFERENTIABLE_INPUTS = {'_gather': {1}}


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
