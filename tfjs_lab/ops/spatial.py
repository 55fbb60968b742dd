"""Ops that move values between space, batch and depth (spaceToBatchND, batchToSpaceND,
depthToSpace), morphological dilation, and max pooling that also returns where each maximum was.

spaceToBatchND and batchToSpaceND are one reshape, one transpose and one reshape each (with a
pad or a crop), and each is the other's gradient. Dilation and the argmax pooling walk the
kernel positions over strided views of the padded input, as ``nn``'s pooling does, keeping for
every output the first position (in window order) that attains the maximum: TF.js's tie rule.
"""
import math

import numpy as np

from ..core.tape import Primitive
from ..core.tensor import Record, Tensor
from ._convert import as_tensor, js_list
from .nn import _offset_slices, _padded_shape, _padding, _pool_views, _tuple, _unpadded
from .shape import reshape, transpose, with_batch_axis

__all__ = ['space_to_batch_nd', 'batch_to_space_nd', 'depth_to_space', 'dilation2d', 'max_pool_with_argmax']

NOT_TENSOR_METHODS = {'max_pool_with_argmax'}

# TF.js's dilation starts every window's maximum at Number.MIN_SAFE_INTEGER, not at -Infinity:
# a window that sees only padding gives this value.
_MIN_SAFE_INTEGER = -(2 ** 53 - 1)


# --- space <-> batch -----------------------------------------------------------------------
@Primitive
def _space_to_batch(x, *, block_shape, paddings):
    m = len(block_shape)
    padded = np.pad(x, [(0, 0), *paddings] + [(0, 0)] * (x.ndim - 1 - m))
    blocks = tuple(s // b for s, b in zip(padded.shape[1:m + 1], block_shape))
    split = padded.reshape((x.shape[0],) + tuple(v for pair in zip(blocks, block_shape) for v in pair)
                           + padded.shape[m + 1:])
    # [batch, h / bh, bh, w / bw, bw, rest] -> [bh, bw, batch, h / bh, w / bw, rest]
    order = tuple(range(2, 2 * m + 1, 2)) + (0,) + tuple(range(1, 2 * m, 2)) + tuple(range(2 * m + 1, split.ndim))
    return split.transpose(order).reshape((x.shape[0] * math.prod(block_shape),) + blocks + padded.shape[m + 1:])


@Primitive
def _batch_to_space(x, *, block_shape, crops):
    m, prod = len(block_shape), math.prod(block_shape)
    split = x.reshape(tuple(block_shape) + (x.shape[0] // prod,) + x.shape[1:])
    # [bh, bw, batch, h, w, rest] -> [batch, h, bh, w, bw, rest]
    order = (m,) + tuple(v for i in range(m) for v in (m + 1 + i, i)) + tuple(range(2 * m + 1, split.ndim))
    sizes = tuple(s * b for s, b in zip(x.shape[1:m + 1], block_shape))
    full = split.transpose(order).reshape((x.shape[0] // prod,) + sizes + x.shape[m + 1:])
    return full[(np.s_[:],) + tuple(np.s_[before:size - after] for (before, after), size in zip(crops, sizes))]


@_space_to_batch.defgrad
def _(g, out, x, *, block_shape, paddings):
    return _batch_to_space.forward(g, block_shape=block_shape, crops=paddings)


@_batch_to_space.defgrad
def _(g, out, x, *, block_shape, crops):
    return _space_to_batch.forward(g, block_shape=block_shape, paddings=crops)


def _block_shape(block_shape, name):
    values = [block_shape] if isinstance(block_shape, (int, np.integer)) else list(block_shape)
    if not all(isinstance(v, (int, np.integer)) and v >= 1 for v in values):
        raise ValueError(f'{name}: blockShape must be positive integers; received {block_shape!r}')
    return tuple(int(v) for v in values)


def _pairs(pairs, what, name):
    """``pairs`` (paddings or crops) as a tuple of ``(before, after)`` non-negative integers."""
    try:
        values = tuple((before, after) for before, after in pairs)
    except (TypeError, ValueError):
        values = None
    if values is None or not all(isinstance(v, (int, np.integer)) and v >= 0 for pair in values for v in pair):
        raise ValueError(f'{name}: {what} must be [before, after] pairs of non-negative integers; received {pairs!r}')
    return tuple((int(before), int(after)) for before, after in values)


def space_to_batch_nd(x, block_shape, paddings):
    """Split the spatial dimensions of ``[batch, *spatial, *rest]`` into blocks of
    ``block_shape`` and move each block position into the batch: the result is
    ``[batch * prod(block_shape), *(padded spatial / block_shape), *rest]``, after padding each
    spatial dimension by its ``[before, after]`` pair in ``paddings``.

    >>> import tfjs_lab as tf
    >>> x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1])
    >>> tf.space_to_batch_nd(x, [2, 2], [[0, 0], [0, 0]]).reshape([4]).print()
    Tensor
        [1, 2, 3, 4]
    """
    name = 'spaceToBatchND'
    x, block_shape = as_tensor(x), _block_shape(block_shape, name)
    if x.rank < 1 + len(block_shape):
        raise ValueError(f'input rank {x.rank} should be > than [blockShape] {len(block_shape)}')
    paddings = _pairs(paddings, 'paddings', name)
    if len(paddings) != len(block_shape):
        raise ValueError(f'paddings.shape[0] {len(paddings)} must be equal to [blockShape] {len(block_shape)}')
    if any((s + before + after) % b for s, (before, after), b in zip(x.shape[1:], paddings, block_shape)):
        raise ValueError(f'input spatial dimensions {js_list(x.shape[1:])} with paddings '
                         f'{js_list([v for pair in paddings for v in pair])} must be divisible by blockShapes '
                         f'{js_list(block_shape)}')
    return _space_to_batch(x, block_shape=block_shape, paddings=paddings)


def batch_to_space_nd(x, block_shape, crops):
    """The inverse of ``space_to_batch_nd``: the batch of ``[batch, *spatial, *rest]`` is
    split into ``prod(block_shape)`` groups that are interleaved back into the spatial
    dimensions, and each spatial dimension is cropped by its ``[before, after]`` pair.

    >>> import tfjs_lab as tf
    >>> x = tf.tensor4d([1, 2, 3, 4], [4, 1, 1, 1])
    >>> tf.batch_to_space_nd(x, [2, 2], [[0, 0], [0, 0]]).reshape([2, 2]).print()
    Tensor
        [[1, 2],
         [3, 4]]
    """
    name = 'batchToSpaceND'
    x, block_shape = as_tensor(x), _block_shape(block_shape, name)
    prod = math.prod(block_shape)
    if x.rank < 1 + len(block_shape):
        raise ValueError(f'input rank is {x.rank} but should be > than blockShape.length {len(block_shape)}')
    crops = _pairs(crops, 'crops', name)
    if len(crops) != len(block_shape):
        raise ValueError(f'crops.length is {len(crops)} but should be equal to blockShape.length  {len(block_shape)}')
    if x.shape[0] % prod:
        raise ValueError(f'input tensor batch is {x.shape[0]} but is not divisible by the product of the elements of '
                         f"blockShape {' * '.join(map(str, block_shape))} === {prod}")
    for axis, ((before, after), size, block) in enumerate(zip(crops, x.shape[1:], block_shape), 1):
        if before + after > size * block:
            raise ValueError(f'{name}: crops {[before, after]} for dimension {axis} remove more than its '
                             f'{size} * {block} = {size * block} values')
    return _batch_to_space(x, block_shape=block_shape, crops=crops)


# --- depth -> space ------------------------------------------------------------------------
def depth_to_space(x, block_size, data_format='NHWC'):
    """Rearrange ``[batch, height, width, depth]`` into ``[batch, height * block_size,
    width * block_size, depth / block_size ** 2]``: each pixel's depth becomes a
    ``block_size`` by ``block_size`` block of pixels.

    >>> import tfjs_lab as tf
    >>> tf.depth_to_space(tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4]), 2).reshape([2, 2]).print()
    Tensor
        [[1, 2],
         [3, 4]]
    """
    if isinstance(x, Tensor) and x.dtype != 'float32':
        raise TypeError(f"Argument 'x' passed to 'depthToSpace' must be float32 tensor, but got {x.dtype} tensor")
    x = as_tensor(x, 'x', 'float32')
    if x.rank != 4:
        raise ValueError(f'depthToSpace: x must be rank 4 [batch, height, width, depth]; received shape {x.shape}')
    if not isinstance(block_size, (int, np.integer)) or block_size <= 1:
        raise ValueError(f'blockSize should be > 1 for depthToSpace, but was: {block_size}')
    if data_format != 'NHWC':
        raise ValueError(f'Only NHWC dataFormat supported on CPU for depthToSpace. Got {data_format}')
    batch, height, width, depth = x.shape
    if depth % (block_size * block_size):
        raise ValueError(f'Dimension size must be evenly divisible by {block_size * block_size} but is {depth} for '
                         f'depthToSpace with input shape {js_list(x.shape)}')
    blocks = reshape(x, [batch, height, width, block_size, block_size, -1])
    return reshape(transpose(blocks, [0, 1, 3, 2, 4, 5]), [batch, height * block_size, width * block_size, -1])


# --- windows with argmax -------------------------------------------------------------------
def _window_padding(pad, x_shape, kernel, strides, dilations, name):
    """TF.js's padding of a 2D window op without a rounding mode. A window larger than the
    padded input is an error (TF.js returns an empty tensor)."""
    padding = tuple(_padding(pad, x_shape[1:3], kernel, strides, dilations, None, name))
    padded = [s + before + after for s, (before, after) in zip(x_shape[1:3], padding)]
    if any(p < (k - 1) * d + 1 for p, k, d in zip(padded, kernel, dilations)):
        raise ValueError(f'{name}: the window {list(kernel)} with dilations {list(dilations)} is larger than the '
                         f'padded input {padded} (input shape {list(x_shape)}, pad {pad!r})')
    return padding


def _first_maxima(x, kernel, strides, dilations, padding, floor, weights=None):
    """``(out_sizes, maxima, positions)``: over each window of ``x`` (plus ``weights[offset]``
    at each kernel offset), the largest value above ``floor`` and the window position of its
    first occurrence (-1 where none is above ``floor``; NaN never is, as in TF.js)."""
    out_sizes, views = _pool_views(x, 'max', kernel, strides, dilations, padding)
    offsets = list(np.ndindex(*kernel))

    def values(position):
        return views[position] if weights is None else views[position] + weights[offsets[position]]
    # Branch-free passes (the maximum, then the least position equal to it): updating maxima and
    # positions together where a value is larger measured 7x slower on random data.
    maxima = np.full((x.shape[0],) + out_sizes + (x.shape[-1],), floor, x.dtype)
    for position in range(len(views)):
        np.fmax(maxima, values(position), out=maxima)
    count = len(views)
    positions = np.full(maxima.shape, count, np.int32)
    for position in range(count):
        np.minimum(positions, np.where(values(position) == maxima, position, count), out=positions)
    positions[maxima == floor] = -1
    return out_sizes, maxima, positions


@Primitive
def _dilation(x, w, *, strides, dilations, padding):
    # In float64, as TF.js adds and compares in JavaScript numbers: it decides ties the same way.
    _, maxima, _ = _first_maxima(x.astype(np.float64), w.shape[:2], strides, dilations, padding, _MIN_SAFE_INTEGER,
                                 w.astype(np.float64))
    return maxima.astype(x.dtype)


@_dilation.defgrad
def _(g, out, x, w, *, strides, dilations, padding):
    # Each output's gradient goes to the input pixel and filter tap of its first maximum.
    kernel = w.shape[:2]
    out_sizes, _, positions = _first_maxima(x.astype(np.float64), kernel, strides, dilations, padding,
                                            _MIN_SAFE_INTEGER, w.astype(np.float64))
    dx = np.zeros(_padded_shape(x.shape, padding), g.dtype)
    dw = np.zeros(w.shape, g.dtype)
    for position, (offset, index) in enumerate(_offset_slices(kernel, strides, dilations, out_sizes)):
        share = np.where(positions == position, g, 0)
        dx[index] += share
        dw[offset] = share.sum(axis=(0, 1, 2))
    return _unpadded(dx, x.shape, padding), dw


def dilation2d(x, filter, strides, pad, dilations=(1, 1), data_format='NHWC'):
    """Grayscale morphological dilation of ``[batch, height, width, depth]`` by a
    ``[filter_height, filter_width, depth]`` structuring function: each output is the maximum
    over its window of ``x + filter``, per channel. The gradient goes to the first maximum of
    each window (in window order), as in TF.js.

    >>> import tfjs_lab as tf
    >>> x = tf.tensor4d([1, 5, 2, 0], [1, 2, 2, 1])
    >>> tf.dilation2d(x, tf.tensor3d([0, 1], [1, 2, 1]), 1, 'valid').reshape([2]).print()
    Tensor
        [6, 2]
    """
    name = 'dilation2d'
    x, filter = as_tensor(x, 'x'), as_tensor(filter, 'filter')
    if x.rank not in (3, 4):
        raise ValueError(f'Error in dilation2d: input must be rank 3 or 4, but got rank {x.rank}.')
    if filter.rank != 3:
        raise ValueError(f'Error in dilation2d: filter must be rank 3, but got rank {filter.rank}.')
    if data_format != 'NHWC':
        raise ValueError(f'Error in dilation2d: Only NHWC is currently supported, but got dataFormat of {data_format}')
    if x.shape[-1] != filter.shape[2]:
        raise ValueError(f'Error in dilation2d:  input and filter must have the same depth: {x.shape[-1]} vs '
                         f'{filter.shape[2]}')
    strides, dilations = _tuple(strides, 2, 'strides'), _tuple(dilations, 2, 'dilations')

    def compute(batch):
        padding = _window_padding(pad, batch.shape, filter.shape[:2], strides, dilations, name)
        return _dilation(batch, filter, strides=strides, dilations=dilations, padding=padding)
    return with_batch_axis(x, 4, name, compute)


def max_pool_with_argmax(x, filter_size, strides, pad, include_batch_in_index=False):
    """2D max pooling of ``[batch, height, width, channels]`` that also gives, for each
    maximum, its flat index ``(y * width + x) * channels + c`` in the input (plus
    ``b * height * width * channels`` when ``include_batch_in_index``): ``{'result', 'indexes'}``
    (``indexes`` int32; the first maximum of a window where several are equal). As in TF.js it
    has no gradient.

    >>> import tfjs_lab as tf
    >>> pooled = tf.max_pool_with_argmax(tf.tensor4d([1, 4, 3, 2], [1, 2, 2, 1]), 2, 2, 'valid')
    >>> pooled.result.reshape([1]).print()
    Tensor
        [4]
    >>> pooled.indexes.reshape([1]).print()
    Tensor
        [1]
    """
    name = 'maxPoolWithArgmax'
    x = as_tensor(x)
    if x.rank != 4:
        raise ValueError(f'{name}: x must be rank 4 [batch, height, width, channels]; received shape {x.shape}')
    kernel, strides = _tuple(filter_size, 2, 'filterSize'), _tuple(strides, 2, 'strides')
    padding = _window_padding(pad, x.shape, kernel, strides, (1, 1), name)
    data = x._data if x._data.dtype.kind == 'f' else x._data.astype(np.float64)  # padded with -inf
    out_sizes, maxima, positions = _first_maxima(data, kernel, strides, (1, 1), padding, -np.inf)
    batch, height, width, channels = x.shape
    # A flat index is the window corner's index plus the window position's offset from it.
    rows = np.arange(out_sizes[0], dtype=np.int32) * strides[0] - padding[0][0]
    cols = np.arange(out_sizes[1], dtype=np.int32) * strides[1] - padding[1][0]
    corners = (rows[:, None, None] * width + cols[None, :, None]) * channels + np.arange(channels, dtype=np.int32)
    if include_batch_in_index:
        corners = corners + (np.arange(batch, dtype=np.int32) * (height * width * channels))[:, None, None, None]
    offsets = np.array([(r * width + c) * channels for r, c in np.ndindex(*kernel)] + [0], np.int32)
    indexes = corners + offsets[positions]  # positions -1 (no maximum) read the 0 at the end
    indexes[positions < 0] = -1
    if x._data.dtype.kind != 'f':
        maxima[np.isneginf(maxima)] = 0  # as JavaScript stores -Infinity in an Int32Array
    return Record(result=Tensor(maxima.astype(x._data.dtype)),
                  indexes=Tensor(indexes))
