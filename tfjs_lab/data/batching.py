"""Batching dataset elements, as TF.js's ``deepBatchConcat``: elements of the same structure
become one element of that structure whose leaves are tensors with a leading batch axis.

Numbers and (nested) lists of numbers become float32 tensors (booleans bool), tensors are
stacked keeping their dtype, NumPy arrays follow tfjs_lab's dtype rules. Dicts recurse by key.
A list is data, as in TF.js, unless it holds dicts (which TF.js cannot batch), and a tuple is
structure: ``(xs, ys)`` pairs from a Python generator batch into ``[xs_batch, ys_batch]``.
Where TF.js would build a tensor of the wrong size from ragged rows, this raises.
"""
import numpy as np

from ..core import dtypes
from ..core.tensor import Tensor


def batch_elements(rows, path=''):
    """One batched element from a list of same-structured elements."""
    first = rows[0]
    if isinstance(first, dict):
        return {key: batch_elements(column, f'{path}[{key!r}]') for key, column in _columns_by_key(rows, path).items()}
    if isinstance(first, tuple) or (isinstance(first, list) and any(isinstance(v, dict) for v in first)):
        return [batch_elements([row[i] for row in rows], f'{path}[{i}]') for i in range(_same_length(rows, path))]
    if isinstance(first, Tensor):
        array = _array([_tensor_data(t, path) for t in rows], path)
        if array.dtype != first._data.dtype:
            raise TypeError(f'Cannot batch {_where(path)}: tensors of different dtypes '
                            f"({', '.join(sorted({t.dtype for t in rows}))}); cast them to one first")
        return Tensor(array)
    if isinstance(first, np.ndarray):
        return Tensor(dtypes.canonical_array(_array(rows, path)))
    return Tensor(_numbers(rows, path))


def _array(rows, path):
    """One array of same-shaped rows (np.asarray is several times faster than np.stack on
    a batch of small rows)."""
    try:
        array = np.asarray(rows)
    except ValueError:
        array = None  # ragged
    if array is None or array.dtype == object:
        _raise_mismatch(rows, path)
    return array


def _numbers(rows, path):
    array = _array(rows, path)
    kind = array.dtype.kind
    if kind in 'iuf':
        return array.astype(np.float32)  # JS numbers: every number is float32 in a TF.js tensor
    if kind == 'b':
        return array
    raise TypeError(f'Cannot batch {_where(path)}: tfjs_lab tensors hold numbers and booleans, received '
                    f'{_preview(rows[0])}. Map such values to numbers first (dataset.map).')


def _tensor_data(value, path):
    if not isinstance(value, Tensor):
        raise TypeError(f'Elements in a batch must have the same structure; {_where(path)} is a tensor in the '
                        f'first element but {type(value).__name__} in another')
    return value._data


def _raise_mismatch(rows, path):
    shapes = [_shape(row) for row in rows]
    for index, shape in enumerate(shapes):
        if rows[index] is None:
            raise ValueError(f'Cannot batch {_where(path)}: element {index} has no value (None), as an empty CSV '
                             "field gives; set a 'default' for the column in columnConfigs")
        if shape is None:
            raise ValueError(f'Cannot batch {_where(path)}: element {index} is ragged or mixes types '
                             f'({_preview(rows[index])})')
        if shape != shapes[0]:
            raise ValueError(f'Elements in a batch must have the same shape; {_where(path)} has shape {shapes[0]} '
                             f'in the first element of the batch but {shape} in element {index}')
    raise TypeError(f'Cannot batch {_where(path)}: values must be numbers, booleans, lists of them, NumPy arrays '
                    f'or tensors; received {_preview(rows[0])}')


def _shape(value):
    if isinstance(value, (Tensor, np.ndarray)):
        return list(value.shape)
    try:
        array = np.asarray(value)
    except ValueError:
        return None
    return None if array.dtype == object else list(array.shape)


def _columns_by_key(rows, path):
    """``{key: [that key's value in each row]}``; every row must have the first one's keys."""
    keys = list(rows[0])
    try:
        columns = {key: [row[key] for row in rows] for key in keys}
        # every row has every key, so equal totals mean no row has more: the same keys
        same = sum(map(len, rows)) == len(keys) * len(rows)
    except (KeyError, TypeError, IndexError):
        same = False
    if not same:
        index, row = next((i, r) for i, r in enumerate(rows)
                          if not isinstance(r, dict) or sorted(r) != sorted(keys))
        received = sorted(row) if isinstance(row, dict) else type(row).__name__
        raise ValueError(f'Elements in a batch must have the same keys; {_where(path)} has keys {sorted(keys)} '
                         f'in the first element of the batch but {received} in element {index}')
    return columns


def _same_length(rows, path):
    length = len(rows[0])
    for index, row in enumerate(rows):
        if not isinstance(row, (list, tuple)) or len(row) != length:
            received = f'{len(row)} items' if isinstance(row, (list, tuple)) else type(row).__name__
            raise ValueError(f'Elements in a batch must have the same structure; {_where(path)} has {length} items '
                             f'in the first element of the batch but {received} in element {index}')
    return length


def _where(path):
    return f'element{path}' if path else 'the elements'


def _preview(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + '...'
