"""``Tensor``, ``Variable`` and ``TensorBuffer``: values over a NumPy array, and the memory
accounting behind ``tf.memory()``.

A tensor holds its array in ``_data`` and, when it was produced by an op recorded on an
active gradient tape, the tape node in ``_node``. Ops are attached as methods by
``tfjs_lab.ops`` so that TF.js chaining (``x.square().mean()``) works; the methods defined
here only call other methods, so this module knows nothing of the op library.

Memory is counted as TF.js's engine counts it: a tensor counts from its creation until it is
disposed (``dispose()``, ``tf.tidy``, ``tf.dispose_variables``), and ``numBytes`` adds
``size * bytes per element`` for every such tensor. Python frees the array of a tensor that
nothing references any more. When *user code* drops a tensor that way without disposing it,
the tensor keeps counting, because the same program leaks it in TF.js; tensors that tfjs_lab
creates and drops by itself (op intermediates, training loops) stop counting when Python frees
them, as TF.js disposes its own. Who dropped a tensor is read from the frames: it was
tfjs_lab's own if the frame running when it is freed is in the tfjs_lab package, or is the
user frame that made the call which created it, still at that call (an op's locals are freed
as it returns into the caller).
"""
import itertools
import os
import sys
import threading
import weakref

import numpy as np

from .._naming import CamelAliases
from ..errors import DisposedError
from . import dtypes
from .format import tensor_to_string

_ids = itertools.count()


class _ScopeStack(threading.local):
    """Per thread, the lists of tensors created inside tf.tidy scopes (see core.memory): a
    tensor made by a background thread (a dataset's prefetch) never joins the main thread's tidy."""

    def __init__(self):
        self.stack = []


_scopes = _ScopeStack()
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_frame = sys._getframe


class _Disposed:
    """Stands in for a disposed tensor's array. Shape and dtype stay readable, as in TF.js;
    any use of the values raises a clear error."""
    __slots__ = ('shape', 'dtype', 'ndim', 'size')

    def __init__(self, array):
        self.shape, self.dtype, self.ndim, self.size = array.shape, array.dtype, array.ndim, array.size

    def __array__(self, *args, **kwargs):
        raise DisposedError('Tensor is disposed.')

    def __getattr__(self, name):
        if name.startswith('__'):  # protocol probes (copy, doctest, inspect) get the usual answer
            raise AttributeError(name)
        raise DisposedError('Tensor is disposed.')


class _Accounts:
    """TF.js's engine counters (see the module docstring)."""
    __slots__ = ('tensors', 'bytes', 'leaked_buffers')

    def __init__(self):
        self.tensors = self.bytes = self.leaked_buffers = 0


accounts = _Accounts()
# Buffers: tensors that view one array share its memory (a reshape shares its input's buffer,
# as in TF.js). Keyed by id() of the array that owns the memory.
_holders = {}         # owner -> number of undisposed, live tensors on it
_leaked_owners = set()  # owners a leaked tensor was on: they count until the process ends
_in_package = {}      # co_filename -> whether it is a file of the tfjs_lab package


def _is_package_file(filename):
    inside = _in_package.get(filename)
    if inside is None:
        inside = _in_package[filename] = filename.startswith(_PACKAGE_DIR)
    return inside


def _user_call(frame):
    """Where user code called tfjs_lab: ``(id, instruction offset)`` of the innermost frame
    outside the package at or above ``frame``."""
    while frame is not None and _is_package_file(frame.f_code.co_filename):
        frame = frame.f_back
    return (None, None) if frame is None else (id(frame), frame.f_lasti)


def _owner(array):
    base = array.base
    return id(array) if base is None else id(base)


def _hold(owner):
    _holders[owner] = _holders.get(owner, 0) + 1


def _release(owner, leaked):
    left = _holders[owner] - 1
    if leaked:
        _leaked_owners.add(owner)
    if left:
        _holders[owner] = left
        return
    del _holders[owner]
    if _leaked_owners and owner in _leaked_owners:
        _leaked_owners.discard(owner)
        accounts.leaked_buffers += 1


def claim(tensor):
    """Count ``tensor``, which user code returned to tfjs_lab (the value of the ``f`` given to
    ``grad`` or ``minimize``), as created by the running tfjs_lab call, so that freeing it
    within that call is not a leak."""
    tensor._caller, tensor._call_site = _user_call(_frame(1))
    return tensor


def num_data_buffers():
    return len(_holders) + accounts.leaked_buffers


class Record(dict):
    """A dict that also reads by attribute, for TF.js's result objects: ``r['value']`` and
    ``r.value`` (``tf.valueAndGrad(f)(x).value``, ``tf.moments(x).variance``)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Awaitable:
    """Mixin for results of TF.js's async methods: ``await`` gives the object itself, so
    TF.js code written with ``await`` ports unchanged into a notebook cell."""
    __slots__ = ()

    def __await__(self):
        return self
        yield  # makes this a generator; never reached


class TypedArray(np.ndarray, Awaitable):
    """The flat values returned by ``data()`` and ``bytes()`` (a typed array in TF.js); an
    ordinary NumPy array that ``await`` also accepts."""


class _AwaitableList(list, Awaitable):
    pass


class _AwaitableFloat(float, Awaitable):
    pass


class _AwaitableInt(int, Awaitable):
    pass


def _awaitable(value):
    """``array()``'s result: nested lists, or a number for a scalar (TF.js gives 1/0 for bools)."""
    if isinstance(value, list):
        return _AwaitableList(value)
    return _AwaitableFloat(value) if isinstance(value, float) else _AwaitableInt(value)


class Tensor(CamelAliases, Awaitable):
    """An n-dimensional array of float32, int32 or bool values.

    >>> import tfjs_lab as tf
    >>> tf.tensor2d([[1, 2], [3, 4]]).square().print()
    Tensor
        [[1, 4 ],
         [9, 16]]
    """
    __slots__ = ('_data', '_node', '_owner', '_caller', '_call_site', 'id', '__weakref__')

    def __init__(self, data):
        self._data = data
        self._node = None
        self.id = next(_ids)
        # Where user code called tfjs_lab (the innermost frame outside the package), for __del__.
        frame = _frame(1)
        try:
            while _in_package[frame.f_code.co_filename]:
                frame = frame.f_back
            self._caller, self._call_site = id(frame), frame.f_lasti
        except (KeyError, AttributeError):  # a file not seen yet, or no frame outside the package
            self._caller, self._call_site = _user_call(frame)
        base = data.base  # _owner() and _hold(), inlined on this hot path
        owner = self._owner = id(data) if base is None else id(base)
        _holders[owner] = _holders.get(owner, 0) + 1
        accounts.tensors += 1
        accounts.bytes += data.nbytes
        scopes = _scopes.stack
        if scopes:
            scopes[-1].append(self)

    def __del__(self):
        try:
            data = self._data
            if type(data) is _Disposed:
                return
            # Dropped by user code without dispose(): TF.js would keep it, so it keeps counting.
            frame = _frame(1)
            if _is_package_file(frame.f_code.co_filename) or \
                    (id(frame) == self._caller and frame.f_lasti == self._call_site):
                accounts.tensors -= 1
                accounts.bytes -= data.nbytes
                _release(self._owner, False)
            else:
                _release(self._owner, True)
        except (AttributeError, TypeError, ValueError, KeyError):  # __init__ failed early, or exiting
            pass

    # --- metadata -------------------------------------------------------------------
    @property
    def shape(self):
        return list(self._data.shape)

    @property
    def dtype(self):
        return dtypes.dtype_name(self._data.dtype)

    @property
    def rank(self):
        return self._data.ndim

    @property
    def size(self):
        return int(self._data.size)

    @property
    def is_disposed(self):
        return type(self._data) is _Disposed

    def throw_if_disposed(self):
        """Raise ``DisposedError`` if the tensor was disposed."""
        if type(self._data) is _Disposed:
            raise DisposedError('Tensor is disposed.')

    # --- values ---------------------------------------------------------------------
    def array_sync(self):
        """Values as nested Python lists (TF.js ``arraySync``)."""
        return self._data.tolist()

    def array(self):
        """Values as nested Python lists (TF.js ``array``; ``await`` is optional)."""
        return _awaitable(self._data.tolist())

    def data_sync(self):
        """A flat copy of the values (TF.js ``dataSync``, a typed array there)."""
        return self._data.reshape(-1).copy()

    def data(self):
        """A flat copy of the values (TF.js ``data``; ``await`` is optional)."""
        return self.data_sync().view(TypedArray)

    def bytes(self):
        """The values' bytes in memory order, as uint8 (TF.js ``bytes``; ``await`` is optional).

        >>> import tfjs_lab as tf
        >>> tf.tensor1d([1, -1], 'int32').bytes().tolist()
        [1, 0, 0, 0, 255, 255, 255, 255]
        """
        return self._data.reshape(-1).view(np.uint8).copy().view(TypedArray)

    def buffer_sync(self):
        """A ``TensorBuffer`` holding a copy of the values, to read or set element-wise."""
        return TensorBuffer(self.shape, self.dtype, self._data.reshape(-1))

    def buffer(self):
        """Like ``buffer_sync`` (TF.js ``buffer``; ``await`` is optional)."""
        return self.buffer_sync()

    def numpy(self):
        """A copy of the values as a NumPy array of this tensor's shape."""
        return self._data.copy()

    def __array__(self, dtype=None, copy=None):
        self.throw_if_disposed()
        return self._data if dtype is None else self._data.astype(dtype)

    def to_string(self, verbose=False):
        """The values as TF.js prints them; ``verbose`` adds dtype, rank and shape."""
        return tensor_to_string(self._data.reshape(-1).tolist(), self.shape, self.dtype, verbose)

    def print(self, verbose=False):
        """Print the values as TF.js's ``print()`` does."""
        print(self.to_string(verbose))

    def __repr__(self):
        return self.to_string()

    __str__ = __repr__

    def __len__(self):
        if self.rank == 0:
            raise TypeError('len() of a scalar tensor')
        return self._data.shape[0]

    def __iter__(self):
        if self.rank == 0:
            raise TypeError('iteration over a scalar tensor')
        return (self[i] for i in range(len(self)))

    def __float__(self):
        return float(self._data)

    def __int__(self):
        return int(self._data)

    def __bool__(self):
        if self._data.size != 1:
            raise ValueError(f'The truth value of a tensor of shape {self.shape} is ambiguous; '
                             'use .any() or .all()')
        return bool(self._data)

    def __format__(self, spec):
        return format(self._data.item(), spec) if self._data.size == 1 and spec else str(self)

    # --- shape and dtype views (TF.js's chained helpers over reshape and cast) --------
    def as_scalar(self):
        """The single value as a rank-0 tensor."""
        self.throw_if_disposed()
        if self.size != 1:
            raise ValueError('The array must have only 1 element.')
        return self.reshape([])

    def as1d(self):
        """The values as a rank-1 tensor."""
        return self.reshape([self.size])

    def as2d(self, rows, columns):
        return self.reshape([rows, columns])

    def as3d(self, rows, columns, depth):
        return self.reshape([rows, columns, depth])

    def as4d(self, rows, columns, depth, depth2):
        return self.reshape([rows, columns, depth, depth2])

    def as5d(self, rows, columns, depth, depth2, depth3):
        return self.reshape([rows, columns, depth, depth2, depth3])

    as1D, as2D, as3D, as4D, as5D = as1d, as2d, as3d, as4d, as5d  # TF.js capitalises the D

    def reshape_as(self, x):
        """The values in the shape of tensor ``x``."""
        return self.reshape(x.shape)

    def as_type(self, dtype):
        """The values cast to ``dtype`` (TF.js ``asType``, the same as ``cast``)."""
        return self.cast(dtype)

    def to_float(self):
        return self.cast('float32')

    def to_int(self):
        return self.cast('int32')

    def to_bool(self):
        return self.cast('bool')

    # --- life cycle -----------------------------------------------------------------
    def dispose(self):
        """Free the values; using the tensor afterwards raises ``DisposedError``."""
        data = self._data
        if type(data) is not _Disposed:
            accounts.tensors -= 1
            accounts.bytes -= data.nbytes
            _release(self._owner, leaked=False)
            self._data = _Disposed(data)  # the tape node stays: a tidy inside grad() disposes
                                          # forward tensors before the backward pass walks them


class Variable(Tensor):
    """A mutable tensor: the weights of models and the targets of optimizers.

    >>> import tfjs_lab as tf
    >>> v = tf.variable(tf.tensor1d([1, 2]))
    >>> v.assign(tf.tensor1d([3, 4])); v.print()
    Tensor
        [3, 4]
    """
    __slots__ = ('name', 'trainable', '_value')
    _names = itertools.count()
    registry = weakref.WeakValueDictionary()  # live variables by name, as TF.js's engine keeps them

    def __init__(self, data, trainable=True, name=None):
        if name is None:
            name = str(next(Variable._names))
        elif name in Variable.registry:
            raise ValueError(f'Variable with name {name} was already registered')
        super().__init__(data)
        self.trainable = bool(trainable)
        self.name = name
        Variable.registry[name] = self

    @property
    def _data(self):
        return self._value

    @_data.setter
    def _data(self, array):
        # Optimizers and set_weights replace a variable's array; the accounting follows.
        previous = getattr(self, '_value', None)
        self._value = array
        if previous is not None and type(previous) is not _Disposed and type(array) is not _Disposed:
            _release(self._owner, leaked=False)
            self._owner = _owner(array)
            _hold(self._owner)
            accounts.bytes += array.nbytes - previous.nbytes

    @staticmethod
    def unique_name(base):
        """``base``, or ``base_1``, ``base_2``... if a live variable already has that name."""
        name, i = base, 0
        while name in Variable.registry:
            i += 1
            name = f'{base}_{i}'
        return name

    def assign(self, new_value):
        """Replace the values; dtype and shape must match, as in TF.js.

        >>> import tfjs_lab as tf
        >>> tf.variable(tf.zeros([3])).assign(tf.zeros([2]))
        Traceback (most recent call last):
        ...
        ValueError: shape of the new value (2) and previous value (3) must match
        """
        self.throw_if_disposed()
        from .convert import to_array
        new = to_array(new_value, name='newValue')
        if new.dtype != self._data.dtype:
            raise ValueError(f'dtype of the new value ({dtypes.dtype_name(new.dtype)}) and previous value '
                             f'({self.dtype}) must match')
        if new.shape != self._data.shape:
            raise ValueError(f"shape of the new value ({','.join(map(str, new.shape))}) and previous value "
                             f"({','.join(map(str, self._data.shape))}) must match")
        self._data = new.copy()


class TensorBuffer(CamelAliases, Awaitable):
    """A mutable flat array with a shape, filled element by element and then turned into a
    tensor (TF.js's ``tf.buffer`` and ``tensor.bufferSync()``).

    >>> import tfjs_lab as tf
    >>> b = tf.buffer([2, 2])
    >>> b.set(3, 0, 1)
    >>> b.get(0, 1), b.values.tolist()
    (3.0, [0.0, 3.0, 0.0, 0.0])
    >>> b.to_tensor().print()
    Tensor
        [[0, 3],
         [0, 0]]
    """

    def __init__(self, shape, dtype='float32', values=None):
        self.shape = [int(d) for d in shape]
        self.dtype = dtype
        self.size = int(np.prod(self.shape))
        np_dtype = dtypes.numpy_dtype(dtype)
        if values is None:
            self.values = np.zeros(self.size, np_dtype)
        else:
            self.values = np.array(values, np_dtype).reshape(-1)
            if self.values.size != self.size:
                raise ValueError(f"Length of values '{self.values.size}' does not match the size inferred by "
                                 f"the shape '{self.size}'.")
        # TF.js's strides: elements per step of each dimension but the last.
        self.strides = [int(np.prod(self.shape[i + 1:])) for i in range(len(self.shape) - 1)]

    @property
    def rank(self):
        return len(self.shape)

    def loc_to_index(self, locs):
        """The flat index of the element at coordinates ``locs``."""
        if len(locs) != self.rank:
            raise ValueError(f'The number of provided coordinates ({len(locs)}) must match the rank ({self.rank})')
        for loc, n in zip(locs, self.shape):
            if not 0 <= loc < n:
                raise IndexError(f"Requested out of range element at {','.join(map(str, locs))}.   "
                                 f"Buffer shape={','.join(map(str, self.shape))}")
        return int(sum(int(loc) * stride for loc, stride in zip(locs, self.strides + [1])))

    def index_to_loc(self, index):
        """The coordinates of the element at flat ``index``."""
        return [int(i) for i in np.unravel_index(int(index), self.shape)] if self.rank else []

    def set(self, value, *locs):
        """Set the element at ``locs`` to ``value``."""
        self.values[self.loc_to_index(locs)] = value

    def get(self, *locs):
        """The element at ``locs``."""
        return self.values[self.loc_to_index(locs)].item()

    def to_tensor(self):
        """A tensor holding a copy of the values."""
        return Tensor(self.values.reshape(self.shape).copy())

    def __repr__(self):
        return f'TensorBuffer(shape={self.shape}, dtype={self.dtype!r})'
