"""``Tensor`` and ``Variable``: immutable-looking values over a NumPy array.

A tensor holds its array in ``_data`` and, when it was produced by an op recorded on an
active gradient tape, the tape node in ``_node``. Ops are attached as methods by
``tfjs_lab.ops`` so that TF.js chaining (``x.square().mean()``) works.
"""
import itertools
import weakref

import numpy as np

from .._naming import CamelAliases
from ..errors import DisposedError
from . import dtypes
from .format import tensor_to_string

_ids = itertools.count()


class _Disposed:
    """Stands in for a disposed tensor's array: any use raises a clear error."""
    __slots__ = ()

    def __array__(self, *args, **kwargs):
        raise DisposedError('Tensor is disposed.')

    def __getattr__(self, name):
        if name.startswith('__'):  # protocol probes (copy, doctest, inspect) get the usual answer
            raise AttributeError(name)
        raise DisposedError('Tensor is disposed.')


_DISPOSED = _Disposed()
_scopes = []  # stack of lists of tensors created inside tf.tidy scopes (see core.memory)


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


class Tensor(CamelAliases):
    """An n-dimensional array of float32, int32 or bool values.

    >>> import tfjs_lab as tf
    >>> tf.tensor2d([[1, 2], [3, 4]]).square().print()
    Tensor
        [[1, 4 ],
         [9, 16]]
    """
    # No __del__ and no live counter: tf.memory() counts the live tensors when asked, so that
    # creating one (every op does) stays cheap.
    __slots__ = ('_data', '_node', 'id', '__weakref__')

    def __init__(self, data):
        self._data = data
        self._node = None
        self.id = next(_ids)
        if _scopes:
            _scopes[-1].append(self)

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

    def throw_if_disposed(self):
        """Raise the error a disposed tensor gives when used."""
        if self._data is _DISPOSED:
            raise DisposedError('Tensor is disposed.')

    @property
    def is_disposed(self):
        return self._data is _DISPOSED

    # --- values ---------------------------------------------------------------------
    def array_sync(self):
        """Values as nested Python lists (TF.js ``arraySync``)."""
        return self._data.tolist()

    def array(self):
        """Values as nested Python lists (TF.js ``array``; ``await`` is optional)."""
        return _AwaitableList(self._data.tolist())

    def data_sync(self):
        """A flat copy of the values (TF.js ``dataSync``, a typed array there)."""
        return self._data.reshape(-1).copy()

    def data(self):
        """A flat copy of the values (TF.js ``data``)."""
        return self.data_sync()

    def numpy(self):
        """A copy of the values as a NumPy array of this tensor's shape."""
        return self._data.copy()

    def __array__(self, dtype=None, copy=None):
        return self._data if dtype is None else self._data.astype(dtype)

    def to_string(self, verbose=False):
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

    # --- life cycle -----------------------------------------------------------------
    def dispose(self):
        """Free the values; using the tensor afterwards raises ``DisposedError``."""
        self._data = _DISPOSED
        self._node = None

    def clone(self):
        return Tensor(self._data.copy())


class _AwaitableList(list, Awaitable):
    pass


class Variable(Tensor):
    """A mutable tensor: the weights of models and the targets of optimizers.

    >>> import tfjs_lab as tf
    >>> v = tf.variable(tf.tensor1d([1, 2]))
    >>> v.assign(tf.tensor1d([3, 4])); v.print()
    Tensor
        [3, 4]
    """
    __slots__ = ('name', 'trainable')
    _names = itertools.count()
    registry = weakref.WeakValueDictionary()  # live variables by name, as TF.js's engine keeps them

    def __init__(self, data, trainable=True, name=None):
        super().__init__(data)
        self.trainable = bool(trainable)
        if name is None:
            name = str(next(Variable._names))
        elif name in Variable.registry:
            raise ValueError(f'Variable with name {name} was already registered')
        self.name = name
        Variable.registry[name] = self

    @staticmethod
    def unique_name(base):
        """``base``, or ``base_1``, ``base_2``... if a live variable already has that name."""
        name, i = base, 0
        while name in Variable.registry:
            i += 1
            name = f'{base}_{i}'
        return name

    def assign(self, new_value):
        """Replace the values; shape and dtype must match, as in TF.js."""
        new = np.asarray(new_value)
        if new.shape != self._data.shape:
            raise ValueError(f"shape of the new value [{','.join(map(str, new.shape))}] and previous "
                             f"value [{','.join(map(str, self._data.shape))}] must match")
        if dtypes.canonical_array(new).dtype != self._data.dtype:
            raise ValueError(f'dtype of the new value ({dtypes.dtype_name(dtypes.canonical_array(new).dtype)}) '
                             f'and previous value ({self.dtype}) must match')
        self._data = new.astype(self._data.dtype, copy=True)
