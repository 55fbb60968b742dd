"""Gradient-check cases for the wider math library: more unary functions and activations,
binary ops, reductions, running reductions and selection."""
import numpy as np

from . import BROADCAST_SHAPES, anywhere, positive, rng

SHAPES = [(5,), (2, 3)]
UNARY = ['_expm1', '_erf', '_sin', '_cos', '_tan', '_atan', '_sinh', '_cosh', '_asinh', '_selu', '_log_sigmoid',
         '_relu6']
IN_MINUS_ONE_TO_ONE = ['_asin', '_acos', '_atanh']


def inside_unit_interval(shape):
    return rng.uniform(-0.9, 0.9, shape)


def above_one(shape):
    return rng.uniform(1.2, 3.0, shape)


CASES = []
for name in UNARY:
    CASES += [(name, [anywhere(s) * (4 if name == '_relu6' else 1)], {}) for s in SHAPES]
for name in IN_MINUS_ONE_TO_ONE:
    CASES += [(name, [inside_unit_interval(s)], {}) for s in SHAPES]
for name in ['_rsqrt', '_reciprocal']:
    CASES += [(name, [positive(s)], {}) for s in SHAPES]
CASES += [('_acosh', [above_one(s)], {}) for s in SHAPES]
CASES += [(name, [anywhere(s)], {'alpha': np.float64(0.2)}) for name in ('_leaky_relu', '_step') for s in SHAPES]
for name in ['_atan2', '_prelu']:
    CASES += [(name, [anywhere(a), anywhere(b)], {}) for a, b in BROADCAST_SHAPES]
# a / b stays inside (1, 2): finite differences never cross a jump of floor(a / b)
CASES += [('_mod', [rng.uniform(1.0, 1.15, a), rng.uniform(0.6, 0.9, b)], {}) for a, b in BROADCAST_SHAPES]
CASES += [('_div_no_nan', [anywhere(a), positive(b)], {}) for a, b in BROADCAST_SHAPES]
CASES += [
    ('_prod', [anywhere((3, 4))], {'axes': (1,), 'keep_dims': False}),
    ('_prod', [anywhere((2, 3, 4))], {'axes': (0, 2), 'keep_dims': True}),
    ('_prod', [anywhere((5,))], {'axes': (0,), 'keep_dims': False}),
    ('_log_sum_exp', [anywhere((3, 4))], {'axes': (1,), 'keep_dims': False}),
    ('_log_sum_exp', [anywhere((2, 3, 4))], {'axes': (0, 2), 'keep_dims': True}),
    ('_cumsum', [anywhere((3, 4))], {'axis': 1, 'exclusive': False, 'reverse': False}),
    ('_cumsum', [anywhere((3, 4))], {'axis': 0, 'exclusive': True, 'reverse': True}),
    ('_cumprod', [positive((3, 4))], {'axis': 1, 'exclusive': False, 'reverse': False}),
    ('_cumprod', [positive((4, 3))], {'axis': 0, 'exclusive': True, 'reverse': True}),
    ('_select', [rng.uniform(size=(3, 4)) > 0.5, anywhere((3, 4)), anywhere((4,))], {}),
]
NOT_DIFFERENTIABLE_INPUTS = {'_select': {0}}
