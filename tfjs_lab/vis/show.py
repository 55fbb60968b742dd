"""``tf.vis.show``: tfjs-vis's ``tfvis.show`` for training, drawn in notebook widgets.

Where tfjs-vis draws into its visor, these return a widget that a notebook shows inline.
"""
from html import escape

import numpy as np

from . import render
from .._naming import add_camel_aliases, takes_options
from .._notebook import kernel_shell
from ..callbacks import Callback
from .fit_plot import BATCH_PREFIX, CHART_OPTIONS, FitPlot

_HOOKS = ('onEpochEnd', 'onBatchEnd')


def _title(container):
    """tfjs-vis's containers: a surface name or ``{'name': ..., 'tab': ..., 'styles': ...}``
    (styles size the visor's surface; the widget sizes itself)."""
    if container is None:
        return 'Training'
    if isinstance(container, str):
        return container
    if isinstance(container, dict) and isinstance(container.get('name'), str) \
            and set(container) <= {'name', 'tab', 'styles'}:
        return f"{container['tab']} / {container['name']}" if container.get('tab') else container['name']
    raise TypeError("container must be a name, a {'name': ..., 'tab': ...} dict or None; "
                    f'received {type(container).__name__} {container!r}')


def _metric_names(metrics):
    if not isinstance(metrics, (list, tuple)) or not metrics or not all(isinstance(m, str) for m in metrics):
        raise TypeError("metrics must be a non-empty list of metric names such as ['loss', 'acc']; "
                        f'received {type(metrics).__name__} {metrics!r}')
    return list(metrics)


def _show(widget):
    """Display ``widget`` if running in a kernel, as tfjs-vis's visor opens by itself; the
    display handle, or None elsewhere."""
    if kernel_shell() is None:
        return None
    from IPython.display import display
    return display(widget, display_id=True)


class FitCallbacks(Callback):
    """What :func:`fit_callbacks` returns: a callback for ``fit`` / ``fit_dataset`` whose
    ``plot`` is the widget it draws in."""
    shows_progress = True  # fit's own progress bar (verbose=1) would only repeat it

    def __init__(self, plot, hooks, show=True):
        self.plot = plot
        self.hooks = hooks
        self.display = _show(plot) if show else None
        self._logged = set()
        self._offset = 0           # epochs of earlier fits with these callbacks, drawn before this one's
        self._epoch = 0
        self._steps = None         # batches per epoch, when known
        self._held = []            # this epoch's batch values while the epoch's length is unknown

    def __repr__(self):
        return repr(self.plot)

    def _repr_mimebundle_(self, **kwargs):
        if self.display is not None:  # the widget is on screen already: a cell result shows text
            return {'text/plain': repr(self)}
        return self.plot._repr_mimebundle_(**kwargs)

    def on_train_begin(self, logs=None):
        params = self.params or {}
        # A later fit continues the curves unless its initialEpoch already counts those epochs.
        self._offset = max(0, self.plot.epochs - params.get('initialEpoch', 0))
        self._steps = params.get('steps')
        if not self._steps and params.get('samples') and params.get('batchSize'):
            self._steps = -(-params['samples'] // params['batchSize'])
        self.plot.start(self._offset + (params.get('epochs') or 0))
        self._per_batch = 'onBatchEnd' in self.hooks
        self._batch_metrics = list(self.plot.metrics)
        if self._per_batch:
            self._batch_codes = self.plot.series_codes([BATCH_PREFIX + name for name in self._batch_metrics])

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._held = []

    def on_batch_end(self, batch, logs=None):  # after every batch: kept lean
        if not self._per_batch or not logs:
            return
        if self._steps:
            # Batch points sit inside their epoch, so batch and epoch curves share one x axis.
            x = self._offset + self._epoch + (batch + 1) / self._steps
            pairs = [(code, logs[name]) for code, name in zip(self._batch_codes, self._batch_metrics) if name in logs]
            self.plot.add_coded_points([code for code, _ in pairs], x, [y for _, y in pairs])
        else:  # fitDataset without batchesPerEpoch: placed at epoch end
            self._held.append([(BATCH_PREFIX + name, logs[name]) for name in self._batch_metrics if name in logs])

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self._logged.update(logs)
        points = []
        if self._held:
            # Now the epoch's length is known; later epochs are drawn live with it.
            self._steps = len(self._held)
            for batch, values in enumerate(self._held):
                x = self._offset + epoch + (batch + 1) / self._steps
                points += [(series, x, y) for series, y in values]
            self._held = []
        if 'onEpochEnd' in self.hooks:
            points += [(series, self._offset + epoch + 1, logs[series])
                       for series in self.plot.epoch_series if series in logs]
        self.plot.add_points(points, epochs=self._offset + epoch + 1)

    def on_train_end(self, logs=None):
        self.plot.finish(self._logged)
        if self.display is not None:  # re-render, so the saved output also holds the static picture
            self.display.update(self.plot)


def checked_hooks(callbacks, where):
    """The ``callbacks`` option of fit_callbacks and dashboard as a list, checked."""
    hooks = [callbacks] if isinstance(callbacks, str) else list(callbacks)
    unknown = [h for h in hooks if h not in _HOOKS]
    if unknown:
        raise ValueError(f'{where}: callbacks may be {list(_HOOKS)}; received {unknown}')
    return hooks


@takes_options(extra=CHART_OPTIONS)
def fit_callbacks(container, metrics, *, callbacks=_HOOKS, throttle_ms=200, **chart_options):
    """Callbacks for ``model.fit`` / ``fit_dataset`` that plot ``metrics`` live, as tfjs-vis's
    ``tfvis.show.fitCallbacks(container, metrics, opts)``.

    One chart per metric. Unlike tfjs-vis, a metric's ``val_`` values are drawn on its chart
    whenever the fit validates, and batch values (``callbacks`` includes ``'onBatchEnd'``) are
    a light line on the same epoch axis instead of a chart of their own. In a notebook the
    widget is displayed at once. Options, in either spelling: ``callbacks`` (default
    ``['onEpochEnd', 'onBatchEnd']``), ``width``, ``height`` (per chart, pixels), ``xLabel``,
    ``yLabel``, ``zoomToFit``, ``zoomToFitAccuracy``, ``yAxisDomain`` as in tfjs-vis, and
    ``throttleMs``, the least time between two updates of the browser.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> callbacks = tf.vis.show.fit_callbacks({'name': 'Training'}, ['loss'], {'callbacks': ['onEpochEnd']})
    >>> _ = model.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[2], [4]]), epochs=3, callbacks=callbacks)
    >>> callbacks.plot.epochs, callbacks.plot.state, list(callbacks.plot.series_data())
    (3, 'done', ['loss'])
    """
    hooks = checked_hooks(callbacks, 'fit_callbacks')
    plot = FitPlot(_metric_names(metrics), title=_title(container), throttle_ms=throttle_ms, **chart_options)
    return FitCallbacks(plot, hooks)


def _history_columns(history):
    """``{metric: [values]}`` from a History, its ``.history`` dict, or a list of epoch logs."""
    if isinstance(getattr(history, 'history', None), dict):
        history = history.history
    if isinstance(history, list) and all(isinstance(logs, dict) for logs in history):
        keys = dict.fromkeys(k for logs in history for k in logs)
        return {k: [logs.get(k, float('nan')) for logs in history] for k in keys}
    if isinstance(history, dict) and all(isinstance(v, (list, tuple)) for v in history.values()):
        return history
    raise TypeError('history must be a History, a dict of lists or a list of epoch logs; '
                    f'received {type(history).__name__}')


@takes_options(extra=CHART_OPTIONS)
def history(container, history, metrics, **chart_options):
    """Plot a finished training: a ``History``, its ``.history`` dict or a list of epoch logs,
    as tfjs-vis's ``tfvis.show.history``. Returns the widget, which a notebook shows as the
    cell's result. Options as :func:`fit_callbacks`'s chart options.

    >>> import tfjs_lab as tf
    >>> tf.vis.show.history('Loss', {'loss': [0.9, 0.5, 0.3]}, ['loss'])
    FitPlot(title='Loss', metrics=['loss'], epochs=3, last={'loss': 0.3})
    """
    columns = _history_columns(history)
    plot = FitPlot(_metric_names(metrics), title=_title(container), **chart_options)
    epochs = max((len(v) for v in columns.values()), default=0)
    plot.start(epochs)
    plot.add_points([(name, epoch + 1, value) for name in plot.epoch_series
                     for epoch, value in enumerate(columns.get(name, []))], epochs=epochs)
    plot.finish(set(columns))
    return plot


# --- models, layers, tensors, evaluation ------------------------------------------------------

def _format_shape(shape):
    """tfjs-vis's shape text: ``[batch,32]``, ``Scalar`` for []."""
    if not shape:
        return 'Scalar'
    return '[' + ','.join('batch' if i == 0 and d is None else str(d) for i, d in enumerate(shape)) + ']'


def _output_shape(layer):
    shape = layer.output_shape
    if shape and isinstance(shape[0], (list, tuple)):
        return '[' + ', '.join(_format_shape(s) for s in shape) + ']'
    return _format_shape(shape)


def model_summary(container, model):
    """A table of the model's layers (name, output shape, parameter count, trainable), as
    ``tfvis.show.modelSummary``.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3], name='hidden')])
    >>> tf.vis.show.modelSummary({'name': 'Model'}, model).data['rows']
    [['hidden', '[batch,4]', '16', 'true']]
    """
    if not hasattr(model, 'layers'):
        raise TypeError(f'model must be a LayersModel; received {type(model).__name__}')
    rows = [[layer.name, _output_shape(layer), layer.count_params(), 'true' if layer.trainable else 'false']
            for layer in model.layers]
    return render.table(container, {'headers': ['Layer Name', 'Output Shape', '# Of Params', 'Trainable'],
                                    'values': rows})


def weight_stats(weight):
    """tfjs-vis's per-weight row: name, shape, min, max, # params, # zeros, # NaNs, # infinity."""
    values = weight.numpy() if hasattr(weight, 'numpy') else np.asarray(weight)
    stats = render.array_stats(values)
    return [getattr(weight, 'original_name', None) or getattr(weight, 'name', ''), _format_shape(list(values.shape)),
            stats['min'], stats['max'], int(values.size), stats['numZeros'], stats['numNans'], stats.get('numInfs', 0)]


LAYER_HEADERS = ['Weight Name', 'Shape', 'Min', 'Max', '# Params', '# Zeros', '# NaNs', '# Infinity']


def layer(container, layer):
    """A layer's weights: a table of their statistics and, for each weight, a histogram of its
    values to open (tfjs-vis's "Show Values Distribution for" selector), as ``tfvis.show.layer``.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=2, input_shape=[2], name='d', kernel_initializer='ones')])
    >>> tf.vis.show.layer('Dense', model.get_layer('d')).data['rows'][0]
    ['d/kernel', '[2,2]', 1.0, 1.0, 4, 0, 0, 0]
    """
    weights = getattr(layer, 'weights', None)
    if weights is None:
        raise TypeError(f'layer must be a Layer; received {type(layer).__name__}')
    rows = [weight_stats(w) for w in weights]
    parts = [render.table_html(LAYER_HEADERS, rows)]
    for row, weight in zip(rows, weights):
        chart = render.histogram(None, weight.numpy(), stats=False, width=460, height=150)
        parts.append(f'<details data-weight="{escape(row[0])}"><summary>Values distribution: {escape(row[0])}'
                     f'</summary>{chart.html}</details>')
    return render.place(container, 'layer', ''.join(parts), rows=rows)


def values_distribution(container, tensor):
    """A histogram of a tensor's values with its statistics, as ``tfvis.show.valuesDistribution``.

    >>> import tfjs_lab as tf
    >>> tf.vis.show.values_distribution(None, tf.tensor1d([0, 1, 1, 2])).kind
    'histogram'
    """
    values = getattr(tensor, '_data', None)
    if values is None:
        raise TypeError(f'valuesDistribution takes a tensor; received {type(tensor).__name__}')
    return render.histogram(container, values, height=150)


def per_class_accuracy(container, class_accuracy, class_labels=None):
    """A table of ``metrics.per_class_accuracy``'s result (class, accuracy, # samples), as
    ``tfvis.show.perClassAccuracy``.

    >>> import tfjs_lab as tf
    >>> result = tf.vis.metrics.per_class_accuracy([0, 1, 1], [0, 1, 0])
    >>> tf.vis.show.perClassAccuracy(None, result, ['cat', 'dog']).data['rows']
    [['cat', '1', '1'], ['dog', '0.5', '2']]
    """
    if not isinstance(class_accuracy, (list, tuple)) or not all(
            isinstance(c, dict) and {'accuracy', 'count'} <= set(c) for c in class_accuracy):
        raise TypeError("classAccuracy must be a list of {'accuracy': ..., 'count': ...} (metrics.perClassAccuracy's "
                        f'result); received {type(class_accuracy).__name__}')
    if class_labels is not None and len(class_labels) != len(class_accuracy):
        raise ValueError(f'classLabels must name each of the {len(class_accuracy)} classes; received '
                         f'{len(class_labels)} labels')
    rows = [[class_labels[i] if class_labels else str(i), c['accuracy'], c['count']]
            for i, c in enumerate(class_accuracy)]
    return render.table(container, {'headers': ['Class', 'Accuracy', '# Samples'], 'values': rows})


add_camel_aliases(globals())
