"""Normalization layers: ``BatchNormalization`` and ``LayerNormalization``."""
import numpy as np

from .. import constraints, initializers, ops, regularizers
from ..engine.base_layer import InputSpec, Layer, shape_str
from .core import weight_options


def _broadcast(weight, shape):
    """A per-channel weight reshaped to broadcast against the input (None stays None)."""
    return None if weight is None else ops.reshape(weight, shape)


class BatchNormalization(Layer):
    """Normalizes each channel (the ``axis``) to zero mean and unit variance, then scales by
    ``gamma`` and shifts by ``beta``.

    While training (``fit``, or ``apply(..., training=True)``) it normalizes with the batch's
    mean and (biased) variance and moves the non-trainable ``moving_mean`` and
    ``moving_variance`` towards them, as TF.js does on every training batch:
    ``moving -= (moving - batch_statistic) * (1 - momentum)``. At inference it uses the moving
    statistics: ``(x - moving_mean) / sqrt(moving_variance + epsilon) * gamma + beta``.

    Unlike TF.js, ``center=False`` or ``scale=False`` also train, and inputs of any rank work
    (TF.js stops at rank 4).

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.batchNormalization({'momentum': 0.5, 'epsilon': 0})
    >>> layer.apply(tf.tensor2d([[0, 2], [2, 6]]), training=True).array_sync()
    [[-1.0, -1.0], [1.0, 1.0]]
    >>> layer.moving_mean.array_sync()
    [0.5, 2.0]
    """
    supports_masking = True

    def __init__(self, *, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer='zeros', gamma_initializer='ones', moving_mean_initializer='zeros',
                 moving_variance_initializer='ones', beta_constraint=None, gamma_constraint=None,
                 beta_regularizer=None, gamma_regularizer=None, **base):
        super().__init__(**base)
        if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
            raise TypeError(f'BatchNormalization: axis must be an integer; received {axis!r}')
        self.axis = int(axis)
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = bool(center)
        self.scale = bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None

    def build(self, input_shape):
        axis = self.axis if self.axis >= 0 else self.axis + len(input_shape)
        if not 0 <= axis < len(input_shape):
            raise ValueError(f'BatchNormalization: axis {self.axis} is out of range for an input of rank '
                             f'{len(input_shape)} (shape {shape_str(input_shape)}).')
        dim = input_shape[axis]
        if dim is None:
            raise ValueError(f'Axis {axis} of input tensor should have a defined dimension but the layer '
                             f'received an input with shape {shape_str(input_shape)}.')
        self.input_spec = InputSpec(ndim=len(input_shape), axes={axis: dim})
        if self.scale:
            self.gamma = self.add_weight('gamma', [dim], initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer, constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight('beta', [dim], initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer, constraint=self.beta_constraint)
        self.moving_mean = self.add_weight('moving_mean', [dim], initializer=self.moving_mean_initializer,
                                           trainable=False)
        self.moving_variance = self.add_weight('moving_variance', [dim],
                                               initializer=self.moving_variance_initializer, trainable=False)

    def call(self, inputs, training=False):
        axis = self.axis % inputs.rank
        shape = [1] * inputs.rank
        shape[axis] = inputs.shape[axis]
        gamma, beta = _broadcast(self.gamma, shape), _broadcast(self.beta, shape)
        if not training:
            return ops.batch_norm(inputs, _broadcast(self.moving_mean, shape),
                                  _broadcast(self.moving_variance, shape), beta, gamma, self.epsilon)
        reduction_axes = [a for a in range(inputs.rank) if a != axis]
        moments = ops.moments(inputs, reduction_axes)
        self._move_towards(self.moving_mean, moments.mean)
        self._move_towards(self.moving_variance, moments.variance)
        return ops.batch_norm(inputs, _broadcast(moments.mean, shape), _broadcast(moments.variance, shape),
                              beta, gamma, self.epsilon)

    def _move_towards(self, variable, batch_statistic):
        # Bookkeeping outside the gradient, in float32 as TF.js computes it.
        current = variable._data
        variable.write(current - (current - batch_statistic._data) * np.float32(1 - self.momentum))

    def get_config(self):
        return {
            'axis': self.axis, 'momentum': self.momentum, 'epsilon': self.epsilon,
            'center': self.center, 'scale': self.scale,
            **weight_options(self, beta_initializer=self.beta_initializer,
                             gamma_initializer=self.gamma_initializer,
                             moving_mean_initializer=self.moving_mean_initializer,
                             moving_variance_initializer=self.moving_variance_initializer,
                             beta_regularizer=self.beta_regularizer, gamma_regularizer=self.gamma_regularizer,
                             beta_constraint=self.beta_constraint, gamma_constraint=self.gamma_constraint),
            **super().get_config(),
        }


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


class LayerNormalization(Layer):
    """Normalizes each sample over ``axis`` (the last axis by default; a list for several) to
    zero mean and unit variance, then scales by ``gamma`` and shifts by ``beta`` (both of the
    normalized axes' shape). The same computation in training and inference.

    >>> import tfjs_lab as tf
    >>> tf.layers.layerNormalization({'epsilon': 0}).apply(tf.tensor2d([[1, 3]])).array_sync()
    [[-1.0, 1.0]]
    """
    supports_masking = True

    def __init__(self, *, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer='zeros',
                 gamma_initializer='ones', beta_regularizer=None, gamma_regularizer=None, **base):
        super().__init__(**base)
        if isinstance(axis, (list, tuple)):
            if not all(_is_int(a) for a in axis):
                raise TypeError(f'Expected axis to be an array of integers, but received {list(axis)!r}')
            axis = [int(a) for a in axis]
        elif _is_int(axis):
            axis = int(axis)
        else:
            raise TypeError(f'Expected axis to be an integer or an array of integers, but received {axis!r}')
        self.axis = axis
        self.epsilon = epsilon
        self.center = bool(center)
        self.scale = bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.gamma = self.beta = None

    def build(self, input_shape):
        rank = len(input_shape)
        # As in TF.js, the axes become a list of non-negative axes once the rank is known.
        axes = [a + rank if a < 0 else a for a in (self.axis if isinstance(self.axis, list) else [self.axis])]
        for axis in axes:
            if not 0 <= axis < rank:
                raise ValueError(f'LayerNormalization: invalid axis {axis} for an input of shape '
                                 f'{shape_str(input_shape)}.')
        if len(set(axes)) != len(axes):
            raise ValueError(f'Found duplicate axes in: {axes}')
        self.axis = axes
        param_shape = [input_shape[a] for a in axes]
        if self.scale:
            self.gamma = self.add_weight('gamma', param_shape, initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer)
        if self.center:
            self.beta = self.add_weight('beta', param_shape, initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer)

    def call(self, inputs):
        moments = ops.moments(inputs, self.axis, True)
        shape = [inputs.shape[a] if a in self.axis else 1 for a in range(inputs.rank)]
        return ops.batch_norm(inputs, moments.mean, moments.variance, _broadcast(self.beta, shape),
                              _broadcast(self.gamma, shape), self.epsilon)

    def get_config(self):
        return {
            'axis': self.axis, 'epsilon': self.epsilon, 'center': self.center, 'scale': self.scale,
            **weight_options(self, beta_initializer=self.beta_initializer,
                             gamma_initializer=self.gamma_initializer,
                             beta_regularizer=self.beta_regularizer, gamma_regularizer=self.gamma_regularizer),
            **super().get_config(),
        }
