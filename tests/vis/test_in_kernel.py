"""The live plot over a real kernel's wire: what a notebook front end receives during a fit."""
import numpy as np

FIT_WITH_PLOT = '''
import numpy as np, tfjs_lab as tf
tf.set_seed(0)
model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2], activation='sigmoid')])
model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
x = np.random.default_rng(0).normal(size=(64, 2)).astype(np.float32)
callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc'], {'throttleMs': 0})
_ = model.fit(tf.tensor2d(x), tf.tensor2d((x[:, :1] > 0).astype(np.float32)), epochs=3, batch_size=16,
              callbacks=callbacks)
callbacks
'''
WIDGET_VIEW = 'application/vnd.jupyter.widget-view+json'


def decode(content, buffers):
    codes, xs, ys = (np.frombuffer(b, dtype=t) for b, t in zip(buffers, ('<u2', '<f8', '<f8')))
    return [(content['series'][c], x, y) for c, x, y in zip(codes.tolist(), xs.tolist(), ys.tolist())]


def test_a_fit_in_a_kernel_shows_the_widget_streams_points_and_ends_with_everything(kernel):
    messages = []
    reply = kernel.execute_interactive(FIT_WITH_PLOT, output_hook=messages.append, timeout=120)
    assert reply['content']['status'] == 'ok', reply['content']
    kinds = [m['msg_type'] for m in messages]

    displayed = [m['content']['data'] for m in messages if m['msg_type'] == 'display_data']
    assert len(displayed) == 1 and WIDGET_VIEW in displayed[0]
    model_id = displayed[0][WIDGET_VIEW]['model_id']
    to_plot = [m for m in messages if m['msg_type'] == 'comm_msg' and m['content']['comm_id'] == model_id]
    assert kinds.index('display_data') < messages.index(to_plot[0])

    streamed = [m for m in to_plot if m['content']['data']['method'] == 'custom']
    starts = [m['content']['data']['content']['start'] for m in streamed]
    points = [p for m in streamed for p in decode(m['content']['data']['content'], m['buffers'])]
    assert starts == sorted(set(starts)) and len(points) == 3 * (4 * 2 + 2)  # 4 batches of loss and acc, epoch loss, acc

    done = [m for m in to_plot if m['content']['data']['method'] == 'update'
            and m['content']['data']['state'].get('state') == 'done']
    assert len(done) == 1
    update = done[0]['content']['data']
    assert 'final' in update['state'] and sorted(map(tuple, update['buffer_paths'])) == [
        ('final', 'codes'), ('final', 'x'), ('final', 'y')]
    buffers = dict(zip(map(tuple, update['buffer_paths']), done[0]['buffers']))
    final = decode(update['state']['final'], [buffers['final', k] for k in ('codes', 'x', 'y')])
    assert final == points and update['state']['final']['epochs'] == 3

    refreshed = [m['content']['data'] for m in messages if m['msg_type'] == 'update_display_data']
    assert len(refreshed) == 1 and '<svg' in refreshed[0]['image/svg+xml']
    result = [m['content']['data'] for m in messages if m['msg_type'] == 'execute_result']
    assert result == [{'text/plain': refreshed[0]['text/plain']}]
    assert result[0]['text/plain'].startswith("FitPlot(title='Training', metrics=['loss', 'acc'], epochs=3, last={'loss': ")


def test_fit_with_verbose_one_shows_a_progress_bar_widget_in_a_kernel(kernel):
    messages = []
    code = ('import numpy as np, tfjs_lab as tf\n'
            "model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])\n"
            "model.compile(optimizer='sgd', loss='meanSquaredError')\n"
            '_ = model.fit(np.zeros((64, 2), np.float32), np.zeros((64, 1), np.float32), epochs=2, batch_size=8)')
    reply = kernel.execute_interactive(code, output_hook=messages.append, timeout=120)
    assert reply['content']['status'] == 'ok', reply['content']
    displayed = [m['content']['data'] for m in messages if m['msg_type'] == 'display_data']
    assert len(displayed) == 1 and WIDGET_VIEW in displayed[0] and 'IntProgress' in displayed[0]['text/plain']
    assert not [m for m in messages if m['msg_type'] == 'stream']  # no text bar besides the widget
    labels = [m['content']['data']['state'].get('value') for m in messages if m['msg_type'] == 'comm_msg'
              and m['content']['data'].get('method') == 'update']
    assert any(isinstance(label, str) and label.startswith('Epoch 2 / 2') and 'loss=' in label for label in labels)
