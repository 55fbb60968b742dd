"""``FitPlot``: live training curves in an anywidget, one chart per metric group.

Python keeps every point; the browser receives only what is new, at most once per
``throttle_ms`` (plus a final flush when training ends), so plotting stays a small fraction of
training time. A view opened later asks for a snapshot of all points.

Messages from Python to the front end (``vis/static/fit_plot.js``)::

    {'type': 'append', 'points': [[series, x, y], ...]}      new points since the last flush
    {'type': 'snapshot', 'points': [[series, x, y], ...]}    every point, for a new view

The rendered root element carries, for tests and for users' own scripts::

    data-tfjs-lab-widget="fit-plot"
    data-state="waiting|training|done"
    data-epochs="<epochs completed>"
    data-points="<points drawn>"

and every series' path has ``data-series="<name>"`` (``loss``, ``val_loss``, ``batch loss``).
"""
import math
import pathlib
import time
import warnings

import anywidget
import traitlets

_STATIC = pathlib.Path(__file__).parent / 'static'
# Metrics whose values live in [0, 1]: drawn on that range unless zoom_to_fit.
_UNIT_RANGE = {'acc', 'accuracy', 'binary_accuracy', 'binaryAccuracy', 'categorical_accuracy',
               'categoricalAccuracy', 'sparse_categorical_accuracy', 'sparseCategoricalAccuracy',
               'precision', 'recall'}
BATCH_PREFIX = 'batch '


def base_metric(name):
    """The chart a logged value belongs to: ``val_loss`` is drawn with ``loss``."""
    return name[len('val_'):] if name.startswith('val_') else name


def significant(value, digits=4):
    """``value`` rounded to ``digits`` significant digits, for reprs that stay stable."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


class FitPlot(anywidget.AnyWidget):
    """Live loss and metric curves. Usually made by :func:`tfjs_lab.vis.show.fit_callbacks`.

    >>> plot = FitPlot(['loss', 'acc'], title='Training')
    >>> plot.add_point('loss', 1, 0.69314718)
    >>> plot.finish()
    >>> plot
    FitPlot(title='Training', metrics=['loss', 'acc'], epochs=0, last={'loss': 0.6931})
    """
    _esm = (_STATIC / 'fit_plot.js').read_text(encoding='utf-8')
    _css = (_STATIC / 'fit_plot.css').read_text(encoding='utf-8')

    title = traitlets.Unicode('Training').tag(sync=True)
    charts = traitlets.List().tag(sync=True)  # [{'name', 'unit_range'}], one per metric group
    state = traitlets.Unicode('waiting').tag(sync=True)
    epochs = traitlets.Int(0).tag(sync=True)
    total_epochs = traitlets.Int(0).tag(sync=True)
    point_count = traitlets.Int(0).tag(sync=True)
    height = traitlets.Int(200).tag(sync=True)
    zoom_to_fit = traitlets.Bool(False).tag(sync=True)
    y_axis_domain = traitlets.List(allow_none=True, default_value=None).tag(sync=True)
    message = traitlets.Unicode('').tag(sync=True)

    def __init__(self, metrics, *, title='Training', height=200, zoom_to_fit=False,
                 y_axis_domain=None, throttle_ms=200, clock=time.monotonic):
        groups = list(dict.fromkeys(base_metric(m) for m in metrics))
        super().__init__(title=title, height=height, zoom_to_fit=zoom_to_fit,
                         y_axis_domain=y_axis_domain,
                         charts=[{'name': g, 'unit_range': g in _UNIT_RANGE} for g in groups])
        self.metrics = list(metrics)
        # each metric's epoch values and, when validating, its val_ values
        self.epoch_series = list(dict.fromkeys(k for m in metrics for k in (m, 'val_' + base_metric(m))))
        self.points = []      # every [series, x, y], in arrival order
        self._sent = 0        # how many of them the front end has
        self._last = {}       # latest epoch-level value of each series
        self._throttle = throttle_ms / 1000
        self._clock = clock
        self._next_flush = 0.0
        self.sync_count = 0
        self.on_msg(self._on_front_end_message)

    def __repr__(self):
        last = {k: significant(v) for k, v in self._last.items()}
        return (f'FitPlot(title={self.title!r}, metrics={self.metrics!r}, '
                f'epochs={self.epochs}, last={last})')

    def add_point(self, series, x, y, *, epoch_level=True):
        """Record a point; the front end gets it at the next flush."""
        y = float(y)
        self.points.append([series, float(x), y if math.isfinite(y) else None])
        if epoch_level:
            self._last[series] = y
        now = self._clock()
        if now >= self._next_flush:
            self.flush(now)

    def flush(self, now=None):
        """Send the points the front end does not have yet."""
        self._next_flush = (self._clock() if now is None else now) + self._throttle
        if self._sent == len(self.points):
            return
        self.send({'type': 'append', 'points': self.points[self._sent:]})
        self._sent = len(self.points)
        self.point_count = self._sent
        self.sync_count += 1

    def finish(self, message=''):
        """Flush everything and mark the plot done."""
        self.flush()
        self.message = message
        self.state = 'done'

    def _on_front_end_message(self, widget, content, buffers):
        if isinstance(content, dict) and content.get('type') == 'snapshot-request':
            self.send({'type': 'snapshot', 'points': self.points[:self._sent]})

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)  # anywidget returns both
        data['text/plain'] = repr(self)
        if self.state == 'done' and self.points:
            # For front ends that cannot run widgets (nbconvert, GitHub): the final curves.
            from .static_svg import fit_plot_svg
            data['image/svg+xml'] = fit_plot_svg(self)
        return data, metadata

    def warn_unlogged(self, logged):
        """Tell the user which requested metrics never appeared in the training logs."""
        missing = [m for m in self.metrics if m not in logged and not m.startswith('val_')]
        if missing:
            text = (f"fit_callbacks: {', '.join(map(repr, missing))} never appeared in the training "
                    f"logs; logged: {', '.join(sorted(logged)) or 'nothing'}")
            warnings.warn(text, stacklevel=3)
            return text
        return ''
