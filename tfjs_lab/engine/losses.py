"""Loss functions of the Layers API, per sample (reduced over the last axis) exactly as
tfjs-layers computes them; ``compile`` takes their TF.js or snake_case names. (``tf.losses``
is tfjs-core's other family: weighted and reduced, in ``tfjs_lab/losses.py``.)"""
from .. import ops
from .._naming import add_camel_aliases, to_camel, to_snake
from ..losses import sigmoid_cross_entropy_with_logits

EPSILON = 1e-7  # tfjs-layers' backend epsilon()


def mean_squared_error(y_true, y_pred):
    """mean((y_pred - y_true)^2) over the last axis.

    >>> import tfjs_lab as tf
    >>> from tfjs_lab.engine import losses
    >>> losses.mean_squared_error(tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 1]])).print()
    Tensor
        [0.5]
    """
    return ops.mean(ops.square(ops.sub(y_pred, y_true)), -1)


def mean_absolute_error(y_true, y_pred):
    return ops.mean(ops.abs(ops.sub(y_pred, y_true)), -1)


def binary_crossentropy(y_true, y_pred):
    """Cross-entropy of probabilities ``y_pred`` against 0/1 targets, as tfjs-layers: clip,
    convert to logits, then the stable logits formula."""
    y = ops.clip_by_value(y_pred, EPSILON, 1 - EPSILON)
    logits = ops.log(ops.div(y, ops.sub(1, y)))
    return ops.mean(sigmoid_cross_entropy_with_logits(ops.cast(y_true, 'float32'), logits), -1)


def categorical_crossentropy(y_true, y_pred):
    """Cross-entropy of class probabilities against one-hot targets."""
    last = y_pred.rank - 1
    output = ops.div(y_pred, ops.sum(y_pred, last, True))
    output = ops.clip_by_value(output, EPSILON, 1 - EPSILON)
    return ops.neg(ops.sum(ops.mul(ops.cast(y_true, 'float32'), ops.log(output)), last))


def sparse_categorical_crossentropy(y_true, y_pred):
    """Cross-entropy of class probabilities against integer class ids."""
    num_classes = y_pred.shape[-1]
    ids = ops.cast(ops.floor(ops.flatten(y_true)), 'int32')._data
    if ids.size and (ids.min() < 0 or ids.max() >= num_classes):
        raise ValueError(f'sparseCategoricalCrossentropy: labels must be class ids in [0, {num_classes}); '
                         f'received values from {ids.min()} to {ids.max()}')
    import numpy as np
    one_hot = np.eye(num_classes, dtype=np.float32)[ids].reshape(y_pred.shape)
    return categorical_crossentropy(ops.tensor(one_hot), y_pred)


_BY_NAME = {f.__name__: f for f in (mean_squared_error, mean_absolute_error, binary_crossentropy,
                                     categorical_crossentropy, sparse_categorical_crossentropy)}
_SHORT_NAMES = {'mse': mean_squared_error, 'mae': mean_absolute_error}


def get(identifier):
    """A loss function from a TF.js name (``'binaryCrossentropy'``), a snake_case name or a
    function ``(y_true, y_pred) -> per-sample losses``."""
    if callable(identifier):
        return identifier
    if isinstance(identifier, str):
        fn = _BY_NAME.get(to_snake(identifier)) or _SHORT_NAMES.get(identifier)
        if fn is not None:
            return fn
        raise ValueError(f'Unknown loss {identifier!r}. Known losses: '
                         f'{", ".join(to_camel(n) for n in _BY_NAME)}')
    raise TypeError(f'loss must be a name or a function; received {type(identifier).__name__}')


def serialize(loss):
    """The name model.json stores for a loss (TF.js's camelCase name)."""
    return to_camel(loss.__name__)


add_camel_aliases(globals())
