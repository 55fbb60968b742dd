"""The FitPlot widget's Python side: what it sends the browser and when, what it keeps, what it
shows where widgets cannot run. The drawing itself is tested in fit_plot.test.mjs and, in a real
JupyterLab, by tests/browser."""
import math
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest

from tfjs_lab.vis import static_svg
from tfjs_lab.vis.fit_plot import FitPlot, chart_specs, significant

SVG = '{http://www.w3.org/2000/svg}'


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def decode(content, buffers):
    """The points a 'points' message or the final trait carries, as [series, x, y] lists."""
    codes, xs, ys = (np.frombuffer(b, dtype=t) for b, t in zip(buffers, ('<u2', '<f8', '<f8')))
    return [[content['series'][c], x, y] for c, x, y in zip(codes.tolist(), xs.tolist(), ys.tolist())]


@pytest.fixture
def sent(monkeypatch):
    """``sent(plot)``: the list that records the custom messages ``plot`` sends."""
    def record(plot):
        messages = []
        monkeypatch.setattr(plot, 'send', lambda content, buffers=None: messages.append((content, buffers)))
        return messages
    return record


def test_many_points_go_out_in_few_throttled_messages_each_with_only_new_points(sent):
    clock = FakeClock()
    plot = FitPlot(['loss'], throttle_ms=200, clock=clock)
    messages = sent(plot)
    for i in range(1000):
        clock.now = i * 0.001  # a point every millisecond for one second
        plot.add_points([('batch loss', i / 100, 1 / (i + 1))], epochs=i // 100)
    assert len(messages) == 4  # at 0.2, 0.4, 0.6 and 0.8 s: the first waits one period too
    plot.finish({'loss'})
    assert len(messages) == 5
    starts = [content['start'] for content, _ in messages]
    counts = [len(decode(*m)) for m in messages]
    assert starts == [0] + list(np.cumsum(counts[:-1]))
    received = [p for m in messages for p in decode(*m)]
    assert received == [['batch loss', i / 100, 1 / (i + 1)] for i in range(1000)]
    assert messages[-1][0]['epochs'] == 9


def test_an_epoch_count_alone_is_sent_too(sent):
    clock = FakeClock()
    plot = FitPlot(['loss'], throttle_ms=200, clock=clock)
    messages = sent(plot)
    clock.now = 1.0
    plot.add_points([], epochs=1)
    assert [(m['start'], m['epochs'], len(decode(m, b))) for m, b in messages] == [(0, 1, 0)]


def test_a_view_that_asks_gets_every_point_sent_so_far(sent):
    plot = FitPlot(['loss'])
    messages = sent(plot)
    plot.add_points([('loss', 1, 0.5), ('val_loss', 1, 0.75)], epochs=1)
    plot._on_front_end_message(plot, {'type': 'snapshot-request'}, [])
    content, buffers = messages[-1]
    assert (content['type'], content['start'], content['epochs']) == ('points', 0, 1)
    assert decode(content, buffers) == [['loss', 1.0, 0.5], ['val_loss', 1.0, 0.75]]


def test_finish_keeps_every_point_in_final_and_marks_done_in_the_same_update(monkeypatch):
    plot = FitPlot(['loss'])
    plot.add_points([('loss', 1, 0.5), ('loss', 2, float('inf'))], epochs=2)
    updates = []
    monkeypatch.setattr(plot.comm, 'send', lambda data=None, buffers=None, **kw: updates.append(data))
    plot.finish({'loss'})
    state_updates = [u['state'] for u in updates if u.get('method') == 'update']
    assert len(state_updates) == 1 and {'final', 'state'} <= set(state_updates[0])
    final = plot.final
    points = decode(final, [final['codes'], final['x'], final['y']])
    assert points[0] == ['loss', 1.0, 0.5] and points[1][:2] == ['loss', 2.0] and math.isnan(points[1][2])
    assert (final['start'], final['epochs'], plot.state) == (0, 2, 'done')


def test_series_data_is_grouped_by_series_in_order_of_appearance():
    plot = FitPlot(['loss'])
    plot.add_points([('batch loss', 0.5, 0.9), ('loss', 1, 0.8), ('batch loss', 1, 0.7)])
    data = plot.series_data()
    assert list(data) == ['batch loss', 'loss']
    assert data['batch loss'][0].tolist() == [0.5, 1.0] and data['batch loss'][1].tolist() == [0.9, 0.7]


@pytest.mark.parametrize('value, rounded', [(0.69314718, 0.6931), (123456.7, 123500.0), (-0.000123456, -0.0001235),
                                            (0.0, 0.0), (1.0, 1.0)])
def test_repr_values_keep_four_significant_digits(value, rounded):
    assert significant(value) == rounded


def test_repr_shows_last_epoch_values_only():
    plot = FitPlot(['loss', 'acc'], title='T')
    plot.add_points([('batch loss', 0.5, 0.123456), ('loss', 1, 0.69314718), ('val_loss', 1, 0.7),
                     ('acc', 1, 0.5), ('batch acc', 1, 0.25)], epochs=1)
    assert repr(plot) == "FitPlot(title='T', metrics=['loss', 'acc'], epochs=1, last={'loss': 0.6931, 'val_loss': 0.7, 'acc': 0.5})"


def test_charts_follow_tfjs_vis_axis_rules():
    def y_rules(**options):
        options = {'zoom_to_fit': False, 'zoom_to_fit_accuracy': False, 'y_axis_domain': None, **options}
        return [spec['y'] for spec in chart_specs(['loss', 'val_loss', 'acc', 'val_acc'], **options)]
    assert [s['name'] for s in chart_specs(['val_loss', 'acc'], zoom_to_fit=False, zoom_to_fit_accuracy=False,
                                           y_axis_domain=None)] == ['loss', 'acc']
    assert y_rules() == ['zero', [0.0, 1.0]]
    assert y_rules(zoom_to_fit=True) == ['fit', [0.0, 1.0]]
    assert y_rules(zoom_to_fit_accuracy=True) == ['zero', 'fit']
    assert y_rules(y_axis_domain=[0, 2]) == [[0.0, 2.0], [0.0, 1.0]]
    assert y_rules(y_axis_domain=[0, 2], zoom_to_fit=True) == ['fit', [0.0, 1.0]]  # zoomToFit wins, as in tfjs-vis
    with pytest.raises(ValueError, match=r'yAxisDomain must be \[low, high\] with low < high; received \[2, 1\]'):
        y_rules(y_axis_domain=[2, 1])


def test_a_finished_plot_carries_a_static_svg_of_its_curves():
    plot = FitPlot(['loss', 'acc'], title='Run 1')
    bundle, _ = plot._repr_mimebundle_()
    assert 'image/svg+xml' not in bundle  # nothing to picture while it waits
    plot.start(3)
    plot.add_points([('batch loss', 0.5, 0.95), ('loss', 1, 0.9), ('loss', 2, float('nan')), ('loss', 3, 0.3),
                     ('acc', 1, 0.5), ('acc', 2, 0.7), ('acc', 3, 0.8)], epochs=3)
    plot.finish({'loss', 'acc'})
    bundle, _ = plot._repr_mimebundle_()
    assert 'application/vnd.jupyter.widget-view+json' in bundle
    assert bundle['text/plain'] == repr(plot)
    svg = ElementTree.fromstring(bundle['image/svg+xml'])
    lines = [p.get('points').split() for p in svg.iter(SVG + 'polyline')]
    assert sorted(map(len, lines)) == [1, 1, 1, 3]  # the NaN splits the loss curve in two
    texts = [t.text for t in svg.iter(SVG + 'text')]
    assert texts[0] == 'Run 1' and {'loss', 'acc', 'batch loss', 'Epoch', 'Value', '0', '1'} <= set(texts)


def test_a_long_run_makes_a_small_picture_that_keeps_every_extreme():
    plot = FitPlot(['loss'], zoom_to_fit=True)
    plot.start(10)
    values = np.sin(np.arange(100_000) / 50)
    values[12_345] = 3.0  # a spike that must stay visible
    plot.add_points((('batch loss', i / 10_000, v) for i, v in enumerate(values)), epochs=10)
    plot.finish({'loss'})
    svg = ElementTree.fromstring(plot._repr_mimebundle_()[0]['image/svg+xml'])
    (line,) = svg.iter(SVG + 'polyline')
    ys = [float(p.split(',')[1]) for p in line.get('points').split()]
    chart_top = static_svg.HEADING + static_svg.MARGIN['top']
    assert len(ys) <= 4 * 600 and min(ys) == chart_top  # the spike reaches the top of the chart


def test_memory_stays_flat_over_ten_thousand_batches_beyond_the_points_themselves(monkeypatch):
    """A dashboard-length run: what the plot keeps grows by the 18 bytes of each point (series
    code, x, y) and nothing else; messages carry new points only, so the sent total is the data."""
    import tracemalloc
    clock = FakeClock()
    plot = FitPlot(['loss', 'acc'], throttle_ms=200, clock=clock)
    sent_points = []  # sizes only: a real comm lets its messages go once sent
    monkeypatch.setattr(plot, 'send', lambda content, buffers=None: sent_points.append(len(buffers[0]) // 2))
    plot.start(100)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for batch in range(10_000):
        clock.now += 0.01
        plot.add_points([('batch loss', batch / 100, 1 / (batch + 1)), ('batch acc', batch / 100, 0.5)])
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    points = 2 * 10_000
    assert grown < points * 18 * 1.3 + 50_000, grown  # the columns, with their growth slack
    assert sum(sent_points) <= points and len(sent_points) <= 10_000 * 0.01 / 0.2 + 1  # once each, throttled
