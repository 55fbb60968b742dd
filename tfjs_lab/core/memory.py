"""TF.js's memory API: ``tidy``, ``keep``, ``dispose``, ``memory``, ``dispose_variables``.

NumPy frees arrays when they are no longer referenced, so tfjs_lab does not leak where TF.js
would; these functions still behave as in TF.js (a tensor disposed by ``tidy`` raises when used),
so lessons about memory management make sense here.
"""
import weakref

import numpy as np

from .tensor import Tensor, Variable, _scopes

_kept = weakref.WeakSet()


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

    >>> import tfjs_lab as tf
    >>> before = tf.memory()['numTensors']
    >>> y = tf.tidy(lambda: tf.tensor1d([1, 2]).square().add(1))
    >>> tf.memory()['numTensors'] - before
    1
    """
    fn = name_or_fn if fn is None else fn
    if not callable(fn):
        raise TypeError(f'tidy() takes a function; received {type(fn).__name__}')
    scope = []
    _scopes.append(scope)
    try:
        result = fn()
    finally:
        _scopes.pop()
    if hasattr(result, '__await__') and not isinstance(result, Tensor):
        raise TypeError('Cannot return a coroutine or awaitable from tidy(); await it outside')
    returned = _tensors_in(result, set())
    for t in scope:
        if id(t) in returned or t in _kept or isinstance(t, Variable):
            if _scopes and id(t) in returned:
                _scopes[-1].append(t)  # an enclosing tidy owns it now
            continue
        t.dispose()
    return result


def keep(result):
    """Exempt a tensor from disposal by the enclosing ``tidy``; returns it."""
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
    """``{'numTensors', 'numDataBuffers', 'numBytes', 'unreliable'}`` for live tensors.

    Tensors that share a buffer (a reshape's result and its input) count their buffer once.
    """
    import gc
    gc.collect()  # tensors only kept alive by reference cycles are not live
    buffers, count = {}, 0
    for obj in gc.get_objects():
        if isinstance(obj, Tensor) and not obj.is_disposed:
            count += 1
            array = obj._data
            owner = array.base if isinstance(array.base, np.ndarray) else array
            buffers[id(owner)] = owner.nbytes
    return {'numTensors': count, 'numDataBuffers': len(buffers),
            'numBytes': sum(buffers.values()), 'unreliable': False}


def dispose_variables():
    """Dispose every live variable."""
    for variable in list(Variable.registry.values()):
        variable.dispose()
        Variable.registry.pop(variable.name, None)
