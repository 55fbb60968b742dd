"""The TF.js gradient API: ``grad``, ``grads``, ``value_and_grad``, ``value_and_grads``,
``variable_grads``. Each runs ``f`` under a tape watching the requested tensors."""
from .convert import as_tensor
from .tape import Tape
from .tensor import Tensor, Variable

__all__ = ['grad', 'grads', 'value_and_grad', 'value_and_grads', 'variable_grads']


class _Result(dict):
    """TF.js returns ``{value, grad}`` objects; this allows ``r['value']`` and ``r.value``."""
    __getattr__ = dict.__getitem__


def _run(f, xs, dy, name):
    xs = [as_tensor(x, 'x') for x in xs]
    with Tape(xs) as tape:
        y = f(*xs)
    if not isinstance(y, Tensor):
        raise TypeError(f'The f passed in {name}(f) must return a tensor; it returned {type(y).__name__}')
    seed = None
    if dy is not None:
        dy = as_tensor(dy, 'dy')
        if dy.shape != y.shape:
            raise ValueError(f'The shape of dy ({dy.shape}) must match the shape of y ({y.shape}) '
                             f'returned by f in {name}(f)')
        seed = dy._data
    found = tape.gradients(y, xs, seed)
    if any(g is None for g in found):
        raise ValueError(f'Cannot compute gradient of y=f(x) with respect to x. Make sure that the f '
                         f'you passed encloses all operations that lead from x to y.')
    return y, [Tensor(g) for g in found]


def grad(f):
    """The function x -> df/dx, for ``f`` of one tensor.

    >>> import tfjs_lab as tf
    >>> tf.grad(lambda x: x.square())(tf.tensor1d([1, 2, 3])).print()
    Tensor
        [2, 4, 6]
    """
    def gradient(x, dy=None):
        return _run(f, [x], dy, 'grad')[1][0]
    return gradient


def grads(f):
    """The function [x1, x2, ...] -> [df/dx1, df/dx2, ...]."""
    def gradients(args, dy=None):
        return _run(f, list(args), dy, 'grads')[1]
    return gradients


def value_and_grad(f):
    """Like ``grad`` but returns ``{'value': f(x), 'grad': df/dx}``."""
    def gradient(x, dy=None):
        y, (g,) = _run(f, [x], dy, 'valueAndGrad')
        return _Result(value=y, grad=g)
    return gradient


def value_and_grads(f):
    """Like ``grads`` but returns ``{'value': f(...), 'grads': [...]}``."""
    def gradients(args, dy=None):
        y, gs = _run(f, list(args), dy, 'valueAndGrads')
        return _Result(value=y, grads=gs)
    return gradients


def variable_grads(f, var_list=None):
    """Gradients of the scalar ``f()`` with respect to trainable variables.

    Returns ``{'value': f(), 'grads': {variable name: gradient}}``. ``var_list`` defaults to
    every live trainable variable, as in TF.js.

    >>> import tfjs_lab as tf
    >>> w = tf.variable(tf.scalar(3.0), name='vg_doc_w')
    >>> float(tf.variable_grads(lambda: w.square())['grads']['vg_doc_w'])
    6.0
    """
    if var_list is None:
        var_list = [v for v in Variable.registry.values() if v.trainable]
    for v in var_list:
        if not isinstance(v, Variable):
            raise TypeError(f'variableGrads: var_list must contain variables; received {type(v).__name__}')
    var_list = [v for v in var_list if v.trainable]
    with Tape(var_list) as tape:
        y = f()
    if not isinstance(y, Tensor) or y.rank != 0:
        raise ValueError('The f passed in variableGrads(f) must return a scalar tensor; '
                         f'received {"shape " + str(y.shape) if isinstance(y, Tensor) else type(y).__name__}')
    found = tape.gradients(y, var_list)
    return _Result(value=y, grads={v.name: Tensor(g) for v, g in zip(var_list, found) if g is not None})
