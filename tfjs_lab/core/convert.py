"""Turning user values (tensors, numbers, nested lists, NumPy arrays) into tensors."""
import numbers

import numpy as np

from . import dtypes
from .tensor import Tensor


def to_array(values, dtype=None, name='values'):
    """An ndarray of a TF.js dtype. Python numbers become float32 as JS numbers do in TF.js;
    NumPy floats become float32 and NumPy integers int32; ``dtype`` converts as TF.js does
    (float to int32 truncates, nonzero to bool is true)."""
    if isinstance(values, Tensor):
        array = values._data
    elif isinstance(values, (np.ndarray, np.generic)):
        array = dtypes.canonical_array(np.asarray(values))
    elif isinstance(values, (bool, np.bool_)):
        array = np.asarray(values, dtype=np.bool_)
    elif isinstance(values, numbers.Number) and not isinstance(values, complex):
        array = np.asarray(values, dtype=np.float32)
    else:
        array = _nested_to_array(values, name)
    if dtype is not None:
        array = array.astype(dtypes.numpy_dtype(dtype), copy=False)
    return array


def _nested_to_array(values, name):
    if not isinstance(values, (list, tuple)):
        raise TypeError(f'{name} must be a number, a boolean, a (nested) list of them, a NumPy array or '
                        f'a tensor; received {type(values).__name__}')
    try:
        array = np.asarray(values)
    except ValueError:
        raise ValueError(f'{name} {_ragged(values, name)}; every nested list must have the same length '
                         f'at each depth (received {_preview(values)})') from None
    if array.dtype == object:
        raise TypeError(f'{name} must be numbers or booleans in nested lists; received {_preview(values)}')
    if array.dtype.kind in 'iuf':
        return array.astype(np.float32)
    return dtypes.canonical_array(array)


def _ragged(values, name):
    """Where nested lists stop matching the shape their first elements imply."""
    shape, first = [], values
    while isinstance(first, (list, tuple)):
        shape.append(len(first))
        first = first[0] if first else None

    def mismatch(v, depth, path):
        is_list = isinstance(v, (list, tuple))
        if depth == len(shape):
            return f'are ragged: {name}{path} is a list where a number was expected' if is_list else None
        if not is_list or len(v) != shape[depth]:
            found = len(v) if is_list else 'a number'
            return f'are ragged: {name}{path} should have {shape[depth]} elements, but has {found}'
        return next((m for i, e in enumerate(v) if (m := mismatch(e, depth + 1, f'{path}[{i}]'))), None)
    return mismatch(values, 0, '') or 'are ragged'


def _preview(values):
    text = repr(values)
    return text if len(text) < 80 else text[:77] + '...'


def as_tensor(x, name='x', dtype=None):
    """``x`` itself if it is a tensor, else a new tensor of its values."""
    if isinstance(x, Tensor) and (dtype is None or x.dtype == dtype):
        return x
    return Tensor(to_array(x, dtype, name))
