"""Weight constraints (``tf.constraints``): projections applied to a weight after each update.

TF.js 4.22 applies a layer's constraints only when its weights are written with ``setWeights``,
never during ``fit`` (docs/DIFFERENCES.md); here they hold after every optimizer step too, which
is what a user who sets ``kernel_constraint`` expects.
"""
from . import ops
from ._naming import add_camel_aliases, normalize_keys
from .engine.losses import EPSILON
from .serialization import Registry, Serializable

REGISTRY = Registry('constraint')


class Constraint(Serializable):
    registry = REGISTRY

    def __call__(self, weights):
        return self.apply(weights)


def _l2_norms(w, axis):
    return ops.sqrt(ops.sum(ops.mul(w, w), axis, True))


def _rescale(w, norms, desired):
    return ops.mul(w, ops.div(desired, ops.add(EPSILON, norms)))


class MaxNorm(Constraint, identifier='max_norm'):
    """Rescales weight vectors along ``axis`` whose L2 norm exceeds ``max_value``.

    >>> import tfjs_lab as tf
    >>> tf.constraints.maxNorm({'maxValue': 1}).apply(tf.tensor2d([[3], [4]])).print()
    Tensor
        [[0.6],
         [0.8]]
    """

    def __init__(self, max_value=2, axis=0):
        self.max_value, self.axis = max_value, axis

    def apply(self, w):
        norms = _l2_norms(w, self.axis)
        return _rescale(w, norms, ops.clip_by_value(norms, 0, self.max_value))

    def get_config(self):
        return {'max_value': self.max_value, 'axis': self.axis}


class UnitNorm(Constraint, identifier='unit_norm'):
    """Scales weight vectors along ``axis`` to unit L2 norm."""

    def __init__(self, axis=0):
        self.axis = axis

    def apply(self, w):
        return ops.div(w, ops.add(EPSILON, _l2_norms(w, self.axis)))

    def get_config(self):
        return {'axis': self.axis}


class NonNeg(Constraint, identifier='non_neg'):
    """Clamps weights at zero from below."""

    def apply(self, w):
        return ops.relu(w)


class MinMaxNorm(Constraint, identifier='min_max_norm'):
    """Moves weight-vector norms along ``axis`` into [min_value, max_value] at ``rate``."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value, self.max_value, self.rate, self.axis = min_value, max_value, rate, axis

    def apply(self, w):
        norms = _l2_norms(w, self.axis)
        desired = ops.add(ops.mul(self.rate, ops.clip_by_value(norms, self.min_value, self.max_value)),
                          ops.mul(1.0 - self.rate, norms))
        return _rescale(w, norms, desired)

    def get_config(self):
        return {'min_value': self.min_value, 'max_value': self.max_value, 'rate': self.rate, 'axis': self.axis}


def _factory(cls, names):
    def make(config=None, **kwargs):
        return cls(**normalize_keys({**(config or {}), **kwargs}, set(names), cls.class_name))
    make.__doc__ = f'A new ``{cls.class_name}`` constraint. {cls.__doc__.splitlines()[0]}'
    return make


max_norm = _factory(MaxNorm, ('max_value', 'axis'))
unit_norm = _factory(UnitNorm, ('axis',))
non_neg = _factory(NonNeg, ())
min_max_norm = _factory(MinMaxNorm, ('min_value', 'max_value', 'rate', 'axis'))


def get(identifier):
    """A constraint from ``'maxNorm'``/``'max_norm'``, a config dict, an instance, or None."""
    return REGISTRY.get(identifier)


def serialize(constraint):
    return REGISTRY.serialize(constraint)


def deserialize(config):
    return REGISTRY.deserialize(config)


add_camel_aliases(globals())
