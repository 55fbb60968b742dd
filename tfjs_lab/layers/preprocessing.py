"""Preprocessing layers: ``Rescaling``, ``Resizing``, ``CenterCrop``, ``CategoryEncoding``,
``RandomWidth``. Image layers take ``[height, width, channels]`` images or batches of them."""
import numpy as np

from .. import ops
from .._naming import to_camel
from ..core.convert import as_tensor
from ..core.tensor import Tensor
from ..engine.base_layer import Layer, shape_str
from .core import number_option

_INTERPOLATIONS = ('bilinear', 'nearest')
_RESIZERS = {'bilinear': ops.image.resize_bilinear, 'nearest': ops.image.resize_nearest_neighbor}
_OUTPUT_MODES = ('multiHot', 'oneHot', 'count')


def _positive_int(layer_name, option, value):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f'{layer_name}: {option} must be a positive integer; received {value!r}')
    return int(value)


def _interpolation(value):
    if value not in _INTERPOLATIONS:
        raise ValueError(f'Invalid interpolation parameter: {value} is not implemented '
                         f'(expected one of {", ".join(_INTERPOLATIONS)})')
    return value


def _check_image(layer, inputs):
    if inputs.rank not in (3, 4):
        raise ValueError(f'{layer.class_name} layer {layer.name} expects images of rank 3 '
                         f'([height, width, channels]) or 4 (a batch of them); received shape {shape_str(inputs.shape)}.')


def _with_image_size(input_shape, height, width):
    return list(input_shape[:-3]) + [height, width, input_shape[-1]]


class Rescaling(Layer):
    """``inputs * scale + offset``, in float32 (to map pixels from [0, 255] to [0, 1], use
    ``scale=1/255``).

    >>> import tfjs_lab as tf
    >>> tf.layers.rescaling({'scale': 0.5, 'offset': 1}).apply(tf.tensor1d([2, 4])).print()
    Tensor
        [2, 3]
    """

    def __init__(self, *, scale, offset=0, **base):
        super().__init__(**base)
        self.scale = number_option(self.class_name, 'scale', scale)
        self.offset = number_option(self.class_name, 'offset', offset)

    def call(self, inputs):
        return ops.add(ops.mul(ops.cast(inputs, 'float32'), self.scale), self.offset)

    def output_dtype(self, input_dtype):
        return 'float32'

    def get_config(self):
        return {'scale': self.scale, 'offset': self.offset, **super().get_config()}


class Resizing(Layer):
    """Resizes images to ``height`` x ``width`` with ``bilinear`` or ``nearest`` interpolation.

    As TF.js 4.22 does (and so that models predict alike in both), the corners are aligned
    unless ``crop_to_aspect_ratio`` is set, and that option does not crop.

    >>> import tfjs_lab as tf
    >>> tf.layers.resizing({'height': 2, 'width': 3}).apply(tf.ones([4, 4, 1])).shape
    [2, 3, 1]
    """

    def __init__(self, *, height, width, interpolation='bilinear', crop_to_aspect_ratio=False, **base):
        super().__init__(**base)
        self.height = _positive_int(self.class_name, 'height', height)
        self.width = _positive_int(self.class_name, 'width', width)
        self.interpolation = _interpolation(interpolation or 'bilinear')
        self.crop_to_aspect_ratio = bool(crop_to_aspect_ratio)

    def call(self, inputs):
        _check_image(self, inputs)
        return _RESIZERS[self.interpolation](inputs, [self.height, self.width], not self.crop_to_aspect_ratio)

    def compute_output_shape(self, input_shape):
        return _with_image_size(input_shape, self.height, self.width)

    def output_dtype(self, input_dtype):
        return 'float32'

    def get_config(self):
        return {'height': self.height, 'width': self.width, 'interpolation': self.interpolation,
                'crop_to_aspect_ratio': self.crop_to_aspect_ratio, **super().get_config()}


class CenterCrop(Layer):
    """Crops the central ``height`` x ``width`` window of images; images smaller than that in
    some direction are resized (bilinear) instead. The dtype is kept.

    Same pixels as TF.js: when the width exceeds ``width`` by exactly one, TF.js's window
    starts at the second column.

    >>> import tfjs_lab as tf
    >>> x = tf.range(0, 16).reshape([4, 4, 1])
    >>> tf.layers.centerCrop({'height': 2, 'width': 2}).apply(x).reshape([2, 2]).print()
    Tensor
        [[5, 6 ],
         [9, 10]]
    """

    def __init__(self, *, height, width, **base):
        super().__init__(**base)
        self.height = _positive_int(self.class_name, 'height', height)
        self.width = _positive_int(self.class_name, 'width', width)

    def call(self, inputs):
        _check_image(self, inputs)
        in_height, in_width = inputs.shape[-3:-1]
        top = (in_height - self.height) // 2
        left = (in_width - self.width) // 2
        if in_width != self.width and left == 0:
            left = 1
        if top < 0 or left < 0:
            resized = ops.image.resize_bilinear(inputs, [self.height, self.width])
            return ops.cast(resized, inputs.dtype)
        begin = [0] * (inputs.rank - 3) + [top, left, 0]
        size = [-1] * (inputs.rank - 3) + [self.height, self.width, -1]
        return ops.slice(inputs, begin, size)

    def compute_output_shape(self, input_shape):
        return _with_image_size(input_shape, self.height, self.width)

    def get_config(self):
        return {'height': self.height, 'width': self.width, **super().get_config()}


class CategoryEncoding(Layer):
    """Encodes integer category ids in [0, num_tokens) as float32 vectors of ``num_tokens``:
    ``multiHot`` (1 where an id occurs in the sample), ``oneHot`` (one vector per id) or
    ``count`` (how often each id occurs, or the sum of ``count_weights`` passed to ``apply``).
    Inputs have rank 1 or 2 (rank 1: one sample, or one id per sample for ``oneHot``).

    >>> import tfjs_lab as tf
    >>> tf.layers.categoryEncoding({'numTokens': 4}).apply(tf.tensor2d([[0, 3, 3]], None, 'int32')).array_sync()
    [[1.0, 0.0, 0.0, 1.0]]
    """

    def __init__(self, *, num_tokens, output_mode='multiHot', **base):
        super().__init__(**base)
        self.num_tokens = _positive_int(self.class_name, 'numTokens', num_tokens)
        output_mode = to_camel(output_mode)  # model.json spells it multi_hot
        if output_mode not in _OUTPUT_MODES:
            raise ValueError(f'CategoryEncoding: outputMode must be one of {", ".join(_OUTPUT_MODES)}; '
                             f'received {output_mode!r}')
        self.output_mode = output_mode

    def call(self, inputs, count_weights=None):
        if count_weights is not None and self.output_mode != 'count':
            raise ValueError(f'countWeights is not used when outputMode !== count. Received countWeights={count_weights}')
        ids = ops.cast(inputs, 'int32')
        values = ids._data
        if values.size and (values.min() < 0 or values.max() >= self.num_tokens):
            raise ValueError(f'Input values must be between 0 <= values < numTokens with numTokens={self.num_tokens}; '
                             f'received values from {values.min()} to {values.max()}.')
        if ids.rank == 0 or (self.output_mode == 'oneHot' and ids.shape[-1] != 1):
            ids = ops.expand_dims(ids, -1)
        if ids.rank > 2:
            raise ValueError(f'When outputMode is not int, maximum output rank is 2. Received outputMode '
                             f'{self.output_mode} and input shape {shape_str(inputs.shape)} which would result '
                             f'in output rank {ids.rank}.')
        return Tensor(self._bincount(ids._data, None if count_weights is None else as_tensor(count_weights)._data))

    def _bincount(self, ids, weights):
        # Category ids are not differentiable: counting happens on the arrays.
        rows = ids.reshape(-1, ids.shape[-1])
        counts = np.zeros((rows.shape[0], self.num_tokens), np.float32)
        for counted, row, row_weights in zip(counts, rows, np.broadcast_to(
                np.float32(1) if weights is None else weights.reshape(rows.shape), rows.shape)):
            np.add.at(counted, row, row_weights)
        if self.output_mode != 'count':
            counts = np.minimum(counts, 1)
        return counts.reshape(ids.shape[:-1] + (self.num_tokens,))

    def compute_output_shape(self, input_shape):
        if self.output_mode == 'oneHot' and input_shape[-1] != 1:
            return list(input_shape) + [self.num_tokens]
        return list(input_shape[:-1]) + [self.num_tokens]

    def output_dtype(self, input_dtype):
        return 'float32'

    def get_config(self):
        return {'num_tokens': self.num_tokens, 'output_mode': self.output_mode, **super().get_config()}


class RandomWidth(Layer):
    """While training, stretches each batch of images to a random width: the width times a
    factor drawn uniformly from ``[1 + lower, 1 + upper]``, where ``factor`` is ``[lower, upper]``
    or ``f`` for ``[-f, f]``. At inference it returns its inputs.

    With a ``seed``, the n-th call draws from ``seed + n``, so runs repeat, with the same factors
    as TF.js. (TF.js 4.22 also stretches at inference; tfjs_lab, like Keras, does not.)

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.randomWidth({'factor': 0.5, 'seed': 3})
    >>> layer.apply(tf.ones([1, 4, 6, 1]), training=True).shape
    [1, 4, 5, 1]
    """

    def __init__(self, *, factor, interpolation='bilinear', seed=None, **base):
        super().__init__(**base)
        if isinstance(factor, (list, tuple)) and len(factor) == 2:
            lower, upper = factor
        elif not isinstance(factor, (list, tuple, bool)) and isinstance(factor, (int, float)) and factor > 0:
            lower, upper = -factor, factor
        else:
            raise ValueError(f'Invalid factor: {factor!r}. Must be positive number or tuple of 2 numbers')
        if lower < -1 or upper < -1:
            raise ValueError(f'factor must have values larger than -1. Got: {factor!r}')
        if upper < lower:
            raise ValueError(f'factor cannot have upper bound less than lower bound. Got upper bound: {upper}. '
                             f'Got lower bound: {lower}')
        self.factor = list(factor) if isinstance(factor, (list, tuple)) else factor
        self.width_lower, self.width_upper = lower, upper
        self.interpolation = _interpolation(interpolation or 'bilinear')
        self.seed = seed

    def _next_seed(self):
        seed = self.seed
        if seed is not None:
            self.seed += 1
        return seed

    def call(self, inputs, training=False):
        if not training:
            return inputs
        _check_image(self, inputs)
        height, width = inputs.shape[-3:-1]
        draw = ops.random_uniform([1], 1 + self.width_lower, 1 + self.width_upper, 'float32', self._next_seed())
        # JS's Math.round: halves round up.
        new_width = int(np.floor(float(draw._data[0]) * width + 0.5))
        return _RESIZERS[self.interpolation](inputs, [height, new_width])

    def compute_output_shape(self, input_shape):
        return _with_image_size(input_shape, input_shape[-3], None)

    def get_config(self):
        return {'factor': self.factor, 'interpolation': self.interpolation, 'seed': self.seed,
                **super().get_config()}
