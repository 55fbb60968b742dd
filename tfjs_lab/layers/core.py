"""Core layers: ``Dense``, ``Activation``, ``Flatten``, ``Dropout``, ``SpatialDropout1D``,
``RepeatVector``, ``Reshape``, ``Permute``, ``Masking``."""
import numpy as np

from .. import activations, constraints, initializers, ops, regularizers
from .._naming import to_camel
from ..engine.base_layer import InputSpec, Layer
from ..ops import fused


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
        activation = getattr(self.activation, 'name', None)
        if inputs._data.dtype == self.kernel._data.dtype and activation in fused.ACTIVATIONS:
            # one tape node for matmul, bias and activation (TF.js's fused matMul)
            flat = inputs if inputs.rank == 2 else ops.reshape(inputs, [-1, inputs.shape[-1]])
            out = fused.dense(flat, self.kernel, self.bias if self.use_bias else None, activation)
            return out if inputs.rank == 2 else ops.reshape(out, inputs.shape[:-1] + [self.units])
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

    def array_inference(self):
        """``activation(a @ kernel + bias)`` on ndarrays, for a built float32 Dense whose
        activation the fused primitive knows (see ``Layer.array_inference``).

        >>> import numpy as np, tfjs_lab as tf
        >>> layer = tf.layers.dense({'units': 1, 'inputShape': [2], 'kernelInitializer': 'ones'})
        >>> _ = layer.apply(tf.zeros([1, 2]))
        >>> layer.array_inference()(np.array([[1, 2]], np.float32))
        array([[3.]], dtype=float32)
        """
        activation = self._fused_activation()
        if activation is None:
            return None
        forward, kernel, bias = fused.dense_arrays, self.kernel, self.bias
        # the variables are read at each call: optimizers and set_weights replace their arrays
        return lambda a: forward(a, kernel._data, None if bias is None else bias._data, activation)

    def array_op(self):
        """The fused dense primitive with the kernel and bias, for a Dense that adds no
        regularization or activity loss (see ``Layer.array_op``)."""
        activation = self._fused_activation()
        if activation is None or self._regularized or self._added_losses or self.activity_regularizer is not None:
            return None
        return fused._dense, [self.kernel] + ([self.bias] if self.use_bias else []), {'activation': activation}

    def _fused_activation(self):
        """The activation's name for a built float32 Dense computed by the fused primitive."""
        activation = getattr(self.activation, 'name', None)
        if type(self).call is not Dense.call or activation not in fused.ACTIVATIONS or self.kernel is None \
                or self.kernel._data.dtype != np.float32:
            return None
        return activation

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
        self.data_format = None if data_format is None else to_camel(data_format)  # model.json: channels_last
        self.input_spec = InputSpec(min_ndim=3)

    def call(self, inputs):
        if self.data_format == 'channelsFirst' and inputs.rank > 2:
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
        # TF.js saves dataFormat only when it was given
        return {**({} if self.data_format is None else {'data_format': self.data_format}), **super().get_config()}


def filled_noise_shape(noise_shape, input_shape):
    """A dropout mask shape: ``noise_shape`` with None entries taken from the input (None: one
    decision per value)."""
    if noise_shape is None:
        return None
    return [size if wanted is None else wanted for size, wanted in zip(input_shape, noise_shape)]


def number_option(layer_name, option, value, optional=False):
    """``value`` if it is a number (or None when ``optional``), else a TypeError naming the
    layer and the option."""
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f'{layer_name}: {option} must be a number; received {value!r}')
    return value


class Dropout(Layer):
    """Sets a fraction ``rate`` of the inputs to 0 while training and scales the rest by
    ``1 / (1 - rate)``; does nothing at inference. ``noise_shape`` shares one decision along the
    axes where it is 1 (None keeps the input's size).

    As in TF.js, ``rate`` is clipped to [0, 1], rates of 0 or 1 leave the inputs unchanged, and a
    ``seed`` draws the same mask on every call.

    >>> import tfjs_lab as tf
    >>> tf.layers.dropout({'rate': 0.5}).apply(tf.ones([2, 2])).print()
    Tensor
        [[1, 1],
         [1, 1]]
    """
    supports_masking = True

    def __init__(self, *, rate, noise_shape=None, seed=None, **base):
        super().__init__(**base)
        self.rate = max(min(float(number_option(self.class_name, 'rate', rate)), 1.0), 0.0)
        self.noise_shape = None if noise_shape is None else list(noise_shape)
        self.seed = seed

    def array_inference(self):
        """Dropout does nothing at inference."""
        return (lambda a: a) if type(self).call is Dropout.call else None

    def dropout_noise_shape(self, inputs):
        """The shape of the keep/drop mask for ``inputs`` (None: one decision per value)."""
        return filled_noise_shape(self.noise_shape, inputs.shape)

    def call(self, inputs, training=False):
        if not training or not 0 < self.rate < 1:
            return inputs
        return ops.dropout(inputs, self.rate, self.dropout_noise_shape(inputs), self.seed)

    def get_config(self):
        return {'rate': self.rate, 'noise_shape': self.noise_shape, 'seed': self.seed, **super().get_config()}


class SpatialDropout1D(Dropout):
    """Dropout of whole channels of ``[batch, steps, channels]`` inputs: one decision per sample
    and channel, shared by all steps.

    >>> import tfjs_lab as tf
    >>> tf.layers.spatialDropout1d({'rate': 0.5}).apply(tf.ones([1, 2, 3])).shape
    [1, 2, 3]
    """

    def __init__(self, *, rate, noise_shape=None, seed=None, **base):
        super().__init__(rate=rate, noise_shape=noise_shape, seed=seed, **base)
        self.input_spec = InputSpec(ndim=3)

    def dropout_noise_shape(self, inputs):
        # TF.js keeps a noiseShape option in the config but always drops whole channels.
        return [inputs.shape[0], 1, inputs.shape[2]]


class RepeatVector(Layer):
    """Repeats each ``[batch, features]`` sample ``n`` times: ``[batch, n, features]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.repeatVector({'n': 2}).apply(tf.tensor2d([[1, 2]])).print()
    Tensor
        [[[1, 2],
          [1, 2]]]
    """

    def __init__(self, *, n, **base):
        super().__init__(**base)
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f'RepeatVector: n must be a positive integer; received {n!r}')
        self.n = int(n)
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.tile(ops.expand_dims(inputs, 1), [1, self.n, 1])

    def compute_output_shape(self, input_shape):
        return [input_shape[0], self.n, input_shape[1]]

    def get_config(self):
        return {'n': self.n, **super().get_config()}


def _is_unknown(dim):
    return dim is None or dim < 0


class Reshape(Layer):
    """Reshapes each sample to ``target_shape`` (the batch axis stays); one entry may be -1 (or
    None), inferred from the sample's size.

    >>> import tfjs_lab as tf
    >>> tf.layers.reshape({'targetShape': [-1, 2]}).apply(tf.ones([3, 4])).shape
    [3, 2, 2]
    """

    def __init__(self, *, target_shape, **base):
        super().__init__(**base)
        if not isinstance(target_shape, (list, tuple)) or not all(
                d is None or (isinstance(d, (int, np.integer)) and not isinstance(d, bool)) for d in target_shape):
            raise ValueError(f'Reshape: targetShape must be a list of integers (one may be -1 or null); '
                             f'received {target_shape!r}')
        self.target_shape = [None if _is_unknown(d) else int(d) for d in target_shape]
        if self.target_shape.count(None) > 1:
            raise ValueError(f'Can only specify one unknown dimension; targetShape {list(target_shape)} has '
                             f'{self.target_shape.count(None)}.')

    def _output_sample_shape(self, sample_shape):
        """``target_shape`` with its unknown entry filled in for samples of ``sample_shape``."""
        size = int(np.prod(sample_shape, dtype=np.int64))
        known = int(np.prod([d for d in self.target_shape if d is not None], dtype=np.int64))
        shape = list(self.target_shape)
        if None in shape:
            if known == 0 or size % known:
                raise ValueError(self._size_error(sample_shape))
            shape[shape.index(None)] = size // known
        elif size != known:
            raise ValueError(self._size_error(sample_shape))
        return shape

    def _size_error(self, sample_shape):
        return (f'Total size of new array must be unchanged: layer {self.name} cannot reshape samples of shape '
                f'{list(sample_shape)} to targetShape {[-1 if d is None else d for d in self.target_shape]}.')

    def call(self, inputs):
        return ops.reshape(inputs, [inputs.shape[0]] + self._output_sample_shape(inputs.shape[1:]))

    def compute_output_shape(self, input_shape):
        if any(d is None for d in input_shape[1:]):
            return [input_shape[0]] + list(self.target_shape)
        return [input_shape[0]] + self._output_sample_shape(input_shape[1:])

    def get_config(self):
        return {'target_shape': list(self.target_shape), **super().get_config()}


class Permute(Layer):
    """Permutes the axes of each sample: ``dims`` lists them from 1 (the batch axis stays).

    >>> import tfjs_lab as tf
    >>> tf.layers.permute({'dims': [2, 1]}).apply(tf.ones([1, 2, 3])).shape
    [1, 3, 2]
    """

    def __init__(self, *, dims, **base):
        super().__init__(**base)
        if not isinstance(dims, (list, tuple)):
            raise TypeError(f'Permute constructor requires `dims` to be an Array, but received {dims!r} instead.')
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError(f'Invalid permutation `dims`: {list(dims)} `dims` must contain consecutive '
                             'integers starting from 1.')
        self.dims = [int(d) for d in dims]
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, [0] + self.dims)

    def compute_output_shape(self, input_shape):
        return [input_shape[0]] + [input_shape[d] for d in self.dims]

    def get_config(self):
        return {'dims': list(self.dims), **super().get_config()}


class Masking(Layer):
    """Masks the time steps whose features all equal ``mask_value``: their outputs become 0 and
    the mask (one boolean per step) tells later layers (RNNs) to skip them.

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.masking({'maskValue': 0})
    >>> x = tf.tensor3d([[[1, 2], [0, 0]]])
    >>> layer.compute_mask(x).array_sync()
    [[True, False]]
    """
    supports_masking = True

    def __init__(self, *, mask_value=0, **base):
        super().__init__(**base)
        self.mask_value = mask_value

    def _kept(self, inputs, keep_dims):
        return ops.any(ops.not_equal(inputs, self.mask_value), -1, keep_dims)

    def compute_mask(self, inputs, mask=None):
        return self._kept(inputs, False)

    def call(self, inputs):
        return ops.mul(inputs, ops.cast(self._kept(inputs, True), inputs.dtype))

    def get_config(self):
        return {'mask_value': self.mask_value, **super().get_config()}
