"""``model.fit(..., background=True)``: the same fit on a thread of its own, so the notebook's
cells keep running while a model trains (what a Web Worker gives a TF.js page).

The call returns a :class:`BackgroundFit` as soon as training has begun; a mistake in the
arguments is raised by the call itself, as in the foreground. The fit is the ordinary one, step
for step: with the same seed it ends with the same weights. NumPy releases the GIL in its
heavy kernels and Python switches threads every few milliseconds, so the kernel stays
responsive. The thread runs in a copy of the calling cell's context, so its progress bar,
plots, prints and errors appear under that cell. While it runs, the model may be read but not
changed from other threads (see :mod:`tfjs_lab.worker.guard`).

Random numbers (the shuffle, dropout) come from the thread's own copy of the global stream,
taken when the fit starts (``random.own_stream``): random ops run in other cells meanwhile do not
change the fit, and when it ends the global stream continues where the fit's ended, as after a
foreground fit (and as after a fit in a worker process).
"""
import contextvars
import inspect
import threading

from ..callbacks import standardize
from ..core import random
from .guard import Gate, ModelGuard
from .handle import EpochWatcher, FitHandle


class BackgroundFit(FitHandle):
    """A fit running on a thread in this process. ``wait()`` or ``await handle`` gives its
    ``History``; ``stop()`` ends it after the current batch.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> handle = model.fit(tf.ones([4, 1]), tf.ones([4, 1]), epochs=3, verbose=0, background=True)
    >>> len(handle.wait().epoch), handle.state
    (3, 'done')
    """

    def __init__(self, fit, arguments):
        model = fit.__self__
        positional, options = _split_arguments(fit, arguments)
        super().__init__(model, options.get('epochs', 1))
        self.gate = Gate()
        self.guard = ModelGuard(model, self.gate, lambda: threading.current_thread() is self._thread,
                                self.describe)
        options['callbacks'] = standardize(options.get('callbacks')) + [_Turns(self)]
        self._began = threading.Event()
        self._refused = False  # failed before training began
        self._thread = threading.Thread(target=contextvars.copy_context().run,
                                        args=(self._run, fit, positional, options),
                                        name=f'tfjs_lab background fit of {model.name}', daemon=True)

    def _start(self):
        self.guard.install()
        self._thread.start()
        self._began.wait()
        if self._refused:
            raise self.exception  # refused before training began: the call fails, as in the foreground
        self._show_status()

    def _run(self, fit, positional, options):
        self.gate.own()
        error = None
        try:
            with random.own_stream():  # (copied while the caller waits in _start for the fit to begin)
                fit(*positional, **options)
        except BaseException as err:  # noqa: BLE001 - every failure belongs to the handle
            error = err
        finally:
            self.guard.remove()
            self.gate.release()
        if error is not None and not self._began.is_set():
            self.exception, self.state, self._refused = error, 'failed', True
            self._done.set()
            self._began.set()
            return
        self._finish(error)

    def _request_stop(self):
        self.model.stop_training = True


class _Turns(EpochWatcher):
    """The fit's last callback: tells the handle training has begun, lets readers in between
    batches and keeps the handle's epoch logs."""

    def on_train_begin(self, logs=None):
        self.handle.history = self.model.history
        self.handle._began.set()

    def on_batch_end(self, batch, logs=None):
        self.handle.gate.between_batches()


def fit_in_background(fit, arguments):
    """Run ``fit`` (a model's bound ``fit`` or ``fit_dataset``) with ``arguments`` (its
    ``locals()``) on a thread; return the :class:`BackgroundFit` once training has begun."""
    handle = BackgroundFit(fit, arguments)
    handle._start()
    return handle


def _split_arguments(fit, arguments):
    """The positional values and the options of a call, from the called method's locals."""
    parameters = list(inspect.signature(fit).parameters.values())
    positional = [arguments[p.name] for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    options = {p.name: arguments[p.name] for p in parameters if p.kind is p.KEYWORD_ONLY}
    options['background'] = False
    return positional, options
