"""Random tensors: ``random_normal``, ``random_uniform``, ``truncated_normal``. Without a
``seed`` they draw from the global generator that ``tf.set_seed`` resets."""
import numpy as np

from ..core import dtypes, random
from ..core.tensor import Tensor
from ._convert import as_tensor
from .creation import _check_shape

__all__ = ['random_normal', 'random_uniform', 'truncated_normal', 'multinomial']


def _generator(seed):
    return random.generator() if seed is None else np.random.default_rng(seed)


def random_normal(shape, mean=0.0, stddev=1.0, dtype='float32', seed=None):
    """Samples of a normal distribution.

    >>> import tfjs_lab as tf
    >>> tf.random_normal([2, 3], seed=1).shape
    [2, 3]
    """
    samples = _generator(seed).normal(mean, stddev, _check_shape(shape))
    return Tensor(samples.astype(dtypes.numpy_dtype(dtype)))


def random_uniform(shape, minval=0.0, maxval=1.0, dtype='float32', seed=None):
    """Samples of a uniform distribution on [minval, maxval); int32 draws integers."""
    gen, shape = _generator(seed), _check_shape(shape)
    if dtype == 'int32':
        return Tensor(gen.integers(int(minval), int(maxval), shape, dtype=np.int32))
    return Tensor(gen.uniform(minval, maxval, shape).astype(dtypes.numpy_dtype(dtype)))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype='float32', seed=None):
    """Normal samples, redrawn when more than two standard deviations from the mean."""
    from ..initializers import _truncated_normal_samples
    samples = _truncated_normal_samples(_generator(seed), _check_shape(shape), mean, stddev)
    return Tensor(samples.astype(dtypes.numpy_dtype(dtype)))


def multinomial(logits, num_samples, seed=None, normalized=False):
    """``num_samples`` class indices (int32) drawn for each row of ``logits`` (unnormalized log
    probabilities, or probabilities when ``normalized``).

    >>> import tfjs_lab as tf
    >>> tf.multinomial(tf.tensor1d([-1e9, 0]), 3, seed=1).print()
    Tensor
        [1, 1, 1]
    """
    logits = as_tensor(logits)
    if logits.rank not in (1, 2):
        raise ValueError(f'logits must be a 1D or 2D tensor; received a tensor of rank {logits.rank}')
    rows = np.atleast_2d(logits._data.astype(np.float64))
    if normalized:
        probabilities = rows
    else:
        shifted = np.exp(rows - rows.max(axis=1, keepdims=True))
        probabilities = shifted / shifted.sum(axis=1, keepdims=True)
    cumulative = np.cumsum(probabilities, axis=1)
    draws = _generator(seed).uniform(size=(rows.shape[0], int(num_samples))) * cumulative[:, -1:]
    samples = np.stack([np.searchsorted(c, d, side='right') for c, d in zip(cumulative, draws)])
    samples = np.minimum(samples, rows.shape[1] - 1).astype(np.int32)
    return Tensor(samples[0] if logits.rank == 1 else samples)
