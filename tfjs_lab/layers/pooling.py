"""Pooling layers as in TF.js 4.22: max and average pooling in 1D, 2D and 3D, and global max
and average pooling in 1D and 2D. Windows are pooled by ``ops.pool`` (strided windows, no
Python loop over positions)."""
from .. import ops
from ..engine.base_layer import InputSpec, Layer
from .convolutional import (check_choice, check_output_fits, conv_output_length, data_format_option,
                            from_channels_last, normalize_tuple, not_registered, spatial_axes, to_channels_last)


@not_registered
class Pooling(Layer):
    """Max (``kind = 'max'``) or average (``'avg'``) pooling of ``rank`` spatial dimensions;
    ``strides`` default to ``pool_size``. Subclasses set ``rank`` and ``kind``."""
    rank = kind = None

    def __init__(self, *, pool_size=None, strides=None, padding='valid', data_format=None, **base):
        super().__init__(**base)
        layer = self.class_name
        self.pool_size = normalize_tuple(2 if pool_size is None else pool_size, self.rank, 'poolSize', layer)
        self.strides = self.pool_size if strides is None else normalize_tuple(strides, self.rank, 'strides', layer)
        self.padding = check_choice(padding, ('valid', 'same'), 'PaddingMode', layer)
        self.data_format = data_format_option(data_format, layer)
        if self.rank == 1 and self.data_format != 'channelsLast':
            raise ValueError(f"{layer}: only dataFormat 'channelsLast' is supported; received {self.data_format!r}")
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def check_input_shape(self, input_shape):
        super().check_input_shape(input_shape)
        check_output_fits(self, input_shape, self.pool_size, 'poolSize')

    def call(self, inputs):
        pooled = ops.pool(to_channels_last(inputs, self.data_format), self.pool_size, self.kind, self.padding,
                          1, self.strides)
        return from_channels_last(pooled, self.data_format)

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        for i, axis in enumerate(spatial_axes(len(input_shape), self.data_format)):
            output_shape[axis] = conv_output_length(input_shape[axis], self.pool_size[i], self.padding,
                                                    self.strides[i])
        return output_shape

    def get_config(self):
        config = {'pool_size': list(self.pool_size), 'padding': self.padding, 'strides': list(self.strides)}
        if self.rank > 1:  # TF.js's 1D pooling has no dataFormat
            config['data_format'] = self.data_format
        return {**config, **super().get_config()}


class MaxPooling1D(Pooling):
    """The maximum of each window of ``poolSize`` steps of ``[batch, steps, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.maxPooling1d({'poolSize': 2}).apply(tf.tensor3d([1, 5, 2, 3], [1, 4, 1])).reshape([2]).print()
    Tensor
        [5, 3]
    """
    rank, kind = 1, 'max'


class AveragePooling1D(Pooling):
    """The mean of each window of ``poolSize`` steps of ``[batch, steps, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.averagePooling1d({'poolSize': 2}).apply(tf.tensor3d([1, 5, 2, 3], [1, 4, 1])).reshape([2]).print()
    Tensor
        [3, 2.5]
    """
    rank, kind = 1, 'avg'


class MaxPooling2D(Pooling):
    """2D max pooling; ``poolSize`` and ``strides`` default to ``[2, 2]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.maxPooling2d({'poolSize': 2}).apply(tf.ones([1, 6, 6, 3])).shape
    [1, 3, 3, 3]
    """
    rank, kind = 2, 'max'


class AveragePooling2D(Pooling):
    """2D average pooling; with ``padding: 'same'`` edge windows average their real values only.

    >>> import tfjs_lab as tf
    >>> tf.layers.averagePooling2d({'poolSize': 3, 'strides': 2, 'padding': 'same'}).apply(tf.ones([1, 5, 5, 1])).shape
    [1, 3, 3, 1]
    """
    rank, kind = 2, 'avg'


class MaxPooling3D(Pooling):
    """3D max pooling of ``[batch, depth, height, width, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.maxPooling3d({'poolSize': 2}).apply(tf.ones([1, 4, 4, 4, 2])).shape
    [1, 2, 2, 2, 2]
    """
    rank, kind = 3, 'max'


class AveragePooling3D(Pooling):
    """3D average pooling of ``[batch, depth, height, width, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.averagePooling3d({'poolSize': [1, 2, 2]}).apply(tf.ones([1, 4, 4, 4, 2])).shape
    [1, 4, 2, 2, 2]
    """
    rank, kind = 3, 'avg'


@not_registered
class GlobalPooling(Layer):
    """The maximum or mean over all spatial positions: ``[batch, ..., channels] -> [batch,
    channels]``. Subclasses set ``rank`` and ``reduce`` (``ops.max`` or ``ops.mean``)."""
    rank = reduce = None

    def __init__(self, *, data_format=None, **base):
        super().__init__(**base)
        self.data_format = data_format_option(data_format, self.class_name)
        if self.rank == 1 and self.data_format != 'channelsLast':
            raise ValueError(f"{self.class_name}: only dataFormat 'channelsLast' is supported; "
                             f'received {self.data_format!r}')
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs):
        return type(self).reduce(inputs, spatial_axes(inputs.rank, self.data_format))

    def compute_output_shape(self, input_shape):
        channels = input_shape[1] if self.data_format == 'channelsFirst' else input_shape[-1]
        return [input_shape[0], channels]

    def get_config(self):
        config = super().get_config()
        return config if self.rank == 1 else {'data_format': self.data_format, **config}


class GlobalMaxPooling1D(GlobalPooling):
    """The maximum over all steps: ``[batch, steps, channels] -> [batch, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.globalMaxPooling1d().apply(tf.tensor3d([1, 5, 2, 3], [1, 2, 2])).reshape([2]).print()
    Tensor
        [2, 5]
    """
    rank, reduce = 1, ops.max


class GlobalAveragePooling1D(GlobalPooling):
    """The mean over all steps: ``[batch, steps, channels] -> [batch, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.globalAveragePooling1d().apply(tf.tensor3d([1, 5, 2, 3], [1, 2, 2])).reshape([2]).print()
    Tensor
        [1.5, 4]
    """
    rank, reduce = 1, ops.mean


class GlobalMaxPooling2D(GlobalPooling):
    """The maximum over height and width: ``[batch, h, w, channels] -> [batch, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.globalMaxPooling2d({'dataFormat': 'channelsFirst'}).apply(tf.ones([2, 3, 4, 4])).shape
    [2, 3]
    """
    rank, reduce = 2, ops.max


class GlobalAveragePooling2D(GlobalPooling):
    """The mean over height and width: ``[batch, h, w, channels] -> [batch, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.layers.globalAveragePooling2d().apply(tf.ones([2, 4, 4, 3])).shape
    [2, 3]
    """
    rank, reduce = 2, ops.mean
