"""Gradient-check cases for the core op families (arithmetic, unary, reduction, linalg, shape)."""
import numpy as np

from . import BROADCAST_SHAPES, anywhere, positive

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
