"""Loss functions of the Layers API, per sample (reduced over the last axis) exactly as
tfjs-layers computes them; ``compile`` takes their TF.js or snake_case names. (``tf.losses``
is tfjs-core's other family: weighted and reduced, in ``tfjs_lab/losses.py``.)"""
import math

import numpy as np

from .. import ops
from ..core.tensor import Tensor
from ..ops import fused
from ..core.format import shape_str
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


_FLOAT_MAX = 3.4028234663852886e38  # JS's Number.MAX_VALUE, clipped to float32 range


def mean_absolute_percentage_error(y_true, y_pred):
    clipped_true = ops.clip_by_value(ops.abs(y_true), EPSILON, _FLOAT_MAX)
    return ops.mul(100, ops.mean(ops.abs(ops.div(ops.sub(y_true, y_pred), clipped_true)), -1))


def mean_squared_logarithmic_error(y_true, y_pred):
    first = ops.log(ops.add(1, ops.clip_by_value(y_pred, EPSILON, _FLOAT_MAX)))
    second = ops.log(ops.add(1, ops.clip_by_value(y_true, EPSILON, _FLOAT_MAX)))
    return ops.mean(ops.square(ops.sub(first, second)), -1)


def squared_hinge(y_true, y_pred):
    return ops.mean(ops.square(ops.maximum(0, ops.sub(1, ops.mul(y_true, y_pred)))), -1)


def hinge(y_true, y_pred):
    return ops.mean(ops.maximum(0, ops.sub(1, ops.mul(y_true, y_pred))), -1)


def categorical_hinge(y_true, y_pred):
    positive = ops.sum(ops.mul(y_true, y_pred), -1)
    negative = ops.max(ops.mul(ops.sub(1, y_true), y_pred), -1)
    return ops.maximum(0, ops.add(1, ops.sub(negative, positive)))


def logcosh(y_true, y_pred):
    diff = ops.sub(y_pred, y_true)
    return ops.mean(ops.sub(ops.add(diff, ops.softplus(ops.mul(-2, diff))), math.log(2)), -1)


def _fusable(y_true, y_pred):
    """Whether the fused cross-entropy primitives apply: float32 tensors of one shape."""
    return (isinstance(y_pred, Tensor) and isinstance(y_true, Tensor) and y_pred._data.dtype == np.float32
            and y_pred._data.ndim and y_true._data.shape == y_pred._data.shape)


def binary_crossentropy(y_true, y_pred):
    """Cross-entropy of probabilities ``y_pred`` against 0/1 targets, as tfjs-layers: clip,
    convert to logits, then the stable logits formula."""
    if _fusable(y_true, y_pred):
        return fused.binary_crossentropy(ops.cast(y_true, 'float32'), y_pred, EPSILON)  # same values, one node
    y = ops.clip_by_value(y_pred, EPSILON, 1 - EPSILON)
    logits = ops.log(ops.div(y, ops.sub(1, y)))
    return ops.mean(sigmoid_cross_entropy_with_logits(ops.cast(y_true, 'float32'), logits), -1)


def categorical_crossentropy(y_true, y_pred):
    """Cross-entropy of class probabilities against one-hot targets."""
    if _fusable(y_true, y_pred):
        return fused.categorical_crossentropy(ops.cast(y_true, 'float32'), y_pred, EPSILON)  # same values, one node
    last = y_pred.rank - 1
    output = ops.div(y_pred, ops.sum(y_pred, last, True))
    output = ops.clip_by_value(output, EPSILON, 1 - EPSILON)
    return ops.neg(ops.sum(ops.mul(ops.cast(y_true, 'float32'), ops.log(output)), last))


def sparse_categorical_crossentropy(y_true, y_pred):
    """Cross-entropy of class probabilities against integer class ids."""
    num_classes = y_pred.shape[-1]
    if y_true.size * num_classes != y_pred.size:
        raise ValueError(f'sparseCategoricalCrossentropy takes integer class ids, one per sample (shape '
                         f'{shape_str(y_pred.shape[:-1])} or {shape_str(y_pred.shape[:-1] + [1])}); received targets of '
                         f'shape {shape_str(y_true.shape)}. For one-hot targets use categoricalCrossentropy.')
    ids = ops.cast(ops.floor(ops.flatten(y_true)), 'int32')._data
    if ids.size and (ids.min() < 0 or ids.max() >= num_classes):
        raise ValueError(f'sparseCategoricalCrossentropy: labels must be class ids in [0, {num_classes}); '
                         f'received values from {ids.min()} to {ids.max()}')
    one_hot = np.eye(num_classes, dtype=np.float32)[ids].reshape(y_pred.shape)
    return categorical_crossentropy(ops.tensor(one_hot), y_pred)


def kullback_leibler_divergence(y_true, y_pred):
    clipped_true = ops.clip_by_value(y_true, EPSILON, 1)
    clipped_pred = ops.clip_by_value(y_pred, EPSILON, 1)
    return ops.sum(ops.mul(y_true, ops.log(ops.div(clipped_true, clipped_pred))), -1)


def poisson(y_true, y_pred):
    return ops.mean(ops.sub(y_pred, ops.mul(y_true, ops.log(ops.add(EPSILON, y_pred)))), -1)


def l2_normalize(x, axis):
    square_sum = ops.sum(ops.square(ops.cast(x, 'float32')), axis, True)
    return ops.div(x, ops.sqrt(ops.maximum(square_sum, EPSILON)))


def cosine_proximity(y_true, y_pred):
    return ops.neg(ops.sum(ops.mul(l2_normalize(y_true, -1), l2_normalize(y_pred, -1)), -1))


def fused_form(loss):
    """``(primitive, attrs)`` computing ``loss`` per sample in one primitive from float32
    (y_true, y_pred) arrays of one shape, or None when it has no such form."""
    if loss is binary_crossentropy:
        return fused._binary_crossentropy, fused.clip_bounds(EPSILON)
    if loss is categorical_crossentropy:
        return fused._categorical_crossentropy, fused.clip_bounds(EPSILON)
    return None


# TF.js's lossesMap, in its order: the names compile() accepts (and model.json stores).
_BY_NAME = {f.__name__: f for f in (
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error, mean_squared_logarithmic_error,
    squared_hinge, hinge, categorical_hinge, logcosh, categorical_crossentropy, sparse_categorical_crossentropy,
    binary_crossentropy, kullback_leibler_divergence, poisson, cosine_proximity)}
_SHORT_NAMES = {'mse': mean_squared_error, 'mae': mean_absolute_error, 'mape': mean_absolute_percentage_error,
                'msle': mean_squared_logarithmic_error, 'kld': kullback_leibler_divergence,
                'cosine': cosine_proximity}
_SHORT_NAMES.update({k.upper(): v for k, v in _SHORT_NAMES.items()})


def get(identifier):
    """A loss function from a TF.js name (``'binaryCrossentropy'``), a snake_case name or a
    function ``(y_true, y_pred) -> per-sample losses``."""
    if callable(identifier):
        return identifier
    if isinstance(identifier, str):
        fn = _BY_NAME.get(to_snake(identifier)) or _SHORT_NAMES.get(identifier)
        if fn is not None:
            return fn
        hint = (' Use "categoricalCrossentropy" as the string name for tf.losses.softmaxCrossEntropy.'
                if 'softmaxcrossentropy' in identifier.lower() else '')
        raise ValueError(f'Unknown loss {identifier!r}.{hint} Known losses: '
                         f'{", ".join(to_camel(n) for n in _BY_NAME)}')
    raise TypeError(f'loss must be a name or a function; received {type(identifier).__name__}')


def name_of(loss):
    """The name TF.js gives a loss or metric function: its lossesMap key, else the function's name."""
    for name, fn in _BY_NAME.items():
        if fn is loss:
            return to_camel(name)
    return getattr(loss, '__name__', type(loss).__name__)


add_camel_aliases(globals())
