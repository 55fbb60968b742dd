"""Turning user values (tensors, numbers, nested lists, NumPy arrays) into tensors."""
import numbers

import numpy as np

from . import dtypes
from .tensor import Tensor


def to_array(values, dtype=None, name='values'):
    """An ndarray of a TF.js dtype. Python numbers become float32 as JS numbers do in TF.js;
    NumPy floats become float32 and integers int32."""
    if isinstance(values, Tensor):
        array = values._data
    elif isinstance(values, np.ndarray):
        array = dtypes.canonical_array(values)
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
    try:
        array = np.asarray(values)
    except ValueError:
        raise ValueError(f'{name} is ragged: every nested list must have the same length '
                         f'at each depth (received {_preview(values)})') from None
    if array.dtype == object:
        raise ValueError(f'{name} must be numbers or booleans in nested lists of equal length; '
                         f'received {_preview(values)}')
    if array.dtype.kind in 'iuf':
        return array.astype(np.float32)
    return dtypes.canonical_array(array)


def _preview(values):
    text = repr(values)
    return text if len(text) < 80 else text[:77] + '...'


def as_tensor(x, name='x', dtype=None):
    """``x`` itself if it is a tensor, else a new tensor of its values."""
    if isinstance(x, Tensor) and (dtype is None or x.dtype == dtype):
        return x
    return Tensor(to_array(x, dtype, name))
