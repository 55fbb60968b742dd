"""Activation layers with options or weights: ``ReLU``, ``LeakyReLU``, ``PReLU``, ``ELU``,
``ThresholdedReLU``, ``Softmax`` (TF.js factories ``reLU``, ``leakyReLU``, ``prelu``, ``elu``,
``thresholdedReLU``, ``softmax``)."""
import numpy as np

from .. import constraints, initializers, ops, regularizers
from ..engine.base_layer import InputSpec, Layer, shape_str
from .core import number_option, weight_options


class ReLU(Layer):
    """``max(x, 0)``, capped at ``max_value`` when given.

    >>> import tfjs_lab as tf
    >>> tf.layers.reLU({'maxValue': 1}).apply(tf.tensor1d([-1, 0.5, 3])).print()
    Tensor
        [0, 0.5, 1]
    """
    factory_name = 'reLU'
    supports_masking = True

    def __init__(self, *, max_value=None, **base):
        super().__init__(**base)
        self.max_value = number_option(self.class_name, 'maxValue', max_value, optional=True)

    def call(self, inputs):
        output = ops.relu(inputs)
        return output if self.max_value is None else ops.clip_by_value(output, 0, self.max_value)

    def get_config(self):
        return {'max_value': self.max_value, **super().get_config()}


class LeakyReLU(Layer):
    """``x`` for positive inputs, ``alpha * x`` (alpha 0.3 by default) for the others.

    >>> import tfjs_lab as tf
    >>> tf.layers.leakyReLU().apply(tf.tensor1d([-1, 2])).print()
    Tensor
        [-0.3, 2]
    """
    factory_name = 'leakyReLU'

    def __init__(self, *, alpha=0.3, **base):
        super().__init__(**base)
        self.alpha = number_option(self.class_name, 'alpha', alpha)

    def call(self, inputs):
        return ops.leaky_relu(inputs, self.alpha)

    def get_config(self):
        return {'alpha': self.alpha, **super().get_config()}


class PReLU(Layer):
    """Leaky ReLU with a learned slope ``alpha`` for each input value (``[features...]`` of a
    sample), shared along ``shared_axes`` (axes counted from 1, the batch axis being 0).

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.prelu({'alphaInitializer': tf.initializers.constant({'value': 0.5})})
    >>> layer.apply(tf.tensor2d([[-2, 2]])).array_sync()
    [[-1.0, 2.0]]
    """
    factory_name = 'prelu'
    supports_masking = True

    def __init__(self, *, alpha_initializer='zeros', alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **base):
        super().__init__(**base)
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None or isinstance(shared_axes, list):
            self.shared_axes = shared_axes
        elif isinstance(shared_axes, (int, np.integer)) and not isinstance(shared_axes, bool):
            self.shared_axes = [int(shared_axes)]
        else:
            raise TypeError(f'Expected sharedAxes to be a number or an array of numbers, but got {shared_axes!r}')
        self.alpha = None

    def build(self, input_shape):
        param_shape = list(input_shape[1:])
        for axis in self.shared_axes or []:
            if not 1 <= axis < len(input_shape):
                raise ValueError(f'PReLU: sharedAxes {self.shared_axes} must name axes 1 to '
                                 f'{len(input_shape) - 1} of inputs of shape {shape_str(input_shape)}')
            param_shape[axis - 1] = 1
        if None in param_shape:
            raise ValueError(f'PReLU needs every non-shared axis of its input to have a known size; received '
                             f'input shape {shape_str(input_shape)} with sharedAxes {self.shared_axes}.')
        self.alpha = self.add_weight('alpha', param_shape, initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer, constraint=self.alpha_constraint)
        axes = {} if self.shared_axes is None else {i: input_shape[i] for i in range(1, len(input_shape))}
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)

    def call(self, inputs):
        return ops.prelu(inputs, self.alpha)

    def get_config(self):
        return {
            **weight_options(self, alpha_initializer=self.alpha_initializer,
                             alpha_regularizer=self.alpha_regularizer, alpha_constraint=self.alpha_constraint),
            'shared_axes': self.shared_axes,
            **super().get_config(),
        }


class ELU(Layer):
    """``x`` for positive inputs, ``exp(x) - 1`` for the others. As in TF.js, only
    ``alpha = 1`` is supported.

    >>> import tfjs_lab as tf
    >>> tf.layers.elu().apply(tf.tensor1d([0, 1])).print()
    Tensor
        [0, 1]
    """

    def __init__(self, *, alpha=1.0, **base):
        super().__init__(**base)
        if number_option(self.class_name, 'alpha', alpha) != 1:
            raise NotImplementedError(f'Non-default alpha value ({alpha}) is not supported by the ELU layer yet.')
        self.alpha = alpha

    def call(self, inputs):
        return ops.elu(inputs)

    def get_config(self):
        return {'alpha': self.alpha, **super().get_config()}


class ThresholdedReLU(Layer):
    """``x`` where ``x > theta`` (1 by default), else 0.

    >>> import tfjs_lab as tf
    >>> tf.layers.thresholdedReLU({'theta': 0.5}).apply(tf.tensor1d([0.5, 0.7])).print()
    Tensor
        [0, 0.7]
    """
    factory_name = 'thresholdedReLU'

    def __init__(self, *, theta=1.0, **base):
        super().__init__(**base)
        self.theta = number_option(self.class_name, 'theta', theta)

    def call(self, inputs):
        return ops.mul(inputs, ops.cast(ops.greater(inputs, self.theta), 'float32'))

    def get_config(self):
        return {'theta': self.theta, **super().get_config()}


class Softmax(Layer):
    """Softmax along ``axis`` (TF.js's default is 1, not -1), or along several axes at once.
    A ``mask`` passed to ``apply`` leaves masked positions out (they get a probability of ~0).
    TF.js accepts only the last axis; tfjs_lab takes any.

    >>> import tfjs_lab as tf
    >>> tf.layers.softmax().apply(tf.tensor2d([[0, 0]])).array_sync()
    [[0.5, 0.5]]
    """

    def __init__(self, *, axis=1, **base):
        super().__init__(**base)
        axes = axis if isinstance(axis, list) else [axis]
        if not axes or not all(isinstance(a, (int, np.integer)) and not isinstance(a, bool) for a in axes):
            raise TypeError(f'Softmax: axis must be an integer or a list of integers; received {axis!r}')
        self.axis = axis

    def call(self, inputs, mask=None):
        if mask is not None:
            # Masked positions get -1e9 added, so their exp underflows to 0.
            inputs = ops.add(inputs, ops.mul(ops.sub(1, ops.cast(mask, inputs.dtype)), -1e9))
        if isinstance(self.axis, list) and len(self.axis) > 1:
            return ops.exp(ops.sub(inputs, ops.log_sum_exp(inputs, self.axis, True)))
        return ops.softmax(inputs, self.axis[0] if isinstance(self.axis, list) else self.axis)

    def get_config(self):
        return {'axis': self.axis, **super().get_config()}
