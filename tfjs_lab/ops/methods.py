"""Tensor methods whose TF.js signature differs from the op behind them
(``x.concat(y)`` is ``tf.concat([x, y])``, ``x.where(cond, y)`` is ``tf.where(cond, x, y)``),
and ``tf.print``, the function form of ``x.print()``."""
from ..core.tensor import Tensor
from . import logic, shape
from ._convert import as_tensor

__all__ = ['print']


def print(x, verbose=False):  # noqa: A001 (TF.js's name; shadows the builtin only in tf.*)
    """Print a tensor as TF.js does; ``verbose`` adds dtype, rank and shape.

    >>> import tfjs_lab as tf
    >>> tf.print(tf.tensor1d([1, 2]), True)
    Tensor
      dtype: float32
      rank: 1
      shape: [2]
      values:
        [1, 2]
    """
    as_tensor(x).print(verbose)


def _with_self(x, others):
    return [x, others] if isinstance(others, Tensor) else [x, *others]


def concat(self, x, axis=0):
    """``tf.concat([self, x], axis)``; ``x`` may be a tensor or a list of tensors.

    >>> import tfjs_lab as tf
    >>> tf.tensor1d([1, 2]).concat(tf.tensor1d([3])).print()
    Tensor
        [1, 2, 3]
    """
    self.throw_if_disposed()
    return shape.concat(_with_self(self, x), axis)


def stack(self, x, axis=0):
    """``tf.stack([self, x], axis)``; ``x`` may be a tensor or a list of tensors."""
    self.throw_if_disposed()
    return shape.stack(_with_self(self, x), axis)


def where(self, condition, x):
    """``tf.where(condition, self, x)``: this tensor where ``condition`` holds, else ``x``."""
    self.throw_if_disposed()
    return logic.where(condition, self, x)


METHODS = {'concat': concat, 'stack': stack, 'where': where}
