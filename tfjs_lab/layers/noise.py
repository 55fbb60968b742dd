"""Noise layers, active only while training: ``GaussianNoise``, ``GaussianDropout``,
``AlphaDropout``. At inference they return their inputs."""
import math

from .. import ops
from ..engine.base_layer import Layer
from .core import filled_noise_shape, number_option

# SELU's constants, which AlphaDropout preserves the mean and variance of.
_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class GaussianNoise(Layer):
    """Adds zero-centred Gaussian noise of standard deviation ``stddev`` while training.

    >>> import tfjs_lab as tf
    >>> tf.layers.gaussianNoise({'stddev': 0.1}).apply(tf.ones([2])).print()
    Tensor
        [1, 1]
    """
    supports_masking = True

    def __init__(self, *, stddev, **base):
        super().__init__(**base)
        self.stddev = float(number_option(self.class_name, 'stddev', stddev))

    def call(self, inputs, training=False):
        if not training:
            return inputs
        return ops.add(ops.random_normal(inputs.shape, 0, self.stddev), inputs)

    def get_config(self):
        return {'stddev': self.stddev, **super().get_config()}


class GaussianDropout(Layer):
    """Multiplies the inputs by Gaussian noise of mean 1 and standard deviation
    ``sqrt(rate / (1 - rate))`` while training (for 0 < rate < 1).

    >>> import tfjs_lab as tf
    >>> tf.layers.gaussianDropout({'rate': 0.2}).apply(tf.ones([2])).print()
    Tensor
        [1, 1]
    """
    supports_masking = True

    def __init__(self, *, rate, **base):
        super().__init__(**base)
        self.rate = float(number_option(self.class_name, 'rate', rate))

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        return ops.mul(inputs, ops.random_normal(inputs.shape, 1, math.sqrt(self.rate / (1 - self.rate))))

    def get_config(self):
        return {'rate': self.rate, **super().get_config()}


class AlphaDropout(Layer):
    """Dropout for SELU networks: while training, sets a fraction ``rate`` of the inputs to
    SELU's negative saturation value and then rescales so that the mean and variance stay those
    of the inputs. ``noise_shape`` shares one decision along axes where it is 1 (TF.js saves
    only ``rate`` in the config).

    >>> import tfjs_lab as tf
    >>> tf.layers.alphaDropout({'rate': 0.2}).apply(tf.ones([2])).print()
    Tensor
        [1, 1]
    """
    supports_masking = True

    def __init__(self, *, rate, noise_shape=None, **base):
        super().__init__(**base)
        self.rate = float(number_option(self.class_name, 'rate', rate))
        self.noise_shape = None if noise_shape is None else list(noise_shape)

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        noise_shape = filled_noise_shape(self.noise_shape, inputs.shape) or inputs.shape
        saturation = -_SELU_ALPHA * _SELU_SCALE
        kept = ops.cast(ops.greater_equal(ops.random_uniform(noise_shape), self.rate), 'float32')
        a = ((1 - self.rate) * (1 + self.rate * saturation ** 2)) ** -0.5
        b = -a * saturation * self.rate
        # Dropped values become the saturation value. (TF.js 4.22 multiplies by (kept - 1), which
        # flips its sign and shifts the mean; this is Keras's formula, which keeps it.)
        dropped = ops.add(ops.mul(inputs, kept), ops.mul(ops.sub(1, kept), saturation))
        return ops.add(ops.mul(dropped, a), b)

    def get_config(self):
        return {'rate': self.rate, **super().get_config()}
