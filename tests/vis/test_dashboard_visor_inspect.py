"""tf.vis.dashboard, the visor, show.modelSummary/layer/valuesDistribution/perClassAccuracy and
layer inspection: what they record and send, and how bad input is refused. Their drawing in a
real browser is tested in tests/browser/test_vis_in_jupyterlab.py."""
import base64
import re
import threading
import zlib

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.vis import inspect as inspection
from tfjs_lab.vis.dashboard import TrainingPanel
from tfjs_lab.vis.visor import Visor


def small_model():
    tf.set_seed(1)
    model = tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3], activation='relu', name='hidden'),
                                  tf.layers.dense(units=1, activation='sigmoid', name='out')])
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model


def data(n=48):
    x = np.random.default_rng(0).normal(size=(n, 3)).astype(np.float32)
    return tf.tensor2d(x), tf.tensor2d((x[:, :1] > 0).astype(np.float32))


def test_dashboard_plots_every_metric_tracks_progress_and_reports_weights_and_gradients():
    model = small_model()
    board = tf.vis.dashboard('Run')
    history = model.fit(*data(), epochs=3, batch_size=16, validation_split=0.25, callbacks=board)
    assert board.plot.metrics == ['loss', 'acc'] and board.plot.epochs == 3
    assert board.plot.series_data()['val_acc'][1].tolist() == history.history['val_acc']
    assert board.panel.state == 'done' and board.panel.progress['epoch'] == 3 and board.panel.progress['batches'] == 3
    rows = board.panel.stats
    assert [row[:3] for row in rows] == [['hidden', 'kernel', [3, 4]], ['hidden', 'bias', [4]],
                                         ['out', 'kernel', [4, 1]], ['out', 'bias', [1]]]
    kernel = model.get_layer('hidden').get_weights()[0].numpy()
    assert rows[0][3:7] == pytest.approx([kernel.mean(), kernel.std(), kernel.min(), kernel.max()], rel=1e-5)
    assert all(row[7] is not None and row[8] >= row[7] >= 0 for row in rows)
    assert repr(board).startswith("Dashboard(epochs=3/3, stopped=False, plot=FitPlot(title='Run', metrics=['loss', 'acc']")


def test_dashboard_gradients_are_those_the_last_training_step_applied():
    model = small_model()
    board = tf.vis.dashboard()
    x, y = data(16)
    # one batch: the step's gradient is the loss's gradient at the weights before the fit
    grads = tf.variable_grads(lambda: tf.metrics.binary_crossentropy(y, model.predict(x)).mean(),
                              model.trainable_weights)['grads']
    model.fit(x, y, epochs=1, batch_size=16, shuffle=False, callbacks=board)
    expected = [np.abs(grads[w.name].numpy()) for w in model.trainable_weights]
    assert [row[7] for row in board.panel.stats] == pytest.approx([g.mean() for g in expected], rel=1e-4)
    assert [row[8] for row in board.panel.stats] == pytest.approx([g.max() for g in expected], rel=1e-4)


def test_stop_ends_training_after_the_current_batch():
    model = small_model()
    board = tf.vis.dashboard()
    press = tf.CustomCallback({'onBatchEnd': lambda batch, logs: batch == 1 and board.panel.on_stop({'type': 'stop'})})
    batches = []
    counter = tf.CustomCallback({'onBatchEnd': lambda batch, logs: batches.append(batch)})
    history = model.fit(*data(), epochs=50, batch_size=8, callbacks=[press, board, counter])
    assert history.epoch == [0] and batches == [0, 1]
    assert board.panel.stopped and board.panel.state == 'done' and board.panel.stop_requested
    # a new fit starts afresh
    history = model.fit(*data(), epochs=2, batch_size=16, callbacks=board)
    assert history.epoch == [0, 1] and not board.panel.stopped


def test_the_stop_message_is_heard_on_the_shell_channel_thread_before_the_kernel_handles_it():
    routed = []

    def route(data, default):  # ipykernel 7's hook, called on its shell-channel thread
        routed.append(data)
        return default

    panel = TrainingPanel()
    panel.comm._reply_subshell_for = route
    panel._watch_shell_channel()
    message = {'method': 'custom', 'content': {'type': 'stop'}}
    worker = threading.Thread(target=lambda: panel.comm._reply_subshell_for(message, None))
    worker.start()
    worker.join()
    assert panel.stop_event.is_set() and routed == [message]  # and routing goes on as before


def test_training_panel_throttles_and_estimates_the_time_left():
    clock = [0.0]
    panel = TrainingPanel(throttle_ms=200, clock=lambda: clock[0])
    panel.start()
    panel.update_progress(epoch=0, epochs=2, batch=0, batches=10)
    pushes = []
    panel.observe(lambda change: pushes.append(change['new']), 'progress')
    for batch in range(1, 11):
        clock[0] = batch * 0.05
        panel.note_batch(batch)
    assert [p['batch'] for p in pushes] == [4, 8]  # at 0.2 s and 0.4 s
    assert pushes[0]['eta'] == pytest.approx(0.2 * 16 / 4)
    panel.flush()
    assert pushes[-1]['batch'] == 10 and pushes[-1]['eta'] == pytest.approx(0.5)


def test_dashboard_options_are_checked():
    with pytest.raises(TypeError, match="unknown option 'zoom'"):
        tf.vis.dashboard('T', {'zoom': True})
    assert tf.vis.dashboard('T', {'zoomToFit': True, 'throttleMs': 100}).plot.charts == [{'name': 'loss', 'y': 'fit'}]
    with pytest.raises(ValueError, match='throttleMs must be a number of milliseconds >= 0; received -1'):
        tf.vis.dashboard(throttle_ms=-1)


def test_a_finished_dashboard_carries_a_static_picture():
    model = small_model()
    board = tf.vis.dashboard('Run')
    model.fit(*data(), epochs=2, callbacks=board)
    bundle = board._repr_mimebundle_()
    assert 'application/vnd.jupyter.widget-view+json' in bundle and bundle['text/plain'] == repr(board)
    assert '<svg' in bundle['text/html'] and '<td' in bundle['text/html']


def test_visor_keeps_tabs_and_surfaces_and_draws_render_calls_into_them():
    visor = Visor()
    figure = tf.vis.render.barchart({'name': 'Bars', 'tab': 'Charts'}, [{'index': 0, 'value': 1}])
    assert figure.shown_in is tf.vis.visor()  # a surface container draws into the session's visor
    visor.draw({'name': 'Bars', 'tab': 'Charts'}, figure)
    visor.surface({'name': 'Notes'})
    assert [(s['tab'], s['name']) for s in visor.widget.surfaces] == [('Charts', 'Bars'), ('Visor', 'Notes')]
    assert visor.widget.surfaces[0]['html'] == figure.body and visor.widget.active_tab == 'Charts'
    visor.setActiveTab('Visor')
    assert visor.widget.active_tab == 'Visor'
    with pytest.raises(ValueError, match=r"Tab 'Nope' does not exist; tabs: \['Charts', 'Visor'\]"):
        visor.set_active_tab('Nope')
    visor.close()
    assert not visor.isOpen()
    visor.toggle()
    assert visor.is_open() and not visor.is_full_screen()
    assert repr(visor) == "Visor(tabs=['Charts', 'Visor'], surfaces={'Charts': ['Bars'], 'Visor': ['Notes']}, active_tab='Visor', open=True)"
    with pytest.raises(TypeError, match=r"surface options must be \{'name': ..., 'tab': ...\}; received str 'x'"):
        visor.surface('x')


def test_render_into_a_surface_uses_the_one_session_visor():
    figure = tf.vis.render.table({'name': 'T1', 'tab': 'Tables'}, {'headers': ['a'], 'values': [[1]]})
    assert figure.shown_in is tf.vis.visor()
    assert ('Tables', 'T1') in tf.vis.visor()._html


def test_show_model_summary_and_layer_follow_tfjs_vis():
    model = small_model()
    summary = tf.vis.show.model_summary(None, model)
    assert summary.data['headers'] == ['Layer Name', 'Output Shape', '# Of Params', 'Trainable']
    assert summary.data['rows'] == [['hidden', '[batch,4]', '16', 'true'], ['out', '[batch,1]', '5', 'true']]
    layer = tf.vis.show.layer('L', model.get_layer('hidden'))
    kernel = model.get_layer('hidden').get_weights()[0].numpy()
    assert layer.data['rows'][0] == ['hidden/kernel', '[3,4]', float(kernel.min()), float(kernel.max()), 12, 0, 0, 0]
    assert layer.data['rows'][1][:2] == ['hidden/bias', '[4]'] and layer.data['rows'][1][5] == 4  # zero biases
    assert re.findall(r'<details data-weight="([^"]+)">', layer.html) == ['hidden/kernel', 'hidden/bias']
    with pytest.raises(TypeError, match='model must be a LayersModel; received int'):
        tf.vis.show.modelSummary(None, 3)


def test_show_values_distribution_and_per_class_accuracy():
    figure = tf.vis.show.valuesDistribution(None, tf.tensor([[1, 2], [2, float('nan')]]))
    assert figure.data['bins'] == tf.vis.render.histogram(None, [1, 2, 2]).data['bins'] and '# NaNs' in figure.html
    result = tf.vis.metrics.perClassAccuracy([0, 0, 1], [0, 1, 1])
    table = tf.vis.show.per_class_accuracy(None, result)
    assert table.data['rows'] == [['0', '0.5', '2'], ['1', '1', '1']]
    with pytest.raises(ValueError, match='classLabels must name each of the 2 classes; received 1 labels'):
        tf.vis.show.per_class_accuracy(None, result, ['a'])
    with pytest.raises(TypeError, match='classAccuracy must be a list of'):
        tf.vis.show.per_class_accuracy(None, [0.5])
    with pytest.raises(TypeError, match='valuesDistribution takes a tensor; received list'):
        tf.vis.show.values_distribution(None, [1, 2])


def decode_png(data_uri):
    raw = base64.b64decode(data_uri.split(',', 1)[1])
    assert raw[:8] == b'\x89PNG\r\n\x1a\n'
    width, height, depth, color = int.from_bytes(raw[16:20], 'big'), int.from_bytes(raw[20:24], 'big'), raw[24], raw[25]
    start = raw.index(b'IDAT') + 4
    length = int.from_bytes(raw[start - 8:start - 4], 'big')
    rows = zlib.decompress(raw[start:start + length])
    channels = 3 if color == 2 else 1
    pixels = np.frombuffer(rows, np.uint8).reshape(height, 1 + width * channels)[:, 1:]
    return depth, pixels.reshape(height, width, channels).squeeze(-1) if channels == 1 else pixels.reshape(height, width, 3)


def test_rank_4_activations_become_one_image_per_channel():
    feature_maps = np.zeros((1, 2, 3, 2))
    feature_maps[0, :, :, 0] = [[0, 1, 2], [3, 4, 5]]
    feature_maps[0, :, :, 1] = 7  # a flat map is mid-grey
    sources = re.findall(r'src="(data:image/png;base64,[^"]+)"', inspection.activation_html(feature_maps))
    assert len(sources) == 2
    depth, first = decode_png(sources[0])
    assert depth == 8 and first.tolist() == [[0, 51, 102], [153, 204, 255]]
    assert decode_png(sources[1])[1].tolist() == [[128] * 3] * 2


def test_conv_kernels_become_filter_images_rgb_for_three_input_channels():
    kernel = np.random.default_rng(0).normal(size=(3, 3, 3, 4))
    html = inspection.weight_html('kernel', kernel)
    sources = re.findall(r'src="(data:image/png;base64,[^"]+)"', html)
    assert len(sources) == 4 and decode_png(sources[0])[1].shape == (3, 3, 3)
    grey = inspection.weight_html('kernel', np.ones((5, 5, 2, 6)))
    assert len(re.findall('<img', grey)) == 6


def test_inspect_layer_shows_a_dense_layers_activations_and_weights():
    model = small_model()
    figure = tf.vis.inspectLayer(model, 'hidden', np.array([1.0, -1.0, 0.5], dtype=np.float32))
    assert figure.data == {'activation_shape': [1, 4], 'weights': ['kernel', 'bias']}
    expected = model.get_layer('hidden').apply(tf.tensor2d([[1.0, -1.0, 0.5]])).numpy()[0]
    values = [float(v) for v in re.findall(r'data-value="([^"]+)"', figure.html.split('data-part="weight"')[0])]
    assert values == pytest.approx(expected.tolist(), abs=1e-5)
    assert len(re.findall(r'<title>\d+, \d+: ', figure.html)) == 12  # the 3 x 4 kernel's heat map
    assert tf.vis.inspect_layer(model, 1, [[0.0, 0.0, 0.0]]).data['activation_shape'] == [1, 1]
    with pytest.raises(ValueError, match=r'one input sample of shape \[3\] \(or \[1, ...\]\); received shape \[2, 3\]'):
        tf.vis.inspect_layer(model, 'hidden', np.zeros((2, 3)))
    with pytest.raises(TypeError, match='layer must be a layer of the model, its name or its index; received float'):
        tf.vis.inspect_layer(model, 1.5, np.zeros(3))
