"""Turning fit/evaluate/predict arguments into checked arrays and batches, with TF.js's
error messages (and a hint of what to do where TF.js only says what is wrong)."""
import numpy as np

from ..core.convert import to_array
from ..core.format import shape_str
from ..core.tensor import Tensor
from . import losses

_ARRAY_TYPES = (Tensor, np.ndarray)


def as_array(values, what, dtype='float32'):
    """An ndarray of ``dtype`` from a tensor, an array or nested lists (no copy when it already is)."""
    try:
        array = to_array(values, name=what)
    except (TypeError, ValueError) as err:
        raise type(err)(f'{what}: {err}') from None
    return array if array.dtype == dtype else array.astype(dtype)


def _split(data, names, what):
    """One entry per name from one array, a list of arrays or a dict keyed by name."""
    if isinstance(data, dict):
        for name in names:
            if name not in data:
                raise ValueError(f'No data provided for "{name}". Need data for each key in: {names}')
        unknown = [k for k in data if k not in names]
        if unknown:
            raise ValueError(f'Unknown {what} name(s) {unknown} in the data dict; expected keys: {names}')
        return [data[name] for name in names]
    is_list_of_arrays = isinstance(data, (list, tuple)) and data and all(isinstance(d, _ARRAY_TYPES) for d in data)
    if is_list_of_arrays or (len(names) > 1 and isinstance(data, (list, tuple))):
        if len(data) != len(names):
            raise ValueError(f'Error when checking model {what}: the Array of Tensors that you are passing to '
                             f'your model is not the size the model expected. Expected to see {len(names)} '
                             f'Tensor(s), but instead got {len(data)} Tensor(s).')
        return list(data)
    if len(names) > 1:
        raise ValueError(f'Error when checking model {what}: the model has {len(names)} {what}s ({names}); pass '
                         f'a list of {len(names)} arrays or a dict keyed by {what} name, not a single '
                         f'{type(data).__name__}.')
    return [data]


def standardize_data(data, names, shapes, dtypes, what, sparse=None, check=True):
    """Arrays, one per model input (``what='input'``) or output (``'target'``), their shapes
    checked against ``shapes`` unless ``check`` is false."""
    arrays = []
    for index, (value, name, shape, dtype) in enumerate(zip(_split(data, names, what), names, shapes, dtypes)):
        array = as_array(value, 'x' if what == 'input' else 'y', 'int32' if dtype == 'int32' else 'float32')
        if sparse and sparse[index] and array.ndim == len(shape) - 1:
            array = array.reshape(array.shape + (1,))  # class ids as [batch] are accepted for [batch, 1]
        if check:
            check_shape(array, shape, what, name)
        arrays.append(array)
    return arrays


def check_shape(array, expected, what, name):
    """TF.js's "Error when checking input: expected X to have shape ..." checks."""
    if array.ndim != len(expected):
        hint = ''
        if what == 'target' and array.ndim + 1 == len(expected) and expected[-1] == 1:
            hint = f' (reshape the targets to {shape_str(list(array.shape) + [1])}, e.g. with y.reshape([-1, 1]))'
        raise ValueError(f'Error when checking {what}: expected {name} to have {len(expected)} dimension(s), '
                         f'but got array with shape {shape_str(array.shape)}{hint}')
    check_shape_compatible(list(array.shape), expected, what, name)


def check_shape_compatible(shape, expected, what, name):
    if len(shape) != len(expected):
        raise ValueError(f'Error when checking {what}: expected {name} to have {len(expected)} dimension(s), '
                         f'but got array with shape {shape_str(shape)}')
    for want, got in zip(expected[1:], shape[1:]):
        if want is not None and got is not None and want != got:
            raise ValueError(f'Error when checking {what}: expected {name} to have shape '
                             f'{shape_str(expected)} but got array with shape {shape_str(shape)}')


def check_sample_counts(xs, ys):
    counts = {a.shape[0] for a in xs}
    if len(counts) > 1:
        raise ValueError('All input Tensors (x) should have the same number of samples. Got array shapes: '
                         f'{[shape_str(a.shape) for a in xs]}')
    targets = {a.shape[0] for a in ys}
    if len(targets) > 1:
        raise ValueError('All target Tensors (y) should have the same number of samples. Got array shapes: '
                         f'{[shape_str(a.shape) for a in ys]}')
    if counts != targets:
        raise ValueError(f'Input Tensors should have the same number of samples as target Tensors. '
                         f'Found {counts.pop()} input sample(s) and {targets.pop()} target sample(s).')


_SAME_SHAPE_LOSSES = (losses.binary_crossentropy, losses.categorical_crossentropy, losses.mean_squared_error)


def check_class_labels(ys, loss_fns, output_shapes, names):
    """Integer class labels given to categoricalCrossentropy: the commonest learner's mistake,
    reported with the two ways out (checked before the generic shape checks)."""
    for y, fn, shape, name in zip(ys, loss_fns, output_shapes, names):
        if fn is losses.categorical_crossentropy and y.shape[-1] == 1 and shape[-1] not in (1, None):
            raise ValueError(f'You are passing a target array of shape {shape_str(y.shape)} while using the loss '
                             f'categoricalCrossentropy, which expects one-hot targets of shape {shape_str(shape)} '
                             f'(output "{name}"). For integer class labels use the loss '
                             "'sparseCategoricalCrossentropy', or one-hot encode them with tf.oneHot(labels, "
                             f'{shape[-1]}).')


def check_loss_and_targets(ys, loss_fns, output_shapes):
    """TF.js's checkLossAndTargetCompatibility."""
    for y, fn, shape in zip(ys, loss_fns, output_shapes):
        if fn in _SAME_SHAPE_LOSSES:
            for want, got in zip(shape[1:], y.shape[1:]):
                if want is not None and want != got:
                    raise ValueError(f'A target Tensor with shape {shape_str(y.shape)} was passed for an output '
                                     f'of shape {shape_str(shape)}, while using a {losses.name_of(fn)} loss. This '
                                     'loss expects targets to have the same shape as the output.')


def class_weights_to_sample_weights(ys, class_weight, names):
    """Per-output sample weights (or None) from TF.js's ``classWeight``: a ``{class: weight}``
    dict (for a single output), or such dicts in a list / dict keyed by output name."""
    if class_weight is None:
        return None
    if len(names) == 1 and not (isinstance(class_weight, (list, tuple)) or names[0] in class_weight):
        per_output = [class_weight]
    elif isinstance(class_weight, dict):
        per_output = [class_weight.get(name) for name in names]
    else:
        per_output = list(class_weight)
    weights = []
    for y, table in zip(ys, per_output):
        if table is None:
            weights.append(None)
            continue
        classes = np.argmax(y, axis=-1) if y.ndim == 2 and y.shape[1] > 1 else np.round(y.reshape(y.shape[0], -1)[:, 0])
        table = {int(k): float(v) for k, v in table.items()}
        missing = sorted({int(c) for c in np.unique(classes)} - set(table))
        if missing:
            raise ValueError(f'classWeight must contain all classes in the training data. The class {missing[0]} '
                             f'exists in the data but not in classWeight {table}')
        weights.append(np.array([table[int(c)] for c in classes], np.float32))
    return weights


def batch_bounds(num_samples, batch_size):
    """[(start, end), ...] covering ``num_samples`` in batches, the last one possibly smaller."""
    return [(start, min(start + batch_size, num_samples)) for start in range(0, num_samples, batch_size)]


def check_batch_size(batch_size):
    if not isinstance(batch_size, (int, np.integer)) or isinstance(batch_size, bool) or batch_size <= 0:
        raise ValueError(f'batchSize is required to be a positive integer, but got {batch_size!r}')
    return int(batch_size)
