"""The TF.js gradient API: ``grad``, ``grads``, ``value_and_grad``, ``value_and_grads``,
``variable_grads`` and ``custom_grad``.

Each runs ``f`` under a tape watching the requested tensors and, as TF.js does, inside a
``tidy``: the tensors ``f`` creates along the way are disposed, only the value (where the
function returns it) and the gradients remain.
"""
from . import tape as tape_module
from .convert import as_tensor
from .memory import tidy
from .tape import Node, Tape, paused
from .tensor import Record, Tensor, Variable, _ids, claim

__all__ = ['grad', 'grads', 'value_and_grad', 'value_and_grads', 'variable_grads', 'custom_grad']

_NOT_CONNECTED = ('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed '
                  'encloses all operations that lead from x to y.')


def _check_function(f, name):
    if not callable(f):
        raise TypeError(f'The f passed in {name}(f) must be a function')


def _gradients(f, xs, dy, call, allow_missing=False):
    """``(y, [dy/dx for x in xs])`` for ``y = f()``; runs inside the caller's tidy."""
    with Tape(xs) as tape:
        y = tidy(f)  # intermediates of the forward pass are disposed, as in TF.js
    if not isinstance(y, Tensor):
        raise TypeError(f'The result y returned by f() must be a tensor; received {type(y).__name__}')
    claim(y)  # if the caller drops y (minimize without returnCost), TF.js disposes it
    seed = None
    if dy is not None:
        dy = as_tensor(dy, 'dy')
        if dy.dtype != 'float32':
            raise TypeError(f"dy must have 'float32' dtype, but has '{dy.dtype}'")
        if dy.shape != y.shape:
            raise ValueError(f'The shape of dy passed in {call} must match the shape returned by f '
                             f"Shapes {','.join(map(str, dy.shape))} and {','.join(map(str, y.shape))} must match")
        seed = dy._data
    found = tape.gradients(y, xs, seed)
    if not allow_missing:
        if all(g is None for g in found):
            raise ValueError(_NOT_CONNECTED)
        if any(g is None for g in found):
            raise ValueError('Cannot compute gradient of y=f(x) with respect to x. Make sure that\n    '
                             'the f you passed encloses all operations that lead from x to y.')
    return y, [None if g is None else Tensor(g) for g in found]


def _args(args, call):
    if not isinstance(args, (list, tuple)):
        raise TypeError(f'The args passed in {call} must be an array of `Tensor`s or `TensorLike`s')
    return [as_tensor(x, 'args') for x in args]


def grad(f):
    """The function ``x -> df/dx`` for ``f`` of one tensor; ``dy`` weights the output.

    >>> import tfjs_lab as tf
    >>> tf.grad(lambda x: x.square())(tf.tensor1d([1, 2, 3])).print()
    Tensor
        [2, 4, 6]
    """
    _check_function(f, 'grad')

    def gradient(x, dy=None):
        x = as_tensor(x, 'x')
        return tidy(lambda: _gradients(lambda: f(x), [x], dy, 'grad(f)(x, dy)')[1][0])
    return gradient


def grads(f):
    """The function ``[x1, x2, ...] -> [df/dx1, df/dx2, ...]``.

    >>> import tfjs_lab as tf
    >>> da, db = tf.grads(lambda a, b: a.mul(b))([tf.tensor1d([2, 3]), tf.tensor1d([4, 5])])
    >>> da.array_sync(), db.array_sync()
    ([4.0, 5.0], [2.0, 3.0])
    """
    _check_function(f, 'grads')

    def gradients(args, dy=None):
        xs = _args(args, 'grads(f)(args)')
        return tidy(lambda: _gradients(lambda: f(*xs), xs, dy, 'grads(f)([x1,...], dy)')[1])
    return gradients


def value_and_grad(f):
    """Like ``grad`` but returns ``{'value': f(x), 'grad': df/dx}``.

    >>> import tfjs_lab as tf
    >>> r = tf.value_and_grad(lambda x: x.square().sum())(tf.tensor1d([1, 2]))
    >>> float(r.value), r.grad.array_sync()
    (5.0, [2.0, 4.0])
    """
    _check_function(f, 'valueAndGrad')

    def gradient(x, dy=None):
        x = as_tensor(x, 'x')
        y, (g,) = tidy(lambda: _gradients(lambda: f(x), [x], dy, 'valueAndGrad(f)(x, dy)'))
        return Record(value=y, grad=g)
    return gradient


def value_and_grads(f):
    """Like ``grads`` but returns ``{'value': f(...), 'grads': [...]}``.

    >>> import tfjs_lab as tf
    >>> r = tf.value_and_grads(lambda a, b: a.mul(b).sum())([tf.tensor1d([1, 2]), tf.tensor1d([3, 4])])
    >>> float(r.value), [g.array_sync() for g in r.grads]
    (11.0, [[3.0, 4.0], [1.0, 2.0]])
    """
    _check_function(f, 'valueAndGrads')

    def gradients(args, dy=None):
        xs = _args(args, 'valueAndGrads(f)(args)')
        y, gs = tidy(lambda: _gradients(lambda: f(*xs), xs, dy, 'valueAndGrads(f)([x1,...], dy)'))
        return Record(value=y, grads=gs)
    return gradients


def variable_grads(f, var_list=None):
    """Gradients of the scalar ``f()`` with respect to trainable variables.

    Returns ``{'value': f(), 'grads': {variable name: gradient}}``. ``var_list`` defaults to
    every live trainable variable, as in TF.js; non-trainable variables listed in ``var_list``
    get ``None``.

    >>> import tfjs_lab as tf
    >>> w = tf.variable(tf.scalar(3.0), name='vg_doc_w')
    >>> float(tf.variable_grads(lambda: w.square())['grads']['vg_doc_w'])
    6.0
    """
    _check_function(f, 'variableGrads')
    if var_list is not None and not all(isinstance(v, Variable) for v in var_list):
        raise TypeError('The varList passed in variableGrads(f, varList) must be an array of variables')
    listed = list(Variable.registry.values()) if var_list is None else list(var_list)
    trainable = [v for v in listed if v.trainable]
    if not trainable:
        raise ValueError(f'variableGrads() expects at least one of the input variables to be trainable, but '
                         f'none of the {len(listed)} variables is trainable.')

    def run():
        y, found = _gradients(f, trainable, None, 'variableGrads(f)', allow_missing=True)
        if all(g is None for g in found):
            raise ValueError('Cannot find a connection between any variable and the result of the loss '
                             'function y=f(x). Please make sure the operations that use variables are inside '
                             'the function f passed to minimize().')
        if y.rank != 0:
            raise ValueError(f'The f passed in variableGrads(f) must return a scalar, but it returned a '
                             f'rank-{y.rank} tensor')
        return y, found
    y, found = tidy(run)
    named = {v.name: g for v, g in zip(trainable, found) if g is not None}
    if var_list is not None:
        named.update({v.name: None for v in listed if not v.trainable})
    return Record(value=y, grads=named)


class _CustomBackward:
    """A backward given at call time by ``custom_grad``'s ``gradFunc``; the tape sees it as a
    primitive."""
    __slots__ = ('backward', 'name')
    backward_takes_needs = False

    def __init__(self, backward):
        self.backward, self.name = backward, 'customGrad'


def custom_grad(f):
    """Override the gradient of ``f``. ``f(*inputs, save)`` returns ``{'value': tensor,
    'gradFunc': fn}``; ``fn(dy, saved)`` returns one gradient per input (a tensor for a single
    input), where ``saved`` lists the tensors ``f`` passed to ``save``. The forward pass records
    no gradients of its own and its intermediates are disposed, as in TF.js.

    >>> import tfjs_lab as tf
    >>> def f(x, save):
    ...     save([x])      # keep x for the gradient
    ...     return {'value': x.square(), 'gradFunc': lambda dy, saved: [dy.mul(saved[0].abs())]}
    >>> custom_op = tf.custom_grad(f)
    >>> x = tf.tensor1d([-1, -2, 3])
    >>> custom_op(x).print()
    Tensor
        [1, 4, 9]
    >>> tf.grad(lambda x: custom_op(x))(x).print()      # dy * |x|, not 2x
    Tensor
        [1, 2, 3]
    """
    _check_function(f, 'customGrad')

    def apply(*inputs):
        if not all(isinstance(x, Tensor) for x in inputs):
            raise TypeError('The args passed in customGrad(f)(x1, x2,...) must all be tensors')
        for x in inputs:
            x.throw_if_disposed()
        outer = tape_module.active()
        saved = []

        def save(tensors):
            if outer is not None:  # as in TF.js, nothing is kept when no gradient is being recorded
                saved[:] = [as_tensor(t)._data for t in tensors]

        first_new_id = next(_ids)
        with paused():  # gradFunc replaces the gradient of whatever f computes
            result = tidy(lambda: f(*inputs, save))
        value, grad_func = _value_and_grad_func(result)
        if value.id <= first_new_id:  # f returned a tensor it did not create: never mark that one
            value = Tensor(value._data)

        def backward(g, out, *arrays):
            grads = grad_func(Tensor(g), [Tensor(a) for a in saved])
            grads = list(grads) if isinstance(grads, (list, tuple)) else [grads]
            if len(grads) != len(inputs):
                raise ValueError('The function f passed in customGrad(f) must return an object where '
                                 '`obj.gradFunc` is a function that returns the same number of tensors as '
                                 'inputs passed to f(...).')
            if not all(isinstance(gi, Tensor) for gi in grads):
                raise TypeError('The function f passed in customGrad(f) must return an object where '
                                '`obj.gradFunc` is a function that returns a list of only tensors.')
            for i, (gi, x) in enumerate(zip(grads, inputs)):
                if gi.shape != x.shape:  # TF.js's check: a gradient has its input's shape
                    raise ValueError(f"Error in gradient for op customGrad. The gradient of input '{i}' has "
                                     f"shape '{','.join(map(str, gi.shape))}', which does not match the shape "
                                     f"of the input '{','.join(map(str, x.shape))}'")
            arrays = [gi._data for gi in grads]
            return arrays[0] if len(arrays) == 1 else tuple(arrays)

        if outer is not None and any(outer.tracks(x) for x in inputs):
            value._node = Node(_CustomBackward(backward), inputs, [x._data for x in inputs], value._data,
                               {}, outer)
        return value
    return apply


def _value_and_grad_func(result):
    get = result.get if isinstance(result, dict) else lambda key: getattr(result, key, None)
    value, grad_func = get('value'), get('gradFunc') or get('grad_func')
    if not isinstance(value, Tensor):
        raise TypeError('The function f passed in customGrad(f) must return an object where `obj.value` '
                        'is a tensor')
    if not callable(grad_func):
        raise TypeError('The function f passed in customGrad(f) must return an object where `obj.gradFunc` '
                        'is a function.')
    return value, grad_func
