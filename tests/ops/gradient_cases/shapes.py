"""Gradient-check cases for the shape, gather, padding and linear-algebra ops."""
import numpy as np

from . import anywhere

CASES = [
    ('_gather_nd', [anywhere((3, 4)), np.array([[0, 1], [2, 3], [0, 1]])], {}),
    ('_gather_nd', [anywhere((3, 4, 2)), np.array([[1], [2]])], {}),
    ('_tile', [anywhere((2, 3))], {'reps': (2, 1)}),
    ('_tile', [anywhere((2, 1, 3))], {'reps': (1, 3, 2)}),
    ('_pad', [anywhere((2, 3))], {'paddings': ((1, 0), (2, 1)), 'value': 0.0}),
    ('_pad', [anywhere((4,))], {'paddings': ((0, 3),), 'value': 1.5}),
    ('_mirror_pad', [anywhere((3, 4))], {'paddings': ((2, 1), (1, 3)), 'mode': 'reflect'}),
    ('_mirror_pad', [anywhere((3, 4))], {'paddings': ((3, 0), (1, 4)), 'mode': 'symmetric'}),
    ('_reverse', [anywhere((2, 3))], {'axes': (1,)}),
    ('_reverse', [anywhere((2, 3, 2))], {'axes': (0, 2)}),
    ('_broadcast_to', [anywhere((3,))], {'shape': (2, 3)}),
    ('_broadcast_to', [anywhere((2, 1))], {'shape': (3, 2, 4)}),
    ('_slice', [anywhere((5, 4))], {'index': (slice(4, 0, -2), 1)}),
    ('_slice', [anywhere((3, 4))], {'index': (None, Ellipsis, slice(1, None, 2))}),
    ('_einsum', [anywhere((2, 3)), anywhere((3, 4))], {'equation': 'ij,jk->ik'}),
    ('_einsum', [anywhere((2, 3, 4)), anywhere((2, 4, 5))], {'equation': 'bij,bjk->bik'}),
    ('_einsum', [anywhere((2, 3)), anywhere((4,))], {'equation': 'ij,k->i'}),
    ('_einsum', [anywhere((2, 3))], {'equation': 'ij->j'}),
    ('_clone', [anywhere((2, 3))], {}),
]
NOT_DIFFERENTIABLE_INPUTS = {'_gather_nd': {1}}
