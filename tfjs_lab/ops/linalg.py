"""Matrix products and Einstein summation."""
import re

import numpy as np

from ..core.tape import Primitive
from ._convert import as_tensor, matching_tensors

__all__ = ['mat_mul', 'dot', 'outer_product', 'einsum']


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


def outer_product(v1, v2):
    """The matrix ``v1[i] * v2[j]`` of two vectors.

    >>> import tfjs_lab as tf
    >>> tf.outer_product(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).print()
    Tensor
        [[3, 4],
         [6, 8]]
    """
    from .shape import reshape
    v1, v2 = matching_tensors(v1, v2, 'outerProduct')
    if v1.rank != 1 or v2.rank != 1:
        raise ValueError(f'Error in outerProduct: inputs must be rank 1; received ranks {v1.rank} and {v2.rank}')
    return mat_mul(reshape(v1, [-1, 1]), reshape(v2, [1, -1]))


def _einsum_forward(*operands, equation):
    return np.einsum(equation, *operands, optimize=len(operands) > 2)


_einsum = Primitive(_einsum_forward, '_einsum')


@_einsum.defgrad
def _(g, out, *operands, equation):
    inputs, output = equation.split('->')
    subscripts = inputs.split(',')
    sizes = {letter: n for sub, op in zip(subscripts, operands) for letter, n in zip(sub, op.shape)}
    grads = []
    for i, target in enumerate(subscripts):
        others = [(sub, op) for j, (sub, op) in enumerate(zip(subscripts, operands)) if j != i]
        # Letters summed away in this operand only: a ones array brings them back.
        lonely = ''.join(sorted(set(target) - set(output) - {c for sub, _ in others for c in sub}))
        terms = [(output, g)] + others + ([(lonely, np.ones([sizes[c] for c in lonely], g.dtype))] if lonely else [])
        grads.append(np.einsum(','.join(t for t, _ in terms) + '->' + target, *(op for _, op in terms),
                               optimize=True))
    return tuple(grads) if len(grads) > 1 else grads[0]


def einsum(equation, *tensors):
    """Einstein summation, e.g. ``'ij,jk->ik'`` (matMul), ``'bij,bjk->bik'``, ``'ij->ji'``,
    ``'i,j->ij'``. As in TF.js, each operand's subscripts are distinct letters and the output
    is explicit.

    >>> import tfjs_lab as tf
    >>> tf.einsum('ij,jk->ik', tf.tensor2d([[1, 2], [0, 1]]), tf.tensor2d([[3], [4]])).print()
    Tensor
        [[11],
         [4 ]]
    """
    if not isinstance(equation, str) or not re.fullmatch(r'[a-zA-Z]*(,[a-zA-Z]*)*->[a-zA-Z]*', equation.replace(' ', '')):
        raise ValueError("Einsum equations must look like 'ij,jk->ik' (explicit output, letters only); "
                         f'received {equation!r}')
    equation = equation.replace(' ', '')
    inputs, output = equation.split('->')
    subscripts = inputs.split(',')
    if len(subscripts) != len(tensors):
        raise ValueError(f'Expected {len(subscripts)} input tensors for equation {equation!r}; received {len(tensors)}')
    tensors = [as_tensor(t) for t in tensors]
    if len(tensors) == 2:
        tensors = list(matching_tensors(*tensors, 'einsum'))
    for sub, t in zip(subscripts, tensors):
        if len(set(sub)) != len(sub):
            raise ValueError(f'Einsum does not support repeated subscripts within one operand; received {sub!r}')
        if len(sub) != t.rank:
            raise ValueError(f'Einsum subscripts {sub!r} name {len(sub)} axes but the tensor has shape {t.shape}')
    if set(output) - set(inputs) or len(set(output)) != len(output):
        raise ValueError(f'Einsum output subscripts {output!r} must be distinct letters of the inputs')
    return _einsum(*tensors, equation=equation)
