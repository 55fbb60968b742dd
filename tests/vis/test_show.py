"""tf.vis.show.fit_callbacks and history: what a training run puts on the plot, in a notebook
and elsewhere, and how bad input is refused."""
import re
import subprocess
import sys

import numpy as np
import pytest

import tfjs_lab as tf


def small_model():
    tf.set_seed(3)
    model = tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3], activation='relu'),
                                  tf.layers.dense(units=1, activation='sigmoid')])
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model


def xor_like_data(n=40):
    x = np.random.default_rng(0).normal(size=(n, 3)).astype(np.float32)
    return tf.tensor2d(x), tf.tensor2d((x[:, :1] * x[:, 1:2] > 0).astype(np.float32))


def xs_of(plot, series):
    return plot.series_data()[series][0].tolist()


def test_fit_draws_epoch_batch_and_validation_series_on_one_chart_per_metric():
    model = small_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc'])
    history = model.fit(xs, ys, epochs=3, batch_size=10, validation_split=0.25, callbacks=callbacks)
    plot = callbacks.plot
    assert [c['name'] for c in plot.charts] == ['loss', 'acc']
    data = plot.series_data()
    assert set(data) == {'loss', 'val_loss', 'acc', 'val_acc', 'batch loss', 'batch acc'}
    for series in ('loss', 'val_loss', 'acc', 'val_acc'):
        assert data[series][1].tolist() == history.history[series]
        assert data[series][0].tolist() == [1, 2, 3]
    # 30 training samples in batches of 10: three batches inside each epoch
    assert xs_of(plot, 'batch loss') == pytest.approx([1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2, 7 / 3, 8 / 3, 3])
    assert (plot.epochs, plot.total_epochs, plot.state, plot.message) == (3, 3, 'done', '')


def test_only_the_requested_hooks_draw():
    model = small_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fitCallbacks('T', ['loss'], {'callbacks': ['onEpochEnd']})
    model.fit(xs, ys, epochs=2, batch_size=10, callbacks=callbacks)
    assert list(callbacks.plot.series_data()) == ['loss']
    batches_only = tf.vis.show.fit_callbacks('T', ['loss'], callbacks='onBatchEnd')
    model.fit(xs, ys, epochs=2, batch_size=10, callbacks=batches_only)
    assert list(batches_only.plot.series_data()) == ['batch loss'] and batches_only.plot.epochs == 2


def test_fit_dataset_places_batches_once_the_first_epoch_shows_its_length():
    model = small_model()
    ds = tf.data.array([{'xs': [0, 1, 2], 'ys': [1]}, {'xs': [2, 1, 0], 'ys': [0]}] * 2).batch(1)
    callbacks = tf.vis.show.fit_callbacks(None, ['loss'])
    drawn_by_batch = []
    spy = tf.CustomCallback({'onBatchEnd': lambda batch, logs: drawn_by_batch.append(callbacks.plot.point_count)})
    model.fit_dataset(ds, epochs=2, callbacks=[callbacks, spy])
    assert xs_of(callbacks.plot, 'loss') == [1, 2]
    assert xs_of(callbacks.plot, 'batch loss') == [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]
    assert drawn_by_batch == [0, 0, 0, 0, 6, 7, 8, 9]  # held in the first epoch, live in the second


def test_fit_dataset_with_batches_per_epoch_is_live_from_the_start():
    model = small_model()
    ds = tf.data.array([{'xs': [0, 1, 2], 'ys': [1]}, {'xs': [2, 1, 0], 'ys': [0]}] * 2).batch(1)
    callbacks = tf.vis.show.fit_callbacks('T', ['loss', 'acc'], callbacks=['onBatchEnd'])
    model.fit_dataset(ds, epochs=2, batches_per_epoch=2, callbacks=callbacks)
    assert xs_of(callbacks.plot, 'batch acc') == [0.5, 1, 1.5, 2]


def test_a_second_fit_with_the_same_callbacks_continues_the_curves():
    model = small_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fit_callbacks('T', ['loss'], callbacks=['onEpochEnd'])
    model.fit(xs, ys, epochs=2, callbacks=callbacks)
    model.fit(xs, ys, epochs=2, callbacks=callbacks)
    assert xs_of(callbacks.plot, 'loss') == [1, 2, 3, 4] and callbacks.plot.total_epochs == 4
    model.fit(xs, ys, epochs=6, initial_epoch=4, callbacks=callbacks)  # TF.js's way to resume
    assert xs_of(callbacks.plot, 'loss') == [1, 2, 3, 4, 5, 6] and callbacks.plot.epochs == 6


def test_repr_is_the_same_for_the_same_seed():
    def trained_repr():
        model = small_model()
        xs, ys = xor_like_data()
        callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc'])
        model.fit(xs, ys, epochs=2, batch_size=10, callbacks=callbacks)
        return repr(callbacks)
    first = trained_repr()
    assert first == trained_repr()
    assert first.startswith("FitPlot(title='Training', metrics=['loss', 'acc'], epochs=2, last={'loss': 0.")


def test_a_metric_never_logged_is_named_with_the_logged_ones():
    model = small_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fit_callbacks('T', ['loss', 'accuracy', 'val_acc'])
    with pytest.warns(UserWarning, match=r"^'accuracy', 'val_acc' never appeared in the training logs; logged: acc, loss$"):
        model.fit(xs, ys, epochs=1, callbacks=callbacks)
    assert callbacks.plot.message.startswith("'accuracy', 'val_acc' never appeared")


@pytest.mark.parametrize('metrics, received', [
    ('loss', "str 'loss'"), ([], 'list []'), ([1, 2], 'list [1, 2]'), (None, 'NoneType None'), (['loss', None], "list ['loss', None]")])
def test_metrics_must_be_a_list_of_names(metrics, received):
    expected = r"metrics must be a non-empty list of metric names such as \['loss', 'acc'\]; received "
    with pytest.raises(TypeError, match=expected + re.escape(received) + '$'):
        tf.vis.show.fit_callbacks('T', metrics)
    with pytest.raises(TypeError, match=expected):
        tf.vis.show.history('T', {'loss': [1]}, metrics)


def test_unknown_hook_container_and_option_are_refused():
    with pytest.raises(ValueError, match=r"callbacks may be \['onEpochEnd', 'onBatchEnd'\]; received \['onTrainEnd'\]"):
        tf.vis.show.fit_callbacks('T', ['loss'], callbacks=['onTrainEnd'])
    with pytest.raises(TypeError, match=r"container must be a name, .* received int 3"):
        tf.vis.show.fit_callbacks(3, ['loss'])
    with pytest.raises(TypeError, match=r"received dict \{'title': 'T'\}"):
        tf.vis.show.fit_callbacks({'title': 'T'}, ['loss'])
    with pytest.raises(TypeError, match=r"unknown option 'zoom'. Allowed options: callbacks, height, throttleMs, "
                                        r"width, xLabel, yAxisDomain, yLabel, zoomToFit, zoomToFitAccuracy"):
        tf.vis.show.fit_callbacks('T', ['loss'], {'zoom': True})


def test_tfjs_vis_containers_and_options_are_accepted():
    callbacks = tf.vis.show.fitCallbacks({'name': 'Model Training', 'tab': 'Training', 'styles': {'height': '1000px'}},
                                         ['loss', 'val_loss', 'acc', 'val_acc'],
                                         {'height': 300, 'zoomToFit': True, 'xLabel': 'Epoch #', 'callbacks': ['onEpochEnd']})
    plot = callbacks.plot
    assert plot.title == 'Training / Model Training'
    assert plot.layout == {'width': 0, 'height': 300, 'x_label': 'Epoch #', 'y_label': 'Value'}
    assert plot.charts == [{'name': 'loss', 'y': 'fit'}, {'name': 'acc', 'y': [0.0, 1.0]}]


@pytest.mark.parametrize('history', [
    {'loss': [0.9, 0.5, 0.3], 'val_loss': [1.0, 0.7, 0.6]},
    [{'loss': 0.9, 'val_loss': 1.0}, {'loss': 0.5, 'val_loss': 0.7}, {'loss': 0.3, 'val_loss': 0.6}],
], ids=['dict', 'logs'])
def test_history_plots_a_finished_training(history):
    plot = tf.vis.show.history({'name': 'Loss'}, history, ['loss'])
    assert repr(plot) == "FitPlot(title='Loss', metrics=['loss'], epochs=3, last={'loss': 0.3, 'val_loss': 0.6})"
    assert xs_of(plot, 'val_loss') == [1, 2, 3] and plot.state == 'done'


def test_history_takes_a_history_object_and_names_missing_metrics():
    model = small_model()
    xs, ys = xor_like_data()
    history = model.fit(xs, ys, epochs=2)
    with pytest.warns(UserWarning, match="'mse' never appeared in the training logs; logged: acc, loss"):
        plot = tf.vis.show.history('H', history, ['acc', 'mse'], {'zoomToFitAccuracy': True})
    assert plot.series_data()['acc'][1].tolist() == history.history['acc']
    with pytest.raises(TypeError, match='history must be a History, a dict of lists or a list of epoch logs; received int'):
        tf.vis.show.history('H', 3, ['loss'])


class FakeDisplayHandle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, obj):
        self.shown.append(('update', repr(obj)))


def test_in_a_kernel_the_plot_shows_at_once_and_is_updated_when_training_ends(monkeypatch):
    import IPython
    import IPython.display
    shown = []
    monkeypatch.setattr(IPython, 'get_ipython', lambda: type('Shell', (), {'kernel': object()})())

    def display(obj, display_id=False):
        shown.append(('display', repr(obj)))
        return FakeDisplayHandle(shown)
    monkeypatch.setattr(IPython.display, 'display', display)
    callbacks = tf.vis.show.fit_callbacks('T', ['loss'], callbacks=['onEpochEnd'])
    assert shown == [('display', "FitPlot(title='T', metrics=['loss'], epochs=0, last={})")]
    # already on screen: as a cell's result the callbacks show as text only
    assert set(callbacks._repr_mimebundle_()) == {'text/plain'}
    model = small_model()
    model.fit(*xor_like_data(), epochs=1, callbacks=callbacks)
    assert shown[-1] == ('update', repr(callbacks.plot)) and len(shown) == 2


def test_outside_a_kernel_nothing_is_displayed_and_the_callbacks_show_the_widget():
    callbacks = tf.vis.show.fit_callbacks('T', ['loss'])
    assert callbacks.display is None
    assert 'application/vnd.jupyter.widget-view+json' in callbacks._repr_mimebundle_()[0]


def test_importing_tfjs_lab_loads_no_widget_or_plotting_library():
    code = ("import sys, tfjs_lab\n"
            "heavy = {'matplotlib', 'anywidget', 'ipywidgets', 'IPython'} & set(sys.modules)\n"
            "assert not heavy, heavy\n"
            "tfjs_lab.vis\n"
            "assert 'anywidget' in sys.modules and 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, '-c', code], check=True)
