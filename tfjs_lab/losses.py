"""``tf.losses``: tfjs-core's losses, each weighted and reduced to the ``reduction`` asked for
(``tf.Reduction``; by default the mean over the non-zero weights). The Layers API's per-sample
losses, which ``compile`` uses, are in ``engine/losses.py``.

>>> import tfjs_lab as tf
>>> tf.losses.mean_squared_error(tf.tensor1d([0, 1]), tf.tensor1d([1, 1])).print()
Tensor
    0.5
"""
from . import ops
from ._naming import add_camel_aliases
from .core.convert import as_tensor

__all__ = ['Reduction', 'compute_weighted_loss', 'absolute_difference', 'cosine_distance', 'hinge_loss',
           'huber_loss', 'log_loss', 'mean_squared_error', 'sigmoid_cross_entropy', 'softmax_cross_entropy',
           'sigmoid_cross_entropy_with_logits']


class Reduction:
    """How a loss is reduced: TF.js's ``tf.Reduction`` enum."""
    NONE, MEAN, SUM, SUM_BY_NONZERO_WEIGHTS = 0, 1, 2, 3


def compute_weighted_loss(losses, weights=None, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """``losses`` times ``weights``, reduced as ``reduction`` says.

    >>> import tfjs_lab as tf
    >>> tf.losses.compute_weighted_loss(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 0, 1])).print()
    Tensor
        2
    """
    losses = as_tensor(losses)
    weighted = losses if weights is None else ops.mul(losses, weights)
    if reduction == Reduction.NONE:
        return weighted
    if reduction == Reduction.SUM:
        return ops.sum(weighted)
    if reduction == Reduction.MEAN:
        if weights is None:
            return ops.mean(weighted)
        weights = as_tensor(weights)
        result = ops.div(ops.sum(weighted), ops.sum(weights))
        factor = losses.size / weights.size
        return ops.div(result, factor) if factor > 1 else result
    if reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
        if weights is None:
            return ops.div(ops.sum(weighted), losses.size)
        nonzero = ops.sum(ops.not_equal(ops.mul(weights, ops.ones(losses.shape)), 0))
        return ops.div(ops.sum(weighted), ops.cast(nonzero, 'float32'))
    raise ValueError(f'Unknown reduction: {reduction} (use tf.Reduction.NONE, MEAN, SUM or SUM_BY_NONZERO_WEIGHTS)')


def _pair(labels, predictions, name):
    labels, predictions = as_tensor(labels), as_tensor(predictions)
    if labels.shape != predictions.shape:
        raise ValueError(f'Error in {name}: shapes of labels ({labels.shape}) and predictions '
                         f'({predictions.shape}) must match')
    return ops.cast(labels, 'float32'), ops.cast(predictions, 'float32')


def absolute_difference(labels, predictions, weights=None, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """|labels - predictions|, weighted and reduced."""
    labels, predictions = _pair(labels, predictions, 'absoluteDifference')
    return compute_weighted_loss(ops.abs(ops.sub(labels, predictions)), weights, reduction)


def mean_squared_error(labels, predictions, weights=None, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """(labels - predictions)², weighted and reduced."""
    labels, predictions = _pair(labels, predictions, 'meanSquaredError')
    return compute_weighted_loss(ops.squared_difference(labels, predictions), weights, reduction)


def cosine_distance(labels, predictions, axis, weights=None, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """1 - sum(labels * predictions) along ``axis`` (for unit vectors: the cosine distance)."""
    labels, predictions = _pair(labels, predictions, 'cosineDistance')
    losses = ops.sub(1, ops.sum(ops.mul(labels, predictions), axis, True))
    return compute_weighted_loss(losses, weights, reduction)


def hinge_loss(labels, predictions, weights=None, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """max(0, 1 - y * prediction) with 0/1 labels mapped to y = -1/1."""
    labels, predictions = _pair(labels, predictions, 'hingeLoss')
    signs = ops.sub(ops.mul(2, labels), 1)
    return compute_weighted_loss(ops.relu(ops.sub(1, ops.mul(signs, predictions))), weights, reduction)


def huber_loss(labels, predictions, weights=None, delta=1.0, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Quadratic for errors up to ``delta``, linear beyond."""
    labels, predictions = _pair(labels, predictions, 'huberLoss')
    error = ops.abs(ops.sub(labels, predictions))
    quadratic = ops.minimum(error, delta)
    linear = ops.sub(error, quadratic)
    losses = ops.add(ops.mul(0.5, ops.square(quadratic)), ops.mul(delta, linear))
    return compute_weighted_loss(losses, weights, reduction)


def log_loss(labels, predictions, weights=None, epsilon=1e-7, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """-labels * log(p + ε) - (1 - labels) * log(1 - p + ε)."""
    labels, predictions = _pair(labels, predictions, 'logLoss')
    positive = ops.mul(labels, ops.log(ops.add(predictions, epsilon)))
    negative = ops.mul(ops.sub(1, labels), ops.log(ops.add(ops.sub(1, predictions), epsilon)))
    return compute_weighted_loss(ops.neg(ops.add(positive, negative)), weights, reduction)


def sigmoid_cross_entropy_with_logits(labels, logits):
    """max(x, 0) - x * z + log(1 + exp(-|x|)): cross-entropy of logits ``x`` against targets
    ``z``, stable for both signs of x."""
    return ops.add(ops.sub(ops.relu(logits), ops.mul(logits, labels)),
                   ops.log1p(ops.exp(ops.neg(ops.abs(logits)))))


def sigmoid_cross_entropy(multi_class_labels, logits, weights=None, label_smoothing=0,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Sigmoid cross-entropy of ``logits``; labels move towards 0.5 by ``label_smoothing``."""
    labels, logits = _pair(multi_class_labels, logits, 'sigmoidCrossEntropy')
    if label_smoothing > 0:
        labels = ops.add(ops.mul(labels, 1 - label_smoothing), 0.5 * label_smoothing)
    return compute_weighted_loss(sigmoid_cross_entropy_with_logits(labels, logits), weights, reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=None, label_smoothing=0,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """Softmax cross-entropy of ``logits`` over the last axis against one-hot labels."""
    labels, logits = _pair(onehot_labels, logits, 'softmaxCrossEntropy')
    if label_smoothing > 0:
        labels = ops.add(ops.mul(labels, 1 - label_smoothing), label_smoothing / labels.shape[-1])
    losses = ops.neg(ops.sum(ops.mul(labels, ops.log_softmax(logits, -1)), -1))
    return compute_weighted_loss(losses, weights, reduction)


add_camel_aliases(globals())
