"""Weight initializers (``tf.initializers``), with TF.js's names, defaults and formulas."""
import inspect
import math

import numpy as np

from ._naming import add_camel_aliases, normalize_keys
from .core import random
from .core.tensor import Tensor
from .serialization import Registry, Serializable

REGISTRY = Registry('initializer')


class Initializer(Serializable):
    registry = REGISTRY

    def __call__(self, shape, dtype='float32'):
        """A new float32 ndarray of ``shape``."""
        return self.sample(tuple(shape)).astype(np.float32 if dtype == 'float32' else dtype)

    def apply(self, shape, dtype='float32'):
        """TF.js's ``Initializer.apply``: a tensor of ``shape``."""
        return Tensor(self(shape, dtype))

    def _rng(self):
        seed = getattr(self, 'seed', None)
        return random.generator() if seed is None else np.random.default_rng(seed)


class Zeros(Initializer, identifier='zeros'):
    def sample(self, shape):
        return np.zeros(shape)


class Ones(Initializer, identifier='ones'):
    def sample(self, shape):
        return np.ones(shape)


class Constant(Initializer, identifier='constant'):
    def __init__(self, value=0):
        self.value = value

    def sample(self, shape):
        return np.full(shape, self.value)

    def get_config(self):
        return {'value': self.value}


class RandomUniform(Initializer, identifier='random_uniform'):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def sample(self, shape):
        return self._rng().uniform(self.minval, self.maxval, shape)

    def get_config(self):
        return {'minval': self.minval, 'maxval': self.maxval, 'seed': self.seed}


class RandomNormal(Initializer, identifier='random_normal'):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def sample(self, shape):
        return self._rng().normal(self.mean, self.stddev, shape)

    def get_config(self):
        return {'mean': self.mean, 'stddev': self.stddev, 'seed': self.seed}


def _truncated_normal_samples(rng, shape, mean, stddev):
    """Normal samples redrawn until within two standard deviations, as TF.js does."""
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2
    return mean + stddev * out


class TruncatedNormal(RandomNormal, identifier='truncated_normal'):
    def sample(self, shape):
        return _truncated_normal_samples(self._rng(), shape, self.mean, self.stddev)


class Identity(Initializer, identifier='identity'):
    """``gain`` times the identity matrix; only for square 2-D weights, as in TF.js."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def sample(self, shape):
        if len(shape) != 2 or shape[0] != shape[1]:
            raise ValueError('Identity matrix initializer can only be used for 2D square matrices; '
                             f'received shape {list(shape)}')
        return self.gain * np.eye(shape[0])

    def get_config(self):
        return {'gain': self.gain}


class Orthogonal(Initializer, identifier='orthogonal'):
    """A random orthogonal matrix (rows flattened over all but the last axis) times ``gain``."""

    def __init__(self, gain=1.0, seed=None):
        self.gain, self.seed = gain, seed

    def sample(self, shape):
        if len(shape) < 2:
            raise ValueError(f'Orthogonal initializer needs a shape of at least 2 dimensions; received {list(shape)}')
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        q, r = np.linalg.qr(self._rng().standard_normal((max(rows, cols), min(rows, cols))))
        q = q * np.sign(np.diag(r))  # makes the distribution uniform over orthogonal matrices
        if rows < cols:
            q = q.T
        return self.gain * q.reshape(shape)

    def get_config(self):
        return {'gain': self.gain, 'seed': self.seed}


def compute_fans(shape):
    """(fan_in, fan_out) for a weight shape, channels-last as in TF.js."""
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive = int(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


class VarianceScaling(Initializer, identifier='variance_scaling'):
    """Samples scaled by the weight's fan-in, fan-out or their average."""
    MODES = ('fan_in', 'fan_out', 'fan_avg')
    DISTRIBUTIONS = ('normal', 'uniform', 'truncated_normal')

    def __init__(self, scale=1.0, mode='fan_in', distribution='normal', seed=None):
        if scale <= 0:
            raise ValueError(f'scale must be a positive float; received {scale}')
        if mode not in self.MODES:
            raise ValueError(f'mode must be one of {self.MODES}; received {mode!r}')
        if distribution not in self.DISTRIBUTIONS:
            raise ValueError(f'distribution must be one of {self.DISTRIBUTIONS}; received {distribution!r}')
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def sample(self, shape):
        fan_in, fan_out = compute_fans(shape)
        fan = {'fan_in': fan_in, 'fan_out': fan_out, 'fan_avg': (fan_in + fan_out) / 2}[self.mode]
        scale = self.scale / max(1, fan)
        if self.distribution == 'uniform':
            limit = math.sqrt(3 * scale)
            return self._rng().uniform(-limit, limit, shape)
        # 0.879... is the standard deviation of a unit normal truncated at two deviations.
        return _truncated_normal_samples(self._rng(), shape, 0.0, math.sqrt(scale) / .87962566103423978)

    def get_config(self):
        return {'scale': self.scale, 'mode': self.mode, 'distribution': self.distribution, 'seed': self.seed}

    @classmethod
    def from_config(cls, config):
        # model.json stores the subclasses (GlorotNormal, ...) as VarianceScaling
        return VarianceScaling(**{k: v for k, v in config.items()})


def _variance_scaling_preset(name, identifier, scale, mode, distribution):
    def __init__(self, seed=None):
        VarianceScaling.__init__(self, scale, mode, distribution, seed)
    cls = type(name, (VarianceScaling,), {
        '__init__': __init__,
        '__doc__': f'VarianceScaling(scale={scale}, mode={mode!r}, distribution={distribution!r}).',
        'serialized_class_name': lambda self: 'VarianceScaling',
    }, identifier=identifier)
    cls.from_config = classmethod(lambda c, config: c(seed=config.get('seed')))
    return cls


GlorotNormal = _variance_scaling_preset('GlorotNormal', 'glorot_normal', 1.0, 'fan_avg', 'normal')
GlorotUniform = _variance_scaling_preset('GlorotUniform', 'glorot_uniform', 1.0, 'fan_avg', 'uniform')
HeNormal = _variance_scaling_preset('HeNormal', 'he_normal', 2.0, 'fan_in', 'normal')
HeUniform = _variance_scaling_preset('HeUniform', 'he_uniform', 2.0, 'fan_in', 'uniform')
LeCunNormal = _variance_scaling_preset('LeCunNormal', 'le_cun_normal', 1.0, 'fan_in', 'normal')
LeCunUniform = _variance_scaling_preset('LeCunUniform', 'le_cun_uniform', 1.0, 'fan_in', 'uniform')


def get(identifier):
    """An initializer from a name (``'glorotNormal'``, ``'zeros'``), a config dict or an instance."""
    return REGISTRY.get(identifier)


def serialize(initializer):
    return REGISTRY.serialize(initializer)


def deserialize(config):
    return REGISTRY.deserialize(config)


def _factory(cls):
    """The TF.js factory for ``cls``: takes an options dict or keywords in either spelling."""
    names = set(list(inspect.signature(cls.__init__).parameters)[1:])

    def make(config=None, **kwargs):
        return cls(**normalize_keys({**(config or {}), **kwargs}, names, cls.class_name))
    make.__doc__ = f'A new ``{cls.class_name}`` initializer. {cls.__doc__ or ""}'
    return make


zeros = _factory(Zeros)
ones = _factory(Ones)
constant = _factory(Constant)
random_uniform = _factory(RandomUniform)
random_normal = _factory(RandomNormal)
truncated_normal = _factory(TruncatedNormal)
variance_scaling = _factory(VarianceScaling)
identity = _factory(Identity)
orthogonal = _factory(Orthogonal)
glorot_normal = _factory(GlorotNormal)
glorot_uniform = _factory(GlorotUniform)
he_normal = _factory(HeNormal)
he_uniform = _factory(HeUniform)
le_cun_normal = _factory(LeCunNormal)
le_cun_uniform = _factory(LeCunUniform)

add_camel_aliases(globals())
