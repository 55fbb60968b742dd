"""Training callbacks: the ``Callback`` base, TF.js's dict-of-functions form, the list that
dispatches to them, and ``History``.

TF.js cannot mix callback objects and function dicts in one list; here any mix works, and
hooks may be spelled ``on_epoch_end`` or ``onEpochEnd``.
"""
import inspect

from ._naming import CamelAliases, normalize_keys, to_camel
from .core.tensor import Awaitable

HOOKS = ('on_train_begin', 'on_train_end', 'on_epoch_begin', 'on_epoch_end',
         'on_batch_begin', 'on_batch_end', 'on_yield')


class Callback(CamelAliases):
    """Base class: override any hook, in either spelling.

    >>> import tfjs_lab as tf
    >>> class Stopper(tf.Callback):
    ...     def onEpochEnd(self, epoch, logs):
    ...         if logs['loss'] < 0.1:
    ...             self.model.stop_training = True
    """
    model = None
    params = None
    shows_progress = False  # True for callbacks that display training progress themselves

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for hook in HOOKS:  # a subclass written TF.js-style defines only the camelCase hook
            if to_camel(hook) in vars(cls) and hook not in vars(cls):
                setattr(cls, hook, vars(cls)[to_camel(hook)])

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_train_begin(self, logs=None): pass
    def on_train_end(self, logs=None): pass
    def on_epoch_begin(self, epoch, logs=None): pass
    def on_epoch_end(self, epoch, logs=None): pass
    def on_batch_begin(self, batch, logs=None): pass
    def on_batch_end(self, batch, logs=None): pass
    def on_yield(self, epoch, batch, logs=None): pass


class CustomCallback(Callback):
    """Callbacks given as a dict of functions, TF.js's ``{onEpochEnd: (epoch, logs) => ...}``."""

    def __init__(self, functions):
        functions = normalize_keys(functions, set(HOOKS), 'callbacks')
        for hook, fn in functions.items():
            if not callable(fn):
                raise TypeError(f"callback '{to_camel(hook)}' must be a function; received {type(fn).__name__}")
            setattr(self, hook, fn)


def _settle(result):
    """Run an ``async def`` callback's coroutine to completion (TF.js awaits callbacks)."""
    if not inspect.isawaitable(result):
        return result
    steps = result.__await__()
    try:
        while True:
            if steps.send(None) is not None:
                raise RuntimeError('An async training callback awaited real I/O; callbacks run inside '
                                   'fit and may only await tf helpers such as tf.next_frame()')
    except StopIteration as stop:
        return stop.value


def standardize(callbacks):
    """A list of Callback objects from None, a Callback, a dict of functions, or a list of any."""
    if callbacks is None:
        return []
    if isinstance(callbacks, (Callback, dict)):
        callbacks = [callbacks]
    out = []
    for cb in callbacks:
        if isinstance(cb, dict):
            out.append(CustomCallback(cb))
        elif isinstance(cb, Callback):
            out.append(cb)
        else:
            raise TypeError(f'callbacks must be Callback objects or dicts of functions such as '
                            f"{{'onEpochEnd': fn}}; received {type(cb).__name__}")
    return out


class CallbackList:
    """Calls one hook on every callback, in order."""

    def __init__(self, callbacks, model, params):
        self.callbacks = callbacks
        for cb in callbacks:
            cb.set_model(model)
            cb.set_params(params)

    def call(self, hook, *args):
        for cb in self.callbacks:
            _settle(getattr(cb, hook)(*args))


class History(Callback, Awaitable):
    """Records epoch logs: ``history.history['loss']`` is the list of epoch losses.

    ``await model.fit(...)`` returns it as TF.js does.
    """

    def __init__(self):
        self.epoch = []
        self.history = {}

    def on_train_begin(self, logs=None):
        self.epoch = []
        self.history = {}

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)

    def __repr__(self):
        return f'History(epochs={len(self.epoch)}, keys={list(self.history)})'
