"""Tensor creation: from values (``tensor``, ``tensor1d`` ... ``tensor6d``), filled
(``zeros``, ``ones``, ``fill``, ``eye``), sequences (``range``, ``linspace``), ``one_hot``,
``clone``, ``buffer`` and ``variable``."""
import builtins

import numpy as np

from ..core import dtypes
from ..core.tape import Primitive
from ..core.tensor import Tensor, Variable
from ._convert import as_tensor, to_array

__all__ = ['tensor', 'scalar', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d',
           'zeros', 'ones', 'fill', 'zeros_like', 'ones_like', 'eye', 'range', 'linspace', 'one_hot',
           'clone', 'buffer', 'TensorBuffer', 'variable']


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


tensor2d, tensor3d, tensor4d, tensor5d, tensor6d = (_ranked(r) for r in builtins.range(2, 7))


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


def eye(num_rows, num_columns=None, batch_shape=None, dtype='float32'):
    """An identity matrix (``num_rows`` x ``num_columns``), repeated over ``batch_shape``.

    >>> import tfjs_lab as tf
    >>> tf.eye(2).print()
    Tensor
        [[1, 0],
         [0, 1]]
    """
    matrix = np.eye(num_rows, num_rows if num_columns is None else num_columns, dtype=dtypes.numpy_dtype(dtype))
    if batch_shape:
        matrix = np.broadcast_to(matrix, tuple(batch_shape) + matrix.shape).copy()
    return Tensor(matrix)


def range(start, stop, step=1, dtype='float32'):
    """Numbers from ``start`` up to (not including) ``stop`` by ``step``.

    >>> import tfjs_lab as tf
    >>> tf.range(0, 9, 2).print()
    Tensor
        [0, 2, 4, 6, 8]
    """
    if step == 0:
        raise ValueError('Cannot have a step of zero')
    return Tensor(np.arange(start, stop, step).astype(dtypes.numpy_dtype(dtype)))


def linspace(start, stop, num):
    """``num`` evenly spaced numbers from ``start`` to ``stop`` inclusive.

    >>> import tfjs_lab as tf
    >>> tf.linspace(0, 1, 3).print()
    Tensor
        [0, 0.5, 1]
    """
    if num <= 0:
        raise ValueError(f'The number of values should be positive; received {num}')
    return Tensor(np.linspace(start, stop, int(num), dtype=np.float64).astype(np.float32))


def one_hot(indices, depth, on_value=1, off_value=0, dtype='int32'):
    """Each index as a vector of length ``depth`` with ``on_value`` at that index; indices
    outside [0, depth) give all ``off_value``.

    >>> import tfjs_lab as tf
    >>> tf.one_hot(tf.tensor1d([0, 2], 'int32'), 3).print()
    Tensor
        [[1, 0, 0],
         [0, 0, 1]]
    """
    indices = as_tensor(to_array(indices, 'int32') if not isinstance(indices, Tensor) else indices)
    if indices.dtype != 'int32':
        raise TypeError(f"Argument 'indices' passed to 'oneHot' must be int32 tensor, but got {indices.dtype} tensor")
    if depth < 2:
        raise ValueError(f'Error in oneHot: depth must be >=2, but it is {depth}')
    hits = indices._data[..., None] == np.arange(depth)
    return Tensor(np.where(hits, on_value, off_value).astype(dtypes.numpy_dtype(dtype)))


_clone = Primitive(lambda x: x.copy(), '_clone')
_clone.defgrad(lambda g, out, x: g)


def clone(x):
    """A new tensor with the same values (gradients pass through).

    >>> import tfjs_lab as tf
    >>> tf.clone(tf.tensor1d([1, 2])).print()
    Tensor
        [1, 2]
    """
    return _clone(as_tensor(x))


class TensorBuffer:
    """A mutable array to fill element by element, then turn into a tensor (TF.js's
    ``tf.buffer``).

    >>> import tfjs_lab as tf
    >>> b = tf.buffer([2, 2])
    >>> b.set(3, 0, 1)
    >>> b.to_tensor().print()
    Tensor
        [[0, 3],
         [0, 0]]
    """

    def __init__(self, shape, dtype='float32', values=None):
        self.dtype = dtype
        self.values = np.zeros(_check_shape(shape), dtypes.numpy_dtype(dtype)) if values is None else \
            np.array(values, dtypes.numpy_dtype(dtype)).reshape(_check_shape(shape))
        self.shape = list(self.values.shape)
        self.size = self.values.size
        self.rank = self.values.ndim

    def _index(self, locs):
        if len(locs) != self.rank:
            raise ValueError(f'The number of provided coordinates ({len(locs)}) must match the rank ({self.rank})')
        for loc, n in zip(locs, self.shape):
            if not 0 <= loc < n:
                raise IndexError(f'Requested out of range element at {list(locs)}.   Buffer shape={self.shape}')
        return tuple(int(v) for v in locs)

    def set(self, value, *locs):
        """Set the element at ``locs`` to ``value``."""
        self.values[self._index(locs)] = value

    def get(self, *locs):
        """The element at ``locs``."""
        return self.values[self._index(locs)].item()

    def to_tensor(self):
        """A tensor holding a copy of the buffer's values."""
        return Tensor(self.values.copy())

    toTensor = to_tensor


def buffer(shape, dtype='float32', values=None):
    """A :class:`TensorBuffer` of ``shape``, zero-filled or holding ``values``."""
    return TensorBuffer(shape, dtype, values)
