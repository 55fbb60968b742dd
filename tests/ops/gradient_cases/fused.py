"""Gradient-check cases for the fused training primitives (tfjs_lab/ops/fused.py): dense with
and without a bias for each activation it fuses, and the cross-entropies on probabilities
(including values the clip cuts off)."""
import numpy as np

from . import anywhere, rng


def dense(activation, bias=True):
    inputs = [anywhere((3, 4)), anywhere((4, 5)) * 0.5] + ([anywhere((5,))] if bias else [])
    return ('_dense', inputs, {'activation': activation})


def probabilities(shape):
    return rng.uniform(0.05, 0.95, shape)


BOUNDS = {'low': np.float32(1e-7), 'high': np.float32(1 - 1e-7)}
WIDE_BOUNDS = {'low': np.float32(0.1), 'high': np.float32(0.9)}  # some probabilities outside

CASES = [
    dense('linear'), dense('relu'), dense('sigmoid'), dense('tanh'), dense('softmax'),
    dense('relu', bias=False),
    ('_binary_crossentropy', [rng.integers(0, 2, (4, 3)).astype(np.float64), probabilities((4, 3))], BOUNDS),
    ('_binary_crossentropy', [rng.uniform(0, 1, (5, 1)), np.array([[0.03], [0.5], [0.97], [0.2], [0.6]])],
     WIDE_BOUNDS),
    ('_categorical_crossentropy', [np.eye(4)[[0, 2, 3]], probabilities((3, 4))], BOUNDS),
    ('_categorical_crossentropy', [rng.uniform(0, 1, (2, 5)), probabilities((2, 5))], BOUNDS),
    ('_categorical_crossentropy', [np.eye(3)[[1, 0]], np.array([[0.05, 0.6, 0.3], [0.85, 0.02, 0.4]])],
     WIDE_BOUNDS),
]
