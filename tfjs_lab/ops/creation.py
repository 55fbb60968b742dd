"""Tensor creation: ``tensor``, ``scalar``, ``tensor1d`` ... ``tensor6d``, ``zeros``, ``ones``,
``fill``, ``zeros_like``, ``ones_like``, ``variable``."""
import numpy as np

from ..core import dtypes
from ..core.tensor import Tensor, Variable
from ._convert import to_array

__all__ = ['tensor', 'scalar', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d',
           'zeros', 'ones', 'fill', 'zeros_like', 'ones_like', 'variable']


def tensor(values, shape=None, dtype=None):
    """Create a tensor from nested lists, numbers or a NumPy array.

    >>> import tfjs_lab as tf
    >>> tf.tensor([1, 2, 3, 4], [2, 2]).print()
    Tensor
        [[1, 2],
         [3, 4]]
    """
    array = to_array(values, dtype)
    if shape is not None:
        shape = _check_shape(shape)
        size = int(np.prod(shape))
        if array.size == 1 and array.ndim == 0 and size != 1:
            array = np.full(shape, array, dtype=array.dtype)
        elif array.size != size:
            raise ValueError(f"Based on the provided shape, [{','.join(map(str, shape))}], the tensor "
                             f'should have {size} values but has {array.size}')
        array = array.reshape(shape)
    if array.base is not None or not array.flags.writeable or isinstance(values, np.ndarray):
        array = array.copy()  # a tensor never aliases the caller's buffer
    return Tensor(array)


def _check_shape(shape):
    shape = list(shape)
    if not all(isinstance(d, (int, np.integer)) and d >= 0 for d in shape):
        raise ValueError(f'shape must be a list of non-negative integers; received {shape}')
    return [int(d) for d in shape]


def _ranked(rank):
    def make(values, shape=None, dtype=None):
        t = tensor(values, shape, dtype)
        if t.rank != rank:
            raise ValueError(f'tensor{rank}d() requires values of rank {rank} (or a flat list and a '
                             f'shape of {rank} dimensions); received values of rank {t.rank} '
                             f'and shape {t.shape}')
        return t
    make.__name__ = make.__qualname__ = f'tensor{rank}d'
    make.__doc__ = f'Create a rank-{rank} tensor; see ``tensor``.'
    return make


tensor2d, tensor3d, tensor4d, tensor5d, tensor6d = (_ranked(r) for r in range(2, 7))


def tensor1d(values, dtype=None):
    """Create a rank-1 tensor (TF.js's ``tensor1d(values, dtype)`` takes no shape)."""
    return _ranked(1)(values, None, dtype)


def scalar(value, dtype=None):
    """Create a rank-0 tensor.

    >>> import tfjs_lab as tf
    >>> tf.scalar(3.5).print()
    Tensor
        3.5
    """
    array = to_array(value, dtype)
    if array.ndim != 0:
        raise ValueError(f'scalar() requires a single number or boolean; received shape {list(array.shape)}')
    return Tensor(array)


def fill(shape, value, dtype=None):
    if dtype is None:
        dtype = 'bool' if isinstance(value, bool) else 'float32'
    return Tensor(np.full(_check_shape(shape), value, dtype=dtypes.numpy_dtype(dtype)))


def zeros(shape, dtype='float32'):
    return Tensor(np.zeros(_check_shape(shape), dtype=dtypes.numpy_dtype(dtype)))


def ones(shape, dtype='float32'):
    return Tensor(np.ones(_check_shape(shape), dtype=dtypes.numpy_dtype(dtype)))


def zeros_like(x):
    return Tensor(np.zeros_like(to_array(x)))


def ones_like(x):
    return Tensor(np.ones_like(to_array(x)))


def variable(initial_value, trainable=True, name=None, dtype=None):
    """A mutable tensor, the kind optimizers update.

    >>> import tfjs_lab as tf
    >>> w = tf.variable(tf.scalar(2.0), name='w')
    >>> w.name, w.trainable
    ('w', True)
    """
    return Variable(to_array(initial_value, dtype).copy(), trainable, name)
