"""Shared inputs for gradient checks: each module in this package defines ``CASES``, a list
of ``(primitive name, input arrays, attrs)``, and optionally ``NOT_DIFFERENTIABLE_INPUTS``
(primitive name -> indices of inputs that take no gradient, like gather's indices)."""
import numpy as np

rng = np.random.default_rng(0)


def positive(shape):
    return rng.uniform(0.5, 2.0, shape)


def anywhere(shape):
    # away from 0 and from integers, where relu, abs, sign and rounding have kinks
    values = rng.uniform(-2, 2, shape)
    return np.where(np.abs(values - np.round(values)) < 0.1, values + 0.25, values)


BROADCAST_SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 3), (4, 3)), ((), (3,))]
