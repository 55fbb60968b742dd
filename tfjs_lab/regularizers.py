"""Weight regularizers (``tf.regularizers``): penalties added to the training loss.

A layer option such as ``kernel_regularizer=tf.regularizers.l2({'l2': 1e-4})`` (or the string
``'l1l2'``) adds ``l1 * sum(|w|) + l2 * sum(w^2)`` to every training step's loss, as TF.js does.
"""
from . import ops
from ._naming import add_camel_aliases, normalize_keys
from .serialization import Registry, Serializable

REGISTRY = Registry('regularizer')


class Regularizer(Serializable):
    registry = REGISTRY

    def __call__(self, weights):
        return self.apply(weights)


class L1L2(Regularizer, identifier='l1l2'):
    """``l1 * sum(|x|) + l2 * sum(x^2)``; both factors default to 0.01, as in TF.js.

    >>> import tfjs_lab as tf
    >>> tf.regularizers.l1l2({'l1': 0.5, 'l2': 0}).apply(tf.tensor1d([1, -2])).print()
    Tensor
        1.5
    """

    def __init__(self, l1=None, l2=None):
        self.l1 = 0.01 if l1 is None else float(l1)
        self.l2 = 0.01 if l2 is None else float(l2)

    def apply(self, x):
        total = ops.zeros([])
        if self.l1:
            total = ops.add(total, ops.sum(ops.mul(self.l1, ops.abs(x))))
        if self.l2:
            total = ops.add(total, ops.sum(ops.mul(self.l2, ops.square(x))))
        return total

    def get_config(self):
        return {'l1': self.l1, 'l2': self.l2}


def _options(config, kwargs, names, where):
    if config is not None and not isinstance(config, dict):
        raise TypeError(f"Argument to {where} is expected to be an options object such as "
                        f"{{'{names[0]}': 0.01}}, but received: {config!r}")
    return normalize_keys({**(config or {}), **kwargs}, set(names), where)


def l1l2(config=None, **kwargs):
    """An ``L1L2`` regularizer: ``tf.regularizers.l1l2({'l1': 0.01, 'l2': 0.01})``."""
    return L1L2(**_options(config, kwargs, ('l1', 'l2'), 'l1l2'))


def l1(config=None, **kwargs):
    """L1 only: ``tf.regularizers.l1({'l1': 0.01})``."""
    return L1L2(l1=_options(config, kwargs, ('l1',), 'l1').get('l1'), l2=0)


def l2(config=None, **kwargs):
    """L2 only: ``tf.regularizers.l2({'l2': 0.01})``."""
    return L1L2(l1=0, l2=_options(config, kwargs, ('l2',), 'l2').get('l2'))


def get(identifier):
    """A regularizer from ``'l1l2'``, a config dict, an instance, or None."""
    return REGISTRY.get(identifier)


def serialize(regularizer):
    return REGISTRY.serialize(regularizer)


def deserialize(config):
    return REGISTRY.deserialize(config)


add_camel_aliases(globals())
