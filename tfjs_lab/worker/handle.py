"""``FitHandle``: what a fit that runs away from the caller's thread gives back at once.

Both kinds of background training (a thread in the kernel, a separate process) return one:
``wait()`` / ``await handle`` for the ``History``, ``stop()``, ``done``, ``state``, the live
``history`` and ``logs``. An error of the fit is raised again by ``wait()``, shown on the
status line and, when nobody waits for it, printed in the output of the cell that started it.
"""
import asyncio
import html
import sys
import threading
import traceback

from ..callbacks import Callback, History
from ..engine.progress import _format_logs
from .status import StatusView

STATES = ('training', 'done', 'stopped', 'failed')


class FitHandle:
    """A running fit. Subclasses start the work and call :meth:`_began`, :meth:`_epoch_ended`
    and, exactly once, :meth:`_finish`."""

    kind = 'background'

    def __init__(self, model, epochs):
        self.model = model
        self.epochs = epochs
        self.state = 'training'
        self.epoch = 0            # epochs completed
        self.logs = {}            # the last epoch's logs
        self.history = History()
        self.exception = None
        self._stop_requested = False
        self._done = threading.Event()
        self._async_waiters = []  # (loop, future) of `await handle`
        self._lock = threading.Lock()
        self._view = None

    # --- public ------------------------------------------------------------------------
    @property
    def done(self):
        """True once the fit has ended (finished, stopped or failed)."""
        return self._done.is_set()

    def wait(self, timeout=None):
        """Block until the fit ends; returns its ``History`` or raises its error. With a
        ``timeout`` (seconds) that passes first, raises ``TimeoutError`` (the fit goes on)."""
        if not self._done.wait(timeout):
            raise TimeoutError(f'The {self.kind} fit of {self.model.name!r} is still running after {timeout} s '
                               f'({self.describe()})')
        if self.exception is not None:
            raise self.exception
        return self.history

    def stop(self, wait=True):
        """Ask the fit to stop after the current batch (TF.js's ``model.stopTraining = true``);
        with ``wait``, return its ``History`` once it has stopped."""
        if not self.done:
            self._stop_requested = True
            self._request_stop()
        return self.wait() if wait else None

    def __await__(self):
        return self._wait_async().__await__()

    def describe(self):
        """How far the fit has come, in words."""
        text = f'{self.state}, epoch {self.epoch} of {self.epochs}'
        return f'{text}: {type(self.exception).__name__}: {self.exception}' if self.exception else text

    def __repr__(self):
        return (f'{type(self).__name__}(model={self.model.name!r}, state={self.state!r}, '
                f'epoch={self.epoch}, epochs={self.epochs})')

    # --- for subclasses ------------------------------------------------------------------
    def _request_stop(self):
        raise NotImplementedError

    def _epoch_ended(self, epoch, logs):
        self.epoch = epoch + 1
        self.logs = dict(logs or {})
        self._show()

    def _finish(self, error=None):
        """The fit has ended: record how, wake every waiter, and make a failure visible."""
        self.exception = error
        self.state = 'failed' if error is not None else 'stopped' if self._stop_requested else 'done'
        self._show()
        if error is not None:
            # Nobody may be waiting: the cell that started the fit (or the console) shows it.
            traceback.print_exception(error, file=sys.stderr)
        with self._lock:
            self._done.set()
            waiters, self._async_waiters = self._async_waiters, []
        for loop, future in waiters:
            loop.call_soon_threadsafe(_settle, future)

    def _show_status(self):
        """Show the status line in the current cell (in a notebook) once training has begun."""
        self._view = StatusView.create(self)

    def _show(self):
        if self._view is not None:
            self._view.update(self.status_html(), running=self.state == 'training')

    def status_html(self):
        """The status line as HTML (what the notebook widget shows)."""
        name = html.escape(self.model.name)
        if self.state == 'failed':
            error = html.escape(f'{type(self.exception).__name__}: {self.exception}')
            return f'<span class="tfjs-lab-fit-failed" style="color:#c00">{name}: training failed: {error}</span>'
        where = {'training': f'training in the {self.kind}', 'done': 'trained', 'stopped': 'stopped'}[self.state]
        logs = html.escape(_format_logs(self.logs))
        return f'{name}: {where}, epoch {self.epoch} / {self.epochs}{"  " + logs if logs else ""}'

    async def _wait_async(self):
        with self._lock:
            if not self._done.is_set():
                loop = asyncio.get_running_loop()
                future = loop.create_future()
                self._async_waiters.append((loop, future))
            else:
                future = None
        if future is not None:
            await future
        return self.wait()


def _settle(future):
    if not future.done():
        future.set_result(None)


class EpochWatcher(Callback):
    """Feeds a handle the fit's epoch logs (the last of the fit's own callbacks)."""

    def __init__(self, handle):
        self.handle = handle

    def on_epoch_end(self, epoch, logs=None):
        self.handle._epoch_ended(epoch, logs)
