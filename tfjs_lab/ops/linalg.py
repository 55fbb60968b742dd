"""Matrix products and Einstein summation, and ``tf.linalg``: Gram-Schmidt, QR and band parts.

``gram_schmidt``, ``qr`` and ``band_part`` are TF.js's own compositions of ops, step by step, so
values (QR's signs included) and gradients are those of TF.js; they live in the ``tf.linalg``
namespace only, as in TF.js.
"""
import re

import numpy as np

from .._naming import add_camel_aliases
from ..core.memory import tidy
from ..core.tape import Primitive
from ._convert import as_tensor, matching_tensors

__all__ = ['mat_mul', 'dot', 'outer_product', 'einsum']
LINALG = ['gram_schmidt', 'qr', 'band_part']  # the tf.linalg namespace (ops/__init__.py builds it)


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


# --- tf.linalg ------------------------------------------------------------------------------
def gram_schmidt(xs):
    """Orthonormalize vectors by the (classical) Gram-Schmidt process: ``xs`` is a list of
    1-D tensors of one length (a list is returned) or a 2-D tensor whose rows are the vectors.

    >>> import tfjs_lab as tf
    >>> tf.linalg.gram_schmidt(tf.tensor2d([[1, 1], [0, 2]])).print()
    Tensor
        [[0.7071068 , 0.7071068],
         [-0.7071068, 0.7071068]]
    """
    from .reduction import norm, sum
    from .arithmetic import div, mul, sub
    from .shape import squeeze, split, stack
    if isinstance(xs, (list, tuple)):
        if not xs:
            raise ValueError('Gram-Schmidt process: input must not be null, undefined, or empty')
        vectors = [as_tensor(x, 'xs') for x in xs]
        for v in vectors[1:]:
            if v.shape[0] != vectors[0].shape[0]:
                raise ValueError('Gram-Schmidt: Non-unique lengths found in the input vectors: '
                                 f'({v.shape[0]} vs. {vectors[0].shape[0]})')
    else:
        matrix = as_tensor(xs, 'xs')
        if matrix.rank != 2:
            raise ValueError(f'Gram-Schmidt: expected a 2-D tensor or a list of 1-D tensors; received shape '
                             f'{matrix.shape}')
        vectors = [squeeze(row, [0]) for row in split(matrix, matrix.shape[0], 0)]
    if len(vectors) > vectors[0].shape[0]:
        raise ValueError(f'Gram-Schmidt: Number of vectors ({len(vectors)}) exceeds number of dimensions '
                         f'({vectors[0].shape[0]}).')
    ys = []
    for x in vectors:
        def orthonormal(x=x):
            for y in ys:
                x = sub(x, mul(sum(mul(y, x)), y))
            return div(x, norm(x, 'euclidean'))
        ys.append(tidy(orthonormal))
    return ys if isinstance(xs, (list, tuple)) else stack(ys, 0)


def _qr2d(x, full_matrices):
    """TF.js's Householder QR of one matrix, op for op (its sign choice: R's diagonal is
    negative where the column's leading value is positive)."""
    from .arithmetic import div, mul, sub
    from .creation import eye, tensor2d
    from .logic import greater, where
    from .reduction import norm
    from .shape import concat, slice, transpose
    from .unary import neg
    m, n = x.shape
    q, r = eye(m), x
    one = tensor2d([[1]], [1, 1])
    for j in range(min(m, n)):
        column = slice(r, [j, j], [m - j, 1])
        column_norm = norm(column)
        pivot = slice(r, [j, j], [1, 1])
        sign = where(greater(pivot, 0), tensor2d([[-1]]), tensor2d([[1]]))
        u1 = sub(pivot, mul(sign, column_norm))
        w_pre = div(column, u1)
        w = one if w_pre.shape[0] == 1 else concat([one, slice(w_pre, [1, 0], [w_pre.shape[0] - 1, 1])], 0)
        tau = neg(div(mat_mul(sign, u1), column_norm))
        rows = slice(r, [j, 0], [m - j, n])
        tau_w = mul(tau, w)
        reflected = sub(rows, mat_mul(tau_w, mat_mul(transpose(w), rows)))
        r = reflected if j == 0 else concat([slice(r, [0, 0], [j, n]), reflected], 0)
        columns = slice(q, [0, j], [m, q.shape[1] - j])
        rotated = sub(columns, mat_mul(mat_mul(columns, w), transpose(tau_w)))
        q = rotated if j == 0 else concat([slice(q, [0, 0], [m, j]), rotated], 1)
    if not full_matrices and m > n:
        q, r = slice(q, [0, 0], [m, n]), slice(r, [0, 0], [n, n])
    return [q, r]


def qr(x, full_matrices=False):
    """QR decomposition by Householder reflections, over the last two axes: returns ``[q, r]``.
    For ``x`` of shape ``[..., M, N]`` with M > N, ``q`` is ``[..., M, N]`` and ``r`` ``[..., N, N]``
    unless ``full_matrices`` (then ``[..., M, M]`` and ``[..., M, N]``); for M <= N they are
    ``[..., M, M]`` and ``[..., M, N]``.

    >>> import tfjs_lab as tf
    >>> q, r = tf.linalg.qr(tf.tensor2d([[1, 2], [3, 4]]))
    >>> r.print()
    Tensor
        [[-3.1622777, -4.4271884],
         [0         , 0.6324553 ]]
    """
    from .shape import reshape, stack, unstack
    x = as_tensor(x)
    if x.rank < 2:
        raise ValueError(f'qr() requires input tensor to have a rank >= 2, but got rank {x.rank}')
    if x.rank == 2:
        return tidy(lambda: _qr2d(x, full_matrices))
    matrices = unstack(reshape(x, [-1] + x.shape[-2:]), 0)
    qs, rs = zip(*(tidy(lambda m=m: _qr2d(m, full_matrices)) for m in matrices))
    # TF.js reshapes the stacked factors to x's shape (an error where a factor has another shape)
    return [reshape(stack(list(qs), 0), x.shape), reshape(stack(list(rs), 0), x.shape)]


def band_part(a, num_lower, num_upper):
    """Keep the band of the innermost matrices: the ``num_lower`` subdiagonals and ``num_upper``
    superdiagonals (a negative count keeps the whole triangle); zeros elsewhere. The counts may be
    numbers or int32 scalar tensors.

    >>> import tfjs_lab as tf
    >>> tf.linalg.band_part(tf.ones([3, 3]), 0, 1).print()
    Tensor
        [[1, 1, 0],
         [0, 1, 1],
         [0, 0, 1]]
    """
    from .arithmetic import minimum, sub
    from .creation import range as arange, zeros
    from .logic import greater_equal, less, less_equal, logical_and, where
    from .shape import reshape, stack, unstack
    from .unary import neg
    a = as_tensor(a, 'a')
    if a.rank < 2:
        raise ValueError(f'bandPart(): Rank must be at least 2, got {a.rank}.')
    rows, columns = a.shape[-2:]

    def count(value, name, size, what):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value % 1 != 0:
                raise ValueError(f'bandPart(): {name} must be an integer, got {value}.')
            if value > size:
                raise ValueError(f'bandPart(): {name} ({value}) must not be greater than the number of {what} '
                                 f'({size}).')
            return as_tensor(size if value < 0 else int(value), name, 'int32')
        value = as_tensor(value, name)
        if value.dtype != 'int32':
            raise ValueError(f"bandPart(): {name}'s dtype must be an int32.")
        return where(less(value, 0), as_tensor(size, name, 'int32'), minimum(value, size))

    lower = count(num_lower, 'numLower', rows, 'rows')
    upper = count(num_upper, 'numUpper', columns, 'columns')
    offsets = sub(reshape(arange(0, rows, 1, 'int32'), [-1, 1]), arange(0, columns, 1, 'int32'))
    in_band = logical_and(less_equal(offsets, lower), greater_equal(offsets, neg(upper)))
    zero = zeros([rows, columns], a.dtype)
    return reshape(stack([where(in_band, m, zero) for m in unstack(reshape(a, [-1, rows, columns]))]), a.shape)


add_camel_aliases(globals())
