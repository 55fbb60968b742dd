"""Turning fit/evaluate/predict arguments into checked float32 arrays and batches."""
import numpy as np

from ..core.convert import to_array
from ..core.tensor import Tensor
from .base_layer import shape_str


def as_float_array(values, what):
    """A float32 ndarray from a tensor, an array or nested lists (no copy for float32 tensors)."""
    if isinstance(values, (list, tuple)) and values and isinstance(values[0], Tensor) and len(values) == 1:
        values = values[0]
    try:
        array = to_array(values, name=what)
    except (TypeError, ValueError) as err:
        raise type(err)(f'{what}: {err}') from None
    return array if array.dtype == np.float32 else array.astype(np.float32)


def check_shape(array, expected, what, name):
    """TF.js's "Error when checking input: expected X to have shape ..." checks."""
    if array.ndim != len(expected):
        raise ValueError(f'Error when checking {what}: expected {name} to have {len(expected)} dimension(s), '
                         f'but got array with shape {shape_str(array.shape)}')
    for want, got in zip(expected[1:], array.shape[1:]):
        if want is not None and want != got:
            raise ValueError(f'Error when checking {what}: expected {name} to have shape '
                             f'{shape_str(expected)} but got array with shape {shape_str(array.shape)}')


def check_sample_counts(x, y):
    if x.shape[0] != y.shape[0]:
        raise ValueError(f'Input Tensors should have the same number of samples as target Tensors. '
                         f'Found {x.shape[0]} input sample(s) and {y.shape[0]} target sample(s).')


def batch_bounds(num_samples, batch_size):
    """[(start, end), ...] covering ``num_samples`` in batches, the last one possibly smaller."""
    return [(start, min(start + batch_size, num_samples)) for start in range(0, num_samples, batch_size)]


def check_batch_size(batch_size):
    if not isinstance(batch_size, (int, np.integer)) or batch_size <= 0:
        raise ValueError(f'batchSize is required to be a positive integer, but got {batch_size!r}')
    return int(batch_size)
