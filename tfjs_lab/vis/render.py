"""``tf.vis.render``: tfjs-vis's charts, drawn in Python as HTML with inline SVG.

A chart is a :class:`Figure`: plain HTML that every front end shows (JupyterLab, Notebook 7,
nbconvert, GitHub), with a deterministic ``repr`` for nbval. The container is tfjs-vis's:
``None`` or a name draws in the cell's output; a ``{'name': ..., 'tab': ...}`` surface draws in
the visor (:func:`tfjs_lab.vis.visor`), as tfjs-vis does.

Semantics follow tfjs-vis 1.5 (which draws with vega-lite): histogram bins are vega's ``bin``
with ``maxBins`` (12), and its stats table counts what ``arrayStats`` counts; heatmap values are
column-major (``values[x][y]``) unless ``rowMajor``; the confusion matrix is ``values[label]
[prediction]`` and leaves the diagonal unshaded with ``shadeDiagonal: False`` (unless everything
off the diagonal is zero); tables format numbers as d3's ``',.4~f'``. Unlike tfjs-vis, table
cells are HTML-escaped, and line charts use the points' ``x`` (tfjs-vis 1.5 plots by index).
"""
import math
from html import escape

import numpy as np

from .._naming import add_camel_aliases, takes_options
from .static_svg import nice_ticks

MARGIN = {'left': 52, 'right': 14, 'top': 12, 'bottom': 36}
PALETTE = ('#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6')
COLOR_MAPS = {
    'viridis': ('#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'),
    'blues': ('#f7fbff', '#4292c6'),
    'greyscale': ('#000000', '#ffffff'),
}


class Figure:
    """One drawn chart: ``html`` for notebooks, ``data`` (what was drawn) for scripts and tests.

    >>> import tfjs_lab as tf
    >>> tf.vis.render.barchart(None, [{'index': 0, 'value': 5}, {'index': 1, 'value': 2}])
    Figure(kind='barchart', name=None, bars=2)
    """

    def __init__(self, kind, html, name=None, **data):
        self.kind, self.name, self.data = kind, name, data
        # body: what a visor surface shows under its own label; html: the figure with its name
        self.body = f'<div class="tfjs-lab-figure" data-tfjs-lab-figure="{kind}" style="font:12px sans-serif">{html}</div>'
        self.html = (f'<div style="font:600 12px sans-serif;margin:4px 0">{escape(name)}</div>' if name else '') + self.body
        self.shown_in = None  # the visor this figure was drawn into, if any

    def __repr__(self):
        shown = ', '.join(f'{k}={_brief(v)}' for k, v in self.data.items() if not k.startswith('_'))
        return f'Figure(kind={self.kind!r}, name={self.name!r}{", " if shown else ""}{shown})'

    def _repr_mimebundle_(self, **kwargs):
        if self.shown_in is not None and self.shown_in.display is not None:
            return {'text/plain': repr(self)}  # on screen in the visor already
        return {'text/html': self.html, 'text/plain': repr(self)}


def _brief(value):
    """Short lists of plain values as they are, longer or nested ones by their length."""
    if isinstance(value, (list, tuple)) and (len(value) > 4 or any(isinstance(v, (list, tuple, dict)) for v in value)):
        return len(value)
    return repr(value)


def _container_name(container):
    if container is None or isinstance(container, str):
        return container
    if isinstance(container, dict) and isinstance(container.get('name'), str) \
            and set(container) <= {'name', 'tab', 'styles'}:
        return container['name']
    raise TypeError("container must be a name, a {'name': ..., 'tab': ...} surface or None; "
                    f'received {type(container).__name__} {container!r}')


def place(container, kind, html, **data):
    """A Figure for ``container``: drawn into the visor for a surface dict."""
    figure = Figure(kind, html, _container_name(container), **data)
    if isinstance(container, dict):
        from .visor import visor
        visor().draw(container, figure)
    return figure


# --- numbers -------------------------------------------------------------------------------

def format_number(value):
    """d3-format's ``',.4~f'``, which tfjs-vis's tables use: four decimals at most, trailing
    zeros trimmed, thousands separated by commas."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        return str(value)
    value = float(value)
    if not math.isfinite(value):
        return {math.inf: 'Infinity', -math.inf: '-Infinity'}.get(value, 'NaN')
    text = f'{abs(value):,.4f}'.rstrip('0').rstrip('.')
    return ('-' if value < 0 and text != '0' else '') + text


def array_stats(values):
    """tfjs-vis's ``arrayStats``: numVals, numZeros, numNans, numInfs, min and max (NaN when
    every value is NaN; None for no values)."""
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    if values.size == 0:
        return {'numVals': 0, 'numNans': 0, 'numZeros': 0, 'max': None, 'min': None}
    nans = np.isnan(values)
    real = values[~nans]
    return {'numVals': int(values.size), 'numZeros': int(np.sum(values == 0)), 'numNans': int(nans.sum()),
            'max': float(real.max()) if real.size else math.nan, 'min': float(real.min()) if real.size else math.nan,
            'numInfs': int(np.sum(np.isinf(values)))}


def vega_bins(low, high, max_bins):
    """(start, stop, step) of vega's ``bin`` transform for data in [low, high], as vega-lite
    asks for it (``maxbins``, nice, base 10, divide [5, 2])."""
    span = (high - low) or abs(low) or 1
    level = math.ceil(math.log(max_bins) / math.log(10))
    step = 10 ** (math.floor(math.log(span) / math.log(10) + 0.5) - level)  # JS Math.round
    while math.ceil(span / step) > max_bins:
        step *= 10
    for divisor in (5, 2):
        if span / (step / divisor) <= max_bins:
            step /= divisor
    v = math.log(step)
    precision = 0 if v >= 0 else int(-v / math.log(10)) + 1
    eps = 10 ** (-precision - 1)
    nice_low = math.floor(low / step + eps) * step
    low = nice_low - step if low < nice_low else nice_low
    high = math.ceil(high / step) * step
    return low, (high if high != low else low + step), step


def histogram_bins(values, max_bins=12):
    """``[[bin start, bin end, count]]`` of the non-empty bins, as tfjs-vis's histogram draws them
    (vega's binning; non-finite values are left out)."""
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return []
    start, stop, step = vega_bins(float(values.min()), float(values.max()), max_bins)
    clamped = np.maximum(start, np.minimum(values, stop - step))
    index = np.floor(1e-14 + (clamped - start) / step).astype(np.int64)
    bins = []
    for i, count in zip(*np.unique(index, return_counts=True)):
        low = start + step * float(i)
        bins.append([low, low + step, int(count)])
    return bins


def interpolate_colors(stops, t):
    """The color at ``t`` in [0, 1] along evenly spaced ``stops`` (hex)."""
    t = min(max(float(t), 0.0), 1.0) if math.isfinite(t) else 0.0
    rgb = [tuple(int(s[i:i + 2], 16) for i in (1, 3, 5)) for s in stops]
    at = t * (len(rgb) - 1)
    i = min(int(at), len(rgb) - 2)
    f = at - i
    return '#' + ''.join(f'{round(a + (b - a) * f):02x}' for a, b in zip(rgb[i], rgb[i + 1]))


def _color_stops(color_map):
    if isinstance(color_map, (list, tuple)) and len(color_map) >= 2:
        return tuple(color_map)
    if color_map in COLOR_MAPS:
        return COLOR_MAPS[color_map]
    raise ValueError(f"colorMap must be one of {', '.join(COLOR_MAPS)} or a list of colors; received {color_map!r}")


# --- drawing -------------------------------------------------------------------------------

class _Plot:
    """An SVG plot area with linear axes; parts are appended to ``parts``."""

    def __init__(self, width, height, x_domain, y_domain, x_label='', y_label=''):
        self.width, self.height = width, height
        self.x_domain, self.y_domain = x_domain, y_domain
        self.w = width - MARGIN['left'] - MARGIN['right']
        self.h = height - MARGIN['top'] - MARGIN['bottom']
        self.parts = [f'<rect x="{MARGIN["left"]}" y="{MARGIN["top"]}" width="{self.w}" height="{self.h}" '
                      'fill="none" stroke="#bbb"/>']
        self.x_label, self.y_label = x_label, y_label

    def sx(self, x):
        low, high = self.x_domain
        return MARGIN['left'] + (x - low) / (high - low) * self.w

    def sy(self, y):
        low, high = self.y_domain
        return MARGIN['top'] + (1 - (y - low) / (high - low)) * self.h

    def axes(self, x_ticks=True):
        for y in nice_ticks(*self.y_domain):
            self.parts.append(f'<line x1="{MARGIN["left"]}" x2="{MARGIN["left"] + self.w}" y1="{self.sy(y):.1f}" '
                              f'y2="{self.sy(y):.1f}" stroke="#eee"/><text x="{MARGIN["left"] - 4}" '
                              f'y="{self.sy(y) + 3.5:.1f}" text-anchor="end" font-size="10">{y:.6g}</text>')
        if x_ticks:
            for x in nice_ticks(*self.x_domain):
                self.parts.append(f'<text x="{self.sx(x):.1f}" y="{MARGIN["top"] + self.h + 14}" '
                                  f'text-anchor="middle" font-size="10">{x:.6g}</text>')
        self.labels()

    def labels(self):
        middle = MARGIN['top'] + self.h / 2
        self.parts.append(f'<text x="{MARGIN["left"] + self.w / 2}" y="{self.height - 4}" text-anchor="middle">'
                          f'{escape(str(self.x_label or ""))}</text><text x="12" y="{middle}" text-anchor="middle" '
                          f'transform="rotate(-90 12 {middle})">{escape(str(self.y_label or ""))}</text>')

    def svg(self):
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                f'font-family="sans-serif" font-size="11">{"".join(self.parts)}</svg>')


def _domain(values, zoom_to_fit, fixed):
    """A value axis: ``fixed`` [low, high], else the data's range (with zero unless zoomed)."""
    if fixed is not None:
        if not (isinstance(fixed, (list, tuple)) and len(fixed) == 2 and fixed[0] < fixed[1]):
            raise ValueError(f'an axis domain must be [low, high] with low < high; received {fixed!r}')
        return [float(fixed[0]), float(fixed[1])]
    values = [v for v in values if math.isfinite(v)]
    if not values:
        return [0.0, 1.0]
    low, high = min(values), max(values)
    if not zoom_to_fit:
        low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        low, high = low - 0.5, high + 0.5
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1
    return [math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step]


def _series(data, kind):
    """tfjs-vis's ``{values, series}``: one list of {x, y} points or a list of such lists."""
    if not isinstance(data, dict) or 'values' not in data:
        raise TypeError(f"{kind} data must be {{'values': [{{'x': ..., 'y': ...}}, ...], 'series': [...]}}; "
                        f'received {type(data).__name__}')
    values = data['values']
    lists = values if values and isinstance(values[0], (list, tuple)) else [values]
    names = list(data.get('series') or [f'Series {i + 1}' for i in range(len(lists))])
    if len(names) != len(lists):
        raise ValueError(f'Must have an equal number of series labels as there are data series; received '
                         f'{len(names)} labels for {len(lists)} series')
    try:
        return names, [[(float(p['x']), float(p['y'])) for p in points] for points in lists]
    except (KeyError, TypeError) as error:
        raise TypeError(f"{kind} points must be dicts with numbers 'x' and 'y'; received {error!s}") from None


def _colors(series_colors, count):
    if series_colors is None:
        return [PALETTE[i % len(PALETTE)] for i in range(count)]
    if len(series_colors) != count:
        raise ValueError('Must have an equal number of series colors as there are data series; received '
                         f'{len(series_colors)} colors for {count} series')
    return list(series_colors)


def _legend(plot, names, colors):
    x = plot.width - MARGIN['right']
    for name, color in reversed(list(zip(names, colors))):
        plot.parts.append(f'<text x="{x}" y="{MARGIN["top"] + 12}" text-anchor="end">{escape(name)}</text>')
        x -= 6.5 * len(name) + 4
        plot.parts.append(f'<rect x="{x - 10}" y="{MARGIN["top"] + 4}" width="9" height="9" fill="{color}"/>')
        x -= 18


@takes_options
def linechart(container, data, *, x_label='x', y_label='y', width=600, height=300, zoom_to_fit=False,
              y_axis_domain=None, series_colors=None, x_type='quantitative', y_type='quantitative', font_size=11):
    """Lines through ``{'values': [[{x, y}, ...], ...], 'series': [names]}``, as
    ``tfvis.render.linechart``.

    >>> import tfjs_lab as tf
    >>> tf.vis.render.linechart('Sine', {'values': [{'x': 0, 'y': 0}, {'x': 1, 'y': 0.84}]}, {'zoomToFit': True})
    Figure(kind='linechart', name='Sine', series=['Series 1'], points=2)
    """
    names, lists = _series(data, 'linechart')
    colors = _colors(series_colors, len(lists))
    xs = [x for points in lists for x, _ in points]
    plot = _Plot(width, height, _domain(xs, True, None),
                 _domain([y for points in lists for _, y in points], zoom_to_fit, y_axis_domain), x_label, y_label)
    plot.axes()
    for points, color, name in zip(lists, colors, names):
        path = 'M' + 'L'.join(f'{plot.sx(x):.1f},{plot.sy(y):.1f}' for x, y in points if math.isfinite(y))
        plot.parts.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="1.8" '
                          f'data-series="{escape(name)}"/>')
    _legend(plot, names, colors)
    return place(container, 'linechart', plot.svg(), series=names, points=sum(map(len, lists)))


@takes_options
def scatterplot(container, data, *, x_label='x', y_label='y', width=600, height=300, zoom_to_fit=False,
                x_axis_domain=None, y_axis_domain=None, series_colors=None, x_type='quantitative',
                y_type='quantitative', font_size=11):
    """Points of ``{'values': [[{x, y}, ...], ...], 'series': [names]}``, as
    ``tfvis.render.scatterplot``.

    >>> import tfjs_lab as tf
    >>> tf.vis.render.scatterplot(None, {'values': [[{'x': 1, 'y': 2}], [{'x': 2, 'y': 1}]], 'series': ['a', 'b']})
    Figure(kind='scatterplot', name=None, series=['a', 'b'], points=2)
    """
    names, lists = _series(data, 'scatterplot')
    colors = _colors(series_colors, len(lists))
    plot = _Plot(width, height, _domain([x for p in lists for x, _ in p], zoom_to_fit, x_axis_domain),
                 _domain([y for p in lists for _, y in p], zoom_to_fit, y_axis_domain), x_label, y_label)
    plot.axes()
    for points, color, name in zip(lists, colors, names):
        plot.parts += [f'<circle cx="{plot.sx(x):.1f}" cy="{plot.sy(y):.1f}" r="3" fill="none" stroke="{color}" '
                       f'data-series="{escape(name)}"/>' for x, y in points if math.isfinite(x) and math.isfinite(y)]
    _legend(plot, names, colors)
    return place(container, 'scatterplot', plot.svg(), series=names, points=sum(map(len, lists)))


def _bars(plot, bars, colors):
    """Bars ``(label, low, high, value)`` on a band x axis (low/high None) or a linear one."""
    band = plot.w / max(len(bars), 1)
    for i, (label, low, high, value) in enumerate(bars):
        left, right = (MARGIN['left'] + band * (i + 0.1), MARGIN['left'] + band * (i + 0.9)) if low is None \
            else (plot.sx(low) + 0.5, plot.sx(high) - 0.5)
        top, bottom = sorted((plot.sy(value), plot.sy(max(plot.y_domain[0], 0.0))))
        plot.parts.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{max(right - left, 0.5):.1f}" '
                          f'height="{bottom - top:.1f}" fill="{colors[i % len(colors)]}" data-value="{value:g}">'
                          f'<title>{escape(str(label))}: {format_number(value)}</title></rect>')
        if low is None:
            plot.parts.append(f'<text x="{(left + right) / 2:.1f}" y="{MARGIN["top"] + plot.h + 14}" '
                              f'text-anchor="middle" font-size="10">{escape(str(label))}</text>')


@takes_options
def barchart(container, data, *, x_label='', y_label='', width=600, height=300, color=None, x_type='ordinal',
             y_type='quantitative', font_size=11):
    """Bars of ``[{'index': ..., 'value': ...}]``, as ``tfvis.render.barchart``; ``color`` is one
    color or one per bar.

    >>> import tfjs_lab as tf
    >>> tf.vis.render.barchart('Counts', [{'index': 'cat', 'value': 3}])
    Figure(kind='barchart', name='Counts', bars=1)
    """
    if not isinstance(data, (list, tuple)) or not all(isinstance(d, dict) and 'index' in d and 'value' in d
                                                      for d in data):
        raise TypeError("barchart data must be a list of {'index': ..., 'value': ...}; "
                        f'received {type(data).__name__}')
    colors = list(color) if isinstance(color, (list, tuple)) else [color or '#4C78A0']
    values = [float(d['value']) for d in data]
    plot = _Plot(width, height, (0, 1), _domain(values, False, None), x_label, y_label)
    plot.axes(x_ticks=False)
    _bars(plot, [(d['index'], None, None, v) for d, v in zip(data, values)], colors)
    return place(container, 'barchart', plot.svg(), bars=[(d['index'], v) for d, v in zip(data, values)])


def stats_table(stats):
    """tfjs-vis's histogram stats row: each count with its share of all values."""
    headers, cells = [], []
    total = stats.get('numVals')
    for key, header in (('numVals', 'Num Vals'), ('min', 'Min'), ('max', 'Max'), ('numZeros', '# Zeros'),
                        ('numNans', '# NaNs'), ('numInfs', '# Infinity')):
        if stats.get(key) is None:
            continue
        headers.append(header)
        cell = format_number(stats[key])
        if key in ('numZeros', 'numNans', 'numInfs') and total and stats[key] > 0:
            cell += f' ({format_number(100 * stats[key] / total)}%)'
        cells.append(cell)
    return table_html(headers, [cells])


@takes_options
def histogram(container, data, *, max_bins=12, stats=None, width=600, height=300, color='#001B44', font_size=11,
              x_label='value', y_label='count'):
    """Counts of ``data`` (numbers or ``[{'value': ...}]``) in vega's bins, with tfjs-vis's
    stats table above it (``stats=False`` hides it; a dict replaces it).

    >>> import tfjs_lab as tf
    >>> tf.vis.render.histogram(None, [1, 2, 2, 3, 3, 3, float('nan')]).data['bins']
    [[1.0, 1.2, 1], [2.0, 2.2, 2], [2.8, 3.0, 3]]
    """
    if not isinstance(max_bins, int) or max_bins < 1:
        raise ValueError(f'maxBins must be a positive integer; received {max_bins!r}')
    values = _histogram_values(data)
    bins = histogram_bins(values, max_bins)
    html = '' if stats is False else stats_table(stats or array_stats(values))
    if bins:
        plot = _Plot(width, height, (bins[0][0], bins[-1][1]), _domain([b[2] for b in bins], False, None),
                     x_label, y_label)
        plot.axes()
        _bars(plot, [(f'{low:g} – {high:g}', low, high, count) for low, high, count in bins], [color])
        html += plot.svg()
    return place(container, 'histogram', html, bins=[[float(a), float(b), c] for a, b, c in bins])


def _histogram_values(data):
    values = getattr(data, '_data', data)
    if isinstance(values, np.ndarray):
        return values.reshape(-1).astype(np.float64)
    if not isinstance(values, (list, tuple)):
        raise TypeError(f'histogram data must be an array of numbers or of {{value}} objects; received '
                        f'{type(data).__name__}')
    if values and isinstance(values[0], dict):
        if values[0].get('value') is None:
            raise ValueError('input data must have a value field')
        values = [v['value'] for v in values]
    return np.asarray(values, dtype=np.float64)


def _matrix(values, name):
    array = np.asarray(getattr(values, '_data', values), dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(f'Input to {name} must be a 2d array or Tensor2d; received shape {list(array.shape)}')
    return array


def _cells(columns, x_labels, y_labels, fill, text=None, cell=28):
    """SVG of a grid: ``columns[x][y]`` drawn at column x, row y; ``fill(x, y)`` a color or None."""
    left, top = 8 + 7 * max(map(len, map(str, y_labels)), default=1), 8
    parts = []
    for x, column in enumerate(columns):
        for y, value in enumerate(column):
            color = fill(x, y)
            parts.append(f'<rect x="{left + x * cell}" y="{top + y * cell}" width="{cell}" height="{cell}" '
                         f'fill="{color or "#fff"}" stroke="{"#ddd" if color is None else "none"}">'
                         f'<title>{escape(str(x_labels[x]))}, {escape(str(y_labels[y]))}: {format_number(value)}'
                         '</title></rect>')
            if text is not None:
                parts.append(f'<text x="{left + (x + 0.5) * cell}" y="{top + (y + 0.5) * cell + 4}" '
                             f'text-anchor="middle" font-size="10" fill="{text(x, y)}">{format_number(value)}</text>')
    bottom = top + cell * (len(columns[0]) if len(columns) else 0)
    parts += [f'<text x="{left - 4}" y="{top + (y + 0.5) * cell + 4}" text-anchor="end" font-size="10">'
              f'{escape(str(label))}</text>' for y, label in enumerate(y_labels)]
    parts += [f'<text x="{left + (x + 0.5) * cell}" y="{bottom + 12}" text-anchor="middle" font-size="10">'
              f'{escape(str(label))}</text>' for x, label in enumerate(x_labels)]
    width, height = left + cell * len(columns) + 8, bottom + 40
    return width, height, parts


def _axis_titles(width, height, x_label, y_label):
    return (f'<text x="{width / 2}" y="{height - 6}" text-anchor="middle">{escape(str(x_label or ""))}</text>'
            f'<text x="10" y="{height / 2}" text-anchor="middle" transform="rotate(-90 10 {height / 2})">'
            f'{escape(str(y_label or ""))}</text>')


def _svg(width, height, parts):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + 14}" height="{height}" font-family="sans-serif" '
            f'font-size="11"><g transform="translate(14 0)">{"".join(parts)}</g></svg>')


@takes_options
def heatmap(container, data, *, x_label=None, y_label=None, x_type='ordinal', y_type='ordinal', color_map='viridis',
            font_size=12, domain=None, row_major=False, width=None, height=None):
    """Cells colored by value: ``data['values'][x][y]`` (column-major, as tfjs-vis; ``rowMajor``
    for ``values[row][column]``), optional ``xTickLabels``/``yTickLabels``; ``colorMap`` viridis,
    blues or greyscale; ``domain`` [low, high] fixes the color scale.

    >>> import tfjs_lab as tf
    >>> tf.vis.render.heatmap(None, {'values': [[1, 2], [3, 4], [5, 6]]}).data['shape']
    [3, 2]
    """
    if not isinstance(data, dict) or 'values' not in data:
        raise TypeError(f"heatmap data must be {{'values': ..., 'xTickLabels': ..., 'yTickLabels': ...}}; "
                        f'received {type(data).__name__}')
    columns = _matrix(data['values'], 'heatmap')
    if row_major:
        columns = columns.T
    x_labels, y_labels = data.get('xTickLabels', data.get('x_tick_labels')), data.get('yTickLabels', data.get('y_tick_labels'))
    if x_labels is not None and len(x_labels) != columns.shape[0]:
        raise ValueError(f'Length of xTickLabels ({len(x_labels)}) must match number of rows ({columns.shape[0]})')
    if y_labels is not None and len(y_labels) != columns.shape[1]:
        raise ValueError(f'Length of yTickLabels ({len(y_labels)}) must match number of columns ({columns.shape[1]})')
    stops = _color_stops(color_map)
    finite = columns[np.isfinite(columns)]
    low, high = (domain if domain is not None else
                 (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0))
    span = (high - low) or 1.0
    x_labels = list(x_labels) if x_labels is not None else list(range(columns.shape[0]))
    y_labels = list(y_labels) if y_labels is not None else list(range(columns.shape[1]))
    cell = max(3, min(28, int(560 / max(columns.shape[0], 1))))
    w, h, parts = _cells(columns, x_labels, y_labels,
                         lambda x, y: interpolate_colors(stops, (columns[x, y] - low) / span), cell=cell)
    parts.append(_axis_titles(w, h, x_label, y_label))
    legend = ''.join(f'<span style="display:inline-block;width:12px;height:10px;background:'
                     f'{interpolate_colors(stops, i / 9)}"></span>' for i in range(10))
    html = _svg(w, h, parts) + (f'<div style="font-size:10px">{format_number(low)} {legend} '
                                f'{format_number(high)}</div>')
    return place(container, 'heatmap', html, shape=list(columns.shape), domain=[low, high])


@takes_options
def confusion_matrix(container, data, *, x_label=None, y_label=None, shade_diagonal=True, show_text_overlay=True,
                     color_map=('#f7fbff', '#4292c6'), font_size=12, width=None, height=400, x_type='nominal',
                     y_type='nominal'):
    """``data['values'][label][prediction]`` as shaded cells with counts written on them, as
    ``tfvis.render.confusionMatrix``; ``tickLabels`` name the classes (default ``Class i``).

    >>> import tfjs_lab as tf
    >>> tf.vis.render.confusion_matrix(None, {'values': [[4, 1], [0, 5]]}, {'shadeDiagonal': False}).data['shaded']
    [[False, True], [True, False]]
    """
    if not isinstance(data, dict) or 'values' not in data:
        raise TypeError(f"confusionMatrix data must be {{'values': [[...]], 'tickLabels': [...]}}; "
                        f'received {type(data).__name__}')
    rows = _matrix(data['values'], 'confusionMatrix')
    labels = list(data.get('tickLabels') or data.get('tick_labels') or [f'Class {i}' for i in range(len(rows))])
    if len(labels) != rows.shape[0] or rows.shape[0] != rows.shape[1]:
        raise ValueError(f'confusionMatrix values must be square with one tick label per class; received shape '
                         f'{list(rows.shape)} and {len(labels)} labels')
    off_diagonal = rows[~np.eye(len(rows), dtype=bool)]
    shaded = np.ones(rows.shape, dtype=bool)
    if not shade_diagonal and np.any(off_diagonal != 0):  # tfjs-vis shades it after all if nothing else is
        np.fill_diagonal(shaded, False)
    stops = _color_stops(color_map)
    scaled = rows[shaded]
    low, high = (float(scaled.min()), float(scaled.max())) if scaled.size else (0.0, 1.0)
    colors = np.empty(rows.shape, dtype=object)
    for (label, prediction), value in np.ndenumerate(rows):
        t = (value - low) / ((high - low) or 1.0)
        colors[label, prediction] = interpolate_colors(stops, t) if shaded[label, prediction] else None
    w, h, parts = _cells(rows.T, labels, labels, lambda x, y: colors[y, x],
                         text=(lambda x, y: '#fff' if colors[y, x] and (rows[y, x] - low) / ((high - low) or 1) > 0.6
                               else '#222') if show_text_overlay else None)
    parts.append(_axis_titles(w, h, x_label or 'prediction', y_label or 'label'))
    return place(container, 'confusion_matrix', _svg(w, h, parts), classes=labels, shaded=shaded.tolist())


def table_html(headers, rows):
    head = ''.join(f'<th style="text-align:left;padding:2px 12px 2px 0;border-bottom:1px solid #ccc">'
                   f'{escape(str(h))}</th>' for h in headers)
    body = ''.join('<tr>' + ''.join(f'<td style="padding:2px 12px 2px 0">{escape(format_number(c))}</td>'
                                    for c in row) + '</tr>' for row in rows)
    return f'<table class="tf-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


@takes_options
def table(container, data, *, font_size=14):
    """``{'headers': [...], 'values': [[...], ...]}`` as an HTML table, as ``tfvis.render.table``;
    numbers as d3's ``',.4~f'``, every cell escaped.

    >>> import tfjs_lab as tf
    >>> tf.vis.render.table(None, {'headers': ['a', 'b'], 'values': [[1234.56789, '<b>x</b>']]}).data['rows']
    [['1,234.5679', '<b>x</b>']]
    """
    if not isinstance(data, dict) or data.get('headers') is None:
        raise ValueError('Data to render must have a "headers" property')
    if data.get('values') is None:
        raise ValueError('Data to render must have a "values" property')
    rows = [list(row) for row in data['values']]
    return place(container, 'table', table_html(data['headers'], rows), headers=list(data['headers']),
                 rows=[[format_number(c) for c in row] for row in rows])


add_camel_aliases(globals())
