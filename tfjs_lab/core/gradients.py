"""The TF.js gradient API: ``grad``, ``grads``, ``value_and_grad``, ``value_and_grads``,
``variable_grads`` run ``f`` under a tape watching the requested tensors; ``custom_grad``
gives a function a gradient of the user's choosing."""
from .._naming import normalize_keys
from .convert import as_tensor
from .tape import Primitive, Tape, paused
from .tensor import Record as _Result
from .tensor import Tensor, Variable

__all__ = ['grad', 'grads', 'value_and_grad', 'value_and_grads', 'variable_grads', 'custom_grad']


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
        raise ValueError('Cannot compute gradient of y=f(x) with respect to x. Make sure that the f '
                         'you passed encloses all operations that lead from x to y.')
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


def _custom_forward(*arrays, value, grad_func, saved):
    return value


_custom = Primitive(_custom_forward, '_custom')


@_custom.defgrad
def _(g, out, *arrays, value, grad_func, saved):
    grads = grad_func(Tensor(g), saved)
    grads = list(grads) if isinstance(grads, (list, tuple)) else [grads]
    if len(grads) != len(arrays):
        raise ValueError(f'The gradFunc of customGrad must return one gradient per input ({len(arrays)}); '
                         f'it returned {len(grads)}')
    out_grads = []
    for i, (gi, a) in enumerate(zip(grads, arrays)):
        gi = as_tensor(gi, f'gradient {i}')._data
        if gi.shape != a.shape:
            raise ValueError(f'The gradFunc of customGrad returned a gradient of shape {list(gi.shape)} for '
                             f'input {i} of shape {list(a.shape)}')
        out_grads.append(gi)
    return tuple(out_grads) if len(out_grads) > 1 else out_grads[0]


def custom_grad(f):
    """A function whose gradient is ``f``'s ``grad_func``: ``f(*inputs, save)`` returns
    ``{'value': tensor, 'grad_func': lambda dy, saved: [gradient per input]}`` (TF.js's
    ``gradFunc`` spelling works too); ``save([tensors])`` keeps tensors for ``grad_func``.

    >>> import tfjs_lab as tf
    >>> def f(x, save):
    ...     save([x])
    ...     return {'value': x.square(), 'gradFunc': lambda dy, saved: [dy.mul(saved[0].abs())]}
    >>> tf.grad(tf.custom_grad(f))(tf.tensor1d([-1, 2])).print()
    Tensor
        [1, 2]
    """
    def wrapped(*inputs):
        inputs = [as_tensor(x, f'input {i}') for i, x in enumerate(inputs)]
        saved = []
        with paused():  # f's own ops need no recording: grad_func replaces their gradient
            result = f(*inputs, saved.extend)
        if not isinstance(result, dict):
            raise TypeError(f"The function passed to customGrad must return {{'value', 'gradFunc'}}; "
                            f'it returned {type(result).__name__}')
        result = normalize_keys(result, {'value', 'grad_func'}, 'customGrad')
        value, grad_func = as_tensor(result.get('value'), 'value'), result.get('grad_func')
        if not callable(grad_func):
            raise TypeError(f'customGrad: gradFunc must be a function; received {type(grad_func).__name__}')
        return _custom(*inputs, value=value._data, grad_func=grad_func, saved=list(saved))
    return wrapped
