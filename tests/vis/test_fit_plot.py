"""The live plot's Python side: what it records, when it talks to the front end, what it shows
where widgets cannot run, and how it treats bad input. The rendering itself is checked in real
JupyterLab by tests/browser."""
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.vis.fit_plot import FitPlot


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def seed_model():
    tf.set_seed(3)
    model = tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3], activation='relu'),
                                  tf.layers.dense(units=1, activation='sigmoid')])
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model


def xor_like_data(n=40):
    x = np.random.default_rng(0).normal(size=(n, 3)).astype(np.float32)
    return tf.tensor2d(x), tf.tensor2d((x[:, :1] * x[:, 1:2] > 0).astype(np.float32))


def sent_messages(plot, monkeypatch):
    messages = []
    monkeypatch.setattr(plot, 'send', lambda content, buffers=None: messages.append(content))
    return messages


def test_many_points_are_sent_in_few_throttled_messages_and_all_arrive(monkeypatch):
    clock = FakeClock()
    plot = FitPlot(['loss'], throttle_ms=200, clock=clock)
    messages = sent_messages(plot, monkeypatch)
    for i in range(1000):
        clock.now = i * 0.001  # 1000 points over one second
        plot.add_point('loss', i, 1 / (i + 1))
    plot.finish()
    assert 5 <= len(messages) <= 7
    received = [p for m in messages for p in m['points']]
    assert received == plot.points and len(received) == 1000
    assert plot.point_count == 1000 and plot.state == 'done'


def test_a_new_view_gets_a_snapshot_of_every_point_sent(monkeypatch):
    plot = FitPlot(['loss'])
    messages = sent_messages(plot, monkeypatch)
    plot.add_point('loss', 1, 0.5)
    plot._on_front_end_message(plot, {'type': 'snapshot-request'}, [])
    assert messages[-1] == {'type': 'snapshot', 'points': [['loss', 1.0, 0.5]]}


def test_fit_draws_epoch_batch_and_validation_series_on_one_chart_per_metric():
    model = seed_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc'])
    history = model.fit(xs, ys, epochs=3, batch_size=10, validation_split=0.25, callbacks=callbacks)
    plot = callbacks.plot
    assert [c['name'] for c in plot.charts] == ['loss', 'acc']
    assert [c['unit_range'] for c in plot.charts] == [False, True]
    series = {s for s, _, _ in plot.points}
    assert series == {'loss', 'val_loss', 'acc', 'val_acc', 'batch loss', 'batch acc'}
    epoch_loss = [y for s, _, y in plot.points if s == 'loss']
    assert epoch_loss == pytest.approx(history.history['loss'])
    batch_x = [x for s, x, _ in plot.points if s == 'batch loss']
    assert batch_x == pytest.approx([1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2, 7 / 3, 8 / 3, 3])
    assert (plot.epochs, plot.total_epochs, plot.state) == (3, 3, 'done')


def test_only_the_requested_hooks_draw():
    model = seed_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fitCallbacks('T', ['loss'], {'callbacks': ['onEpochEnd']})
    model.fit(xs, ys, epochs=2, batch_size=10, callbacks=callbacks)
    assert {s for s, _, _ in callbacks.plot.points} == {'loss'}


def test_fit_dataset_is_plotted_too():
    model = seed_model()
    ds = tf.data.array([{'xs': [0, 1, 2], 'ys': [1]}, {'xs': [2, 1, 0], 'ys': [0]}]).batch(1)
    callbacks = tf.vis.show.fit_callbacks(None, ['loss'])
    model.fit_dataset(ds, epochs=2, callbacks=callbacks)
    assert [x for s, x, _ in callbacks.plot.points if s == 'loss'] == [1, 2]


def test_repr_is_deterministic_and_rounded():
    runs = []
    for _ in range(2):
        model = seed_model()
        xs, ys = xor_like_data()
        callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc'])
        model.fit(xs, ys, epochs=2, batch_size=10, callbacks=callbacks)
        runs.append(repr(callbacks))
    assert runs[0] == runs[1]
    assert runs[0].startswith("FitPlot(title='Training', metrics=['loss', 'acc'], epochs=2, last={'loss': 0.")


def test_finished_plot_offers_a_static_svg_where_widgets_cannot_run():
    plot = tf.vis.show.history('Loss', {'loss': [0.9, 0.5, 0.3], 'val_loss': [1.0, 0.7, 0.6]}, ['loss'])
    bundle, _ = plot._repr_mimebundle_()
    svg = ElementTree.fromstring(bundle['image/svg+xml'])
    polylines = svg.findall('{http://www.w3.org/2000/svg}polyline')
    assert len(polylines) == 2 and all(len(p.get('points').split()) == 3 for p in polylines)
    assert bundle['text/plain'] == "FitPlot(title='Loss', metrics=['loss'], epochs=3, last={'loss': 0.3, 'val_loss': 0.6})"
    assert 'application/vnd.jupyter.widget-view+json' in bundle


def test_a_metric_that_was_never_logged_is_named_with_the_logged_ones():
    model = seed_model()
    xs, ys = xor_like_data()
    callbacks = tf.vis.show.fit_callbacks('T', ['loss', 'accuracy'])
    with pytest.warns(UserWarning, match=r"'accuracy' never appeared in the training logs; logged: acc, loss"):
        model.fit(xs, ys, epochs=1, callbacks=callbacks)
    assert 'accuracy' in callbacks.plot.message


@pytest.mark.parametrize('metrics', [[], [1, 2], None, 'loss acc'.split(' ') + [None]])
def test_metrics_must_be_names(metrics):
    with pytest.raises(TypeError, match=r"metrics must be a non-empty list of metric names such as \['loss', 'acc'\]; received"):
        tf.vis.show.fit_callbacks('T', metrics)


def test_unknown_hook_and_bad_container_are_refused():
    with pytest.raises(ValueError, match=r"callbacks may be \['onEpochEnd', 'onBatchEnd'\]; received \['onTrainEnd'\]"):
        tf.vis.show.fit_callbacks('T', ['loss'], callbacks=['onTrainEnd'])
    with pytest.raises(TypeError, match="container must be a name.*received int"):
        tf.vis.show.fit_callbacks(3, ['loss'])


def test_unknown_option_lists_the_allowed_ones():
    with pytest.raises(TypeError, match='zoomToFit'):
        tf.vis.show.fit_callbacks('T', ['loss'], {'zoom': True})


def test_importing_tfjs_lab_loads_no_widget_or_plotting_library():
    code = ("import sys, tfjs_lab; heavy = {'matplotlib', 'ipywidgets', 'anywidget', 'IPython'} & set(sys.modules);"
            "assert not heavy, heavy")
    subprocess.run([sys.executable, '-c', code], check=True)
