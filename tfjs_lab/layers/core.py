"""Core layers: ``Dense``, ``Activation``, ``Flatten``."""
import numpy as np

from .. import activations, initializers, ops
from ..engine.base_layer import Layer, shape_str


def _unsupported(**options):
    for option, value in options.items():
        if value is not None:
            raise NotImplementedError(f'{option} is not supported yet in tfjs_lab (coming with the '
                                      'full Layers API); remove it or pass None')


class Dense(Layer):
    """A densely connected layer: ``activation(inputs @ kernel + bias)``.

    >>> import tfjs_lab as tf
    >>> tf.layers.dense({'units': 4, 'inputShape': [3], 'activation': 'relu'})
    <Dense 'dense_Dense...'>
    """

    def __init__(self, *, units, activation=None, use_bias=True, kernel_initializer='glorotNormal',
                 bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 input_dim=None, **base):
        if input_dim is not None and base.get('batch_input_shape') is None and base.get('input_shape') is None:
            base['input_shape'] = [input_dim]
        super().__init__(**base)
        if not isinstance(units, (int, np.integer)) or units <= 0:
            raise ValueError(f'units must be a positive integer; received {units!r}')
        _unsupported(kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                     activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                     bias_constraint=bias_constraint)
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel = self.bias = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight('kernel', [input_dim, self.units], initializer=self.kernel_initializer)
        if self.use_bias:
            self.bias = self.add_weight('bias', [self.units], initializer=self.bias_initializer)

    def check_input_shape(self, input_shape):
        if len(input_shape) < 2:
            raise ValueError(f'Input 0 is incompatible with layer {self.name}: expected min_ndim=2, '
                             f'found ndim={len(input_shape)} (shape {shape_str(input_shape)})')
        if self.kernel is not None and input_shape[-1] is not None and input_shape[-1] != self.kernel.shape[0]:
            raise ValueError(f'Input 0 is incompatible with layer {self.name}: expected axis -1 of input '
                             f'shape to have value {self.kernel.shape[0]} but got shape {shape_str(input_shape)}.')

    def call(self, inputs, training=False):
        out = ops.mat_mul(inputs, self.kernel)
        if self.use_bias:
            out = ops.add(out, self.bias)
        return self.activation(out)

    def compute_output_shape(self, input_shape):
        return list(input_shape[:-1]) + [self.units]

    def get_config(self):
        return {
            'units': self.units,
            'activation': activations.serialize(self.activation),
            'use_bias': self.use_bias,
            'kernel_initializer': initializers.serialize(self.kernel_initializer),
            'bias_initializer': initializers.serialize(self.bias_initializer),
            'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
            'kernel_constraint': None, 'bias_constraint': None,
            **super().get_config(),
        }


class Activation(Layer):
    """Applies an activation function: ``tf.layers.activation({activation: 'relu'})``."""

    def __init__(self, *, activation, **base):
        super().__init__(**base)
        self.activation = activations.get(activation)

    def call(self, inputs, training=False):
        return self.activation(inputs)

    def get_config(self):
        return {'activation': activations.serialize(self.activation), **super().get_config()}


class Flatten(Layer):
    """Flattens each sample to one dimension: ``[batch, a, b] -> [batch, a * b]``."""

    def __init__(self, *, data_format=None, **base):
        super().__init__(**base)
        self.data_format = data_format or 'channelsLast'

    def check_input_shape(self, input_shape):
        if len(input_shape) < 2:
            raise ValueError(f'Input 0 is incompatible with layer {self.name}: expected min_ndim=2, '
                             f'found ndim={len(input_shape)}')

    def call(self, inputs, training=False):
        return ops.reshape(inputs, [inputs.shape[0], -1])

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        size = None if any(d is None for d in rest) else int(np.prod(rest))
        return [input_shape[0], size]

    def get_config(self):
        return {'data_format': self.data_format, **super().get_config()}
