"""Training callbacks: the ``Callback`` base, TF.js's dict-of-functions form, the list that
dispatches to them, and ``History``.

TF.js cannot mix callback objects and function dicts in one list; here any mix works, and
hooks may be spelled ``on_epoch_end`` or ``onEpochEnd``.
"""
import inspect
import math
import warnings

from ._naming import CamelAliases, add_camel_aliases, normalize_keys, takes_options, to_camel
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
        self._listeners = {}  # hook -> the callbacks' methods for it that do something

    def listens(self, hook):
        """Whether any callback does something on ``hook`` (the loop skips building its logs)."""
        return bool(self._methods(hook))

    def _methods(self, hook):
        methods = self._listeners.get(hook)
        if methods is None:  # (the base class's hooks do nothing: a small model's step is a few of these calls)
            base = getattr(Callback, hook)
            methods = self._listeners[hook] = [method for method in (getattr(cb, hook) for cb in self.callbacks)
                                               if getattr(method, '__func__', None) is not base]
        return methods

    def call(self, hook, *args):
        for method in self._methods(hook):
            _settle(method(*args))


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


class EarlyStopping(Callback):
    """Stop training when ``monitor`` (default ``'val_loss'``) stops improving for ``patience``
    epochs, as TF.js's ``tf.callbacks.earlyStopping``. ``restore_best_weights=True`` (which TF.js
    4.22 refuses) puts back the weights of the best epoch when training ends.

    >>> import tfjs_lab as tf
    >>> stopper = tf.callbacks.earlyStopping({'monitor': 'loss', 'patience': 2})
    >>> stopper.monitor, stopper.patience
    ('loss', 2)
    """

    @takes_options
    def __init__(self, *, monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto', baseline=None,
                 restore_best_weights=False):
        if mode not in ('auto', 'min', 'max'):
            warnings.warn(f"EarlyStopping mode '{mode}' is invalid. Falling back to mode 'auto'.")
            mode = 'auto'
        self.monitor, self.patience, self.verbose = monitor, patience, verbose
        self.mode, self.baseline, self.restore_best_weights = mode, baseline, restore_best_weights
        self.higher_is_better = mode == 'max' or (mode == 'auto' and 'acc' in monitor)
        self.min_delta = abs(min_delta) * (1 if self.higher_is_better else -1)

    def _improved(self, value):
        shifted = value - self.min_delta
        return shifted > self.best if self.higher_is_better else shifted < self.best

    def on_train_begin(self, logs=None):
        self.wait = 0
        self.stopped_epoch = 0
        self.best = self.baseline if self.baseline is not None else (-math.inf if self.higher_is_better else math.inf)
        self.best_weights = None

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        value = logs.get(self.monitor)
        if value is None:
            warnings.warn(f'Metric for EarlyStopping {self.monitor} is not available. Available metrics are: '
                          f'{",".join(logs)}')
            return
        if self._improved(value):
            self.best, self.wait = value, 0
            if self.restore_best_weights:
                self.best_weights = [w.numpy().copy() for w in self.model.weights]
        else:
            self.wait += 1
            if self.wait >= self.patience:
                self.stopped_epoch = epoch
                self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.restore_best_weights and self.best_weights is not None:
            for variable, value in zip(self.model.weights, self.best_weights):
                variable._data = value
        if self.stopped_epoch > 0 and self.verbose:
            print(f'Epoch {self.stopped_epoch}: early stopping.')


class TerminateOnNaN(Callback):
    """Stop training as soon as a batch's loss is NaN or infinite (Keras' TerminateOnNaN; TF.js
    has none). The epoch's logs still show the NaN."""

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get('loss')
        if loss is not None and not math.isfinite(loss):
            warnings.warn(f'Batch {batch}: invalid loss {loss}, terminating training')
            self.model.stop_training = True


_constructors = {}  # verbosity level -> callback classes (or factories) fit creates at that level and above


def register_callback_constructor(verbosity_level, callback_constructor):
    """Have every ``fit``/``fit_dataset`` whose ``verbose`` is at least ``verbosity_level`` create
    a ``callback_constructor()`` callback (after TF.js's logger, before the call's own callbacks),
    as tfjs-node registers its progress bar.

    >>> import tfjs_lab as tf
    >>> class Counter(tf.Callback):
    ...     epochs = 0
    ...     def on_epoch_end(self, epoch, logs=None):
    ...         Counter.epochs += 1
    >>> tf.register_callback_constructor(0, Counter)
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> _ = model.fit(tf.ones([2, 1]), tf.ones([2, 1]), epochs=2, verbose=0)
    >>> Counter.epochs
    2
    >>> tf.callbacks.unregister_callback_constructor(Counter)
    """
    if isinstance(verbosity_level, bool) or not isinstance(verbosity_level, int) or verbosity_level < 0:
        raise ValueError(f'Verbosity level is expected to be an integer >= 0, but got {verbosity_level!r}')
    if not callable(callback_constructor):
        raise TypeError('registerCallbackConstructor() takes a Callback subclass (or a function making a '
                        f'Callback); received {type(callback_constructor).__name__}')
    if any(callback_constructor in constructors for constructors in _constructors.values()):
        raise ValueError('Duplicate callback constructor.')
    _constructors.setdefault(verbosity_level, []).append(callback_constructor)


def unregister_callback_constructor(callback_constructor):
    """Undo ``register_callback_constructor`` (TF.js's registry can only be cleared whole)."""
    for constructors in _constructors.values():
        if callback_constructor in constructors:
            constructors.remove(callback_constructor)


def registered_callbacks(verbose):
    """New callbacks from the constructors registered at ``verbose`` or below, lowest level first."""
    made = []
    for level in sorted(_constructors):
        if verbose >= level:
            for constructor in _constructors[level]:
                callback = constructor()
                if not isinstance(callback, Callback):
                    raise TypeError(f'The callback constructor {constructor!r} registered for verbosity {level} '
                                    f'made a {type(callback).__name__}; expected a Callback')
                made.append(callback)
    return made


def early_stopping(config=None, **kwargs):
    """An ``EarlyStopping`` callback: ``tf.callbacks.earlyStopping({'monitor': 'val_acc', 'patience': 3})``."""
    return EarlyStopping(config or {}, **kwargs)


def terminate_on_nan():
    """A ``TerminateOnNaN`` callback: stops fit at the first NaN or infinite loss."""
    return TerminateOnNaN()


add_camel_aliases(globals())
