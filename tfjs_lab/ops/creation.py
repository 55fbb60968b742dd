"""Tensor creation: from values (``tensor``, ``scalar``, ``tensor1d`` ... ``tensor6d``), filled
(``zeros``, ``ones``, ``fill``, ``zeros_like``, ``ones_like``, ``eye``), sequences (``range``,
``linspace``), grids (``diag``, ``meshgrid``), ``one_hot``, ``clone``, ``buffer`` and ``variable``.

Shapes, dtypes, sequences and error messages follow TF.js 4.22: e.g. ``range`` and
``linspace`` add the step to the previous float32 value one element at a time, as TF.js does,
so their last digits match TF.js rather than NumPy's ``arange``/``linspace``.
"""
import array as pyarray
import builtins

import numpy as np

from .._naming import takes_options
from ..core import dtypes
from ..core.tape import Primitive
from ..core.tensor import Tensor, TensorBuffer, Variable
from ._convert import as_tensor, js_list, tensor_of_dtype, to_array
from .shape import broadcast_to, reshape

__all__ = ['tensor', 'scalar', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d',
           'zeros', 'ones', 'fill', 'zeros_like', 'ones_like', 'eye', 'range', 'linspace', 'one_hot',
           'clone', 'buffer', 'TensorBuffer', 'variable', 'diag', 'meshgrid', 'cosine_window']


def check_shape(shape):
    """``shape`` as a list of ints, or TF.js's error for negative or fractional dimensions."""
    shape = [shape] if isinstance(shape, (int, np.integer)) else list(shape)
    for d in shape:
        if isinstance(d, bool) or not isinstance(d, (int, np.integer, float)) or d < 0 or int(d) != d:
            raise ValueError(f'Tensor must have a shape comprised of positive integers but got shape '
                             f'[{js_list(shape)}].')
    return [int(d) for d in shape]


def _make(array, shape, values):
    """TF.js's makeTensor: ``shape`` must hold as many values as ``array``, and may only
    differ from the values' own nesting by splitting their innermost dimension."""
    if shape is not None:
        shape = check_shape(shape)
        size, inferred = int(np.prod(shape)), list(array.shape)
        if size != array.size:
            raise ValueError(f'Based on the provided shape, [{js_list(shape)}], the tensor should have '
                             f'{size} values but has {array.size}')
        for i, d in enumerate(inferred):
            if d != (shape[i] if i < len(shape) else None) and \
                    (i < len(inferred) - 1 or d != int(np.prod(shape[i:]))):
                raise ValueError(f'Error creating a new Tensor. Inferred shape ({js_list(inferred)}) does not '
                                 f'match the provided shape ({js_list(shape)}). ')
        array = array.reshape(shape)
    if isinstance(values, (np.ndarray, Tensor)) or array.base is not None:
        array = array.copy()  # a tensor never aliases the caller's buffer
    return Tensor(array)


def tensor(values, shape=None, dtype=None):
    """A tensor from nested lists, a number, a boolean or a NumPy array. Python numbers
    become float32 (JS numbers); NumPy float64 becomes float32, NumPy integers int32.

    >>> import tfjs_lab as tf
    >>> tf.tensor([1, 2, 3, 4], [2, 2]).print()
    Tensor
        [[1, 2],
         [3, 4]]
    >>> tf.tensor([[1, 2], [3]])
    Traceback (most recent call last):
    ...
    ValueError: values are ragged: values[1] should have 2 elements, but has 1; every nested list must have the same length at each depth (received [[1, 2], [3]])
    """
    return _make(to_array(values, dtype), shape, values)


_RANK_WORDS = {2: 'two', 3: 'three', 4: 'four', 5: 'five', 6: 'six'}


def _ranked(rank):
    flat = 'flat/TypedArray' if rank == 2 else 'flat array'  # TF.js's wording differs for rank 2

    def make(values, shape=None, dtype=None):
        if shape is not None and len(shape) != rank:
            raise ValueError(f'tensor{rank}d() requires shape to have {_RANK_WORDS[rank]} numbers')
        array = to_array(values, dtype)
        if array.ndim not in (1, rank):
            raise ValueError(f"tensor{rank}d() requires values to be number{'[]' * rank} or flat/TypedArray")
        if array.ndim == 1 and shape is None:
            raise ValueError(f'tensor{rank}d() requires shape to be provided when `values` are a {flat}')
        return _make(array, shape, values)
    make.__name__ = make.__qualname__ = f'tensor{rank}d'
    example_shape = [1] * (rank - 1) + [2]
    make.__doc__ = (f'A rank-{rank} tensor from nested lists, or from flat values and a shape of {rank} '
                    f'numbers; see ``tensor``.\n\n'
                    f'    >>> import tfjs_lab as tf\n'
                    f'    >>> tf.tensor{rank}d([1, 2], {example_shape}).shape\n'
                    f'    {example_shape}\n')
    return make


tensor2d, tensor3d, tensor4d, tensor5d, tensor6d = (_ranked(r) for r in builtins.range(2, 7))


def tensor1d(values, dtype=None):
    """A rank-1 tensor from a flat list or array (TF.js's ``tensor1d`` takes no shape).

    >>> import tfjs_lab as tf
    >>> tf.tensor1d([1, 2, 3], 'int32').dtype
    'int32'
    """
    array = to_array(values, dtype)
    if array.ndim != 1:
        raise ValueError('tensor1d() requires values to be a flat/TypedArray')
    return _make(array, None, values)


def scalar(value, dtype=None):
    """A rank-0 tensor.

    >>> import tfjs_lab as tf
    >>> tf.scalar(3.5).print()
    Tensor
        3.5
    """
    if isinstance(value, (list, tuple, np.ndarray)):
        raise ValueError('Error creating a new Scalar: value must be a primitive (number|boolean|string)')
    return _make(to_array(value, dtype), None, value)


def fill(shape, value, dtype=None):
    """A tensor of ``shape`` filled with ``value`` (dtype bool for a boolean, else float32).

    >>> import tfjs_lab as tf
    >>> tf.fill([2, 2], 4).print()
    Tensor
        [[4, 4],
         [4, 4]]
    """
    if dtype is None:
        dtype = 'bool' if isinstance(value, (bool, np.bool_)) else 'float32'
    return Tensor(np.full(check_shape(shape), value, dtype=dtypes.numpy_dtype(dtype)))


def zeros(shape, dtype='float32'):
    """A tensor of ``shape`` filled with zeros.

    >>> import tfjs_lab as tf
    >>> tf.zeros([2], 'int32').print()
    Tensor
        [0, 0]
    """
    return Tensor(np.zeros(check_shape(shape), dtype=dtypes.numpy_dtype(dtype)))


def ones(shape, dtype='float32'):
    """A tensor of ``shape`` filled with ones.

    >>> import tfjs_lab as tf
    >>> tf.ones([2, 1]).shape
    [2, 1]
    """
    return Tensor(np.ones(check_shape(shape), dtype=dtypes.numpy_dtype(dtype)))


def zeros_like(x):
    """Zeros of the shape and dtype of ``x``.

    >>> import tfjs_lab as tf
    >>> tf.zeros_like(tf.tensor1d([1, 2], 'int32')).print()
    Tensor
        [0, 0]
    """
    return Tensor(np.zeros_like(as_tensor(x)._data))


def ones_like(x):
    """Ones of the shape and dtype of ``x``.

    >>> import tfjs_lab as tf
    >>> tf.tensor1d([5, 6]).ones_like().print()
    Tensor
        [1, 1]
    """
    return Tensor(np.ones_like(as_tensor(x)._data))


def eye(num_rows, num_columns=None, batch_shape=None, dtype='float32'):
    """An identity matrix (``num_rows`` x ``num_columns``), repeated over ``batch_shape`` (at
    most three dimensions, as in TF.js).

    >>> import tfjs_lab as tf
    >>> tf.eye(2, 3).print()
    Tensor
        [[1, 0, 0],
         [0, 1, 0]]
    >>> tf.eye(2, None, [4]).shape
    [4, 2, 2]
    """
    rows, columns = check_shape([num_rows, num_rows if num_columns is None else num_columns])
    matrix = np.eye(rows, columns, dtype=dtypes.numpy_dtype(dtype))
    if batch_shape:
        if len(batch_shape) > 3:
            raise ValueError(f'eye() currently supports only 1D and 2D batchShapes, but received '
                             f'{len(batch_shape)}D.')
        matrix = np.broadcast_to(matrix, tuple(check_shape(batch_shape)) + matrix.shape).copy()
    return Tensor(matrix)


def _steps(first, step, count, dtype):
    """``count`` values from ``first``, each the previous value plus ``step`` stored in
    ``dtype``, as TF.js's typed-array loop computes them (float32 rounding at every step;
    int32 truncation)."""
    integral = float(first).is_integer() and float(step).is_integer()
    if integral and builtins.abs(first) + builtins.abs(step) * count < 2 ** 24:
        # every value is an integer that float32 holds exactly: NumPy may compute them at once
        return (int(first) + int(step) * np.arange(count)).astype(dtypes.numpy_dtype(dtype))
    if dtype == 'int32':
        values = [int(first)] if count else []
        for _ in builtins.range(count - 1):
            values.append(int(values[-1] + step))
        return np.array(values, np.int32)
    values = pyarray.array('f', bytes(4 * count))
    if count:
        values[0] = first
    for i in builtins.range(1, count):
        values[i] = values[i - 1] + step
    return np.frombuffer(values, np.float32).copy()


def range(start, stop, step=1, dtype='float32'):
    """Numbers from ``start`` towards ``stop`` (excluded) by ``step``. As in TF.js, a
    decreasing range with the default step counts down by 1.

    >>> import tfjs_lab as tf
    >>> tf.range(0, 9, 2).print()
    Tensor
        [0, 2, 4, 6, 8]
    >>> tf.range(5, 0).print()
    Tensor
        [5, 4, 3, 2, 1]
    """
    if step == 0:
        raise ValueError('Cannot have a step of zero')
    if dtype not in ('float32', 'int32'):
        raise ValueError(f"range() creates float32 or int32 tensors; received dtype {dtype!r}")
    if start == stop or (start < stop and step < 0) or (stop < start and step > 1):
        return Tensor(np.zeros(0, dtypes.numpy_dtype(dtype)))
    count = builtins.abs(int(np.ceil((stop - start) / step)))
    if stop < start and step == 1:
        step = -1
    return Tensor(_steps(start, step, count, dtype))


def linspace(start, stop, num):
    """``num`` evenly spaced float32 values from ``start`` to ``stop``.

    >>> import tfjs_lab as tf
    >>> tf.linspace(0, 1, 3).print()
    Tensor
        [0, 0.5, 1]
    """
    if num <= 0:
        raise ValueError('The number of values should be positive.')
    step = (stop - start) / (num - 1) if num != 1 else 0.0
    return Tensor(_steps(start, step, int(num), 'float32'))


def cosine_window(window_length, a, b):
    """The generalized cosine window of ``window_length`` float32 values, ``a - b * cos(2 pi i /
    (N - 1))`` (``N``: the length rounded up to odd), behind the Hann (0.5, 0.5) and Hamming
    (0.54, 0.46) windows.

    >>> import tfjs_lab as tf
    >>> tf.cosine_window(5, 0.5, 0.5).print()
    Tensor
        [0, 0.5, 1, 0.5, 0]
    """
    if isinstance(window_length, bool) or not isinstance(window_length, (int, np.integer)) or window_length < 0:
        raise ValueError(f'cosineWindow: windowLength must be a non-negative integer; received {window_length!r}')
    even = 1 - window_length % 2
    with np.errstate(invalid='ignore', divide='ignore'):  # a length of 1 gives NaN, as in TF.js (0 / 0)
        angles = 2.0 * np.pi * np.arange(window_length) / (window_length + even - 1)
    return Tensor((a - b * np.cos(angles)).astype(np.float32))


def one_hot(indices, depth, on_value=1, off_value=0, dtype='int32'):
    """Each int32 index as a vector of length ``depth`` holding ``on_value`` at that index and
    ``off_value`` elsewhere; an index outside [0, depth) gives all ``off_value``.

    >>> import tfjs_lab as tf
    >>> tf.one_hot(tf.tensor1d([0, 2], 'int32'), 3).print()
    Tensor
        [[1, 0, 0],
         [0, 0, 1]]
    """
    if depth < 2:
        raise ValueError(f'Error in oneHot: depth must be >=2, but it is {depth}')
    if int(depth) != depth:
        raise ValueError(f'Error in oneHot: depth must be an integer, but it is {depth}')
    indices = tensor_of_dtype(indices, 'int32', 'indices', 'oneHot')._data
    np_dtype = dtypes.numpy_dtype(dtype)
    hits = indices[..., None] == np.arange(int(depth))
    return Tensor(np.where(hits, np.array(on_value).astype(np_dtype), np.array(off_value).astype(np_dtype)))


@Primitive
def _diag(x):
    return np.diagflat(x).reshape(x.shape + x.shape)


@_diag.defgrad
def _(g, out, x):
    return np.diagonal(g.reshape(x.size, x.size)).reshape(x.shape)


def diag(x):
    """A tensor of shape ``x.shape + x.shape`` holding ``x``'s values on its diagonal and zeros
    elsewhere (a diagonal matrix for a vector).

    >>> import tfjs_lab as tf
    >>> tf.diag(tf.tensor1d([1, 2])).print()
    Tensor
        [[1, 0],
         [0, 2]]
    """
    return _diag(as_tensor(x))


@takes_options
def meshgrid(x=None, y=None, *, indexing='xy'):
    """Coordinate grids from the values of ``x`` and ``y`` (each flattened): with ``'xy'``
    indexing both grids have shape ``[y.size, x.size]`` (x varies along rows), with ``'ij'``
    ``[x.size, y.size]``. Returns a list: ``[]`` without ``x``, ``[x]`` without ``y``.

    >>> import tfjs_lab as tf
    >>> grid_x, grid_y = tf.meshgrid([1, 2, 3], [4, 5])
    >>> grid_x.print()
    Tensor
        [[1, 2, 3],
         [1, 2, 3]]
    >>> grid_y.print()
    Tensor
        [[4, 4, 4],
         [5, 5, 5]]
    """
    if indexing not in ('xy', 'ij'):
        raise TypeError(f'{indexing} is not a valid third argument to meshgrid')
    if x is None:
        return []
    x = as_tensor(x)
    if y is None:
        return [x]
    y = as_tensor(y, 'y')
    x_axis, y_axis = (1, 0) if indexing == 'xy' else (0, 1)
    shape = [x.size, y.size] if x_axis == 0 else [y.size, x.size]

    def along(t, axis):
        return broadcast_to(reshape(t, [t.size if a == axis else 1 for a in (0, 1)]), shape)
    return [along(x, x_axis), along(y, y_axis)]


_clone = Primitive(lambda x: x.copy(), '_clone')
_clone.defgrad(lambda g, out, x: g)


def clone(x):
    """A new tensor with the same values; gradients pass through.

    >>> import tfjs_lab as tf
    >>> tf.clone(tf.tensor1d([1, 2])).print()
    Tensor
        [1, 2]
    """
    return _clone(as_tensor(x))


def buffer(shape, dtype='float32', values=None):
    """A :class:`TensorBuffer` of ``shape``, zero-filled or holding ``values``, to set element
    by element before ``to_tensor()``.

    >>> import tfjs_lab as tf
    >>> b = tf.buffer([2, 2])
    >>> b.set(3, 0, 1)
    >>> b.to_tensor().print()
    Tensor
        [[0, 3],
         [0, 0]]
    """
    return TensorBuffer(check_shape(shape), dtype, values)


def variable(initial_value, trainable=True, name=None, dtype=None):
    """A mutable tensor, the kind optimizers update; ``dtype`` converts the initial value.

    >>> import tfjs_lab as tf
    >>> w = tf.variable(tf.scalar(2.0), name='w')
    >>> w.name, w.trainable
    ('w', True)
    """
    return Variable(to_array(initial_value, dtype, 'initialValue').copy(), trainable, name)
