"""TF.js's environment flags: ``tf.env()``, ``tf.enable_debug_mode()``, ``tf.enable_prod_mode()``.

The flags are tfjs-core's own, with the values a Python kernel gives them (not a browser, not
Node). Those that change anything here: ``DEBUG`` logs every kernel and, through
``CHECK_COMPUTATION_FOR_ERRORS`` (which follows DEBUG unless set), warns when a float32 result
holds NaN or an infinity, with TF.js's message; ``PROD`` and ``IS_TEST`` silence the environment's
own warnings. Backend flags (WebGL's, the CPU hand-off sizes) are not registered: asking for one
gives TF.js's error for an unknown flag.
"""
import warnings

import numpy as np

from . import profiling
from ._naming import CamelAliases
from .core.tape import Primitive
from .core.tensor import Awaitable


class NaNWarning(RuntimeWarning):
    """Debug mode found NaN or an infinity in a kernel's result."""


class Environment(CamelAliases):
    """The flag registry behind ``tf.env()``: ``get``/``get_bool``/``get_number``/``get_string``
    evaluate a flag once and keep its value, ``set`` changes it (registered flags only),
    ``flags``/``features``/``get_flags()`` give the values evaluated or set so far."""

    def __init__(self):
        self.flags = {}
        self.flag_registry = {}

    def register_flag(self, flag_name, evaluation_fn, set_hook=None):
        """Register a flag: ``evaluation_fn()`` gives its default, ``set_hook(value)`` runs on ``set``."""
        self.flag_registry[flag_name] = {'evaluationFn': evaluation_fn, 'setHook': set_hook}

    def get(self, flag_name):
        """The flag's value (evaluated on first use).

        >>> import tfjs_lab as tf
        >>> tf.env().get('IS_BROWSER')
        False
        """
        if flag_name not in self.flags:
            self.flags[flag_name] = self._evaluate(flag_name)
        return self.flags[flag_name]

    get_bool = get_number = get_string = get

    def get_async(self, flag_name):
        """``get`` for ``await env().getAsync(name)`` (flags here are all known synchronously)."""
        return _Settled(self.get(flag_name))

    def get_flags(self):
        """The flags evaluated or set so far, by name."""
        return self.flags

    @property
    def features(self):
        """TF.js's older name for ``flags``."""
        return self.flags

    def set(self, flag_name, value):
        """Set a registered flag (and run its hook).

        >>> import tfjs_lab as tf
        >>> tf.env().set('NOT_A_FLAG', True)
        Traceback (most recent call last):
        ...
        ValueError: Cannot set flag NOT_A_FLAG as it has not been registered.
        """
        if flag_name not in self.flag_registry:
            raise ValueError(f'Cannot set flag {flag_name} as it has not been registered.')
        self.flags[flag_name] = value
        hook = self.flag_registry[flag_name]['setHook']
        if hook is not None:
            hook(value)
        _follow_debug_flags()

    def set_flags(self, flags):
        """Replace every flag value by ``flags`` (a dict); hooks do not run, as in TF.js."""
        self.flags = dict(flags)
        _follow_debug_flags()

    def reset(self):
        """Forget every evaluated or set value: flags return to their defaults."""
        self.flags = {}
        _follow_debug_flags()

    def _evaluate(self, flag_name):
        if flag_name not in self.flag_registry:
            raise ValueError(f"Cannot evaluate flag '{flag_name}': no evaluation function found.")
        return self.flag_registry[flag_name]['evaluationFn']()

    def __repr__(self):
        return f'Environment(flags={self.flags!r})'


class _Settled(Awaitable):
    """``await`` gives the value (TF.js's getAsync returns a promise)."""
    __slots__ = ('value',)

    def __init__(self, value):
        self.value = value

    def __await__(self):
        return self.value
        yield  # makes this a generator; never reached


_ENV = Environment()


def env():
    """The environment: TF.js's flags and their values.

    >>> import tfjs_lab as tf
    >>> tf.env().get_bool('DEBUG'), tf.env().getBool('PROD')
    (False, False)
    """
    return _ENV


def enable_prod_mode():
    """Production mode (``PROD``): here it silences the environment's warnings.

    >>> import tfjs_lab as tf
    >>> tf.enable_prod_mode(); tf.env().get('PROD')
    True
    >>> tf.env().set('PROD', False)
    """
    _ENV.set('PROD', True)


def enable_debug_mode():
    """Debug mode (``DEBUG``): every kernel is logged (name, time, output rank, shape and size,
    input shapes) and a float32 result with NaN or an infinity warns ``Found NaN in the result of
    'Log'``, as in TF.js. It slows every op down; ``tf.env().set('DEBUG', False)`` ends it.

    >>> import tfjs_lab as tf
    >>> import warnings
    >>> with warnings.catch_warnings(record=True):
    ...     tf.enable_debug_mode()
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter('always')
    ...     _ = tf.tensor1d([-1.0]).log()  # doctest: +ELLIPSIS
    Log ...
    >>> [str(w.message) for w in caught if w.category is tf.environment.NaNWarning]
    ["Found NaN in the result of 'Log'"]
    >>> tf.env().set('DEBUG', False)
    """
    _ENV.set('DEBUG', True)


def _quiet():
    return _ENV.get_bool('IS_TEST') or _ENV.get_bool('PROD')


def _announce_debug(value):
    if value and not _quiet():
        warnings.warn('Debugging mode is ON. The output of every math call will be downloaded to CPU and '
                      'checked for NaNs. This significantly impacts performance.', stacklevel=4)


def _debug_kernel(primitive, inputs, result, bytes_before, tensors_before, elapsed_ms):
    name = profiling.kernel_name(primitive)
    if _ENV.get_bool('CHECK_COMPUTATION_FOR_ERRORS') and result.dtype == 'float32':
        bad = result._data[~np.isfinite(result._data)]
        if bad.size:
            shown = {True: 'NaN', False: 'Infinity' if bad.flat[0] > 0 else '-Infinity'}[bool(np.isnan(bad.flat[0]))]
            warnings.warn(f"Found {shown} in the result of '{name}'", NaNWarning, stacklevel=3)
    if _ENV.get_bool('DEBUG'):
        described = ''.join(f"{i}: {len(t.shape)}D {','.join(map(str, t.shape))} " for i, t in enumerate(inputs))
        print(f"{name:<25}\t{f'{elapsed_ms}ms':<9}\t{result.rank}D {','.join(map(str, result.shape)):<14}\t"
              f'{result.size}\t{described}\t')


def _follow_debug_flags():
    """Observe kernels exactly while DEBUG is on, as TF.js profiles them only then (without
    evaluating DEBUG into the flags if nobody did)."""
    if _ENV.flags['DEBUG'] if 'DEBUG' in _ENV.flags else _ENV._evaluate('DEBUG'):
        Primitive.observe(_debug_kernel)
    else:
        Primitive.unobserve(_debug_kernel)


for _name, _default, _hook in [
        ('DEBUG', False, _announce_debug), ('IS_BROWSER', False, None), ('IS_NODE', False, None),
        ('IS_CHROME', False, None), ('IS_SAFARI', False, None), ('PROD', False, None),
        ('DEPRECATION_WARNINGS_ENABLED', True, None), ('IS_TEST', False, None), ('WRAP_TO_IMAGEBITMAP', False, None),
        ('CANVAS2D_WILL_READ_FREQUENTLY_FOR_GPU', False, None), ('USE_SETTIMEOUTCUSTOM', False, None),
        ('TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES', 100, None)]:
    _ENV.register_flag(_name, lambda value=_default: value, _hook)
for _name in ('TENSORLIKE_CHECK_SHAPE_CONSISTENCY', 'CHECK_COMPUTATION_FOR_ERRORS'):
    _ENV.register_flag(_name, lambda: _ENV.get_bool('DEBUG'))
