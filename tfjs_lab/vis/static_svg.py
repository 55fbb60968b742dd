"""The static picture of a finished :class:`~tfjs_lab.vis.fit_plot.FitPlot`: SVG text for front
ends that cannot run widgets (nbconvert, GitHub). It draws what ``vis/static/fit_plot.js``
draws live, with the same axis rules, and needs no plotting library (about a millisecond).
"""
import math
from html import escape

import numpy as np

from .fit_plot import BATCH_PREFIX, base_metric

DEFAULT_WIDTH = 600
HEADING = 22
MARGIN = {'left': 58, 'right': 14, 'top': 30, 'bottom': 38}
COLORS = {'epoch': '#1f77b4', 'val': '#ff7f0e', 'batch': '#9ecae1'}
KIND_ORDER = ('batch', 'epoch', 'val')  # batch curves first, so epoch curves lie on top


def series_kind(series):
    if series.startswith(BATCH_PREFIX):
        return 'batch'
    return 'val' if series.startswith('val_') else 'epoch'


def chart_of(series):
    return base_metric(series[len(BATCH_PREFIX):] if series.startswith(BATCH_PREFIX) else series)


def tick_step(low, high):
    """A round step giving about five ticks over [low, high]."""
    unit = 10 ** math.floor(math.log10((high - low) / 5))
    return next(s for s in (unit, 2 * unit, 5 * unit, 10 * unit) if (high - low) / s <= 6)


def nice_ticks(low, high):
    step = tick_step(low, high)
    first, last = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    return [float(f'{i * step:.12g}') for i in range(first, last + 1)]


def y_domain(spec, values):
    """[low, high] of a chart: ``spec`` is a fixed range, ``'fit'`` or ``'zero'``."""
    if isinstance(spec, list):
        return spec
    if not len(values):
        return [0.0, 1.0]
    low, high = float(values.min()), float(values.max())
    if spec == 'zero':
        low, high = min(low, 0.0), max(high, 0.0)
    if low == high:
        low, high = low - 0.5, high + 0.5
    step = tick_step(low, high)
    return [float(f'{i * step:.12g}') for i in (math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9))]


def pixel_extremes(px, py):
    """Indices of the points worth drawing of a line whose x only grows: in each pixel column
    its first, lowest, highest and last point (the same picture as every point, so a long run
    stays a small image)."""
    if len(px) <= 4 * (px[-1] - px[0] + 1):
        return range(len(px))
    columns = np.rint(px)
    starts = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]])
    ends = np.r_[starts[1:], len(px)] - 1
    by_height = np.lexsort((py, columns))  # columns only grow, so each column's points stay together
    return np.unique(np.concatenate([starts, ends, by_height[starts], by_height[ends]]))


def fit_plot_svg(plot):
    """SVG text: the title, then one chart per metric, stacked vertically."""
    width, height = plot.layout['width'] or DEFAULT_WIDTH, plot.layout['height']
    series = plot.series_data()
    x_max = max([1.0, float(plot.total_epochs)] + [float(x.max()) for x, _ in series.values() if len(x)])
    panels = [_chart(plot, chart, series, HEADING + i * height, width, height, x_max)
              for i, chart in enumerate(plot.charts)]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEADING + height * len(panels)}" '
            f'font-family="sans-serif" font-size="11" fill="#222">'
            f'<text x="2" y="15" font-size="12" font-weight="bold">{escape(plot.title)}</text>'
            f'{"".join(panels)}</svg>')


def _chart(plot, chart, series, top, width, height, x_max):
    mine = sorted(((name, xy) for name, xy in series.items() if chart_of(name) == chart['name']),
                  key=lambda item: KIND_ORDER.index(series_kind(item[0])))
    values = np.concatenate([y[np.isfinite(y)] for _, (_, y) in mine] or [np.zeros(0)])
    y_low, y_high = y_domain(chart['y'], values)
    left, plot_w = MARGIN['left'], width - MARGIN['left'] - MARGIN['right']
    plot_top, plot_h = top + MARGIN['top'], height - MARGIN['top'] - MARGIN['bottom']

    def to_x(x):
        return left + x / x_max * plot_w

    def to_y(y):
        return plot_top + (1 - (np.clip(y, y_low, y_high) - y_low) / (y_high - y_low)) * plot_h

    parts = [f'<text x="{left}" y="{top + 16}" font-weight="bold">{escape(chart["name"])}</text>',
             f'<rect x="{left}" y="{plot_top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#bbb"/>']
    for y in nice_ticks(y_low, y_high):
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{to_y(y):.1f}" y2="{to_y(y):.1f}" stroke="#eee"/>'
                     f'<text x="{left - 5}" y="{to_y(y) + 3.5:.1f}" font-size="10" text-anchor="end">{y:.6g}</text>')
    for x in nice_ticks(0, x_max):
        if x.is_integer():
            parts.append(f'<text x="{to_x(x):.1f}" y="{plot_top + plot_h + 15}" font-size="10" '
                         f'text-anchor="middle">{x:g}</text>')
    middle = plot_top + plot_h / 2
    parts.append(f'<text x="{left + plot_w / 2}" y="{top + height - 4}" text-anchor="middle">'
                 f'{escape(plot.layout["x_label"])}</text>'
                 f'<text x="12" y="{middle}" text-anchor="middle" transform="rotate(-90 12 {middle})">'
                 f'{escape(plot.layout["y_label"])}</text>')
    for name, (xs, ys) in mine:
        # a NaN ends a polyline, as in the live chart
        for run in np.split(np.arange(len(ys)), np.flatnonzero(~np.isfinite(ys))):
            run = run[np.isfinite(ys[run])]
            if len(run):
                px, py = to_x(xs[run]), to_y(ys[run])
                keep = np.asarray(pixel_extremes(px, py))
                points = ' '.join(map('{:.1f},{:.1f}'.format, px[keep].tolist(), py[keep].tolist()))
                parts.append(f'<polyline fill="none" stroke="{COLORS[series_kind(name)]}" stroke-width="1.6" '
                             f'points="{points}"/>')
    legend_x = width - MARGIN['right']  # the legend is laid out from the right
    for name, _ in reversed(mine):
        parts.append(f'<text x="{legend_x}" y="{top + 16}" text-anchor="end">{escape(name)}</text>')
        legend_x -= 6.5 * len(name) + 4
        parts.append(f'<line x1="{legend_x - 14}" x2="{legend_x}" y1="{top + 12}" y2="{top + 12}" '
                     f'stroke="{COLORS[series_kind(name)]}" stroke-width="2.5"/>')
        legend_x -= 26
    return ''.join(parts)
