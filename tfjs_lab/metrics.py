"""Metrics (``tf.metrics``) and how ``compile`` resolves metric names, as tfjs-layers does:
``'accuracy'``/``'acc'`` become binary, sparse-categorical or categorical accuracy according to
the loss and the output shape, and are logged as ``acc``."""
from . import ops
from .engine import losses
from ._naming import add_camel_aliases, to_snake


def binary_accuracy(y_true, y_pred):
    """Fraction of predictions on the right side of 0.5, per sample."""
    predicted = ops.cast(ops.greater(y_pred, 0.5), y_true.dtype)
    return ops.mean(ops.cast(ops.equal(y_true, predicted), 'float32'), -1)


def categorical_accuracy(y_true, y_pred):
    """1 where the most probable class is the one-hot target's class."""
    return ops.cast(ops.equal(ops.arg_max(y_true, -1), ops.arg_max(y_pred, -1)), 'float32')


def sparse_categorical_accuracy(y_true, y_pred):
    """1 where the most probable class equals the integer target."""
    true_ids = ops.cast(ops.flatten(y_true), 'int32')
    predicted = ops.flatten(ops.arg_max(y_pred, -1))
    return ops.cast(ops.equal(true_ids, predicted), 'float32')


binary_crossentropy = losses.binary_crossentropy
categorical_crossentropy = losses.categorical_crossentropy
sparse_categorical_crossentropy = losses.sparse_categorical_crossentropy
mean_squared_error = losses.mean_squared_error
mean_absolute_error = losses.mean_absolute_error

_BY_NAME = {f.__name__: f for f in (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
                                     binary_crossentropy, categorical_crossentropy,
                                     sparse_categorical_crossentropy, mean_squared_error,
                                     mean_absolute_error)}
_SHORT = {'mse': mean_squared_error, 'mae': mean_absolute_error}


def resolve(identifier, loss_fn, output_shape):
    """``(log name, metric function)`` for one entry of ``compile(metrics=[...])``."""
    if callable(identifier):
        return identifier.__name__, identifier
    if not isinstance(identifier, str):
        raise TypeError(f'metrics must be names or functions; received {type(identifier).__name__}')
    if identifier in ('accuracy', 'acc'):
        if output_shape[-1] == 1 or loss_fn is losses.binary_crossentropy:
            return 'acc', binary_accuracy
        if loss_fn is losses.sparse_categorical_crossentropy:
            return 'acc', sparse_categorical_accuracy
        return 'acc', categorical_accuracy
    fn = _BY_NAME.get(to_snake(identifier)) or _SHORT.get(identifier)
    if fn is None:
        raise ValueError(f"Unknown metric {identifier!r}. Known metrics: 'accuracy', "
                         f"{', '.join(repr(k) for k in sorted(_BY_NAME))}")
    return identifier, fn


add_camel_aliases(globals())
