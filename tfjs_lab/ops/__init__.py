"""The op library: pure functions of tensors, in families. Ops whose first argument is a
tensor are also attached as ``Tensor`` methods (both spellings), as in TF.js."""
from .._naming import to_camel
from ..core.tensor import Tensor
from ._convert import as_tensor
from . import (arithmetic, creation, fused, fused_api, image, linalg, logic, math, nn, random, reduction, rnn_cells,
               scatter, selection, shape, spatial, unary)
from .arithmetic import *  # noqa: F401,F403
from .creation import *  # noqa: F401,F403
from .linalg import *  # noqa: F401,F403
from .logic import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
from .random import *  # noqa: F401,F403
from .reduction import *  # noqa: F401,F403
from .rnn_cells import *  # noqa: F401,F403
from .scatter import *  # noqa: F401,F403
from .selection import *  # noqa: F401,F403
from .shape import *  # noqa: F401,F403
from .spatial import *  # noqa: F401,F403
from .unary import *  # noqa: F401,F403

_FAMILIES = (arithmetic, creation, linalg, logic, nn, random, reduction, rnn_cells, scatter, selection, shape, spatial,
             unary)
__all__ = [name for module in _FAMILIES for name in module.__all__]

# Ops that are not Tensor methods in TF.js: a family lists its own as ``NOT_TENSOR_METHODS``.
_NOT_METHODS = set(creation.__all__) | set(random.__all__) | {'concat', 'stack', 'where', 'add_n'} | {
    name for module in _FAMILIES for name in getattr(module, 'NOT_TENSOR_METHODS', ())}


def _attach_tensor_methods():
    for name in __all__:
        if name in _NOT_METHODS:
            continue
        op = globals()[name]
        setattr(Tensor, name, op)
        setattr(Tensor, to_camel(name), op)
    operators = {
        '__add__': arithmetic.add, '__radd__': lambda a, b: arithmetic.add(b, a),
        '__sub__': arithmetic.sub, '__rsub__': lambda a, b: arithmetic.sub(b, a),
        '__mul__': arithmetic.mul, '__rmul__': lambda a, b: arithmetic.mul(b, a),
        '__truediv__': arithmetic.div, '__rtruediv__': lambda a, b: arithmetic.div(b, a),
        '__pow__': arithmetic.pow, '__rpow__': lambda a, b: arithmetic.pow(b, a),
        '__matmul__': linalg.mat_mul, '__neg__': unary.neg, '__abs__': unary.abs,
        '__gt__': logic.greater, '__ge__': logic.greater_equal,
        '__lt__': logic.less, '__le__': logic.less_equal,
    }
    for dunder, fn in operators.items():
        setattr(Tensor, dunder, fn)
    Tensor.__getitem__ = shape.getitem
    # Methods whose TF.js meaning differs from calling the op with the tensor first. (Those that
    # only reshape or cast, asScalar, as1D..as5D, reshapeAs, asType, toFloat..., are Tensor's own.)
    methods = {
        'variable': lambda self, trainable=True, name=None, dtype=None: creation.variable(self, trainable, name, dtype),
        'clone': creation.clone, 'zeros_like': creation.zeros_like, 'ones_like': creation.ones_like,
        'one_hot': lambda self, depth, on_value=1, off_value=0, dtype='int32':
            creation.one_hot(self, depth, on_value, off_value, dtype),
        'concat': lambda self, x, axis=0: shape.concat([self] + (list(x) if isinstance(x, (list, tuple)) else [x]), axis),
        'stack': lambda self, x, axis=0: shape.stack([self] + (list(x) if isinstance(x, (list, tuple)) else [x]), axis),
        'where': lambda self, condition, b: logic.where(condition, self, b),
        'resize_bilinear': lambda self, size, align_corners=False, half_pixel_centers=False:
            image.resize_bilinear(self, size, align_corners, half_pixel_centers),
        'resize_nearest_neighbor': lambda self, size, align_corners=False, half_pixel_centers=False:
            image.resize_nearest_neighbor(self, size, align_corners, half_pixel_centers),
    }
    for name, method in methods.items():
        setattr(Tensor, name, method)
        setattr(Tensor, to_camel(name), method)


_attach_tensor_methods()


def print(x, verbose=False):  # noqa: A001  (TF.js's tf.print)
    """Print ``x`` in TF.js's format: ``tf.print(x)`` is ``x.print()``."""
    as_tensor(x).print(verbose)


# TF.js's rank-specific spellings of the same ops.
concat1d = concat2d = concat3d = concat4d = concat
slice1d = slice2d = slice3d = slice4d = slice
reverse1d = reverse2d = reverse3d = reverse4d = reverse
pad1d = pad2d = pad3d = pad4d = pad
batch_norm2d = batch_norm3d = batch_norm4d = batch_norm
__all__ += ['print', 'concat1d', 'concat2d', 'concat3d', 'concat4d', 'slice1d', 'slice2d', 'slice3d', 'slice4d',
            'reverse1d', 'reverse2d', 'reverse3d', 'reverse4d', 'pad1d', 'pad2d', 'pad3d', 'pad4d',
            'batch_norm2d', 'batch_norm3d', 'batch_norm4d']
