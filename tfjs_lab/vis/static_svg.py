"""The static picture of a finished :class:`~tfjs_lab.vis.fit_plot.FitPlot`, an SVG text for
front ends that cannot run widgets (nbconvert, GitHub). The live widget draws in the browser;
this draws the same charts plainly, without matplotlib, so it costs about a millisecond."""
from html import escape

from .fit_plot import BATCH_PREFIX, base_metric

WIDTH, MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 480, 48, 22, 22
COLORS = {'': '#1f77b4', 'val_': '#ff7f0e', BATCH_PREFIX: '#9ecae1'}


def series_color(series):
    if series.startswith(BATCH_PREFIX):
        return COLORS[BATCH_PREFIX]
    return COLORS['val_'] if series.startswith('val_') else COLORS['']


def fit_plot_svg(plot):
    """SVG text with one panel per chart of ``plot``, stacked vertically."""
    height = plot.height
    panels = [_panel(plot, chart, i * height, height) for i, chart in enumerate(plot.charts)]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height * len(panels)}" '
            f'font-family="sans-serif" font-size="11">{"".join(panels)}</svg>')


def _panel(plot, chart, top, height):
    by_series = {}
    for series, x, y in plot.points:
        name = series[len(BATCH_PREFIX):] if series.startswith(BATCH_PREFIX) else series
        if y is not None and base_metric(name) == chart['name']:
            by_series.setdefault(series, []).append((x, y))
    xs = [x for points in by_series.values() for x, _ in points]
    ys = [y for points in by_series.values() for _, y in points]
    x_max = max(xs + [plot.total_epochs, 1])
    if plot.y_axis_domain:
        y_min, y_max = plot.y_axis_domain
    elif chart['unit_range'] and not plot.zoom_to_fit:
        y_min, y_max = 0.0, 1.0
    else:
        y_min, y_max = (min(ys), max(ys)) if ys else (0.0, 1.0)
    if y_max == y_min:
        y_min, y_max = y_min - 0.5, y_max + 0.5
    plot_w, plot_h = WIDTH - MARGIN_LEFT - 10, height - MARGIN_TOP - MARGIN_BOTTOM

    def to_x(x):
        return MARGIN_LEFT + x / x_max * plot_w

    def to_y(y):
        return top + MARGIN_TOP + (1 - (y - y_min) / (y_max - y_min)) * plot_h

    parts = [f'<text x="{MARGIN_LEFT}" y="{top + 14}" font-weight="bold">{escape(chart["name"])}</text>',
             f'<rect x="{MARGIN_LEFT}" y="{top + MARGIN_TOP}" width="{plot_w}" height="{plot_h}" '
             'fill="none" stroke="#ccc"/>']
    for value, y in ((y_max, to_y(y_max) + 4), (y_min, to_y(y_min))):
        parts.append(f'<text x="{MARGIN_LEFT - 4}" y="{y:.1f}" text-anchor="end">{value:.3g}</text>')
    parts.append(f'<text x="{WIDTH - 10}" y="{top + height - 6}" text-anchor="end">epoch {x_max:g}</text>')
    for i, (series, points) in enumerate(by_series.items()):
        coordinates = ' '.join(f'{to_x(x):.1f},{to_y(y):.1f}' for x, y in points)
        parts.append(f'<polyline fill="none" stroke="{series_color(series)}" stroke-width="1.5" '
                     f'points="{coordinates}"/>')
        parts.append(f'<text x="{MARGIN_LEFT + 110 + 90 * i}" y="{top + 14}" '
                     f'fill="{series_color(series)}">{escape(series)}</text>')
    return ''.join(parts)
