"""Gradient-check cases for spaceToBatchND / batchToSpaceND (padding and cropping, one and two
block dimensions, trailing dimensions) and dilation2d (strides, dilations, padding)."""
from . import anywhere

ONE, TWO = (1, 1), (2, 2)


def dilation(x_shape, w_shape, strides, dilations, padding):
    return ('_dilation', [anywhere(x_shape), anywhere(w_shape)],
            {'strides': strides, 'dilations': dilations, 'padding': padding})


CASES = [
    ('_space_to_batch', [anywhere((2, 2, 4, 3))], {'block_shape': (2, 2), 'paddings': ((0, 0), (1, 1))}),
    ('_space_to_batch', [anywhere((1, 4, 2))], {'block_shape': (3,), 'paddings': ((2, 0),)}),
    ('_batch_to_space', [anywhere((8, 2, 3, 1))], {'block_shape': (2, 2), 'crops': ((0, 1), (1, 0))}),
    ('_batch_to_space', [anywhere((6, 3, 2))], {'block_shape': (3,), 'crops': ((1, 2),)}),
    dilation((2, 4, 4, 2), (2, 2, 2), ONE, ONE, ((0, 0), (0, 0))),
    dilation((1, 5, 5, 1), (3, 3, 1), TWO, ONE, ((1, 1), (1, 1))),            # strided, 'same'
    dilation((1, 6, 5, 2), (2, 2, 2), ONE, TWO, ((1, 1), (0, 2))),            # dilated, explicit padding
]
