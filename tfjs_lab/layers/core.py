"""Core layers: ``Dense``, ``Activation``, ``Flatten``."""
import numpy as np

from .. import activations, constraints, initializers, ops, regularizers
from .._naming import to_camel
from ..engine.base_layer import InputSpec, Layer


def weight_options(layer, **options):
    """The serialized form of initializer/regularizer/constraint options for ``get_config``."""
    serializers = {'initializer': initializers.serialize, 'regularizer': regularizers.serialize,
                   'constraint': constraints.serialize}
    return {name: serializers[name.rsplit('_', 1)[1]](value) for name, value in options.items()}


class Dense(Layer):
    """A densely connected layer: ``activation(inputs @ kernel + bias)``.

    >>> import tfjs_lab as tf
    >>> tf.layers.dense({'units': 4, 'inputShape': [3], 'activation': 'relu'})
    <Dense 'dense_Dense...'>
    """
    supports_masking = True

    def __init__(self, *, units, activation=None, use_bias=True, kernel_initializer='glorotNormal',
                 bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 input_dim=None, **base):
        if input_dim is not None and base.get('batch_input_shape') is None and base.get('input_shape') is None:
            base['input_shape'] = [input_dim]
        super().__init__(**base)
        if not isinstance(units, (int, np.integer)) or isinstance(units, bool) or units <= 0:
            raise ValueError(f'units must be a positive integer; received {units!r}')
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.kernel = self.bias = None

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.kernel = self.add_weight('kernel', [input_dim, self.units], initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight('bias', [self.units], initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})

    def call(self, inputs):
        if inputs.rank == 2:
            out = ops.mat_mul(inputs, self.kernel)
        else:  # applied to the last axis of every position, as TF.js's K.dot
            flat = ops.mat_mul(ops.reshape(inputs, [-1, inputs.shape[-1]]), self.kernel)
            out = ops.reshape(flat, inputs.shape[:-1] + [self.units])
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
            **weight_options(self, kernel_initializer=self.kernel_initializer,
                             bias_initializer=self.bias_initializer,
                             kernel_regularizer=self.kernel_regularizer,
                             bias_regularizer=self.bias_regularizer,
                             activity_regularizer=self.activity_regularizer,
                             kernel_constraint=self.kernel_constraint,
                             bias_constraint=self.bias_constraint),
            **super().get_config(),
        }


class Activation(Layer):
    """Applies an activation function: ``tf.layers.activation({activation: 'relu'})``."""
    supports_masking = True

    def __init__(self, *, activation, **base):
        super().__init__(**base)
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def get_config(self):
        return {'activation': activations.serialize(self.activation), **super().get_config()}


class Flatten(Layer):
    """Flattens each sample to one dimension: ``[batch, a, b] -> [batch, a * b]``."""

    def __init__(self, *, data_format=None, **base):
        super().__init__(**base)
        self.data_format = to_camel(data_format or 'channelsLast')  # model.json spells it channels_last
        self.input_spec = InputSpec(min_ndim=3)

    def call(self, inputs):
        if self.data_format == 'channelsFirst' and inputs.rank > 1:
            inputs = ops.transpose(inputs, [0] + list(range(2, inputs.rank)) + [1])
        return ops.reshape(inputs, [inputs.shape[0], -1])

    def compute_output_shape(self, input_shape):
        rest = input_shape[1:]
        if any(d is None for d in rest):
            raise ValueError(f'The shape of the input to "Flatten" is not fully defined (got {rest}). Make sure '
                             'to pass a complete "input_shape" or "batch_input_shape" argument to the first '
                             'layer in your model.')
        return [input_shape[0], int(np.prod(rest))]

    def get_config(self):
        return {'data_format': self.data_format, **super().get_config()}
