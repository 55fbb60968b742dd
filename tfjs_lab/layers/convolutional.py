"""Convolutional layers as in TF.js 4.22: ``Conv1D``, ``Conv2D``, ``Conv3D``,
``Conv2DTranspose``, ``Conv3DTranspose``, ``SeparableConv2D``, ``DepthwiseConv2D``, and the
spatial reshaping layers ``Cropping2D`` and ``UpSampling2D``.

Every layer computes on channels-last tensors with the ``ops`` convolutions (strided windows and
one ``tensordot``); ``dataFormat: 'channelsFirst'`` transposes in and out, as TF.js does.
"""
import numpy as np

from .. import activations, constraints, initializers, ops, regularizers
from .._naming import to_camel
from ..engine.base_layer import InputSpec, Layer, shape_str
from ..ops import fused
from .core import weight_options

DATA_FORMATS = ('channelsFirst', 'channelsLast')
PADDING_MODES = ('valid', 'same', 'causal')
INTERPOLATIONS = ('nearest', 'bilinear')


# --- option checks, with TF.js's wording ---------------------------------------------------
def check_choice(value, allowed, label, layer):
    """``value`` must be one of ``allowed`` (TF.js's checkStringTypeUnionValue)."""
    if value not in allowed:
        raise ValueError(f'{layer}: {value!r} is not a valid {label}. Valid values are '
                         f'{", ".join(map(repr, allowed))} or null/undefined.')
    return value


def positive_int(value, name, layer):
    integral = isinstance(value, (int, np.integer)) or (isinstance(value, float) and value.is_integer())
    if isinstance(value, bool) or not integral or value < 1:
        raise ValueError(f'{layer}: expected {name} to be a positive integer, but got {value!r}.')
    return int(value)


def filters_option(value, layer):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{layer}: convolution layer expected config.filters to be a 'number' > 0 but got {value!r}")
    return int(value)


def normalize_tuple(value, n, name, layer):
    """A number or ``n`` numbers as a list of ``n`` positive integers (TF.js's normalizeArray)."""
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(f'{layer}: the {name} argument must be an integer or tuple of {n} integers. '
                             f'Received: {len(value)} elements ({list(value)}).')
        return [positive_int(v, f'{name} {list(value)}', layer) for v in value]
    return [positive_int(value, name, layer)] * n


def data_format_option(value, layer):
    # model.json files TF.js writes spell it 'channels_last', as Keras does
    value = 'channelsLast' if value is None else to_camel(value) if isinstance(value, str) else value
    return check_choice(value, DATA_FORMATS, 'DataFormat', layer)


def to_channels_last(x, data_format):
    if data_format == 'channelsFirst':
        return ops.transpose(x, [0] + list(range(2, x.rank)) + [1])
    return x


def from_channels_last(x, data_format):
    if data_format == 'channelsFirst':
        return ops.transpose(x, [0, x.rank - 1] + list(range(1, x.rank - 1)))
    return x


def spatial_axes(rank, data_format):
    """The indices of the spatial axes of a ``rank``-dimensional input."""
    return list(range(2, rank)) if data_format == 'channelsFirst' else list(range(1, rank - 1))


def channel_axis(rank, data_format):
    return 1 if data_format == 'channelsFirst' else rank - 1


def conv_output_length(length, kernel, padding, stride, dilation=1):
    """TF.js's convOutputLength ('causal' keeps the length, as 'same' does)."""
    if length is None:
        return None
    if padding == 'valid':
        length = length - ((kernel - 1) * dilation + 1) + 1
    return (length + stride - 1) // stride


def deconv_length(length, stride, kernel, padding):
    """TF.js's deconvLength: the output length of a transposed convolution."""
    if length is None:
        return None
    return length * stride + (max(kernel - stride, 0) if padding == 'valid' else 0)


def check_output_fits(layer, input_shape, window, window_name):
    """Raise if the kernel or pool window does not fit in the (padded) input."""
    output_shape = layer.compute_output_shape(input_shape)
    if any(d is not None and d <= 0 for d in output_shape):
        raise ValueError(f'{layer.class_name}: an input of shape {shape_str(input_shape)} is too small for '
                         f'{window_name} {window} with padding {layer.padding!r} (the output shape would be '
                         f'{shape_str(output_shape)})')


# --- convolutions --------------------------------------------------------------------------
class BaseConv(Layer):
    """What every convolution shares (TF.js's BaseConv): kernel geometry, padding, data format,
    activation and bias. Subclasses set ``rank`` and create their kernels in ``build``."""
    abstract = True  # a shared base: only concrete layers get factories and deserialize
    rank = None

    def _set_conv_options(self, kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                          bias_initializer, bias_regularizer, bias_constraint, activity_regularizer):
        layer = self.class_name
        self.kernel_size = normalize_tuple(kernel_size, self.rank, 'kernelSize', layer)
        self.strides = normalize_tuple(strides, self.rank, 'strides', layer)
        self.padding = check_choice(padding, PADDING_MODES, 'PaddingMode', layer)
        if padding == 'causal' and self.rank != 1:
            raise ValueError(f"{layer}: 'causal' padding is only for 1D convolutions (Conv1D); received "
                             f'padding {padding!r}')
        self.data_format = data_format_option(data_format, layer)
        self.dilation_rate = normalize_tuple(dilation_rate, self.rank, 'dilationRate', layer)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(f'{layer}: either strides or dilationRate must be 1; received strides '
                             f'{self.strides} and dilationRate {self.dilation_rate}')
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.bias_initializer = initializers.get(bias_initializer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias_constraint = constraints.get(bias_constraint)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.input_spec = InputSpec(ndim=self.rank + 2)
        self.bias = None

    def check_input_shape(self, input_shape):
        super().check_input_shape(input_shape)
        check_output_fits(self, input_shape, self.kernel_size, 'kernelSize')

    def _input_channels(self, input_shape):
        axis = channel_axis(len(input_shape), self.data_format)
        channels = input_shape[axis]
        if channels is None:
            raise ValueError(f'{self.class_name}: the channel dimension of the input should be defined; '
                             f'received input shape {shape_str(input_shape)}')
        self.input_spec = InputSpec(ndim=self.rank + 2, axes={axis: channels})
        return channels

    def _add_bias(self, units):
        if self.use_bias:
            self.bias = self.add_weight('bias', [units], initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)

    def call(self, inputs):
        outputs = self._convolve(to_channels_last(inputs, self.data_format))
        if self.bias is not None:
            outputs = ops.add(outputs, self.bias)
        return from_channels_last(self.activation(outputs), self.data_format)

    def _output_channels(self, input_shape):
        raise NotImplementedError

    def compute_output_shape(self, input_shape):
        rank = len(input_shape)
        output_shape = list(input_shape)
        for i, axis in enumerate(spatial_axes(rank, self.data_format)):
            output_shape[axis] = self._output_length(input_shape[axis], i)
        output_shape[channel_axis(rank, self.data_format)] = self._output_channels(input_shape)
        return output_shape

    def _output_length(self, length, i):
        return conv_output_length(length, self.kernel_size[i], self.padding, self.strides[i], self.dilation_rate[i])

    def _base_config(self):
        return {
            'kernel_size': list(self.kernel_size),
            'strides': list(self.strides),
            'padding': self.padding,
            'data_format': self.data_format,
            'dilation_rate': list(self.dilation_rate),
            'activation': activations.serialize(self.activation),
            'use_bias': self.use_bias,
            **weight_options(self, bias_initializer=self.bias_initializer, bias_regularizer=self.bias_regularizer,
                             activity_regularizer=self.activity_regularizer, bias_constraint=self.bias_constraint),
        }


class Conv(BaseConv):
    """A convolution with ``filters`` output channels (TF.js's Conv); ``Conv1D``, ``Conv2D``,
    ``Conv3D`` and the transposed convolutions differ in rank and in ``_convolve``."""
    abstract = True  # a shared base: only concrete layers get factories and deserialize
    _conv_ops = {1: ops.conv1d, 2: ops.conv2d, 3: ops.conv3d}

    def __init__(self, *, filters, kernel_size, strides=1, padding='valid', data_format=None, dilation_rate=1,
                 activation=None, use_bias=True, kernel_initializer='glorotNormal', bias_initializer='zeros',
                 kernel_constraint=None, bias_constraint=None, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, **base):
        super().__init__(**base)
        self.filters = filters_option(filters, self.class_name)
        self._set_conv_options(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                               bias_initializer, bias_regularizer, bias_constraint, activity_regularizer)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.kernel = None

    def _kernel_shape(self, channels):
        return self.kernel_size + [channels, self.filters]

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        self.kernel = self.add_weight('kernel', self._kernel_shape(channels), initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self._add_bias(self.filters)

    def call(self, inputs):
        activation = getattr(self.activation, 'name', None)
        if inputs._data.dtype != self.kernel._data.dtype or activation not in fused.ACTIVATIONS:
            return super().call(inputs)
        # one primitive for convolution, bias and activation (TF.js's fused conv)
        outputs = fused.conv(to_channels_last(inputs, self.data_format), self.kernel, self.bias, activation,
                             self.strides, self._pad(), self.dilation_rate)
        return from_channels_last(outputs, self.data_format)

    def _pad(self):
        if self.padding == 'causal':  # only the past: all the padding goes before the sequence
            return [[0, 0], [self.dilation_rate[0] * (self.kernel_size[0] - 1), 0], [0, 0]]
        return self.padding

    def _convolve(self, x):
        return self._conv_ops[self.rank](x, self.kernel, self.strides, self._pad(), 'channelsLast', self.dilation_rate)

    def _output_channels(self, input_shape):
        return self.filters

    def get_config(self):
        return {
            'filters': self.filters,
            **weight_options(self, kernel_initializer=self.kernel_initializer,
                             kernel_regularizer=self.kernel_regularizer, kernel_constraint=self.kernel_constraint),
            **self._base_config(),
            **Layer.get_config(self),
        }


class Conv1D(Conv):
    """1D convolution over ``[batch, steps, channels]``; ``padding: 'causal'`` pads only the
    start so that output step ``t`` sees inputs up to ``t``.

    >>> import tfjs_lab as tf
    >>> tf.layers.conv1d({'filters': 4, 'kernelSize': 3, 'inputShape': [10, 2]}).apply(tf.ones([1, 10, 2])).shape
    [1, 8, 4]
    """
    rank = 1

    def _set_conv_options(self, *options):
        super()._set_conv_options(*options)
        if self.data_format != 'channelsLast':  # TF.js's Conv1D drops dataFormat when saved
            raise ValueError(f"Conv1D: only dataFormat 'channelsLast' is supported; received {self.data_format!r}")

    def get_config(self):
        config = super().get_config()
        del config['data_format']
        return config


class Conv2D(Conv):
    """2D convolution over ``[batch, height, width, channels]`` (or channels first).

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.conv2d({'filters': 8, 'kernelSize': 3, 'padding': 'same', 'activation': 'relu'})
    >>> layer.apply(tf.ones([2, 5, 5, 3])).shape
    [2, 5, 5, 8]
    """
    rank = 2


class Conv3D(Conv):
    """3D convolution over ``[batch, depth, height, width, channels]`` (or channels first).

    >>> import tfjs_lab as tf
    >>> tf.layers.conv3d({'filters': 2, 'kernelSize': [2, 3, 3]}).apply(tf.ones([1, 4, 5, 5, 1])).shape
    [1, 3, 3, 3, 2]
    """
    rank = 3


class ConvTranspose(Conv):
    """A transposed convolution ("deconvolution"): the kernel is ``[*kernel_size, filters,
    input channels]`` and each input position spreads over a ``strides``-spaced output."""
    abstract = True  # a shared base: only concrete layers get factories and deserialize
    _transpose_ops = {2: ops.conv2d_transpose, 3: ops.conv3d_transpose}
    call = BaseConv.call  # _convolve, then bias and activation: Conv's fused convolution does not apply

    def _set_conv_options(self, *options):
        super()._set_conv_options(*options)
        layer = self.class_name
        if self.padding not in ('same', 'valid'):
            raise ValueError(f"{layer} currently supports only padding modes 'same' and 'valid', but received "
                             f'padding mode {self.padding}')
        if max(self.dilation_rate) > 1:  # TF.js ignores it; refuse rather than silently not dilate
            raise ValueError(f'{layer} does not support dilation; received dilationRate {self.dilation_rate}')

    def _kernel_shape(self, channels):
        return self.kernel_size + [self.filters, channels]

    def _convolve(self, x):
        spatial = [deconv_length(n, s, k, self.padding)
                   for n, s, k in zip(x.shape[1:-1], self.strides, self.kernel_size)]
        output_shape = [x.shape[0]] + spatial + [self.filters]
        return self._transpose_ops[self.rank](x, self.kernel, output_shape, self.strides, self.padding)

    def _output_length(self, length, i):
        return deconv_length(length, self.strides[i], self.kernel_size[i], self.padding)

    def get_config(self):
        config = super().get_config()
        del config['dilation_rate']
        return config


class Conv2DTranspose(ConvTranspose):
    """Transposed 2D convolution: ``strides: 2`` doubles the height and width.

    >>> import tfjs_lab as tf
    >>> tf.layers.conv2dTranspose({'filters': 3, 'kernelSize': 2, 'strides': 2}).apply(tf.ones([1, 4, 4, 5])).shape
    [1, 8, 8, 3]
    """
    rank = 2


class Conv3DTranspose(ConvTranspose):
    """Transposed 3D convolution.

    >>> import tfjs_lab as tf
    >>> tf.layers.conv3dTranspose({'filters': 1, 'kernelSize': 3, 'padding': 'same', 'strides': 2}).apply(
    ...     tf.ones([1, 2, 2, 2, 4])).shape
    [1, 4, 4, 4, 1]
    """
    rank = 3


def _depthwise_options(layer, depth_multiplier, initializer, regularizer, constraint):
    layer.depth_multiplier = positive_int(depth_multiplier, 'depthMultiplier', layer.class_name)
    layer.depthwise_initializer = initializers.get(initializer)
    layer.depthwise_regularizer = regularizers.get(regularizer)
    layer.depthwise_constraint = constraints.get(constraint)
    layer.depthwise_kernel = None


def _add_depthwise_kernel(layer, channels):
    layer.depthwise_kernel = layer.add_weight(
        'depthwise_kernel', layer.kernel_size + [channels, layer.depth_multiplier],
        initializer=layer.depthwise_initializer, regularizer=layer.depthwise_regularizer,
        constraint=layer.depthwise_constraint)


class SeparableConv2D(BaseConv):
    """A depthwise convolution (``depthMultiplier`` filters per input channel) followed by a
    1x1 convolution to ``filters`` channels: far fewer weights than ``Conv2D``.

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.separableConv2d({'filters': 6, 'kernelSize': 3, 'depthMultiplier': 2})
    >>> layer.apply(tf.ones([1, 5, 5, 4])).shape, [w.shape for w in layer.weights]
    ([1, 3, 3, 6], [[3, 3, 4, 2], [1, 1, 8, 6], [6]])
    """
    rank = 2

    def __init__(self, *, filters, kernel_size, strides=1, padding='valid', data_format=None, dilation_rate=1,
                 activation=None, use_bias=True, depth_multiplier=1, depthwise_initializer='glorotUniform',
                 pointwise_initializer=None, bias_initializer='zeros', depthwise_regularizer=None,
                 pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None, **base):
        super().__init__(**base)
        self.filters = filters_option(filters, self.class_name)
        self._set_conv_options(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                               bias_initializer, bias_regularizer, bias_constraint, activity_regularizer)
        if self.padding == 'causal':
            raise ValueError("SeparableConv2D supports only padding modes: 'same' and 'valid', but received "
                             f'{self.padding!r}')
        _depthwise_options(self, depth_multiplier, depthwise_initializer, depthwise_regularizer,
                           depthwise_constraint)
        # TF.js initializes the pointwise kernel with the depthwise initializer unless told otherwise.
        self.pointwise_initializer = initializers.get(pointwise_initializer or depthwise_initializer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.pointwise_constraint = constraints.get(pointwise_constraint)
        self.pointwise_kernel = None

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        _add_depthwise_kernel(self, channels)
        self.pointwise_kernel = self.add_weight(
            'pointwise_kernel', [1, 1, channels * self.depth_multiplier, self.filters],
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)
        self._add_bias(self.filters)

    def _convolve(self, x):
        return ops.separable_conv2d(x, self.depthwise_kernel, self.pointwise_kernel, self.strides, self.padding,
                                    self.dilation_rate, 'NHWC')

    def _output_channels(self, input_shape):
        return self.filters

    def get_config(self):
        return {
            'filters': self.filters,
            **self._base_config(),
            **Layer.get_config(self),
            **weight_options(self, depthwise_initializer=self.depthwise_initializer,
                             pointwise_initializer=self.pointwise_initializer,
                             depthwise_regularizer=self.depthwise_regularizer,
                             pointwise_regularizer=self.pointwise_regularizer,
                             depthwise_constraint=self.depthwise_constraint,
                             pointwise_constraint=self.pointwise_constraint),
            'depth_multiplier': self.depth_multiplier,
        }


class DepthwiseConv2D(BaseConv):
    """Each input channel convolved with its own ``depthMultiplier`` filters; the output has
    ``channels * depthMultiplier`` channels.

    >>> import tfjs_lab as tf
    >>> tf.layers.depthwiseConv2d({'kernelSize': 3, 'depthMultiplier': 2}).apply(tf.ones([1, 5, 5, 3])).shape
    [1, 3, 3, 6]
    """
    rank = 2

    def __init__(self, *, kernel_size, strides=1, padding='valid', data_format=None, dilation_rate=1,
                 activation=None, use_bias=True, depth_multiplier=1, depthwise_initializer='glorotNormal',
                 bias_initializer='zeros', depthwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None, bias_constraint=None, **base):
        super().__init__(**base)
        self._set_conv_options(kernel_size, strides, padding, data_format, dilation_rate, activation, use_bias,
                               bias_initializer, bias_regularizer, bias_constraint, activity_regularizer)
        _depthwise_options(self, depth_multiplier, depthwise_initializer, depthwise_regularizer,
                           depthwise_constraint)

    def build(self, input_shape):
        channels = self._input_channels(input_shape)
        _add_depthwise_kernel(self, channels)
        self._add_bias(channels * self.depth_multiplier)

    def _convolve(self, x):
        return ops.depthwise_conv2d(x, self.depthwise_kernel, self.strides, self.padding, 'NHWC',
                                    self.dilation_rate)

    def _output_channels(self, input_shape):
        channels = input_shape[channel_axis(len(input_shape), self.data_format)]
        return None if channels is None else channels * self.depth_multiplier

    def get_config(self):
        return {
            **self._base_config(),
            **Layer.get_config(self),
            'depth_multiplier': self.depth_multiplier,
            **weight_options(self, depthwise_initializer=self.depthwise_initializer,
                             depthwise_regularizer=self.depthwise_regularizer,
                             depthwise_constraint=self.depthwise_constraint),
        }


# --- spatial reshaping -----------------------------------------------------------------------
def pairs_option(value, name, layer):
    """TF.js's 2D cropping/padding forms: ``n``, ``[rows, cols]`` or ``[[top, bottom], [left,
    right]]``, as the last form."""
    form = f'{name} must be a number, [rows, cols] or [[top, bottom], [left, right]] of non-negative integers'
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        value = [[value, value], [value, value]]
    elif isinstance(value, (list, tuple)) and len(value) == 2 and all(
            isinstance(v, (int, np.integer)) for v in value):
        value = [[value[0], value[0]], [value[1], value[1]]]
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and all(
            isinstance(p, (list, tuple)) and len(p) == 2 and all(
                isinstance(v, (int, np.integer)) and not isinstance(v, bool) and v >= 0 for v in p)
            for p in value)):
        raise ValueError(f'{layer}: {form}; received {value!r}')
    return [[int(v) for v in p] for p in value]


class Cropping2D(Layer):
    """Crops rows and columns off the edges of ``[batch, height, width, channels]`` images;
    ``cropping`` is ``n``, ``[rows, cols]`` or ``[[top, bottom], [left, right]]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.cropping2D({'cropping': [[1, 0], [2, 2]]}).apply(tf.ones([1, 5, 6, 3])).shape
    [1, 4, 2, 3]
    """

    def __init__(self, *, cropping, data_format=None, **base):
        super().__init__(**base)
        self.cropping = pairs_option(cropping, 'cropping', 'Cropping2D')
        self.data_format = data_format_option(data_format, 'Cropping2D')
        self.input_spec = InputSpec(ndim=4)

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        for axis, (before, after) in zip(spatial_axes(4, self.data_format), self.cropping):
            if output_shape[axis] is not None:
                output_shape[axis] -= before + after
                if output_shape[axis] <= 0:
                    raise ValueError(f'Cropping2D: cropping {self.cropping} leaves nothing of an input of shape '
                                     f'{shape_str(input_shape)}')
        return output_shape

    def call(self, inputs):
        begin, size = [0] * 4, self.compute_output_shape(inputs.shape)
        for axis, (before, _) in zip(spatial_axes(4, self.data_format), self.cropping):
            begin[axis] = before
        return ops.slice(inputs, begin, size)

    def get_config(self):
        return {'cropping': self.cropping, 'data_format': self.data_format, **super().get_config()}


class UpSampling2D(Layer):
    """Repeats rows and columns ``size`` times (``interpolation: 'nearest'``) or resizes
    bilinearly (``'bilinear'``).

    >>> import tfjs_lab as tf
    >>> tf.layers.upSampling2d({'size': [2, 3]}).apply(tf.ones([1, 2, 2, 1])).shape
    [1, 4, 6, 1]
    """

    def __init__(self, *, size=(2, 2), data_format=None, interpolation='nearest', **base):
        super().__init__(**base)
        self.size = normalize_tuple(size, 2, 'size', 'UpSampling2D')
        self.data_format = data_format_option(data_format, 'UpSampling2D')
        self.interpolation = check_choice(interpolation, INTERPOLATIONS, 'InterpolationFormat', 'UpSampling2D')
        self.input_spec = InputSpec(ndim=4)

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        for axis, factor in zip(spatial_axes(4, self.data_format), self.size):
            output_shape[axis] = None if input_shape[axis] is None else input_shape[axis] * factor
        return output_shape

    def call(self, inputs):
        images = to_channels_last(inputs, self.data_format)
        new_size = [images.shape[1] * self.size[0], images.shape[2] * self.size[1]]
        resize = ops.image.resize_nearest_neighbor if self.interpolation == 'nearest' else ops.image.resize_bilinear
        return from_channels_last(resize(images, new_size), self.data_format)

    def get_config(self):
        return {'size': list(self.size), 'data_format': self.data_format, 'interpolation': self.interpolation,
                **super().get_config()}
