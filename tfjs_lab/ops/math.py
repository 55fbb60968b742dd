"""``tf.math``: TF.js's small math namespace (``confusionMatrix``)."""
from .._naming import add_camel_aliases
from ._convert import as_tensor

__all__ = ['confusion_matrix']


def confusion_matrix(labels, predictions, num_classes=None):
    """The ``[num_classes, num_classes]`` int32 matrix counting examples of label i (row) predicted
    as j (column), from 1-D integer labels and predictions.

    >>> import tfjs_lab as tf
    >>> tf.math.confusion_matrix([0, 1, 1], [0, 1, 0], 2).print()
    Tensor
        [[1, 0],
         [1, 1]]
    """
    from .creation import one_hot
    from .linalg import mat_mul
    from .shape import cast
    labels, predictions = as_tensor(labels, 'labels'), as_tensor(predictions, 'predictions')
    if num_classes is not None and not _is_positive_integer(num_classes):
        raise ValueError(f'If provided, numClasses must be a positive integer, but got {num_classes}')
    if labels.rank != 1:
        raise ValueError(f'Expected the rank of labels to be 1, but got {labels.rank}')
    if predictions.rank != 1:
        raise ValueError(f'Expected the rank of predictions to be 1, but got {predictions.rank}')
    if labels.shape[0] != predictions.shape[0]:
        raise ValueError(f'Mismatch in the number of examples: {labels.shape[0]} vs. {predictions.shape[0]}. '
                         'Labels and predictions should have the same number of elements.')
    if num_classes is None:
        raise ValueError('numClasses is required to be a positive integer, but got None')
    one_hot_labels = one_hot(cast(labels, 'int32'), num_classes)
    one_hot_predictions = one_hot(cast(predictions, 'int32'), num_classes)
    return cast(mat_mul(one_hot_labels, one_hot_predictions, transpose_a=True), 'int32')


def _is_positive_integer(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 and value % 1 == 0


add_camel_aliases(globals())
