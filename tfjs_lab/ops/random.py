"""Random tensors: ``random_normal``, ``random_uniform``, ``truncated_normal``. Without a
``seed`` they draw from the global generator that ``tf.set_seed`` resets."""
import numpy as np

from ..core import dtypes, random
from ..core.tensor import Tensor
from .creation import _check_shape

__all__ = ['random_normal', 'random_uniform', 'truncated_normal']


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
