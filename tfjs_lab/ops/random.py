"""Random tensors: ``random_normal``, ``random_standard_normal``, ``truncated_normal``,
``random_uniform``, ``random_uniform_int``, ``random_gamma``, ``multinomial`` and ``rand``.

Each follows TF.js's sampler step by step (Marsaglia's polar method for normals, Marsaglia
and Tsang for gamma, an inverse CDF for multinomial) on a stream of uniform numbers. With a
``seed`` the stream is TF.js's own seeded generator, so the values equal TF.js's; without one
(TF.js then seeds from ``Math.random()``) it is the global generator that ``tf.set_seed``
resets. As in TF.js, a seed of 0 means no seed, except for ``random_uniform``.
"""
import itertools
import math

import numpy as np

from ..core import dtypes
from ..core.random import uniform_stream
from ..core.tensor import Tensor
from ._convert import as_tensor
from .creation import check_shape

__all__ = ['random_normal', 'random_standard_normal', 'truncated_normal', 'random_uniform',
           'random_uniform_int', 'random_gamma', 'multinomial', 'rand']


def _store(values, dtype):
    """Float64 values written into a TF.js typed array of ``dtype``: float32 rounds, int32
    truncates towards zero (NaN becomes 0), bool is "nonzero after truncation"."""
    if dtype == 'float32':
        return values.astype(np.float32)
    truncated = np.nan_to_num(np.trunc(values), nan=0.0)
    return truncated != 0 if dtype == 'bool' else truncated.astype(np.int32)


def _round_if_int(values, dtype):
    """TF.js's samplers round to the nearest integer (``Math.round``) for int32."""
    return values if dtype == 'float32' else np.floor(values + 0.5)


def _gaussian_chunks(draw, mean, std_dev, truncated, pairs):
    """TF.js's ``MPRandGauss`` as an endless sequence of arrays: each accepted pair of uniforms
    gives x then y; truncated, a pair is dropped when x is over two standard deviations from
    the mean, and y alone is dropped when y is."""
    lower, upper = mean - std_dev * 2, mean + std_dev * 2
    while True:
        u = draw(2 * pairs)
        v1, v2 = 2 * u[0::2] - 1, 2 * u[1::2] - 1
        s = v1 * v1 + v2 * v2
        accepted = (s < 1) & (s != 0)
        v1, v2, s = v1[accepted], v2[accepted], s[accepted]
        mul = np.sqrt(-2.0 * np.log(s) / s)
        x, y = mean + std_dev * v1 * mul, mean + std_dev * v2 * mul
        keep_y = np.ones(x.shape, bool)
        if truncated:
            valid_x = (x <= upper) & (x >= lower)
            x, y = x[valid_x], y[valid_x]
            keep_y = (y <= upper) & (y >= lower)
        yield np.stack([x, y], 1).reshape(-1)[np.stack([np.ones(x.shape, bool), keep_y], 1).reshape(-1)]


def _take(chunks, n):
    found, total = [], 0
    while total < n:
        found.append(next(chunks))
        total += found[-1].size
    return np.concatenate(found)[:n] if found else np.zeros(0)


def _normal(shape, mean, std_dev, dtype, seed, truncated):
    if dtype == 'bool':
        raise ValueError('Unsupported data type bool')
    dtype = dtype or 'float32'
    dtypes.numpy_dtype(dtype)
    shape = check_shape(shape)
    size = int(np.prod(shape))
    chunks = _gaussian_chunks(uniform_stream(seed or None), mean, std_dev, truncated, size // 2 + 16)
    return Tensor(_store(_round_if_int(_take(chunks, size), dtype), dtype).reshape(shape))


def random_normal(shape, mean=0.0, std_dev=1.0, dtype=None, seed=None):
    """Samples of a normal distribution (float32, or rounded to int32).

    >>> import tfjs_lab as tf
    >>> tf.random_normal([3], 0, 1, 'float32', 42).print()     # TF.js's numbers for seed 42
    Tensor
        [1.9053093, 0.4774466, 0.4454464]
    """
    return _normal(shape, mean, std_dev, dtype, seed, truncated=False)


def random_standard_normal(shape, dtype=None, seed=None):
    """Samples of the standard normal distribution; see ``random_normal``.

    >>> import tfjs_lab as tf
    >>> tf.random_standard_normal([2, 2], 'float32', 42).shape
    [2, 2]
    """
    if dtype == 'bool':
        raise ValueError('Unsupported data type bool')
    return random_normal(shape, 0, 1, dtype, seed)


def truncated_normal(shape, mean=0.0, std_dev=1.0, dtype=None, seed=None):
    """Normal samples, redrawn when more than two standard deviations from the mean.

    >>> import tfjs_lab as tf
    >>> bool((tf.truncated_normal([1000], 0, 1).abs().max() <= 2))
    True
    """
    return _normal(shape, mean, std_dev, dtype, seed, truncated=True)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype='float32', seed=None):
    """Samples of a uniform distribution on [minval, maxval). For int32, TF.js truncates each
    sample towards zero.

    >>> import tfjs_lab as tf
    >>> tf.random_uniform([2, 2], 0, 10, 'int32', 7).print()
    Tensor
        [[3, 0],
         [1, 5]]
    """
    dtypes.numpy_dtype(dtype)
    shape = check_shape(shape)
    draw = uniform_stream(seed)
    values = minval + (maxval - minval) * draw(int(np.prod(shape)))
    return Tensor(_store(values, dtype).reshape(shape))


def random_uniform_int(shape, minval, maxval, seed=None):
    """Integers drawn uniformly from [minval, maxval) as int32.

    >>> import tfjs_lab as tf
    >>> tf.random_uniform_int([3], 0, 10, 5).dtype
    'int32'
    """
    return random_uniform(shape, minval, maxval, 'int32', seed)


def random_gamma(shape, alpha, beta=1.0, dtype='float32', seed=None):
    """Samples of a gamma distribution of shape ``alpha``. TF.js documents ``beta`` as the
    rate (inverse scale) but multiplies the samples by it, so the mean is ``alpha * beta``;
    tfjs_lab gives the same numbers.

    >>> import tfjs_lab as tf
    >>> tf.random_gamma([2], 1, 1, 'float32', 3).print()
    Tensor
        [0.0230244, 2.5001802]
    """
    dtype = dtype or 'float32'
    if dtype not in ('float32', 'int32'):
        raise ValueError(f'Unsupported data type {dtype}')
    shape = check_shape(shape)
    randu = uniform_stream(seed or None)
    # TF.js seeds the normal sampler from the first uniform; it rounds normals too for int32.
    child_seed = None if not seed else randu(1)[0]
    normals = itertools.chain.from_iterable(_gaussian_chunks(uniform_stream(child_seed), 0, 1, False, 64))
    if dtype == 'int32':
        normals = (math.floor(x + 0.5) for x in normals)
    d = alpha + 2 / 3 if alpha < 1 else alpha - 1 / 3
    c = 1 / math.sqrt(9 * d)
    scale = 1 / (1 / beta)
    values = np.empty(int(np.prod(shape)))
    for i in range(values.size):
        while True:
            while True:
                x = next(normals)
                v = 1 + c * x
                if v > 0:
                    break
            v *= v * v
            x2 = x * x
            u = randu(1)[0]
            if u < 1 - 0.331 * x2 * x2 or math.log(u) < 0.5 * x2 + d * (1 - v + math.log(v)):
                break
        v = scale * d * v
        if alpha < 1:
            v *= math.pow(randu(1)[0], 1 / alpha)
        values[i] = v
    return Tensor(_store(_round_if_int(values, dtype), dtype).reshape(shape))


def multinomial(logits, num_samples, seed=None, normalized=False):
    """``num_samples`` class indices (int32) drawn for each row of ``logits`` (unnormalized
    log probabilities, or probabilities when ``normalized``). As in TF.js, every row is
    sampled with the same uniform numbers.

    >>> import tfjs_lab as tf
    >>> tf.multinomial(tf.tensor1d([0.75, 0.25]), 5, 1, True).print()
    Tensor
        [0, 0, 0, 0, 0]
    """
    logits = as_tensor(logits, 'logits')
    if logits.size < 2:
        raise ValueError(f'Error in multinomial: you need at least 2 outcomes, but got {logits.size}.')
    if logits.rank > 2:
        raise ValueError(f'Rank of probabilities must be 1 or 2, but is {logits.rank}')
    rows = logits._data.astype(np.float32).reshape(-1, logits.shape[-1])
    if not normalized:  # TF.js's float32 softmax: exp rounded once from double, sums in double
        e = np.exp((rows - rows.max(axis=1, keepdims=True)).astype(np.float64)).astype(np.float32)
        rows = e / e.sum(axis=1, keepdims=True, dtype=np.float64).astype(np.float32)
    cdf = np.cumsum(rows[:, :-1], axis=1, dtype=np.float32)  # the last event is implicit
    draws = uniform_stream(seed or None)(int(num_samples))
    samples = np.stack([np.searchsorted(row, draws, side='right') for row in cdf]).astype(np.int32)
    return Tensor(samples.reshape(-1) if logits.rank == 1 else samples)


def rand(shape, rand_function, dtype=None):
    """A tensor of ``shape`` whose values come from calling ``rand_function()`` once each.

    >>> import tfjs_lab as tf
    >>> tf.rand([2], lambda: 0.5).print()
    Tensor
        [0.5, 0.5]
    """
    dtype = dtype or 'float32'
    dtypes.numpy_dtype(dtype)
    shape = check_shape(shape)
    values = np.array([float(rand_function()) for _ in range(int(np.prod(shape)))])
    return Tensor(_store(values, dtype).reshape(shape))
