"""``tf.image``: resizing ``[batch, height, width, channels]`` images (or one image without the
batch axis) with TF.js's sampling rules (``align_corners``, ``half_pixel_centers``)."""
import numpy as np

from .._naming import add_camel_aliases
from ..core.tape import Primitive
from ._convert import float_tensor
from .shape import with_batch_axis

__all__ = ['resize_bilinear', 'resize_nearest_neighbor']


def _scale(old, new, align_corners):
    if align_corners and new > 1:
        return (old - 1) / (new - 1)
    return old / new


def _bilinear_axis(old, new, align_corners, half_pixel_centers):
    """Per output position: the two source positions and the weight of the second."""
    ratio = _scale(old, new, align_corners)
    source = ratio * (np.arange(new) + 0.5) - 0.5 if half_pixel_centers else ratio * np.arange(new)
    low = np.maximum(0, np.floor(source)).astype(np.int64)
    high = np.minimum(old - 1, np.ceil(source)).astype(np.int64)
    return low, high, (source - low).astype(np.float32)


def _nearest_axis(old, new, align_corners, half_pixel_centers):
    ratio = _scale(old, new, align_corners)
    source = ratio * (np.arange(new) + (0.5 if half_pixel_centers else 0))
    # JS's Math.round rounds halves up (Python's round would round them to even)
    nearest = np.floor(source + 0.5 if align_corners else source).astype(np.int64)
    nearest = np.minimum(old - 1, nearest)
    return np.maximum(0, nearest) if half_pixel_centers else nearest


@Primitive
def _bilinear(images, *, rows, cols):
    (top, bottom, row_frac), (left, right, col_frac) = rows, cols
    row_frac, col_frac = row_frac[:, None, None], col_frac[None, :, None]

    def at(r, c):
        return images[:, r[:, None], c[None, :]]
    upper = at(top, left) + (at(top, right) - at(top, left)) * col_frac
    lower = at(bottom, left) + (at(bottom, right) - at(bottom, left)) * col_frac
    return upper + (lower - upper) * row_frac


@_bilinear.defgrad
def _(g, out, images, *, rows, cols):
    (top, bottom, row_frac), (left, right, col_frac) = rows, cols
    row_frac, col_frac = row_frac[:, None, None], col_frac[None, :, None]
    grad = np.zeros_like(images)
    for r, c, weight in ((top, left, (1 - row_frac) * (1 - col_frac)), (top, right, (1 - row_frac) * col_frac),
                         (bottom, left, row_frac * (1 - col_frac)), (bottom, right, row_frac * col_frac)):
        np.add.at(grad, (np.s_[:], r[:, None], c[None, :]), g * weight)
    return grad


@Primitive
def _nearest(images, *, rows, cols):
    return images[:, rows[:, None], cols[None, :]]


@_nearest.defgrad
def _(g, out, images, *, rows, cols):
    grad = np.zeros_like(images)
    np.add.at(grad, (np.s_[:], rows[:, None], cols[None, :]), g)
    return grad


def _resize(prim, axis_plan, images, size, align_corners, half_pixel_centers, name):
    images = float_tensor(images)
    if images.rank not in (3, 4):
        raise ValueError(f'Error in {name}: x must be rank 3 or 4, but got rank {images.rank}.')
    if len(size) != 2:
        raise ValueError(f'Error in {name}: new shape must be 2D, but got shape {list(size)}.')
    if align_corners and half_pixel_centers:
        raise ValueError(f'Error in {name}: If halfPixelCenters is true, alignCorners must be false.')
    new_h, new_w = [int(v) for v in size]

    def compute(batch):
        old_h, old_w = batch.shape[1:3]
        return prim(batch, rows=axis_plan(old_h, new_h, align_corners, half_pixel_centers),
                    cols=axis_plan(old_w, new_w, align_corners, half_pixel_centers))
    return with_batch_axis(images, 4, name, compute)


def resize_bilinear(images, size, align_corners=False, half_pixel_centers=False):
    """Resize to ``size = [height, width]`` by bilinear interpolation.

    >>> import tfjs_lab as tf
    >>> tf.image.resize_bilinear(tf.tensor3d([[[0], [2]]]), [1, 4]).reshape([4]).print()
    Tensor
        [0, 1, 2, 2]
    """
    return _resize(_bilinear, _bilinear_axis, images, size, align_corners, half_pixel_centers, 'resizeBilinear')


def resize_nearest_neighbor(images, size, align_corners=False, half_pixel_centers=False):
    """Resize to ``size = [height, width]`` taking the nearest source pixel.

    >>> import tfjs_lab as tf
    >>> tf.image.resize_nearest_neighbor(tf.tensor3d([[[0], [2]]]), [1, 4]).reshape([4]).print()
    Tensor
        [0, 0, 2, 2]
    """
    return _resize(_nearest, _nearest_axis, images, size, align_corners, half_pixel_centers,
                   'resizeNearestNeighbor')


add_camel_aliases(globals())
