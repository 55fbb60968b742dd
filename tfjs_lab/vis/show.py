"""``tf.vis.show``: tfjs-vis's ``tfvis.show`` for training, drawn in notebook widgets."""
import sys

from .._naming import add_camel_aliases, takes_options
from ..callbacks import Callback
from .fit_plot import BATCH_PREFIX, FitPlot

_HOOKS = ('onEpochEnd', 'onBatchEnd')


def _title(container):
    """tfjs-vis containers are a surface name or ``{'name': ..., 'tab': ...}``."""
    if container is None:
        return 'Training'
    if isinstance(container, str):
        return container
    if isinstance(container, dict) and isinstance(container.get('name'), str):
        return f"{container['tab']} / {container['name']}" if container.get('tab') else container['name']
    raise TypeError("container must be a name, a {'name': ..., 'tab': ...} dict or None; "
                    f'received {type(container).__name__}')


def _metric_names(metrics):
    if isinstance(metrics, str):
        metrics = [metrics]
    if not isinstance(metrics, (list, tuple)) or not metrics or \
            not all(isinstance(m, str) for m in metrics):
        raise TypeError(f'metrics must be a non-empty list of metric names such as '
                        f"['loss', 'acc']; received {metrics!r}")
    return list(metrics)


def _show(plot):
    # In a notebook the chart appears at once, as tfjs-vis's visor opens; elsewhere nothing.
    ipython = sys.modules.get('IPython')
    shell = ipython.get_ipython() if ipython else None
    if getattr(shell, 'kernel', None) is None:
        return None
    from IPython.display import display
    return display(plot, display_id=True)


class FitCallbacks(Callback):
    """The callbacks :func:`fit_callbacks` returns; ``plot`` is the widget they draw in."""

    def __init__(self, plot, hooks):
        self.plot = plot
        self.hooks = hooks
        self.display = _show(plot)
        self._logged = set()
        self._epoch = 0
        self._steps = None

    def _repr_mimebundle_(self, **kwargs):
        return self.plot._repr_mimebundle_(**kwargs)

    def __repr__(self):
        return repr(self.plot)

    def on_train_begin(self, logs=None):
        params = self.params or {}
        self.plot.total_epochs = params.get('epochs') or 0
        self._steps = params.get('steps')
        if not self._steps and params.get('samples') and params.get('batchSize'):
            self._steps = -(-params['samples'] // params['batchSize'])
        self.plot.state = 'training'

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_batch_end(self, batch, logs=None):
        if 'onBatchEnd' not in self.hooks or not logs:
            return
        # Batch points sit inside their epoch so both curves share the epoch axis.
        x = self._epoch + (batch + 1) / self._steps if self._steps else self._epoch + 1
        for name in self.plot.metrics:
            if name in logs:
                self.plot.add_point(BATCH_PREFIX + name, x, logs[name], epoch_level=False)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self._logged.update(logs)
        if 'onEpochEnd' in self.hooks:
            for key in self.plot.epoch_series:
                if key in logs:
                    self.plot.add_point(key, epoch + 1, logs[key])
        self.plot.epochs = epoch + 1

    def on_train_end(self, logs=None):
        self.plot.finish(self.plot.warn_unlogged(self._logged))
        if self.display is not None:  # re-render so the output also holds the static picture
            self.display.update(self.plot)


@takes_options
def fit_callbacks(container=None, metrics=('loss',), *, callbacks=_HOOKS, zoom_to_fit=False,
                  y_axis_domain=None, height=200, throttle_ms=200):
    """Callbacks for ``model.fit`` / ``fit_dataset`` that plot ``metrics`` live, as tfjs-vis's
    ``tfvis.show.fitCallbacks``: one chart per metric, ``val_*`` drawn with its metric, batch
    values as a light line under the epoch values.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> callbacks = tf.vis.show.fit_callbacks('Training', ['loss'])
    >>> _ = model.fit(tf.tensor2d([[1], [2]]), tf.tensor2d([[2], [4]]), epochs=3, callbacks=callbacks)
    >>> callbacks.plot.epochs, callbacks.plot.state
    (3, 'done')
    """
    hooks = [callbacks] if isinstance(callbacks, str) else list(callbacks)
    unknown = [h for h in hooks if h not in _HOOKS]
    if unknown:
        raise ValueError(f'fit_callbacks: callbacks may be {list(_HOOKS)}; received {unknown}')
    plot = FitPlot(_metric_names(metrics), title=_title(container), height=height,
                   zoom_to_fit=zoom_to_fit, y_axis_domain=y_axis_domain, throttle_ms=throttle_ms)
    return FitCallbacks(plot, hooks)


@takes_options
def history(container, history, metrics=('loss',), *, zoom_to_fit=False, y_axis_domain=None,
            height=200):
    """Plot a finished training ``History`` (or its ``.history`` dict), as ``tfvis.show.history``.

    >>> import tfjs_lab as tf
    >>> tf.vis.show.history('Loss', {'loss': [0.9, 0.5, 0.3]}, ['loss'])
    FitPlot(title='Loss', metrics=['loss'], epochs=3, last={'loss': 0.3})
    """
    logs = getattr(history, 'history', history)
    if not isinstance(logs, dict):
        raise TypeError(f'history must be a History or a dict of lists; received {type(history).__name__}')
    plot = FitPlot(_metric_names(metrics), title=_title(container), height=height,
                   zoom_to_fit=zoom_to_fit, y_axis_domain=y_axis_domain)
    for name in plot.epoch_series:
        for epoch, value in enumerate(logs.get(name, [])):
            plot.add_point(name, epoch + 1, value)
    plot.epochs = plot.total_epochs = max((len(v) for v in logs.values()), default=0)
    plot.finish(plot.warn_unlogged(set(logs)))
    _show(plot)
    return plot


add_camel_aliases(globals())
