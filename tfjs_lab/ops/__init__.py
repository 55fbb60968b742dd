"""The op library: pure functions of tensors, in families. Ops whose first argument is a
tensor are also attached as ``Tensor`` methods (both spellings), as in TF.js."""
from .._naming import to_camel
from ..core.tensor import Tensor
from . import arithmetic, creation, linalg, logic, methods, nn, random, reduction, shape, unary
from .arithmetic import *  # noqa: F401,F403
from .creation import *  # noqa: F401,F403
from .linalg import *  # noqa: F401,F403
from .logic import *  # noqa: F401,F403
from .methods import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
from .random import *  # noqa: F401,F403
from .reduction import *  # noqa: F401,F403
from .shape import *  # noqa: F401,F403
from .unary import *  # noqa: F401,F403

__all__ = [name for module in (arithmetic, creation, linalg, logic, methods, nn, random, reduction, shape, unary)
           for name in module.__all__]

_NOT_METHODS = (set(creation.__all__) - set(creation.TENSOR_METHODS)) | set(random.__all__) | \
    {'concat', 'stack', 'where', 'add_n', 'print'}


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
    for name, method in methods.METHODS.items():
        setattr(Tensor, name, method)


_attach_tensor_methods()
