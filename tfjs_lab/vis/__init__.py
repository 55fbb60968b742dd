"""``tf.vis``: tfjs-vis counterparts that draw in notebook widgets.

Importing this package loads anywidget and ipywidgets, so ``tfjs_lab`` imports it only on
first use of ``tf.vis``.

>>> import tfjs_lab as tf
>>> callbacks = tf.vis.show.fitCallbacks({'name': 'Training'}, ['loss', 'acc'])
"""
from . import show
from .fit_plot import FitPlot
from .store_browser import StoreBrowser, store_browser

__all__ = ['show', 'FitPlot', 'StoreBrowser', 'store_browser']
