"""tf.vis.render and tf.vis.metrics against tfjs-vis's semantics. Reference values come from
real tfjs-vis 1.5.1 and the vega it draws with (tests/vis/tfjs_vis_reference.js wrote
tfjs_vis_fixtures.json)."""
import json
import math
import pathlib
import re
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.vis import render

FIXTURES = json.loads((pathlib.Path(__file__).parent / 'tfjs_vis_fixtures.json').read_text())
SVG = '{http://www.w3.org/2000/svg}'


def js_number(text):
    return float(text)  # float() reads JS's 'NaN', 'Infinity' and '-Infinity' too


@pytest.mark.parametrize('case', FIXTURES['metrics'], ids=lambda c: str(c['labels']))
def test_metrics_equal_tfjs_vis(case):
    labels, predictions = tf.tensor1d(case['labels']), tf.tensor1d(case['predictions'])
    assert tf.vis.metrics.accuracy(labels, predictions) == pytest.approx(case['accuracy'], abs=1e-7)
    weights = None if case['weights'] is None else tf.tensor1d(case['weights'])
    assert tf.vis.metrics.confusionMatrix(labels, predictions, case['numClasses'], weights) == case['confusionMatrix']
    if case['perClassAccuracy'] is not None:
        assert tf.vis.metrics.perClassAccuracy(labels, predictions, case['numClasses']) == case['perClassAccuracy']


def test_metrics_take_arrays_and_lists_and_refuse_bad_input_clearly():
    assert tf.vis.metrics.accuracy(np.array([[1, 2], [3, 4]]), [[1, 0], [3, 4]]) == 0.75
    with pytest.raises(ValueError, match='^Error computing accuracy. Shapes 3 and 2 must match$'):
        tf.vis.metrics.accuracy([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match=r'^labels must be a 1D tensor; received shape \[1, 2\]$'):
        tf.vis.metrics.confusion_matrix([[0, 1]], [0, 1])
    with pytest.raises(ValueError, match='^labels and predictions must be the same length; received 2 and 3$'):
        tf.vis.metrics.per_class_accuracy([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match=r'class ids must be in \[0, 1\] \(numClasses 2\); received 0 to 3$'):
        tf.vis.metrics.confusion_matrix([0, 3], [1, 1], 2)
    with pytest.raises(ValueError, match='weights must have one value per prediction; received 1 for 2'):
        tf.vis.metrics.confusion_matrix([0, 1], [1, 1], weights=[1.0])
    with pytest.raises(TypeError, match='labels must be a tensor or an array of numbers; received list'):
        tf.vis.metrics.accuracy(['a'], ['b'])


@pytest.mark.parametrize('case', FIXTURES['stats'], ids=lambda c: ','.join(c['values']))
def test_array_stats_equal_tfjs_vis(case):
    expected = {k: None if v is None else js_number(v) for k, v in case['stats'].items()}
    stats = render.array_stats([js_number(v) for v in case['values']])
    assert set(stats) == set(expected)
    for key, value in expected.items():
        assert stats[key] == value or (math.isnan(value) and math.isnan(stats[key])), key


@pytest.mark.parametrize('case', FIXTURES['formats'], ids=lambda c: str(c['value']))
def test_numbers_are_formatted_as_d3_format_does_in_tfjs_vis_tables(case):
    assert render.format_number(case['value']) == case['number']


@pytest.mark.parametrize('case', FIXTURES['histograms'], ids=lambda c: f"{c['name']}-{c['maxBins']}")
def test_histogram_bins_equal_vega_lites(case):
    values = [js_number(v) for v in case['values']]
    figure = tf.vis.render.histogram(None, values, {'maxBins': case['maxBins']})
    assert figure.data['bins'] == case['bins']


def test_histogram_draws_one_bar_per_bin_under_its_stats_table():
    figure = tf.vis.render.histogram('H', [0, 0, 1, 2, float('nan'), float('inf')])
    cells = re.findall(r'<td[^>]*>(.*?)</td>', figure.html)
    assert cells == ['6', '0', 'Infinity', '2 (33.3333%)', '1 (16.6667%)', '1 (16.6667%)']
    svg = ElementTree.fromstring(re.search(r'<svg.*</svg>', figure.html).group(0))
    assert len([r for r in svg.iter(SVG + 'rect') if r.get('data-value')]) == len(figure.data['bins'])
    assert '<table' not in tf.vis.render.histogram(None, [1, 2], stats=False).html
    assert tf.vis.render.histogram(None, [{'value': 1}, {'value': 2}]).data['bins'] == \
        tf.vis.render.histogram(None, [1, 2]).data['bins']
    with pytest.raises(ValueError, match='input data must have a value field'):
        tf.vis.render.histogram(None, [{'v': 1}])
    with pytest.raises(ValueError, match='maxBins must be a positive integer; received 0'):
        tf.vis.render.histogram(None, [1], max_bins=0)


def heat_cells(figure):
    svg = ElementTree.fromstring(re.search(r'<svg.*?</svg>', figure.html).group(0))
    return [(r.find(SVG + 'title').text, r.get('fill')) for r in svg.iter(SVG + 'rect') if r.find(SVG + 'title') is not None]


def test_heatmap_values_are_column_major_unless_row_major():
    columns = tf.vis.render.heatmap(None, {'values': [[1, 2], [3, 4], [5, 6]], 'xTickLabels': ['a', 'b', 'c']})
    assert columns.data['shape'] == [3, 2]
    titles = [title for title, _ in heat_cells(columns)]
    assert titles[:3] == ['a, 0: 1', 'a, 1: 2', 'b, 0: 3']
    rows = tf.vis.render.heatmap(None, {'values': tf.tensor2d([[1, 3, 5], [2, 4, 6]])}, {'rowMajor': True})
    assert [t.split(': ')[1] for t, _ in heat_cells(rows)] == ['1', '2', '3', '4', '5', '6']


def test_heatmap_colors_follow_the_map_and_domain():
    greys = tf.vis.render.heatmap(None, {'values': [[0, 10]]}, {'colorMap': 'greyscale'})
    assert [fill for _, fill in heat_cells(greys)] == ['#000000', '#ffffff']
    fixed = tf.vis.render.heatmap(None, {'values': [[0, 10]]}, {'colorMap': 'blues', 'domain': [0, 20]})
    assert [fill for _, fill in heat_cells(fixed)] == ['#f7fbff', render.interpolate_colors(('#f7fbff', '#4292c6'), 0.5)]
    assert fixed.data['domain'] == [0, 20]
    with pytest.raises(ValueError, match=r'Length of yTickLabels \(1\) must match number of columns \(2\)'):
        tf.vis.render.heatmap(None, {'values': [[0, 10]], 'yTickLabels': ['x']})
    with pytest.raises(ValueError, match='colorMap must be one of viridis, blues, greyscale'):
        tf.vis.render.heatmap(None, {'values': [[0]]}, {'colorMap': 'jet'})
    with pytest.raises(ValueError, match=r'must be a 2d array or Tensor2d; received shape \[3\]'):
        tf.vis.render.heatmap(None, {'values': [1, 2, 3]})


def test_confusion_matrix_shades_the_diagonal_unless_told_and_writes_the_counts():
    data = {'values': [[4, 2], [1, 7]], 'tickLabels': ['cat', 'dog']}
    shaded = tf.vis.render.confusionMatrix(None, data)
    assert shaded.data['shaded'] == [[True, True], [True, True]]
    cells = heat_cells(shaded)
    assert [t for t, _ in cells] == ['cat, cat: 4', 'cat, dog: 1', 'dog, cat: 2', 'dog, dog: 7']  # x: prediction
    assert re.findall(r'>(\d)</text>', shaded.html) == ['4', '1', '2', '7']
    plain = tf.vis.render.confusion_matrix(None, data, {'shadeDiagonal': False, 'showTextOverlay': False})
    assert plain.data['shaded'] == [[False, True], [True, False]]
    assert [fill for _, fill in heat_cells(plain)][0] == '#fff' and not re.findall(r'>(\d)</text>', plain.html)
    # nothing off the diagonal: tfjs-vis shades the diagonal after all
    perfect = tf.vis.render.confusion_matrix(None, {'values': [[3, 0], [0, 5]]}, {'shadeDiagonal': False})
    assert perfect.data['shaded'] == [[True, True], [True, True]] and perfect.data['classes'] == ['Class 0', 'Class 1']


def test_table_escapes_html_and_formats_numbers():
    figure = tf.vis.render.table('T', {'headers': ['<i>a</i>', 'b'], 'values': [[1234.56789, '<script>x</script>'], [True, None]]})
    assert '<script>' not in figure.html and '&lt;script&gt;x&lt;/script&gt;' in figure.html
    assert '&lt;i&gt;a&lt;/i&gt;' in figure.html
    assert figure.data['rows'] == [['1,234.5679', '<script>x</script>'], ['True', 'None']]
    with pytest.raises(ValueError, match='Data to render must have a "headers" property'):
        tf.vis.render.table(None, {'values': []})
    with pytest.raises(ValueError, match='Data to render must have a "values" property'):
        tf.vis.render.table(None, {'headers': []})


def test_line_and_scatter_charts_draw_each_series_and_check_their_options():
    data = {'values': [[{'x': 0, 'y': 1}, {'x': 1, 'y': 3}], [{'x': 0, 'y': 2}]], 'series': ['a', 'b']}
    line = tf.vis.render.linechart(None, data, {'seriesColors': ['red', 'blue'], 'yAxisDomain': [0, 4]})
    assert re.findall(r'<path d="[^"]+" fill="none" stroke="(\w+)"[^>]*data-series="(\w)"', line.html) == [
        ('red', 'a'), ('blue', 'b')]
    scatter = tf.vis.render.scatterplot(None, data, {'zoomToFit': True})
    assert len(re.findall('<circle', scatter.html)) == 3
    with pytest.raises(ValueError, match='equal number of series labels as there are data series; received 1 labels for 2'):
        tf.vis.render.linechart(None, {**data, 'series': ['a']})
    with pytest.raises(ValueError, match='equal number of series colors as there are data series; received 1 colors'):
        tf.vis.render.scatterplot(None, data, {'seriesColors': ['red']})
    with pytest.raises(TypeError, match="unknown option 'colour'"):
        tf.vis.render.linechart(None, data, {'colour': 'red'})
    with pytest.raises(ValueError, match=r'an axis domain must be \[low, high\] with low < high; received \[4, 0\]'):
        tf.vis.render.linechart(None, data, {'yAxisDomain': [4, 0]})


def test_barchart_draws_bars_with_one_color_or_one_per_bar():
    data = [{'index': 'a', 'value': 2}, {'index': 'b', 'value': -1}]
    assert re.findall(r'fill="(#\w+|\w+)" data-value', tf.vis.render.barchart(None, data).html) == ['#4C78A0'] * 2
    assert re.findall(r'fill="(\w+)" data-value', tf.vis.render.barchart(None, data, {'color': ['red', 'green']}).html) == [
        'red', 'green']
    with pytest.raises(TypeError, match=r"barchart data must be a list of \{'index': ..., 'value': ...\}; received dict"):
        tf.vis.render.barchart(None, {'a': 1})


def test_a_figure_is_html_with_a_stable_repr_and_containers_are_checked():
    figure = tf.vis.render.barchart('Counts', [{'index': 0, 'value': 1}])
    bundle = figure._repr_mimebundle_()
    assert bundle['text/plain'] == "Figure(kind='barchart', name='Counts', bars=1)"
    assert 'data-tfjs-lab-figure="barchart"' in bundle['text/html']
    with pytest.raises(TypeError, match=r"container must be a name, a \{'name': ..., 'tab': ...\} surface or None; received int 3"):
        tf.vis.render.barchart(3, [])
