"""``FitPlot``: live training curves in an anywidget, one chart per metric.

Python keeps every point in three columns (series code, x, y). The browser gets only what is
new, at most once per ``throttle_ms`` and once more when training ends, so plotting stays a
small fraction of training time. A view that missed points (it opened late, or its first
messages arrived before it rendered) asks for a snapshot; the finished plot also keeps all of
its points in the ``final`` trait, so views made later, and widget state saved with the
notebook, draw the complete curves without asking the kernel.

Points travel as binary columns, never as JSON numbers: a payload is
``{'start': index of the first point, 'epochs': epochs completed, 'series': [names]}``
with three buffers in the machine's byte order (little-endian wherever Jupyter runs): series
codes (uint16, an index into ``series``), x (float64, in epochs) and y (float64, NaN where the
value was not finite). Custom messages carry
``{'type': 'points', ...payload}`` with the buffers beside it; ``final`` holds the payload with
the buffers under ``codes``, ``x`` and ``y``. The front end asks for a snapshot with
``{'type': 'snapshot-request'}``.

The rendered root element (``vis/static/fit_plot.js``) carries, for tests and users' scripts::

    data-tfjs-lab-widget="fit-plot"
    data-state="waiting|training|done"   done only once every point of the fit is drawn
    data-epochs="<epochs completed>"     the last epoch's index + 1
    data-points="<points drawn>"         all series together, batch points included

and every curve's ``<path>`` has ``data-series="<name>"``: the metric (``loss``), its validation
twin (``val_loss``) and its batch values (``batch loss``).
"""
import array
import math
import threading
import time
import warnings

import numpy as np
import traitlets

from .live import STATIC, LiveWidget

BATCH_PREFIX = 'batch '
# Options of tfjs-vis's line charts that FitPlot draws with (keyword names of FitPlot()).
CHART_OPTIONS = ('width', 'height', 'x_label', 'y_label', 'zoom_to_fit', 'zoom_to_fit_accuracy',
                 'y_axis_domain')


def base_metric(name):
    """The chart a logged value belongs to: ``val_loss`` is drawn with ``loss``."""
    return name[len('val_'):] if name.startswith('val_') else name


def significant(value, digits=4):
    """``value`` rounded to ``digits`` significant digits, for reprs that stay stable."""
    if value == 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def chart_specs(metrics, *, zoom_to_fit, zoom_to_fit_accuracy, y_axis_domain):
    """One chart per metric with its y range, by tfjs-vis's ``show.history`` rules: accuracy
    charts span [0, 1] unless ``zoom_to_fit_accuracy``; other charts fit the data with
    ``zoom_to_fit``, else use ``y_axis_domain``, else include zero. ``y`` is ``[low, high]``,
    ``'fit'`` or ``'zero'``."""
    if y_axis_domain is not None:
        if (not isinstance(y_axis_domain, (list, tuple)) or len(y_axis_domain) != 2
                or not all(isinstance(v, (int, float)) for v in y_axis_domain)
                or not y_axis_domain[0] < y_axis_domain[1]):
            raise ValueError(f'yAxisDomain must be [low, high] with low < high; received {y_axis_domain!r}')
        y_axis_domain = [float(v) for v in y_axis_domain]
    specs = []
    for name in dict.fromkeys(base_metric(m) for m in metrics):
        if 'acc' in name:
            y = 'fit' if zoom_to_fit_accuracy else [0.0, 1.0]
        else:
            y = 'fit' if zoom_to_fit else (y_axis_domain or 'zero')
        specs.append({'name': name, 'y': y})
    return specs


class FitPlot(LiveWidget):
    """Live loss and metric curves. Usually made by :func:`tfjs_lab.vis.show.fit_callbacks`.

    >>> plot = FitPlot(['loss', 'acc'], title='Training')
    >>> plot.add_points([('loss', 1, 0.69314718), ('acc', 1, 0.5)], epochs=1)
    >>> plot.finish(logged={'loss', 'acc'})
    >>> plot
    FitPlot(title='Training', metrics=['loss', 'acc'], epochs=1, last={'loss': 0.6931, 'acc': 0.5})
    """
    _esm = STATIC / 'fit_plot.js'
    _css = STATIC / 'fit_plot.css'

    title = traitlets.Unicode('Training').tag(sync=True)
    charts = traitlets.List().tag(sync=True)   # chart_specs()
    layout = traitlets.Dict().tag(sync=True)   # width (0: the output's width), height, x_label, y_label
    total_epochs = traitlets.Int(0).tag(sync=True)
    message = traitlets.Unicode('').tag(sync=True)
    final = traitlets.Dict().tag(sync=True)    # every point once training ended (module docstring)

    def __init__(self, metrics, *, title='Training', width=None, height=200, x_label='Epoch',
                 y_label='Value', zoom_to_fit=False, zoom_to_fit_accuracy=False, y_axis_domain=None,
                 throttle_ms=200, clock=time.monotonic):
        self._axis_options = {'zoom_to_fit': zoom_to_fit, 'zoom_to_fit_accuracy': zoom_to_fit_accuracy,
                              'y_axis_domain': y_axis_domain}
        self.set_metrics(metrics)  # before the widget opens, so its first state has the charts
        super().__init__(
            throttle_ms=throttle_ms, clock=clock, title=title,
            layout={'width': int(width or 0), 'height': int(height), 'x_label': x_label, 'y_label': y_label})
        self.epochs = 0
        self.series = []               # names; a point's code is its series' index here
        self._code_of = {}
        # A background fit appends from its thread while the kernel's thread may read a snapshot.
        self._lock = threading.Lock()
        self._codes = array.array('H')
        self._x = array.array('d')
        self._y = array.array('d')
        self._last = {}                # latest epoch-level value of each series, for the repr
        self._sent = 0                 # points the front end has been sent
        self._sent_epochs = 0

    def set_metrics(self, metrics):
        """Plot ``metrics`` (one chart each; their ``val_`` twins on the same chart)."""
        self.charts = chart_specs(metrics, **self._axis_options)
        self.metrics = list(metrics)
        self.epoch_series = list(dict.fromkeys(k for m in metrics for k in (m, 'val_' + base_metric(m))))

    def __repr__(self):
        last = {k: significant(v) for k, v in self._last.items()}
        return f'FitPlot(title={self.title!r}, metrics={self.metrics!r}, epochs={self.epochs}, last={last})'

    @property
    def point_count(self):
        return len(self._codes)

    def start(self, total_epochs):
        """Training begins: ``total_epochs`` sets the x axis."""
        self.total_epochs = total_epochs
        self.state = 'training'

    def add_points(self, points, epochs=None):
        """Record ``(series, x, y)`` points (and the epochs completed); they reach the front end
        with the next flush, at most one per throttle period."""
        code_of, codes, xs, ys, last = self._code_of, self._codes, self._x, self._y, self._last
        with self._lock:
            for series, x, y in points:  # called after every batch: kept lean
                code = code_of.get(series)
                if code is None:
                    code = code_of[series] = len(self.series)
                    self.series.append(series)
                y = float(y)
                codes.append(code)
                xs.append(x)
                ys.append(y if y - y == 0 else math.nan)  # y - y is 0 exactly when y is finite
                if not series.startswith(BATCH_PREFIX):
                    last[series] = y
        if epochs is not None:
            self.epochs = epochs
        self.changed()

    def series_codes(self, names):
        """The codes of series ``names`` (registering new ones), for :meth:`add_coded_points`."""
        with self._lock:
            for name in names:
                if name not in self._code_of:
                    self._code_of[name] = len(self.series)
                    self.series.append(name)
        return [self._code_of[name] for name in names]

    def add_coded_points(self, codes, x, ys):
        """``add_points`` for the per-batch path: one x, series given by :meth:`series_codes`."""
        with self._lock:
            for code, y in zip(codes, ys):
                y = float(y)
                self._codes.append(code)
                self._x.append(x)
                self._y.append(y if y - y == 0 else math.nan)
        self.changed()

    def _push(self):
        if self._sent == self.point_count and self._sent_epochs == self.epochs:
            return
        payload, buffers = self._payload(self._sent)
        self.send({'type': 'points', **payload}, buffers)
        # what was sent, not what there is now: a background fit may have added points meanwhile
        self._sent += len(buffers[0]) // self._codes.itemsize
        self._sent_epochs = payload['epochs']

    def finish(self, logged):
        """Training ended: flush, keep every point in ``final`` and mark the plot done.
        ``logged`` are the keys the logs had; requested metrics missing from them are named
        in a warning and on the widget."""
        self._message_at_end = self._unlogged_message(logged)
        super().finish()

    def _finalize(self):
        payload, (codes, x, y) = self._payload(0)
        self.final = {**payload, 'codes': codes, 'x': x, 'y': y}
        self.message = self._message_at_end

    def series_data(self):
        """``{series: (x, y)}`` as NumPy arrays, series in the order they first appeared."""
        codes, x, y = (np.array(column) for column in (self._codes, self._x, self._y))
        return {name: (x[codes == i], y[codes == i]) for i, name in enumerate(self.series)}

    def _payload(self, start):
        with self._lock:
            columns = [column[start:].tobytes() for column in (self._codes, self._x, self._y)]
            return {'start': start, 'epochs': self.epochs, 'series': list(self.series)}, columns

    def on_snapshot_request(self, content):
        payload, buffers = self._payload(0)
        self.send({'type': 'points', **payload}, buffers)

    def _unlogged_message(self, logged):
        missing = [m for m in self.metrics if m not in logged]
        if not missing:
            return ''
        text = (f"{', '.join(map(repr, missing))} never appeared in the training logs; "
                f"logged: {', '.join(sorted(logged)) or 'nothing'}")
        warnings.warn(text, stacklevel=2)
        return text

    def static_svg(self):
        """The SVG picture of the curves, drawn once per set of points."""
        from .static_svg import fit_plot_svg
        if getattr(self, '_svg_for', None) != self.point_count:
            self._svg, self._svg_for = fit_plot_svg(self), self.point_count
        return self._svg

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)  # anywidget: the widget view + text/plain
        data['text/plain'] = repr(self)
        if self.state == 'done' and self.point_count:
            # For front ends that cannot run widgets (nbconvert, GitHub): the final curves.
            data['image/svg+xml'] = self.static_svg()
        return data, metadata
