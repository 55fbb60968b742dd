"""``tf.fused``: TF.js's public fused ops (``matMul``, ``conv2d``, ``depthwiseConv2d``), each
taking one options object: the product or convolution, ``bias`` added, then ``activation``.

Where the engine has a fused primitive for the case (ops/fused.py: a 2-D product or a convolution
with a 1-D bias and linear, relu or sigmoid), one tape node computes it; otherwise the ops run one
by one. Both give TF.js's values and gradients.
"""
from .. import _naming
from . import fused
from ._convert import as_tensor

__all__ = ['mat_mul', 'conv2d', 'depthwise_conv2d']

# TF.js's CPU kernels: the activations a fused op may name
ACTIVATIONS = ('linear', 'relu', 'elu', 'relu6', 'prelu', 'leakyrelu', 'sigmoid')
_PRIMITIVE_ACTIVATIONS = ('linear', 'relu', 'sigmoid')  # those fused.ACTIVATIONS computes alike


def _check_activation(activation):
    if activation not in ACTIVATIONS:
        raise ValueError(f'Activation {activation} has not been implemented for the CPU backend. '
                         f"Expected one of {', '.join(ACTIVATIONS)}.")


def _activated(x, activation, prelu_activation_weights, leakyrelu_alpha):
    from .arithmetic import prelu
    from .unary import elu, leaky_relu, relu, relu6, sigmoid
    if activation == 'prelu':
        if prelu_activation_weights is None:
            raise ValueError("The activation 'prelu' needs preluActivationWeights; received none")
        return prelu(x, prelu_activation_weights)
    if activation == 'leakyrelu':
        return leaky_relu(x, leakyrelu_alpha)
    return {'linear': lambda t: t, 'relu': relu, 'elu': elu, 'relu6': relu6, 'sigmoid': sigmoid}[activation](x)


def _biased_and_activated(x, bias, activation, prelu_activation_weights, leakyrelu_alpha):
    from .arithmetic import add
    return _activated(x if bias is None else add(x, bias), activation, prelu_activation_weights, leakyrelu_alpha)


def _takes_primitive(bias, activation, channels):
    return activation in _PRIMITIVE_ACTIVATIONS and (
        bias is None or (bias.rank == 1 and bias.shape[0] == channels and bias.dtype == 'float32'))


@_naming.takes_options
def mat_mul(*, a, b, transpose_a=False, transpose_b=False, bias=None, activation='linear',
            prelu_activation_weights=None, leakyrelu_alpha=0.2):
    """``activation(matMul(a, b) + bias)``; options as TF.js's ``tf.fused.matMul({a, b, ...})``.

    >>> import tfjs_lab as tf
    >>> tf.fused.mat_mul({'a': tf.tensor2d([[1, -2]]), 'b': tf.tensor2d([[1], [1]]), 'bias': tf.tensor1d([0.5]),
    ...                   'activation': 'relu'}).print()
    Tensor
         [[0],]
    """
    from .linalg import mat_mul as product
    _check_activation(activation)
    a, b = as_tensor(a, 'a'), as_tensor(b, 'b')
    bias = None if bias is None else as_tensor(bias, 'bias')
    if (a.rank == 2 and b.rank == 2 and not transpose_a and not transpose_b and a.dtype == b.dtype == 'float32'
            and a.shape[1] == b.shape[0] and _takes_primitive(bias, activation, b.shape[1])):
        return fused.dense(a, b, bias, activation)
    return _biased_and_activated(product(a, b, transpose_a, transpose_b), bias, activation,
                                 prelu_activation_weights, leakyrelu_alpha)


@_naming.takes_options
def conv2d(*, x, filter, strides, pad, data_format='NHWC', dilations=(1, 1), dim_rounding_mode=None, bias=None,
           activation='linear', prelu_activation_weights=None, leakyrelu_alpha=0.2):
    """``activation(conv2d(x, filter) + bias)``; options as TF.js's ``tf.fused.conv2d({x, filter, ...})``.

    >>> import tfjs_lab as tf
    >>> tf.fused.conv2d({'x': tf.ones([1, 3, 3, 1]), 'filter': tf.ones([2, 2, 1, 1]), 'strides': 1, 'pad': 'valid',
    ...                  'bias': tf.tensor1d([-3.5]), 'activation': 'relu'}).reshape([2, 2]).print()
    Tensor
        [[0.5, 0.5],
         [0.5, 0.5]]
    """
    from .nn import conv2d as convolution
    _check_activation(activation)
    x, filter = as_tensor(x, 'x'), as_tensor(filter, 'filter')
    bias = None if bias is None else as_tensor(bias, 'bias')
    if (filter.rank == 4 and x.rank in (3, 4) and dim_rounding_mode is None and data_format in ('NHWC', 'channelsLast')
            and _takes_primitive(bias, activation, filter.shape[3])):
        return fused.conv(x, filter, bias, activation, strides, pad, dilations)
    return _biased_and_activated(convolution(x, filter, strides, pad, data_format, dilations, dim_rounding_mode),
                                 bias, activation, prelu_activation_weights, leakyrelu_alpha)


@_naming.takes_options
def depthwise_conv2d(*, x, filter, strides, pad, data_format='NHWC', dilations=(1, 1), dim_rounding_mode=None,
                     bias=None, activation='linear', prelu_activation_weights=None, leakyrelu_alpha=0.2):
    """``activation(depthwiseConv2d(x, filter) + bias)``; options as TF.js's
    ``tf.fused.depthwiseConv2d({x, filter, ...})``.

    >>> import tfjs_lab as tf
    >>> tf.fused.depthwise_conv2d({'x': tf.ones([1, 2, 2, 2]), 'filter': tf.ones([2, 2, 2, 1]), 'strides': 1,
    ...                            'pad': 'valid', 'bias': tf.tensor1d([1, -5])}).reshape([2]).print()
    Tensor
        [5, -1]
    """
    from .nn import depthwise_conv2d as convolution
    _check_activation(activation)
    return _biased_and_activated(convolution(x, filter, strides, pad, data_format, dilations, dim_rounding_mode),
                                 bias, activation, prelu_activation_weights, leakyrelu_alpha)


_naming.add_camel_aliases(globals())
