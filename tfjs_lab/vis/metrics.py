"""``tf.vis.metrics``: tfjs-vis's evaluation helpers, with its semantics (``util/math.ts`` of
tfjs-vis 1.5): labels and predictions are class ids from 0; ``num_classes`` defaults to the
largest id in either plus one. They take tensors, arrays or lists and return plain Python
values (tfjs-vis returns promises of the same values).

Where tfjs-vis would index outside its matrix (an id beyond ``num_classes``, a negative id)
these raise a ValueError instead.
"""
import numpy as np

from .._naming import add_camel_aliases


def _values(x, name):
    data = getattr(x, '_data', None)
    array = np.asarray(data if data is not None else x)
    if array.dtype == object or not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise TypeError(f'{name} must be a tensor or an array of numbers; received {type(x).__name__}')
    return array


def _class_ids(labels, predictions, num_classes):
    """(labels, predictions) as int arrays checked as tfjs-vis checks them, and num_classes."""
    labels, predictions = _values(labels, 'labels'), _values(predictions, 'predictions')
    if labels.ndim != 1:
        raise ValueError(f'labels must be a 1D tensor; received shape {list(labels.shape)}')
    if predictions.ndim != 1:
        raise ValueError(f'predictions must be a 1D tensor; received shape {list(predictions.shape)}')
    if labels.size != predictions.size:
        raise ValueError(f'labels and predictions must be the same length; received {labels.size} and '
                         f'{predictions.size}')
    labels, predictions = labels.astype(np.int64), predictions.astype(np.int64)  # tfjs-vis casts to int32
    if num_classes is None:
        num_classes = int(max(labels.max(initial=-1), predictions.max(initial=-1))) + 1
    elif not isinstance(num_classes, (int, np.integer)) or isinstance(num_classes, bool) or num_classes < 1:
        raise ValueError(f'numClasses must be a positive integer; received {num_classes!r}')
    ids = np.concatenate([labels, predictions])
    if ids.size and (ids.min() < 0 or ids.max() >= num_classes):
        raise ValueError(f'class ids must be in [0, {num_classes - 1}] (numClasses {num_classes}); '
                         f'received {int(ids.min())} to {int(ids.max())}')
    return labels, predictions, int(num_classes)


def accuracy(labels, predictions):
    """The share of positions where ``labels`` equals ``predictions`` (any shape, both equal).

    >>> import tfjs_lab as tf
    >>> tf.vis.metrics.accuracy(tf.tensor1d([0, 0, 1, 2, 2, 2]), tf.tensor1d([0, 0, 0, 2, 1, 1]))
    0.5
    """
    labels, predictions = _values(labels, 'labels'), _values(predictions, 'predictions')
    if labels.shape != predictions.shape:
        shape = lambda s: ','.join(map(str, s))  # noqa: E731 (JS's array-to-string, as in the message)
        raise ValueError(f'Error computing accuracy. Shapes {shape(labels.shape)} and '
                         f'{shape(predictions.shape)} must match')
    return float(np.float32(np.mean(labels == predictions))) if labels.size else float('nan')


def confusion_matrix(labels, predictions, num_classes=None, weights=None):
    """``matrix[label][prediction]``: how many samples of each class went to each prediction
    (or the sum of their ``weights``).

    >>> import tfjs_lab as tf
    >>> tf.vis.metrics.confusionMatrix(tf.tensor1d([1, 2, 4]), tf.tensor1d([2, 2, 4]))
    [[0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 1]]
    """
    labels, predictions, num_classes = _class_ids(labels, predictions, num_classes)
    if weights is None:
        matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
        np.add.at(matrix, (labels, predictions), 1)
    else:
        weights = _values(weights, 'weights').astype(np.float64).reshape(-1)
        if weights.size != labels.size:
            raise ValueError(f'weights must have one value per prediction; received {weights.size} for '
                             f'{labels.size} predictions')
        matrix = np.zeros((num_classes, num_classes))
        np.add.at(matrix, (labels, predictions), weights)
    return matrix.tolist()


def per_class_accuracy(labels, predictions, num_classes=None):
    """``[{'accuracy': ..., 'count': ...}]`` per class: the share of that class's samples
    predicted right, and their number (accuracy 0 for a class without samples).

    >>> import tfjs_lab as tf
    >>> tf.vis.metrics.per_class_accuracy([0, 0, 1, 2, 2, 2], [0, 0, 0, 2, 1, 1])
    [{'count': 2, 'accuracy': 1.0}, {'count': 1, 'accuracy': 0.0}, {'count': 3, 'accuracy': 0.3333333333333333}]
    """
    labels, predictions, num_classes = _class_ids(labels, predictions, num_classes)
    counts = np.bincount(labels, minlength=num_classes)
    right = np.bincount(labels[labels == predictions], minlength=num_classes)
    return [{'count': int(c), 'accuracy': float(r / c) if c else 0.0} for c, r in zip(counts, right)]


add_camel_aliases(globals())
