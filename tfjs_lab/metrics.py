"""Metrics (``tf.metrics``) and how ``compile`` resolves metric names, as tfjs-layers does:
``'accuracy'``/``'acc'`` (and ``'crossentropy'``/``'ce'``) become the binary, sparse-categorical or
categorical variant according to the loss and the output shape, logged as ``acc`` (``ce``)."""
from . import ops
from .engine import losses
from ._naming import add_camel_aliases, to_camel, to_snake


def binary_accuracy(y_true, y_pred):
    """Fraction of predictions on the right side of 0.5, per sample.

    >>> import tfjs_lab as tf
    >>> tf.metrics.binaryAccuracy(tf.tensor2d([[1], [0]]), tf.tensor2d([[0.9], [0.8]])).print()
    Tensor
        [1, 0]
    """
    predicted = ops.cast(ops.greater(y_pred, 0.5), y_true.dtype)
    return ops.mean(ops.cast(ops.equal(y_true, predicted), 'float32'), -1)


def categorical_accuracy(y_true, y_pred):
    """1 where the most probable class is the one-hot target's class."""
    return ops.cast(ops.equal(ops.arg_max(y_true, -1), ops.arg_max(y_pred, -1)), 'float32')


def sparse_categorical_accuracy(y_true, y_pred):
    """1 where the most probable class equals the integer target."""
    if y_true.rank == y_pred.rank:
        y_true = ops.squeeze(y_true, [y_true.rank - 1])
    predicted = ops.cast(ops.arg_max(y_pred, -1), y_true.dtype)
    return ops.cast(ops.equal(y_true, predicted), 'float32')


def _count(y_true, y_pred, true_value, pred_value):
    return ops.cast(ops.sum(ops.logical_and(ops.equal(y_true, true_value), ops.equal(y_pred, pred_value))), 'float32')


def _ratio(hits, misses):
    return ops.div_no_nan(hits, ops.add(hits, misses))  # TF.js: where(denominator > 0, hits / denominator, 0)


def precision(y_true, y_pred):
    """True positives over predicted positives, over the whole batch (0/1 values, as TF.js)."""
    return _ratio(_count(y_true, y_pred, 1, 1), _count(y_true, y_pred, 0, 1))


def recall(y_true, y_pred):
    """True positives over actual positives, over the whole batch (0/1 values, as TF.js)."""
    return _ratio(_count(y_true, y_pred, 1, 1), _count(y_true, y_pred, 1, 0))


def r2_score(y_true, y_pred):
    """The coefficient of determination over the whole batch: 1 - SS_res / SS_tot."""
    residuals = ops.sum(ops.square(ops.sub(y_true, y_pred)))
    total = ops.sum(ops.square(ops.sub(y_true, ops.mean(y_true))))
    return ops.sub(1, ops.div(residuals, total))


binary_crossentropy = losses.binary_crossentropy
categorical_crossentropy = losses.categorical_crossentropy
sparse_categorical_crossentropy = losses.sparse_categorical_crossentropy
mean_squared_error = MSE = mse = losses.mean_squared_error
mean_absolute_error = MAE = mae = losses.mean_absolute_error
mean_absolute_percentage_error = MAPE = mape = losses.mean_absolute_percentage_error
cosine_proximity = cosine = losses.cosine_proximity

# TF.js's metricsMap: the metric names compile() accepts besides 'accuracy' and friends.
_BY_NAME = {'binaryAccuracy': binary_accuracy, 'categoricalAccuracy': categorical_accuracy,
            'precision': precision, 'recall': recall,
            'categoricalCrossentropy': categorical_crossentropy,
            'sparseCategoricalCrossentropy': sparse_categorical_crossentropy,
            'sparseCategoricalAccuracy': sparse_categorical_accuracy, 'binaryCrossentropy': binary_crossentropy,
            'mse': mse, 'MSE': mse, 'mae': mae, 'MAE': mae, 'mape': mape, 'MAPE': mape, 'cosine': cosine,
            'meanSquaredError': mse, 'meanAbsoluteError': mae, 'meanAbsolutePercentageError': mape,
            'cosineProximity': cosine, 'r2Score': r2_score}
_BY_NAME.update({to_snake(k): v for k, v in list(_BY_NAME.items())})  # snake_case spellings too

_ACCURACY = {'binary': binary_accuracy, 'sparse': sparse_categorical_accuracy, 'categorical': categorical_accuracy}
_CROSSENTROPY = {'binary': losses.binary_crossentropy, 'sparse': losses.sparse_categorical_crossentropy,
                 'categorical': losses.categorical_crossentropy}


def resolve(identifier, loss_fn, output_shape):
    """``(log name, metric function)`` for one entry of ``compile(metrics=[...])``."""
    if callable(identifier):
        return losses.name_of(identifier), identifier
    if not isinstance(identifier, str):
        raise TypeError(f'metrics must be names or functions; received {type(identifier).__name__}')
    if identifier in ('accuracy', 'acc', 'crossentropy', 'ce'):
        if output_shape[-1] == 1 or loss_fn is losses.binary_crossentropy:
            kind = 'binary'
        elif loss_fn is losses.sparse_categorical_crossentropy:
            kind = 'sparse'
        else:
            kind = 'categorical'
        if identifier in ('accuracy', 'acc'):
            return 'acc', _ACCURACY[kind]
        return 'ce', _CROSSENTROPY[kind]
    fn = _BY_NAME.get(identifier)
    if fn is None:
        raise ValueError(f"Unknown metric {identifier!r}. Known metrics: 'accuracy', 'acc', 'crossentropy', 'ce', "
                         f"{', '.join(repr(k) for k in _BY_NAME if k == to_camel(k) or k.isupper())}")
    return identifier, fn


add_camel_aliases(globals())
