"""Convolutional LSTM: ``ConvLSTM2D`` and its cell, as TF.js 4.22's (channelsLast; TF.js's CPU
backend has no channelsFirst convolution either)."""
from .. import ops
from ..engine.base_layer import is_shape_list
from .convolutional import (PADDING_MODES, check_choice, conv_output_length, data_format_option, filters_option,
                            normalize_tuple)
from .recurrent import RNN, LSTMCell, RNNCell, _dropout_mask

class ConvLSTM2DCell(LSTMCell):
    """The cell of ``ConvLSTM2D``: an LSTM whose matmuls are 2D convolutions; kernels
    ``[kh, kw, in, 4 * filters]`` with gates i, f, c, o.

    >>> import tfjs_lab as tf
    >>> cell = tf.layers.conv_lstm2d_cell({'filters': 2, 'kernelSize': 3, 'padding': 'same'})
    >>> h = c = tf.zeros([1, 4, 4, 2])
    >>> cell.apply([tf.ones([1, 4, 4, 1]), h, c])[0].shape
    [1, 4, 4, 2]
    """
    factory_name = 'convLstm2dCell'
    gates = 4

    def __init__(self, *, filters, kernel_size, strides=1, padding='valid', data_format='channelsLast',
                 dilation_rate=1, **options):
        filters = filters_option(filters, self.class_name)
        super().__init__(**{**options, 'units': filters})
        self.filters = filters
        layer = self.class_name
        self.kernel_size = normalize_tuple(kernel_size, 2, 'kernelSize', layer)
        self.strides = normalize_tuple(strides or 1, 2, 'strides', layer)
        self.padding = check_choice(padding or 'valid', PADDING_MODES, 'PaddingMode', layer)
        self.data_format = data_format_option(data_format, layer)
        self.dilation_rate = normalize_tuple(dilation_rate or 1, 2, 'dilationRate', layer)
        self.recurrent_dropout_masks = None

    @property
    def _conv_format(self):
        return 'NCHW' if self.data_format == 'channelsFirst' else 'NHWC'

    def build(self, input_shape):
        if is_shape_list(input_shape):
            input_shape = input_shape[0]
        channels = input_shape[1 if self.data_format == 'channelsFirst' else -1]
        if channels is None:
            raise ValueError(f'The channel dimension of the input should be defined. Found {channels}')
        width = 4 * self.filters
        self.add_cell_weights([*self.kernel_size, channels, width], [*self.kernel_size, self.filters, width], width)
        if self.use_bias and self.unit_forget_bias:
            self.bias._data[self.filters:2 * self.filters] = 1  # TF.js: the forget gate's bias starts at 1

    def start(self, batch_size, input_shape, training=False):
        # Unlike LSTM, TF.js's ConvLSTM2D draws one dropout mask per gate.
        self.dropout_mask = self._gate_masks([batch_size, *input_shape], self.dropout, training)
        batch, _, *state_shape = self.output_spatial_shape([batch_size, None, *input_shape])
        self.recurrent_dropout_masks = self._gate_masks([batch, *state_shape], self.recurrent_dropout, training)

    @staticmethod
    def _gate_masks(shape, rate, training):
        masks = [_dropout_mask(shape, rate, training) for _ in range(4)]
        return None if masks[0] is None else masks

    def output_spatial_shape(self, input_shape):
        """[batch, time, out_h, out_w, filters] for inputs [batch, time, h, w, channels]."""
        h, w = input_shape[2:4] if self.data_format == 'channelsLast' else input_shape[3:5]
        out = [conv_output_length(size, k, self.padding, s, d)
               for size, k, s, d in zip((h, w), self.kernel_size, self.strides, self.dilation_rate)]
        return [*input_shape[:2], *out, self.filters]

    def _convolve(self, x, kernel, masks, strides, padding, dilations):
        """Conv of x by the 4-gate kernel: at once, or gate by gate when dropout masks differ."""
        if masks is None:
            return ops.conv2d(x, kernel, strides, padding, self._conv_format, dilations)
        kernels = ops.split(kernel, 4, 3)
        return ops.concat([ops.conv2d(ops.mul(x, m), k, strides, padding, self._conv_format, dilations)
                           for m, k in zip(masks, kernels)], -1)

    def project(self, inputs):
        leading = inputs.shape[:-3]
        flat = ops.reshape(inputs, [-1, *inputs.shape[-3:]])
        masks = None
        if self.dropout_mask is not None:
            flat_rows = flat.shape[0] // self.dropout_mask[0].shape[0]
            masks = [ops.tile(m, [flat_rows, 1, 1, 1]) for m in self.dropout_mask]
        out = self._convolve(flat, self.kernel, masks, self.strides, self.padding, self.dilation_rate)
        if self.use_bias:
            out = ops.add(out, self.bias)
        return ops.reshape(out, [*leading, *out.shape[1:]])

    def recurrent_term(self, h):
        return self._convolve(h, self.recurrent_kernel, self.recurrent_dropout_masks, 1, 'same', 1)

    run = RNNCell.run  # the fused loop is for matmul LSTMs

    def get_config(self):
        config = {k: v for k, v in super().get_config().items() if k != 'units'}
        return {**config, 'filters': self.filters, 'kernel_size': self.kernel_size, 'padding': self.padding,
                'data_format': self.data_format, 'dilation_rate': self.dilation_rate, 'strides': self.strides}


class ConvLSTM2D(RNN):
    """Convolutional LSTM over inputs ``[batch, time, rows, cols, channels]``.

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.conv_lstm2d({'filters': 3, 'kernelSize': 3, 'returnSequences': True})
    >>> layer.apply(tf.ones([2, 4, 6, 6, 1])).shape
    [2, 4, 4, 4, 3]
    """
    factory_name = 'convLstm2d'
    cell_class = ConvLSTM2DCell
    input_ndim = 5

    @staticmethod
    def check_options(options):
        if options.get('unroll'):
            raise NotImplementedError('Unrolling is not possible with convolutional RNNs.')

    def state_shapes(self, input_shape):
        shape = self.cell.output_spatial_shape(input_shape)
        return [[shape[0], *shape[2:]]] * 2

    def compute_output_shape(self, input_shape):
        if is_shape_list(input_shape):
            input_shape = input_shape[0]
        output = self.cell.output_spatial_shape(input_shape)
        if not self.return_sequences:
            output = [output[0], *output[2:]]
        return [output, *self.state_shapes(input_shape)] if self.return_state else output
