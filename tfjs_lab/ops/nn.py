"""Neural-network ops: convolutions (1D/2D/3D, transposed, depthwise, separable), pooling,
batch and local response normalization, dropout.

Convolutions and pooling work on channels-last tensors with one strided view of the input per
kernel position: convolution copies them into im2col rows and does one GEMM; pooling reduces
across them element-wise. Nothing loops over pixels; backward passes loop over kernel positions.
Depthwise convolutions take every receptive field at once (``sliding_window_view``) and einsum.
"""
import math

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

from ..core import random
from ..core.tape import Primitive
from .fused import ACTIVATIONS, add_bias
from ._convert import as_tensor, float_tensor, matching_tensors
from .shape import with_batch_axis

__all__ = ['conv1d', 'conv2d', 'conv3d', 'conv2d_transpose', 'conv3d_transpose', 'depthwise_conv2d',
           'separable_conv2d', 'max_pool', 'avg_pool', 'max_pool3d', 'avg_pool3d', 'pool', 'batch_norm',
           'local_response_normalization', 'dropout']

_ROUNDING = {'floor': math.floor, 'round': round, 'ceil': math.ceil}


# --- geometry ------------------------------------------------------------------------------
def _tuple(value, n, name):
    values = (value,) * n if isinstance(value, (int, np.integer)) else tuple(int(v) for v in value)
    if len(values) != n or any(v < 1 for v in values):
        raise ValueError(f'{name} must be a positive number or {n} positive numbers; received {value!r}')
    return values


def _padding(pad, in_sizes, kernel, strides, dilations, rounding, where):
    """TF.js's padding rules as ``[(before, after), ...]`` per spatial axis."""
    effective = [(k - 1) * d + 1 for k, d in zip(kernel, dilations)]
    if pad == 'valid':
        return [(0, 0)] * len(in_sizes)
    if pad == 'same':
        pairs = []
        for n, k, s in zip(in_sizes, effective, strides):
            total = max((-(-n // s) - 1) * s + k - n, 0)
            pairs.append((total // 2, total - total // 2))
        return pairs
    if isinstance(pad, (int, float, np.integer)) and not isinstance(pad, bool):
        if pad < 0 or pad != int(pad):
            raise ValueError(f'{where}: a numeric pad must be a non-negative integer; received {pad!r}')
        # TF.js: `pad` before; after, what the windows of the rounded output size reach
        round_size = _ROUNDING.get(rounding or 'truncate', math.trunc)
        pad = int(pad)
        return [(pad, max((round_size((n - k + 2 * pad) / s + 1) - 1) * s + k - n - pad, 0))
                for n, k, s in zip(in_sizes, effective, strides)]
    if isinstance(pad, (list, tuple)) and len(pad) == len(in_sizes) + 2:
        return [tuple(int(v) for v in p) for p in pad[1:-1]]
    raise ValueError(f"{where}: pad must be 'valid', 'same', a number or explicit "
                     f'[[0, 0], [top, bottom], [left, right], [0, 0]] paddings; received {pad!r}')


def _windows(x, kernel, strides, dilations, padding, fill=0.0):
    """Every receptive field: ``[N, *out, C, *kernel]`` (a view when nothing is padded)."""
    x = _padded(x, padding, fill)
    spatial = tuple(range(1, x.ndim - 1))
    effective = [(k - 1) * d + 1 for k, d in zip(kernel, dilations)]
    view = sliding_window_view(x, effective, axis=spatial)
    return view[(np.s_[:],) + tuple(np.s_[::s] for s in strides) + (np.s_[:],) + tuple(np.s_[::d] for d in dilations)]


def _scatter_windows(d_windows, x_shape, kernel, strides, dilations, padding):
    """The transpose of :func:`_windows`: add each window's gradient back into the input."""
    n = len(kernel)
    dx = np.zeros(_padded_shape(x_shape, padding), d_windows.dtype)
    for offset, index in _offset_slices(kernel, strides, dilations, d_windows.shape[1:1 + n]):
        dx[index] += d_windows[(np.s_[:],) * (n + 2) + offset]
    return _unpadded(dx, x_shape, padding)


def _padded_shape(x_shape, padding):
    return (x_shape[0],) + tuple(s + b + a for s, (b, a) in zip(x_shape[1:-1], padding)) + (x_shape[-1],)


def _padded(x, padding, fill=0.0):
    if any(p != (0, 0) for p in padding):
        return np.pad(x, [(0, 0), *padding, (0, 0)], constant_values=fill)
    return x


def _unpadded(dx, x_shape, padding):
    return dx[(np.s_[:],) + tuple(np.s_[b:b + s] for (b, _), s in zip(padding, x_shape[1:-1]))]


def _output_sizes(padded_sizes, kernel, strides, dilations):
    return tuple((p - (k - 1) * d - 1) // s + 1 for p, k, d, s in zip(padded_sizes, kernel, dilations, strides))


def _offset_slices(kernel, strides, dilations, out):
    """For each kernel position in window order: (its offset, the index that picks, from the
    padded input, the element it sees at every output position: ``[N, *out, C]``)."""
    for offset in np.ndindex(*kernel):
        yield offset, (np.s_[:],) + tuple(np.s_[k * d:k * d + (o - 1) * s + 1:s]
                                          for k, d, o, s in zip(offset, dilations, out, strides))


# --- convolution -----------------------------------------------------------------------------
# im2col + GEMM: every receptive field becomes a row [*kernel, C] (the filter's own layout, so the
# filter reshapes to a [kernel * C, O] matrix for free); the input gradient is the transposed
# GEMM, added back one kernel position at a time.
def _im2col(x, kernel, strides, dilations, padding):
    """``(cols, out)``: ``cols`` the ``[N * prod(out), prod(kernel) * C]`` matrix of every output
    position's receptive field, ``out`` the output's spatial sizes."""
    padded = _padded(x, padding)
    out = _output_sizes(padded.shape[1:-1], kernel, strides, dilations)
    positions = x.shape[0] * math.prod(out)
    if x.shape[-1] >= _ONE_COPY_CHANNELS:  # one strided copy of all receptive fields
        spatial = padded.strides[1:-1]
        view = as_strided(padded, (x.shape[0],) + out + tuple(kernel) + (x.shape[-1],),
                          (padded.strides[0],) + tuple(b * s for b, s in zip(spatial, strides))
                          + tuple(b * d for b, d in zip(spatial, dilations)) + (padded.strides[-1],),
                          writeable=False)
        return np.ascontiguousarray(view).reshape(positions, -1), out
    # Few channels: the transposed matrix, one contiguous block per kernel position and channel,
    # each filled by one copy (BLAS takes the transpose as it is).
    cols = np.empty((math.prod(kernel), x.shape[-1], x.shape[0]) + out, x.dtype)
    for position, (_, index) in enumerate(_offset_slices(kernel, strides, dilations, out)):
        cols[position] = np.moveaxis(padded[index], -1, 0)
    return cols.reshape(-1, positions).T, out


# Channels from which one strided copy of all receptive fields beats one copy per kernel position
# (runs of C contiguous values; measured 3x faster at C = 16, 2.5x slower at C = 1).
_ONE_COPY_CHANNELS = 8


def _conv_forward(x, w, *, strides, dilations, padding, saved=None):
    cols, out = _im2col(x, w.shape[:w.ndim - 2], strides, dilations, padding)
    if saved is not None:
        saved['cols'] = cols
    return (cols @ w.reshape(-1, w.shape[-1])).reshape((x.shape[0],) + out + (w.shape[-1],))


def _conv_input_grad(g, w, x_shape, strides, dilations, padding):
    # One GEMM per kernel position, added into the input positions it saw: a contiguous product
    # per position adds back twice as fast as one product for all of them scattered by strides.
    n = w.ndim - 2
    rows = g.reshape(-1, w.shape[-1])
    dx = np.zeros(_padded_shape(x_shape, padding), np.result_type(g, w))
    product = np.empty((rows.shape[0], w.shape[n]), dx.dtype)  # one buffer for every position's product
    for offset, index in _offset_slices(w.shape[:n], strides, dilations, g.shape[1:n + 1]):
        np.dot(rows, w[offset].T, out=product)
        dx[index] += product.reshape(g.shape[:n + 1] + (w.shape[n],))
    return _unpadded(dx, x_shape, padding)


def _conv_filter_grad(g, x, kernel, strides, dilations, padding, cols=None):
    if cols is None:
        cols = _im2col(x, kernel, strides, dilations, padding)[0]
    d_w = cols.T @ g.reshape(-1, g.shape[-1])
    return d_w.reshape(tuple(kernel) + (x.shape[-1], g.shape[-1]))


@Primitive
def _conv(x, w, *bias, strides, dilations, padding, activation='linear', saved=None):
    """A convolution, with a conv layer's bias and activation fused in (TF.js's fused conv2d).
    ``saved``, a dict, keeps the im2col rows for the backward (the node holds it)."""
    out = _conv_forward(x, w, strides=strides, dilations=dilations, padding=padding, saved=saved)
    if bias:
        out = add_bias(out, bias[0])
    return ACTIVATIONS[activation][0](out)


@_conv.defgrad(takes_needs=True)
def _(g, out, x, w, *bias, strides, dilations, padding, needs, activation='linear', saved=None):
    dz = ACTIVATIONS[activation][1](g, out)
    cols = None if saved is None else saved.get('cols')
    grads = (_conv_input_grad(dz, w, x.shape, strides, dilations, padding) if needs[0] else None,  # not for data
             _conv_filter_grad(dz, x, w.shape[:w.ndim - 2], strides, dilations, padding, cols))
    if not bias:
        return grads
    rows = dz.reshape(-1, dz.shape[-1])
    return grads + (np.ones(rows.shape[0], rows.dtype) @ rows,)  # the column sums, by BLAS (3x np.sum's speed)


def _conv_nd(x, filter, strides, pad, dilations, dim_rounding_mode, data_format, n, name, bias=None,
             activation='linear'):
    """The convolution ops' shared checks and call; ``bias`` and ``activation`` (a name in
    ``fused.ACTIVATIONS``) are applied in the same primitive when given."""
    x, filter = matching_tensors(x, filter, name)
    channels_last = {1: 'NWC', 2: 'NHWC', 3: 'NDHWC'}[n]
    if data_format not in (channels_last, 'channelsLast'):
        raise ValueError(f"{name}: only data_format '{channels_last}' is supported (as in TF.js's CPU "
                         f'backend); received {data_format!r}')
    if filter.rank != n + 2:
        raise ValueError(f'{name}: the filter must be rank {n + 2}; received shape {filter.shape}')
    if x.shape[-1] != filter.shape[n]:
        raise ValueError(f'Error in {name}: depth of input ({x.shape[-1]}) must match input depth for '
                         f'filter {filter.shape[n]}.')
    strides, dilations = _tuple(strides, n, 'strides'), _tuple(dilations, n, 'dilations')
    _check_strides_or_dilations(strides, dilations, name)

    def compute(batch):
        padding = _padding(pad, batch.shape[1:-1], filter.shape[:n], strides, dilations, dim_rounding_mode, name)
        return _conv(batch, filter, *([] if bias is None else [bias]), strides=strides, dilations=dilations,
                     padding=tuple(padding), activation=activation, saved={})
    return with_batch_axis(x, n + 2, name, compute)


def _check_strides_or_dilations(strides, dilations, name):
    if max(strides) > 1 and max(dilations) > 1:
        raise ValueError(f'Error in {name}: Either strides or dilations must be 1. Got strides {list(strides)} '
                         f'and dilations {list(dilations)}')


def conv1d(x, filter, stride, pad, data_format='NWC', dilation=1, dim_rounding_mode=None):
    """1D convolution of ``[batch, width, in]`` by a ``[width, in, out]`` filter.

    >>> import tfjs_lab as tf
    >>> tf.conv1d(tf.ones([1, 4, 1]), tf.ones([2, 1, 1]), 1, 'valid').reshape([3]).print()
    Tensor
        [2, 2, 2]
    """
    return _conv_nd(x, filter, stride, pad, dilation, dim_rounding_mode, data_format, 1, 'conv1d')


def conv2d(x, filter, strides, pad, data_format='NHWC', dilations=1, dim_rounding_mode=None):
    """2D convolution of ``[batch, height, width, in]`` by ``[height, width, in, out]``;
    ``pad`` is ``'valid'``, ``'same'``, a number or explicit paddings.

    >>> import tfjs_lab as tf
    >>> tf.conv2d(tf.ones([1, 3, 3, 1]), tf.ones([2, 2, 1, 1]), 1, 'same').reshape([3, 3]).print()
    Tensor
        [[4, 4, 2],
         [4, 4, 2],
         [2, 2, 1]]
    """
    return _conv_nd(x, filter, strides, pad, dilations, dim_rounding_mode, data_format, 2, 'conv2d')


def conv3d(x, filter, strides, pad, data_format='NDHWC', dilations=1):
    """3D convolution of ``[batch, depth, height, width, in]`` by ``[d, h, w, in, out]``."""
    return _conv_nd(x, filter, strides, pad, dilations, None, data_format, 3, 'conv3d')


@Primitive
def _conv_transpose(x, w, *, output_shape, strides, padding):
    # The input gradient of a convolution whose output is x: w is [*k, out channels, in channels].
    return _conv_input_grad(x, w, output_shape, strides, (1,) * (w.ndim - 2), padding).astype(x.dtype)


@_conv_transpose.defgrad
def _(g, out, x, w, *, output_shape, strides, padding):
    dilations = (1,) * (w.ndim - 2)
    return (_conv_forward(g, w, strides=strides, dilations=dilations, padding=padding),
            _conv_filter_grad(x, g, w.shape[:w.ndim - 2], strides, dilations, padding))


def _conv_transpose_nd(x, filter, output_shape, strides, pad, dim_rounding_mode, n, name):
    x, filter = matching_tensors(x, filter, name)
    output_shape = [int(v) for v in output_shape]
    output_shape = output_shape if len(output_shape) == n + 2 else [1] + output_shape
    strides = _tuple(strides, n, 'strides')

    def compute(batch):
        if filter.rank != n + 2 or filter.shape[n + 1] != batch.shape[-1] or filter.shape[n] != output_shape[-1]:
            raise ValueError(f'Error in {name}: filter {filter.shape} must be [{", ".join("k" * n)}, '
                             f'{output_shape[-1]}, {batch.shape[-1]}] for input {batch.shape} and output shape '
                             f'{output_shape}')
        padding = tuple(_padding(pad, output_shape[1:-1], filter.shape[:n], strides, (1,) * n, dim_rounding_mode,
                                 name))
        expected = [-(-(o + b + a - k + 1) // s)
                    for o, (b, a), k, s in zip(output_shape[1:-1], padding, filter.shape[:n], strides)]
        if expected != batch.shape[1:-1]:
            raise ValueError(f'Error in {name}: an output of shape {output_shape} with these strides and '
                             f'padding comes from an input of spatial shape {expected}; received {batch.shape[1:-1]}')
        return _conv_transpose(batch, filter, output_shape=tuple(output_shape), strides=strides, padding=padding)
    return with_batch_axis(x, n + 2, name, compute)


def conv2d_transpose(x, filter, output_shape, strides, pad, dim_rounding_mode=None):
    """The transpose of conv2d ("deconvolution"): ``filter`` is ``[h, w, out, in]`` and
    ``output_shape`` the ``[batch, height, width, out]`` to produce.

    >>> import tfjs_lab as tf
    >>> x, filter = tf.ones([1, 2, 2, 1]), tf.ones([2, 2, 1, 1])
    >>> tf.conv2d_transpose(x, filter, [1, 3, 3, 1], 1, 'valid').reshape([3, 3]).print()
    Tensor
        [[1, 2, 1],
         [2, 4, 2],
         [1, 2, 1]]
    """
    return _conv_transpose_nd(x, filter, output_shape, strides, pad, dim_rounding_mode, 2, 'conv2dTranspose')


def conv3d_transpose(x, filter, output_shape, strides, pad):
    """The transpose of conv3d: ``filter`` is ``[d, h, w, out, in]`` and ``output_shape`` the
    ``[batch, depth, height, width, out]`` to produce.

    >>> import tfjs_lab as tf
    >>> tf.conv3d_transpose(tf.ones([1, 1, 2, 2, 1]), tf.ones([2, 2, 2, 1, 1]), [1, 2, 3, 3, 1], 1, 'valid').shape
    [1, 2, 3, 3, 1]
    """
    return _conv_transpose_nd(x, filter, output_shape, strides, pad, None, 3, 'conv3dTranspose')


@Primitive
def _depthwise(x, w, *, strides, dilations, padding):
    windows = _windows(x, w.shape[:2], strides, dilations, padding)   # [N, H, W, C, kh, kw]
    out = np.einsum('nhwcij,ijcm->nhwcm', windows, w, optimize=True)
    return out.reshape(out.shape[:3] + (-1,)).astype(x.dtype)


@_depthwise.defgrad
def _(g, out, x, w, *, strides, dilations, padding):
    kh, kw, c, m = w.shape
    g5 = g.reshape(g.shape[:3] + (c, m))
    windows = _windows(x, (kh, kw), strides, dilations, padding)
    d_w = np.einsum('nhwcij,nhwcm->ijcm', windows, g5, optimize=True)
    d_windows = np.einsum('nhwcm,ijcm->nhwcij', g5, w, optimize=True)
    return _scatter_windows(d_windows, x.shape, (kh, kw), strides, dilations, padding), d_w


def depthwise_conv2d(x, filter, strides, pad, data_format='NHWC', dilations=1, dim_rounding_mode=None):
    """Each input channel convolved with its own ``channel_multiplier`` filters: ``filter`` is
    ``[h, w, in, multiplier]`` and the output has ``in * multiplier`` channels.

    >>> import tfjs_lab as tf
    >>> tf.depthwise_conv2d(tf.ones([1, 2, 2, 2]), tf.ones([2, 2, 2, 1]), 1, 'valid').shape
    [1, 1, 1, 2]
    """
    x, filter = matching_tensors(x, filter, 'depthwiseConv2d')
    if data_format not in ('NHWC', 'channelsLast'):
        raise ValueError(f"depthwiseConv2d: only data_format 'NHWC' is supported; received {data_format!r}")
    if filter.rank != 4 or filter.shape[2] != x.shape[-1]:
        raise ValueError(f'Error in depthwiseConv2d: filter {filter.shape} must be [h, w, {x.shape[-1]}, '
                         f'multiplier] for input of shape {x.shape}')
    strides, dilations = _tuple(strides, 2, 'strides'), _tuple(dilations, 2, 'dilations')
    _check_strides_or_dilations(strides, dilations, 'depthwiseConv2d')

    def compute(batch):
        padding = tuple(_padding(pad, batch.shape[1:3], filter.shape[:2], strides, dilations, dim_rounding_mode,
                                 'depthwiseConv2d'))
        return _depthwise(batch, filter, strides=strides, dilations=dilations, padding=padding)
    return with_batch_axis(x, 4, 'depthwiseConv2d', compute)


def separable_conv2d(x, depthwise_filter, pointwise_filter, strides, pad, dilation=1, data_format='NHWC'):
    """A depthwise convolution followed by a 1x1 convolution mixing the channels.

    >>> import tfjs_lab as tf
    >>> tf.separable_conv2d(tf.ones([1, 3, 3, 2]), tf.ones([2, 2, 2, 1]), tf.ones([1, 1, 2, 4]), 1, 'valid').shape
    [1, 2, 2, 4]
    """
    depthwise = depthwise_conv2d(x, depthwise_filter, strides, pad, data_format, dilation)
    return conv2d(depthwise, pointwise_filter, 1, 'valid', data_format)


# --- pooling ---------------------------------------------------------------------------------
# One strided view of the padded input per kernel position (in window order): max and sum reduce
# across them element-wise, and the gradient goes back through the same views. Max pooling whose
# windows tile the input (the usual 2 by 2) gathers those views into contiguous slabs once
# instead, for a forward and backward on contiguous arrays: 1.6x faster.
def _pool_views(x, kind, kernel, strides, dilations, padding):
    padded = _padded(x, padding, -np.inf if kind == 'max' else 0.0)
    out = _output_sizes(padded.shape[1:-1], kernel, strides, dilations)
    return out, [padded[index] for _, index in _offset_slices(kernel, strides, dilations, out)]


def _tiles(kernel, strides, dilations, padding):
    """Whether the windows tile the input: side by side, without gaps, overlap or padding."""
    return tuple(strides) == tuple(kernel) and set(dilations) == {1} and all(p == (0, 0) for p in padding)


def _window_slabs(x, kernel):
    """``[prod(kernel), N, *out, C]`` for windows that tile ``x``: slab k holds every window's
    k-th element (window order), in one strided copy."""
    n, out = len(kernel), tuple(s // k for s, k in zip(x.shape[1:-1], kernel))
    covered = x[(np.s_[:],) + tuple(np.s_[:o * k] for o, k in zip(out, kernel))]
    split = covered.reshape((x.shape[0],) + tuple(v for pair in zip(out, kernel) for v in pair) + (x.shape[-1],))
    order = tuple(range(2, 2 * n + 1, 2)) + (0,) + tuple(range(1, 2 * n, 2)) + (2 * n + 1,)
    return np.ascontiguousarray(split.transpose(order)).reshape((-1, x.shape[0]) + out + (x.shape[-1],))


def _reduce_views(ufunc, views):
    result = views[0].copy()
    for view in views[1:]:
        ufunc(result, view, out=result)
    return result


def _valid_counts(x_shape, kernel, strides, dilations, padding, dtype):
    # 'same' average pooling divides by the number of real (unpadded) elements, as TF.js does.
    ones = np.ones((1,) + tuple(x_shape[1:-1]) + (1,), dtype)
    return _reduce_views(np.add, _pool_views(ones, 'avg', kernel, strides, dilations, padding)[1])


@Primitive
def _pool(x, *, kind, kernel, strides, dilations, padding, saved=None):
    """Max or average pooling; ``saved``, a dict, keeps tiling max pooling's window slabs for
    the backward (the node holds it)."""
    if kind == 'max' and saved is not None and _tiles(kernel, strides, dilations, padding):
        saved['slabs'] = _window_slabs(x, kernel)
        return _reduce_views(np.maximum, saved['slabs'])
    _, views = _pool_views(x, kind, kernel, strides, dilations, padding)
    if kind == 'max':
        return _reduce_views(np.maximum, views)
    return (_reduce_views(np.add, views) / _valid_counts(x.shape, kernel, strides, dilations, padding, x.dtype)
            ).astype(x.dtype)


@_pool.defgrad
def _(g, out, x, *, kind, kernel, strides, dilations, padding, saved=None):
    out_sizes = out.shape[1:-1]
    slabs = saved.get('slabs') if kind == 'max' and saved is not None else None
    # windows that tile the input exactly write every element of dx below: no zeros needed first
    covered = slabs is not None and all(s == o * k for s, o, k in zip(x.shape[1:-1], out_sizes, kernel))
    dx = (np.empty if covered else np.zeros)(_padded_shape(x.shape, padding), g.dtype)
    targets = [dx[index] for _, index in _offset_slices(kernel, strides, dilations, out_sizes)]
    if kind == 'avg':
        share = g / _valid_counts(x.shape, kernel, strides, dilations, padding, g.dtype)
        for target in targets:
            target += share
        return _unpadded(dx, x.shape, padding)
    # The whole gradient goes to one maximum of each window: TF.js's 1D and 2D max pools keep a
    # window's first (pixel > max), its 3D one its last (pixel >= max).
    # (the slabs hold the views' elements, contiguous)
    views = slabs if slabs is not None else _pool_views(x, kind, kernel, strides, dilations, padding)[1]
    pairs = list(zip(views, targets))[::-1 if len(kernel) == 3 else 1]
    unclaimed, first = np.empty(out.shape, bool), np.empty(out.shape, bool)
    disjoint = all(s >= (k - 1) * d + 1 for k, d, s in zip(kernel, dilations, strides))
    for position, (view, target) in enumerate(pairs):
        np.equal(view, out, out=first)
        if position:
            first &= unclaimed
        if disjoint:  # nothing was added here yet: write instead of adding
            np.multiply(g, first, out=target)
        else:
            target += g * first  # (where= on a strided target measured 5x slower)
        if position == 0:
            np.logical_not(first, out=unclaimed)
        elif position < len(pairs) - 1:
            unclaimed ^= first
    return _unpadded(dx, x.shape, padding)


def pool(input, window_shape, pooling_type, pad, dilations=1, strides=1, dim_rounding_mode=None):
    """Max or average pooling (``pooling_type`` ``'max'`` or ``'avg'``) over windows of
    ``window_shape``, with dilations, as TF.js's ``tf.pool``.

    >>> import tfjs_lab as tf
    >>> tf.pool(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), [2, 2], 'max', 'valid').reshape([1]).print()
    Tensor
        [4]
    """
    if pooling_type not in ('max', 'avg'):
        raise ValueError(f"poolingType must be 'max' or 'avg'; received {pooling_type!r}")
    n = len(window_shape) if not isinstance(window_shape, (int, np.integer)) else 2
    kernel = _tuple(window_shape, n, 'windowShape')
    strides, dilations = _tuple(strides, n, 'strides'), _tuple(dilations, n, 'dilations')
    _check_strides_or_dilations(strides, dilations, 'pool')

    def compute(batch):
        padding = tuple(_padding(pad, batch.shape[1:-1], kernel, strides, dilations, dim_rounding_mode, 'pool'))
        return _pool(batch, kind=pooling_type, kernel=kernel, strides=strides, dilations=dilations, padding=padding,
                     saved={})
    return with_batch_axis(float_tensor(input), n + 2, 'pool', compute)


def max_pool(x, filter_size, strides, pad, dim_rounding_mode=None):
    """2D max pooling of ``[batch, height, width, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.max_pool(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), 2, 2, 'valid').reshape([1]).print()
    Tensor
        [4]
    """
    return pool(x, _tuple(filter_size, 2, 'filterSize'), 'max', pad, 1, strides, dim_rounding_mode)


def avg_pool(x, filter_size, strides, pad, dim_rounding_mode=None):
    """2D average pooling of ``[batch, height, width, channels]``.

    >>> import tfjs_lab as tf
    >>> tf.avg_pool(tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]), 2, 2, 'valid').reshape([1]).print()
    Tensor
        [2.5]
    """
    return pool(x, _tuple(filter_size, 2, 'filterSize'), 'avg', pad, 1, strides, dim_rounding_mode)


def max_pool3d(x, filter_size, strides, pad, dim_rounding_mode=None, data_format='NDHWC'):
    """3D max pooling of ``[batch, depth, height, width, channels]``."""
    return pool(x, _tuple(filter_size, 3, 'filterSize'), 'max', pad, 1, strides, dim_rounding_mode)


def avg_pool3d(x, filter_size, strides, pad, dim_rounding_mode=None, data_format='NDHWC'):
    """3D average pooling of ``[batch, depth, height, width, channels]``."""
    return pool(x, _tuple(filter_size, 3, 'filterSize'), 'avg', pad, 1, strides, dim_rounding_mode)


# --- normalization and dropout ---------------------------------------------------------------
def batch_norm(x, mean, variance, offset=None, scale=None, variance_epsilon=0.001):
    """``(x - mean) / sqrt(variance + epsilon) * scale + offset``, broadcasting the statistics.

    >>> import tfjs_lab as tf
    >>> tf.batch_norm(tf.tensor1d([1, 3]), tf.scalar(2), tf.scalar(1), None, None, 0).print()
    Tensor
        [-1, 1]
    """
    from .arithmetic import add, mul, sub
    from .unary import rsqrt
    out = mul(sub(x, mean), rsqrt(add(variance, variance_epsilon)))
    if scale is not None:
        out = mul(out, scale)
    return out if offset is None else add(out, offset)


def _channel_window_sums(values, radius):
    padded = np.pad(values, [(0, 0)] * (values.ndim - 1) + [(radius, radius)])
    running = np.concatenate([np.zeros_like(padded[..., :1]), np.cumsum(padded, -1)], -1)
    return running[..., 2 * radius + 1:] - running[..., :-2 * radius - 1]


@Primitive
def _lrn(x, *, radius, bias, alpha, beta):
    return x * (bias + alpha * _channel_window_sums(x * x, radius)) ** -beta


@_lrn.defgrad
def _(g, out, x, *, radius, bias, alpha, beta):
    norm = bias + alpha * _channel_window_sums(x * x, radius)
    return g * norm ** -beta - 2 * alpha * beta * x * _channel_window_sums(g * x * norm ** (-beta - 1), radius)


def local_response_normalization(x, depth_radius=5, bias=1, alpha=1, beta=0.5):
    """Each value divided by ``(bias + alpha * sum of squares of the 2 * depth_radius + 1
    neighbouring channels) ** beta``.

    >>> import tfjs_lab as tf
    >>> tf.local_response_normalization(tf.ones([1, 1, 1, 2]), 1).reshape([2]).print()
    Tensor
        [0.5773503, 0.5773503]
    """
    x = as_tensor(x)
    if x.rank not in (3, 4):
        raise ValueError(f'Error in localResponseNormalization: x must be rank 3 or 4 but got rank {x.rank}.')
    f32 = np.float32
    return _lrn(x, radius=int(depth_radius), bias=f32(bias), alpha=f32(alpha), beta=f32(beta))


def dropout(x, rate, noise_shape=None, seed=None):
    """Zero each value with probability ``rate`` and scale the rest by ``1 / (1 - rate)``;
    ``noise_shape`` shares one decision along axes where it is 1.

    >>> import tfjs_lab as tf
    >>> tf.dropout(tf.ones([4]), 0).print()
    Tensor
        [1, 1, 1, 1]
    """
    from ..core.tensor import Tensor
    from .arithmetic import mul
    x = as_tensor(x)
    if not 0 <= rate < 1:
        raise ValueError(f'rate must be a float in the range [0, 1), but got {rate}.')
    if rate == 0:
        return x
    shape = x.shape if noise_shape is None else [d if n is None else n for d, n in zip(x.shape, noise_shape)]
    generator = random.generator() if seed is None else np.random.default_rng(seed)
    keep = (generator.uniform(size=shape) >= rate).astype(np.float32) / np.float32(1 - rate)
    return mul(x, Tensor(keep))
