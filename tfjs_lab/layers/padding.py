"""Padding layers as in TF.js 4.22 (layers/padding.ts): ``ZeroPadding2D``."""
from .. import ops
from ..engine.base_layer import InputSpec, Layer
from .convolutional import data_format_option, pairs_option, spatial_axes


class ZeroPadding2D(Layer):
    """Adds rows and columns of zeros around ``[batch, height, width, channels]`` images;
    ``padding`` is ``n``, ``[rows, cols]`` or ``[[top, bottom], [left, right]]`` (default 1).

    >>> import tfjs_lab as tf
    >>> tf.layers.zeroPadding2d({'padding': [[1, 0], [2, 2]]}).apply(tf.ones([1, 3, 3, 2])).shape
    [1, 4, 7, 2]
    """

    def __init__(self, *, padding=None, data_format=None, **base):
        super().__init__(**base)
        self.padding = pairs_option(1 if padding is None else padding, 'padding', 'ZeroPadding2D')
        self.data_format = data_format_option(data_format, 'ZeroPadding2D')
        self.input_spec = InputSpec(ndim=4)

    def _paddings(self):
        paddings = [[0, 0]] * 4
        for axis, pair in zip(spatial_axes(4, self.data_format), self.padding):
            paddings[axis] = pair
        return paddings

    def compute_output_shape(self, input_shape):
        return [d if d is None else d + before + after for d, (before, after) in zip(input_shape, self._paddings())]

    def call(self, inputs):
        return ops.pad(inputs, self._paddings())

    def get_config(self):
        return {'padding': self.padding, 'data_format': self.data_format, **super().get_config()}
