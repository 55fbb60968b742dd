"""Gradient-check cases for convolutions, pooling and local response normalization, over
strides, dilations and 'valid' / 'same' / explicit padding."""
from . import anywhere

ONE, TWO = (1, 1), (2, 2)


def conv(x_shape, w_shape, strides, dilations, padding):
    return ('_conv', [anywhere(x_shape), anywhere(w_shape)],
            {'strides': strides, 'dilations': dilations, 'padding': padding})


def pool(kind, x_shape, kernel, strides, padding):
    return ('_pool', [anywhere(x_shape)],
            {'kind': kind, 'kernel': kernel, 'strides': strides, 'dilations': (1,) * len(kernel), 'padding': padding})


CASES = [
    conv((2, 5, 3), (2, 3, 2), (1,), (1,), ((0, 0),)),                          # conv1d valid
    conv((1, 7, 2), (3, 2, 2), (2,), (1,), ((1, 1),)),                          # conv1d strided, same
    conv((2, 4, 4, 2), (3, 3, 2, 3), ONE, ONE, ((1, 1), (1, 1))),               # conv2d same
    conv((1, 5, 6, 1), (2, 3, 1, 2), TWO, ONE, ((0, 1), (1, 1))),               # strided, asymmetric pad
    conv((1, 6, 6, 2), (2, 2, 2, 1), ONE, TWO, ((0, 0), (0, 0))),               # dilated
    conv((1, 3, 4, 3, 1), (2, 2, 2, 1, 2), (1, 2, 1), (1, 1, 1), ((0, 0), (0, 1), (0, 1))),  # conv3d
    # eight channels or more: the receptive fields are copied in one strided copy
    conv((1, 5, 4, 8), (2, 3, 8, 2), TWO, ONE, ((1, 0), (1, 1))),
    conv((1, 5, 5, 8), (2, 2, 8, 1), ONE, TWO, ((0, 0), (0, 0))),
    # a conv layer's bias and activation fused in
    ('_conv', [anywhere((2, 4, 4, 2)), anywhere((3, 3, 2, 3)), anywhere((3,))],
     {'strides': ONE, 'dilations': ONE, 'padding': ((1, 1), (1, 1)), 'activation': 'relu'}),
    ('_conv', [anywhere((1, 5, 3)), anywhere((2, 3, 4)) * 0.5, anywhere((4,))],
     {'strides': (2,), 'dilations': (1,), 'padding': ((0, 0),), 'activation': 'softmax'}),
    ('_conv_transpose', [anywhere((1, 3, 3, 2)), anywhere((2, 2, 1, 2))],
     {'output_shape': (1, 6, 6, 1), 'strides': TWO, 'padding': ((0, 0), (0, 0))}),
    ('_conv_transpose', [anywhere((1, 2, 3, 1)), anywhere((3, 3, 2, 1))],
     {'output_shape': (1, 4, 5, 2), 'strides': TWO, 'padding': ((1, 1), (1, 1))}),
    ('_conv_transpose', [anywhere((1, 2, 2, 3, 2)), anywhere((2, 2, 3, 1, 2))],           # conv3dTranspose
     {'output_shape': (1, 3, 4, 5, 1), 'strides': (1, 2, 1), 'padding': ((0, 0), (0, 0), (0, 0))}),
    ('_depthwise', [anywhere((1, 4, 4, 2)), anywhere((2, 2, 2, 3))],
     {'strides': ONE, 'dilations': ONE, 'padding': ((0, 1), (0, 1))}),
    ('_depthwise', [anywhere((2, 5, 5, 1)), anywhere((3, 3, 1, 2))],
     {'strides': TWO, 'dilations': ONE, 'padding': ((0, 0), (0, 0))}),
    pool('max', (2, 4, 4, 2), TWO, TWO, ((0, 0), (0, 0))),
    pool('max', (1, 5, 5, 1), (3, 3), TWO, ((1, 1), (1, 1))),
    pool('avg', (2, 4, 4, 2), TWO, TWO, ((0, 0), (0, 0))),
    pool('avg', (1, 5, 4, 1), (3, 3), ONE, ((1, 1), (1, 1))),
    pool('max', (1, 4, 4, 4, 1), (2, 2, 2), (2, 2, 2), ((0, 0), (0, 0), (0, 0))),
    ('_lrn', [anywhere((1, 2, 2, 6))], {'radius': 2, 'bias': 1.0, 'alpha': 0.5, 'beta': 0.75}),
    ('_lrn', [anywhere((2, 3, 5))], {'radius': 1, 'bias': 2.0, 'alpha': 1.0, 'beta': 0.5}),
]


def resize(name, x_shape, size, align_corners, half_pixel_centers):
    from tfjs_lab.ops import image
    plan = image._bilinear_axis if name == '_bilinear' else image._nearest_axis
    return (name, [anywhere(x_shape)], {
        'rows': plan(x_shape[1], size[0], align_corners, half_pixel_centers),
        'cols': plan(x_shape[2], size[1], align_corners, half_pixel_centers)})


CASES += [
    resize('_bilinear', (1, 3, 4, 2), (5, 7), False, False),
    resize('_bilinear', (2, 4, 4, 1), (3, 6), True, False),
    resize('_bilinear', (1, 4, 3, 1), (7, 2), False, True),
    resize('_nearest', (1, 3, 4, 2), (5, 3), False, False),
    resize('_nearest', (1, 4, 4, 1), (6, 6), False, True),
]
