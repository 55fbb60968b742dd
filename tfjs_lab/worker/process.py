"""Training in another process, as a TF.js page trains in a Web Worker: the model travels as
its artifacts (topology JSON and weights, what ``tf.io.withSaveHandler`` gives) with the data
and the training config; logs come back per batch and epoch, the trained weights at the end.

:class:`ProcessWorker` is the message channel (``post_message`` / ``on_message``) to a child
Python running :mod:`tfjs_lab.worker.child`. :func:`fit_in_process` uses one for a fit and
returns a :class:`ProcessFit` handle, the same as a background fit's: the callbacks run here
on the logs, ``stop()`` reaches the child, and when the fit ends the model in this process holds
the trained weights, the optimizer's state and the random stream's position, so the result
equals an in-process fit with the same seed. A child that dies is reported at once (the
pipe closes), with its exit status and its last lines of output.
"""
import builtins
import collections
import os
import signal
import subprocess
import sys
import threading

from .._naming import takes_options
from ..callbacks import CallbackList, History, standardize
from ..core import random
from ..engine.progress import progress_logger
from ..engine.training import LayersModel
from .guard import Gate, ModelGuard
from .handle import EpochWatcher, FitHandle
from .messages import MessageError, read_message, write_message

STDERR_LINES_KEPT = 20
_PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class WorkerError(RuntimeError):
    """The worker process died, or failed with an error that has no counterpart here."""


class ProcessWorker:
    """A child Python process that answers messages, like ``new Worker(...)`` in TF.js.

    ``on_message(message)`` and ``on_error(error)`` are called on a thread of this process;
    ``on_error`` gets a :class:`WorkerError` when the process ends without being terminated.
    """

    def __init__(self, on_message=None, on_error=None):
        self.on_message = on_message
        self.on_error = on_error
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [_PACKAGE_PARENT,
                                                                         os.environ.get('PYTHONPATH')])))
        self.process = subprocess.Popen([sys.executable, '-m', 'tfjs_lab.worker.child'], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.pid = self.process.pid
        self._stderr = collections.deque(maxlen=STDERR_LINES_KEPT)
        self._write_lock = threading.Lock()
        self._terminated = False
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True,
                                               name=f'tfjs_lab worker {self.pid} stderr')
        self._stderr_reader.start()
        self.listener = threading.Thread(target=self._listen, daemon=True, name=f'tfjs_lab worker {self.pid}')
        self.listener.start()  # on_message and on_error run on this thread

    def post_message(self, message):
        """Send ``message`` (JSON values, arrays, tensors, bytes) to the worker."""
        try:
            with self._write_lock:
                write_message(self.process.stdin, message)
        except (BrokenPipeError, ValueError, OSError):
            raise self._death() from None

    postMessage = post_message  # noqa: N815 - TF.js's spelling

    def terminate(self):
        """End the worker process now (as ``worker.terminate()``); ``on_error`` is not called."""
        self._terminated = True
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            pipe.close()

    def _listen(self):
        while True:
            try:
                message = read_message(self.process.stdout)
            except (MessageError, ValueError, OSError) as err:
                message, problem = None, err
            else:
                problem = None
            if message is None:
                if not self._terminated and self.on_error is not None:
                    self.on_error(self._death(problem))
                return
            if self.on_message is not None:
                self.on_message(message)

    def _read_stderr(self):
        for line in self.process.stderr:
            self._stderr.append(line.decode('utf-8', 'replace').rstrip())

    def _death(self, problem=None):
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        self._stderr_reader.join(timeout=1)
        how = f'exit code {code}'
        if code < 0:
            how += f' (killed by {signal.Signals(-code).name})'
        text = f'The worker process (pid {self.pid}) ended with {how} before it answered'
        if problem is not None:
            text += f'; its last message was unreadable: {problem}'
        if self._stderr:
            text += '. Its last output:\n' + '\n'.join(self._stderr)
        return WorkerError(text)


class ProcessFit(FitHandle):
    """A fit running in a worker process; see :func:`fit_in_process`."""

    kind = 'worker process'

    def __init__(self, model, x, y, options):
        callbacks = standardize(options.pop('callbacks', None))
        verbose = options.pop('verbose', 1)
        super().__init__(model, options.get('epochs', 1))
        self._own_callbacks = callbacks
        self._verbose = verbose
        self._began = threading.Event()
        self._refused = False
        self._callbacks = None
        self.worker = ProcessWorker(on_message=self._on_message, on_error=self._on_error)
        self.gate = Gate()
        self.guard = ModelGuard(model, self.gate, lambda: threading.current_thread() is self.worker.listener,
                                self.describe)
        self._message = {'type': 'fit', 'artifacts': _artifacts(model), 'training_config': _training_config(model),
                         'optimizer_weights': [{'name': w['name'], 'tensor': w['tensor'].numpy()}
                                               for w in model.optimizer.get_weights()],
                         'random_state': random.generator().bit_generator.state,
                         'x': x, 'y': y, 'options': options}

    def _start(self):
        self.guard.install()
        try:
            self.worker.post_message(self._message)
        except WorkerError as err:
            self._on_error(err)
        self._message = None
        self._began.wait()
        if self._refused:
            raise self.exception
        self._show_status()

    def _request_stop(self):
        try:
            self.worker.post_message({'type': 'stop'})
        except WorkerError:
            pass  # its death is reported by the listener

    def _on_message(self, message):
        kind = message.get('type')
        try:
            if kind == 'train_begin':
                self._begin(message['params'])
            elif kind in ('epoch_begin', 'epoch_end'):
                self._callbacks.call('on_' + kind, message['epoch'], message['logs'])
            elif kind in ('batch_begin', 'batch_end'):
                self._callbacks.call('on_' + kind, message['batch'], message['logs'])
            elif kind == 'train_end':
                self._callbacks.call('on_train_end', message['logs'])
            elif kind == 'done':
                self._take_results(message)
                self._end(None)
            elif kind == 'error':
                self._end(_rebuild_error(message))
            if self.model.stop_training and not self._stop_requested:
                self.stop(wait=False)  # a callback here asked, as a callback in the fit would
        except Exception as err:  # noqa: BLE001 - a failing callback ends the fit, as in the foreground
            self._request_stop()
            self._end(err)

    def _on_error(self, error):
        self._end(error)

    def _begin(self, params):
        logger = None if any(cb.shows_progress for cb in self._own_callbacks) else progress_logger(self._verbose)
        self.history = History()
        self.model.history = self.history
        self.model.stop_training = False
        self._callbacks = CallbackList(([logger] if logger else []) + self._own_callbacks
                                       + [self.history, EpochWatcher(self)], self.model, {**params, 'verbose': self._verbose})
        self._callbacks.call('on_train_begin', {})
        self._began.set()

    def _take_results(self, message):
        self.gate.own()
        try:
            self.model.set_weights(message['weights'])
            self.model.optimizer.set_weights(message['optimizer_weights'])
            random.generator().bit_generator.state = message['random_state']
        finally:
            self.gate.release()

    def _end(self, error):
        if self.done:
            return
        self.guard.remove()
        threading.Thread(target=self.worker.terminate, daemon=True).start()
        if not self._began.is_set():
            self.exception, self.state, self._refused = error, 'failed', True
            self._done.set()
            self._began.set()
            return
        self._finish(error)


@takes_options(extra=tuple(n for n in LayersModel.fit.allowed_options if n != 'background'))
def fit_in_process(model, x, y, **options):
    """Train ``model`` on (x, y) in a new worker process; returns a :class:`ProcessFit` once
    training has begun there (mistakes in the arguments are raised here). Takes ``fit``'s
    options; the model must be compiled with a loss and metrics given by name, since
    functions cannot travel. Callbacks run in this process on the logs; ``self.model`` is
    this process's model, which keeps its weights until the fit ends.

    >>> import tfjs_lab as tf
    >>> from tfjs_lab.worker import fit_in_process
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> handle = fit_in_process(model, tf.ones([4, 1]), tf.ones([4, 1]), epochs=2, verbose=0)
    >>> handle.wait().epoch
    [0, 1]
    """
    if not isinstance(model, LayersModel):
        raise TypeError(f'fit_in_process() trains a LayersModel; received {type(model).__name__}')
    model._require_compiled()
    handle = ProcessFit(model, x, y, options)
    handle._start()
    return handle


def _artifacts(model):
    from ..io import with_save_handler
    artifacts = {}
    model.save(with_save_handler(artifacts.update))
    return artifacts


def _training_config(model):
    try:
        return model.get_training_config()
    except ValueError as err:
        raise ValueError(f'A model trained in a worker process must be compiled with its loss and metrics '
                         f'given by name (functions cannot be sent to another process): {err}') from None


def _rebuild_error(message):
    """The worker's exception as the same built-in type when there is one, else a WorkerError;
    its traceback in the worker is kept as a note."""
    kind = getattr(builtins, message['error'], None)
    if isinstance(kind, type) and issubclass(kind, Exception):
        error = kind(message['message'])
    else:
        error = WorkerError(f"{message['error']}: {message['message']}")
    error.add_note('In the worker process:\n' + message['traceback'].rstrip())
    return error
