"""Training away from the notebook's main thread, TF.js's Web Worker pattern in Python.

``model.fit(..., background=True)`` trains on a thread of this process and returns a
:class:`BackgroundFit` at once; :func:`fit_in_process` trains a copy of the model in another
process (another core) and brings the weights back; :class:`ProcessWorker` is the
message-passing worker underneath.
"""
from .background import BackgroundFit
from .handle import FitHandle
from .process import ProcessFit, ProcessWorker, WorkerError, fit_in_process

__all__ = ['BackgroundFit', 'FitHandle', 'ProcessFit', 'ProcessWorker', 'WorkerError', 'fit_in_process']
