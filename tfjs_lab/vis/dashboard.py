"""``tf.vis.dashboard()``: one callback, one widget for a whole training run.

``model.fit(x, y, epochs=20, callbacks=tf.vis.dashboard())`` shows, in one output:

- a :class:`TrainingPanel` (``vis/static/training_panel.js``): epoch and batch progress with
  the elapsed time and an ETA, a Stop button, and per-layer statistics of every weight and of
  its gradient, updated at the end of each epoch;
- a :class:`~tfjs_lab.vis.fit_plot.FitPlot` with the live loss and metric curves (every
  metric of the fit, its ``val_`` twin on the same chart).

Both run on :class:`~tfjs_lab.vis.live.LiveWidget` (one throttle, flushed at each epoch's end
and at the end of the fit). Stop sets a flag from the kernel's shell-channel thread (see
``live.py``); the next ``onBatchEnd`` sets ``model.stop_training``, so training ends after the
current batch.

Gradients are those the epoch's last training step applied (``model.last_gradients``: the
compiled loss's gradient on that batch), so showing them costs no extra computation. The panel's root
carries ``data-tfjs-lab-widget="training-panel"``, ``data-state``, ``data-epoch`` (epochs done),
``data-batch`` and ``data-stopped`` ("true" once a Stop ended the fit).
"""
import threading

import ipywidgets
import numpy as np
import traitlets

from .._naming import takes_options
from ..callbacks import Callback
from .fit_plot import CHART_OPTIONS, FitPlot
from .live import STATIC, LiveWidget
from .render import format_number, table_html
from .show import FitCallbacks, _show, _title, checked_hooks

STATS_HEADERS = ['Layer', 'Weight', 'Shape', 'Mean', 'Std', 'Min', 'Max', 'Mean |grad|', 'Max |grad|']


class TrainingPanel(LiveWidget):
    """Progress, Stop and weight statistics of a fit. Made by :func:`dashboard`.

    >>> panel = TrainingPanel()
    >>> panel.update_progress(epoch=1, epochs=4, batch=2, batches=8, elapsed=1.5)  # elapsed: for this example
    >>> panel.flush()  # updates reach the browser at most every throttleMs, or when flushed
    >>> round(panel.progress['eta'], 6)  # 1.5 s for 10 of 32 batches: 3.3 s for the other 22
    3.3
    """
    _esm = STATIC / 'training_panel.js'
    _css = STATIC / 'training_panel.css'
    URGENT_MESSAGES = ('stop',)
    progress = traitlets.Dict().tag(sync=True)   # epoch (0-based, running), epochs, batch, batches, elapsed, eta
    stats = traitlets.List().tag(sync=True)      # rows of STATS_HEADERS
    stop_requested = traitlets.Bool(False).tag(sync=True)
    stopped = traitlets.Bool(False).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.stop_event = threading.Event()
        self._position = {'epoch': 0, 'epochs': 0, 'batch': 0, 'batches': 0}
        self._started = None
        self._stats = []

    def start(self):
        """A fit begins: elapsed time counts from now."""
        self._started = self._clock()
        self.stop_event.clear()
        self.stopped = False
        self.state = 'training'

    def update_progress(self, **position):
        """Record the position in the fit (epoch, epochs, batch, batches, and for tests
        elapsed); the ETA is worked out when it is pushed, from the share of batches done."""
        self._position.update(position)
        self.changed()

    def update_stats(self, rows):
        """New weight and gradient statistics (rows of STATS_HEADERS), pushed with the progress."""
        self._stats = rows
        self.changed()

    def note_batch(self, batch):
        """The fast path of :meth:`update_progress`, called after every batch."""
        self._position['batch'] = batch
        self.changed()
    def on_stop(self, content):
        self.stop_event.set()

    def _push(self):
        progress = dict(self._position)
        if 'elapsed' not in progress:
            progress['elapsed'] = self._clock() - self._started if self._started is not None else 0.0
        epochs, batches = progress['epochs'], progress['batches']
        done = (progress['epoch'] + (progress['batch'] / batches if batches else 0)) / epochs if epochs else 0
        progress['eta'] = progress['elapsed'] * (1 - done) / done if done > 0 else None
        self.progress = progress
        if self._stats is not self.stats:
            self.stats = self._stats
        self.stop_requested = self.stop_event.is_set()


def weight_gradient_stats(model):
    """Rows of STATS_HEADERS: each weight's statistics and those of the gradient the latest
    training step applied to it (``model.last_gradients``: the loss's gradient on that batch)."""
    grads = {id(variable): grad for variable, grad in getattr(model, 'last_gradients', ()) if grad is not None}
    rows = []
    for layer in model.layers:
        for weight in layer.weights:
            values = weight.numpy()
            grad = grads.get(id(weight))
            magnitude = None if grad is None else np.abs(grad)
            rows.append([layer.name, weight.original_name.split('/')[-1], list(values.shape),
                         *(float(f(values)) for f in (np.mean, np.std, np.min, np.max)),
                         *((float(magnitude.mean()), float(magnitude.max())) if grad is not None else (None, None))])
    return rows


class DashboardView(ipywidgets.VBox):
    """The dashboard's one output: the panel above the curves; a static HTML picture of both
    where widgets cannot run."""

    def __init__(self, panel, plot):
        super().__init__(children=[panel, plot])
        self.panel, self.plot = panel, plot

    def __repr__(self):
        return (f"Dashboard(epochs={self.plot.epochs}/{self.panel._position['epochs']}, stopped={self.panel.stopped}, "
                f'plot={self.plot!r})')

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data = data[0] if isinstance(data, tuple) else data
        data['text/plain'] = repr(self)
        if self.panel.state == 'done':
            rows = [[c if not isinstance(c, float) else format_number(float(f'{c:.4g}')) for c in row]
                    for row in self.panel.stats]
            data['text/html'] = (f'<div data-tfjs-lab-figure="dashboard"><p>{repr(self)}</p>'
                                 f'{table_html(STATS_HEADERS, rows)}{self.plot.static_svg()}</div>')
        return data


class Dashboard(Callback):
    """What :func:`dashboard` returns: a callback for ``fit`` / ``fit_dataset``; ``view`` is
    the widget, ``panel`` and ``plot`` its parts."""
    shows_progress = True

    def __init__(self, title, throttle_ms, chart_options, hooks=('onEpochEnd',)):
        self.panel = TrainingPanel(throttle_ms=throttle_ms)
        self.plot = FitPlot(['loss'], title=title, throttle_ms=throttle_ms, **chart_options)
        self.curves = FitCallbacks(self.plot, tuple(hooks), show=False)
        self.view = DashboardView(self.panel, self.plot)
        self.display = _show(self.view)

    def __repr__(self):
        return repr(self.view)

    def _repr_mimebundle_(self, **kwargs):
        if self.display is not None:
            return {'text/plain': repr(self)}
        return self.view._repr_mimebundle_(**kwargs)

    def set_model(self, model):
        super().set_model(model)
        self.curves.set_model(model)

    def set_params(self, params):
        super().set_params(params)
        self.curves.set_params(params)

    def on_train_begin(self, logs=None):
        params = self.params or {}
        metrics = [m for m in params.get('metrics') or ['loss'] if not m.startswith('val_')]
        if metrics != self.plot.metrics:
            self.plot.set_metrics(metrics)
        self.panel.start()
        self.curves.on_train_begin(logs)
        self.panel.update_progress(epoch=params.get('initialEpoch', 0), epochs=params.get('epochs') or 0, batch=0,
                                   batches=self.curves._steps or 0)

    def on_epoch_begin(self, epoch, logs=None):
        self.curves.on_epoch_begin(epoch, logs)
        self.panel.update_progress(epoch=epoch, batch=0, batches=self.curves._steps or 0)

    def on_batch_end(self, batch, logs=None):
        self.curves.on_batch_end(batch, logs)
        if self.panel.stop_event.is_set() and not self.model.stop_training:
            self.model.stop_training = True
            self.panel.stopped = True
        self.panel.note_batch(batch + 1)

    def on_epoch_end(self, epoch, logs=None):
        self.curves.on_epoch_end(epoch, logs)
        self.panel.update_stats(weight_gradient_stats(self.model))
        self.panel.update_progress(epoch=epoch + 1, batch=0, batches=self.curves._steps or 0)
        self.panel.flush_at_epoch_end()
        self.plot.flush_at_epoch_end()

    def on_train_end(self, logs=None):
        self.curves.on_train_end(logs)
        self.panel.finish()
        if self.display is not None:  # re-render, so the saved output also holds the static picture
            self.display.update(self.view)


@takes_options(extra=CHART_OPTIONS)
def dashboard(container=None, *, throttle_ms=200, callbacks=('onEpochEnd',), **chart_options):
    """A training dashboard for ``model.fit(..., callbacks=tf.vis.dashboard())``: progress with
    ETA, a Stop button, live curves of every metric, and per-layer weight and gradient
    statistics each epoch, in one widget. Options: ``throttleMs``, ``callbacks`` (the curves
    get a point per epoch; add ``'onBatchEnd'`` for one per batch too, at some cost on short
    epochs) and the chart options of :func:`~tfjs_lab.vis.show.fit_callbacks` (``height``,
    ``zoomToFit``, ``yAxisDomain``, ...).

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1], name='out')])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> board = tf.vis.dashboard()
    >>> _ = model.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[2], [4]]), epochs=3, callbacks=board)
    >>> board.plot.epochs, board.panel.state, [row[:3] for row in board.panel.stats]
    (3, 'done', [['out', 'kernel', [1, 1]], ['out', 'bias', [1]]])
    """
    return Dashboard(_title(container), throttle_ms, chart_options, checked_hooks(callbacks, 'dashboard'))
