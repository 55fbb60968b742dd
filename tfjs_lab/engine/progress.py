"""What ``fit(verbose=...)`` shows: 1, a progress bar per epoch with loss and metrics (an
ipywidgets bar in a notebook, a text bar on stderr elsewhere); 2, one line per epoch; 0, nothing.

TF.js logs progress only under tfjs-node; in a notebook a bar is what a learner expects.
"""
import math
import sys
import time

from .._notebook import widgets_can_show
from ..callbacks import Callback

REFRESH_SECONDS = 0.1


def progress_logger(verbose):
    """The logger callback for ``verbose``, or None."""
    if not verbose:
        return None
    if verbose not in (1, 2, True):
        raise ValueError(f'verbose must be 0 (silent), 1 (a progress bar) or 2 (a line per epoch); received {verbose!r}')
    return ProgressLogger(bar=verbose in (1, True), view=WidgetView.create() or TextView())


def _format_logs(logs):
    return '  '.join(f'{k}={v:.4g}' for k, v in logs.items() if k not in ('batch', 'size'))


class ProgressLogger(Callback):
    def __init__(self, bar, view):
        self.bar = bar
        self.view = view
        self._last = 0.0

    def on_train_begin(self, logs=None):
        self.epochs = self.params['epochs']
        samples, batch_size = self.params.get('samples'), self.params.get('batchSize')
        self.steps = self.params.get('steps') or (math.ceil(samples / batch_size) if samples else None)

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
        self.started = time.perf_counter()
        if self.bar:
            self.view.start(f'Epoch {epoch + 1} / {self.epochs}', self.steps)

    def on_batch_end(self, batch, logs=None):
        now = time.perf_counter()
        if not self.bar or now - self._last < REFRESH_SECONDS:
            return
        self._last = now
        done = batch + 1
        eta = ''
        if self.steps:
            eta = f'  ETA {(now - self.started) / done * (self.steps - done):.1f}s'
        self.view.update(done, f'{_format_logs(logs or {})}{eta}')

    def on_epoch_end(self, epoch, logs=None):
        seconds = time.perf_counter() - self.started
        self.view.finish(f'Epoch {epoch + 1} / {self.epochs}  {seconds * 1000:.0f}ms  {_format_logs(logs or {})}',
                         self.steps)


class TextView:
    """A carriage-return bar on stderr (stdout stays the program's own)."""
    WIDTH = 30

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr

    def start(self, title, steps):
        self.title, self.steps = title, steps

    def update(self, done, text):
        if self.steps:
            filled = int(self.WIDTH * done / self.steps)
            bar = f'[{"=" * filled}{">" if filled < self.WIDTH else ""}{"." * (self.WIDTH - filled - 1)}]'
            line = f'{self.title} {done}/{self.steps} {bar} {text}'
        else:
            line = f'{self.title} {done} {text}'
        self.stream.write('\r' + line)
        self.stream.flush()

    def finish(self, text, steps):
        self.stream.write('\r' + text + '\n')
        self.stream.flush()


class WidgetView:
    """An ipywidgets bar with the latest logs beside it, shown once per fit in a notebook."""

    @classmethod
    def create(cls):
        """A view when running in a Jupyter kernel with ipywidgets, else None."""
        return cls() if widgets_can_show() else None

    def __init__(self):
        import ipywidgets
        from IPython.display import display
        self.progress = ipywidgets.IntProgress(min=0, max=1, value=0, layout={'width': '40%'})
        self.label = ipywidgets.HTML()
        display(ipywidgets.HBox([self.progress, self.label]))

    def start(self, title, steps):
        self.title = title
        self.progress.max = steps or 1
        self.progress.value = 0
        self.label.value = title

    def update(self, done, text):
        self.progress.value = min(done, self.progress.max)
        self.label.value = f'{self.title} &nbsp; {text}'

    def finish(self, text, steps):
        self.progress.value = self.progress.max
        self.label.value = text
