"""Matrix products."""
import numpy as np

from ..core.tape import Primitive
from ._convert import matching_tensors

__all__ = ['mat_mul', 'dot']


def _t(m):
    return np.swapaxes(m, -1, -2)


@Primitive
def _mat_mul(a, b, *, transpose_a, transpose_b):
    return np.matmul(_t(a) if transpose_a else a, _t(b) if transpose_b else b)


@_mat_mul.defgrad
def _(g, out, a, b, *, transpose_a, transpose_b):
    a_ = _t(a) if transpose_a else a
    b_ = _t(b) if transpose_b else b
    ga = np.matmul(g, _t(b_))
    gb = np.matmul(_t(a_), g)
    return (_t(ga) if transpose_a else ga), (_t(gb) if transpose_b else gb)


def mat_mul(a, b, transpose_a=False, transpose_b=False):
    """Matrix product of the last two axes (batched over leading axes).

    >>> import tfjs_lab as tf
    >>> tf.mat_mul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).print()
    Tensor
         [[11],]
    """
    a, b = matching_tensors(a, b, 'matMul')
    if a.rank < 2 or b.rank < 2:
        raise ValueError(f'matMul requires tensors of rank >= 2; received ranks {a.rank} and {b.rank}')
    inner_a = a.shape[-2] if transpose_a else a.shape[-1]
    inner_b = b.shape[-1] if transpose_b else b.shape[-2]
    if inner_a != inner_b:
        raise ValueError(f'Error in matMul: inner shapes ({inner_a}) and ({inner_b}) of tensors with '
                         f'shapes {a.shape} and {b.shape} and transposeA={transpose_a} and '
                         f'transposeB={transpose_b} must match.')
    return _mat_mul(a, b, transpose_a=bool(transpose_a), transpose_b=bool(transpose_b))


def dot(t1, t2):
    """Dot product of vectors and/or matrices (rank 1 or 2)."""
    from .shape import reshape
    t1, t2 = matching_tensors(t1, t2, 'dot')
    if t1.rank not in (1, 2) or t2.rank not in (1, 2):
        raise ValueError(f'Error in dot: inputs must be rank 1 or 2; received ranks {t1.rank} and {t2.rank}')
    a = reshape(t1, [1, -1]) if t1.rank == 1 else t1
    b = reshape(t2, [-1, 1]) if t2.rank == 1 else t2
    out = mat_mul(a, b)
    shape = ([] if t1.rank == 1 else [t1.shape[0]]) + ([] if t2.rank == 1 else [t2.shape[1]])
    return reshape(out, shape)
