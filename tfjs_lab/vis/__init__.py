"""``tf.vis``: tfjs-vis counterparts that draw in notebook widgets.

Importing this package loads anywidget and ipywidgets, so ``tfjs_lab`` imports it only on
first use of ``tf.vis``.

>>> import tfjs_lab as tf
>>> callbacks = tf.vis.show.fitCallbacks({'name': 'Training'}, ['loss', 'acc'])
"""
from . import metrics, render, show
from .dashboard import Dashboard, dashboard
from .fit_plot import FitPlot
from .inspect import inspect_layer
from .store_browser import StoreBrowser, store_browser
from .visor import Visor, VisorPanel, visor

inspectLayer = inspect_layer
storeBrowser = store_browser

__all__ = ['show', 'render', 'metrics', 'visor', 'Visor', 'VisorPanel', 'dashboard', 'Dashboard', 'inspect_layer',
           'inspectLayer', 'FitPlot', 'StoreBrowser', 'store_browser', 'storeBrowser']
