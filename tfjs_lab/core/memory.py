"""TF.js's memory API: ``tidy``, ``keep``, ``dispose``, ``memory``, ``dispose_variables``.

``memory()`` counts as TF.js does (see ``core.tensor``): a tensor counts until it is
disposed, so a loop that creates tensors without ``tidy`` or ``dispose`` makes
``numTensors`` grow here as it does in TF.js, and the same loop inside ``tidy`` does not.
Python still frees the arrays of tensors nobody references, so, as TF.js says of its CPU
backend, the reported memory is an upper bound.
"""
import weakref

from .tensor import Tensor, Variable, _scopes, accounts, num_data_buffers

_kept = weakref.WeakSet()
_UPPER_BOUND = ('The reported memory is an upper bound. Due to automatic garbage collection, '
                'the true allocated memory may be less.')


def _tensors_in(value, found):
    if isinstance(value, Tensor):
        found.add(id(value))
    elif isinstance(value, dict):
        for v in value.values():
            _tensors_in(v, found)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _tensors_in(v, found)
    return found


def tidy(name_or_fn, fn=None):
    """Run ``fn`` and dispose every tensor it created except those it returns or ``keep``s.
    Tensors are disposed also when ``fn`` raises.

    >>> import tfjs_lab as tf
    >>> x = tf.tensor1d([1, 2])
    >>> before = tf.memory()['numTensors']
    >>> y = tf.tidy(lambda: x.square().add(1))     # square's result is disposed
    >>> tf.memory()['numTensors'] - before
    1
    """
    fn = name_or_fn if fn is None else fn
    if not callable(fn):
        raise TypeError(f'tidy() takes a function; received {type(fn).__name__}')
    scope = []
    _scopes.stack.append(scope)
    result = None
    try:
        result = fn()
    finally:
        _scopes.stack.pop()
        _end_scope(scope, result)
    if hasattr(result, '__await__') and not isinstance(result, Tensor):
        raise TypeError('Cannot return a coroutine or awaitable from tidy(); await it outside')
    return result


def _end_scope(scope, result):
    returned = _tensors_in(result, set())
    for t in scope:
        if id(t) in returned:
            if _scopes.stack:
                _scopes.stack[-1].append(t)  # an enclosing tidy owns it now
        elif t not in _kept and not isinstance(t, Variable):
            t.dispose()


def keep(result):
    """Exempt a tensor from disposal by any enclosing ``tidy``; returns it."""
    if not isinstance(result, Tensor):
        raise TypeError(f'keep() takes a tensor; received {type(result).__name__}')
    _kept.add(result)
    return result


def dispose(container):
    """Dispose the tensors in a tensor, list, tuple or dict (nested)."""
    if isinstance(container, Tensor):
        container.dispose()
    elif isinstance(container, dict):
        for value in container.values():
            dispose(value)
    elif isinstance(container, (list, tuple)):
        for value in container:
            dispose(value)


def memory():
    """TF.js's engine counters: ``numTensors`` (not yet disposed), ``numDataBuffers`` (a
    reshape shares its input's buffer), ``numBytes`` (size times bytes per element of each
    tensor: 4 for float32 and int32, 1 for bool).

    >>> import tfjs_lab as tf
    >>> before = tf.memory()
    >>> x = tf.tensor1d([1, 2, 3])
    >>> y = x.reshape([3, 1])
    >>> after = tf.memory()
    >>> [after[k] - before[k] for k in ('numTensors', 'numDataBuffers', 'numBytes')]
    [2, 1, 24]
    """
    return {'unreliable': True, 'reasons': [_UPPER_BOUND], 'numTensors': accounts.tensors,
            'numDataBuffers': num_data_buffers(), 'numBytes': accounts.bytes}


def dispose_variables():
    """Dispose every live variable."""
    for variable in list(Variable.registry.values()):
        variable.dispose()
        Variable.registry.pop(variable.name, None)
