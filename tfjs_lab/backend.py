"""TF.js's backend calls, answered for tfjs_lab's single NumPy engine, so that ported setup
code (``await tf.setBackend('cpu'); await tf.ready()``) runs unchanged."""
import warnings

from .core.tensor import Awaitable

__all__ = ['get_backend', 'set_backend', 'ready']
BACKEND_NAME = 'cpu'  # NumPy on the CPU; TF.js code that checks for 'cpu' takes the right branch


class _Done(Awaitable):
    """What TF.js's promise-returning calls resolve to, awaitable or usable directly."""

    def __init__(self, value):
        self.value = value

    def __bool__(self):
        return bool(self.value)

    def __repr__(self):
        return repr(self.value)


def get_backend():
    """The name of the backend: always ``'cpu'`` (tfjs_lab computes with NumPy).

    >>> import tfjs_lab as tf
    >>> tf.get_backend()
    'cpu'
    """
    return BACKEND_NAME


def set_backend(backend_name):
    """As TF.js's ``setBackend``: true when the backend is usable. Only ``'cpu'`` is; for
    others (``'webgl'``, ``'wasm'``, ...) this warns and returns false, and work goes on on the
    CPU, as in TF.js when a backend fails to start.

    >>> import tfjs_lab as tf
    >>> bool(tf.set_backend('cpu'))
    True
    """
    if backend_name == BACKEND_NAME:
        return _Done(True)
    warnings.warn(f"Backend '{backend_name}' is not available in tfjs_lab, which computes with NumPy on "
                  f"the CPU; continuing with '{BACKEND_NAME}'", stacklevel=2)
    return _Done(False)


def ready():
    """Resolves at once: the NumPy engine needs no start-up (TF.js's ``await tf.ready()``)."""
    return _Done(None)
