"""tfjs_lab: the TensorFlow.js training API on a NumPy engine, for Jupyter.

>>> import tfjs_lab as tf
>>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[1])])
>>> model.compile(optimizer='sgd', loss='meanSquaredError')

The namespace mirrors TF.js: ops and tensor creation at the top (``tf.tensor2d``,
``tf.mat_mul``/``tf.matMul``), and ``tf.layers``, ``tf.train``, ``tf.data``, ``tf.losses``,
``tf.metrics``, ``tf.initializers``, ``tf.callbacks``, ``tf.io``, ``tf.models``; ``tf.vis`` (the
tfjs-vis counterpart) loads its widget libraries on first use.
"""
import importlib
import warnings

from ._naming import add_camel_aliases
from .core import Tensor, Variable, set_seed
from .core.gradients import custom_grad, grad, grads, value_and_grad, value_and_grads, variable_grads
from .core.memory import dispose, dispose_variables, keep, memory, tidy
from .ops import *  # noqa: F401,F403
from . import (callbacks, constraints, data, datasets, initializers, io, layers, losses, metrics, models, ops,
               regularizers, train, worker)
from .callbacks import Callback, CustomCallback, History, register_callback_constructor
from .engine.base_layer import Layer
from .engine.training import LayersModel
from .engine.functional import Functional, InputLayer, input, model
from .models import Sequential, load_layers_model, model_from_json, sequential
from .train import (AdadeltaOptimizer, AdagradOptimizer, AdamaxOptimizer, AdamOptimizer, MomentumOptimizer,
                    Optimizer, RMSPropOptimizer, SGDOptimizer)
from .backend import get_backend, ready, set_backend
from .losses import Reduction
from .ops import fused_api as fused, image, linalg, math
from .environment import enable_debug_mode, enable_prod_mode, env
from .profiling import profile, time
from .version import __version__

version = {'tfjs_lab': __version__, 'tfjs-format': '4.22.0'}

# TF.js gives log(-1) = NaN and 1 / 0 = Infinity without a word; NumPy's floating-point warnings
# from inside tfjs_lab would point at its internals (debug mode reports NaNs as TF.js does). The
# filter matches only tfjs_lab's own modules: a notebook's NumPy code warns as before.
warnings.filterwarnings('ignore', r'(invalid value|divide by zero|overflow|underflow) encountered',
                        RuntimeWarning, r'tfjs_lab\.')


async def next_frame():
    """TF.js's ``await tf.nextFrame()``: in a kernel there is no frame to wait for."""


def _lazy_submodule(name):
    return importlib.import_module(f'{__name__}.{name}')


def __getattr__(name):
    # tf.vis pulls in anywidget, ipywidgets and matplotlib: load it only when used.
    if name == 'vis':
        return _lazy_submodule('vis')
    raise AttributeError(f"module 'tfjs_lab' has no attribute {name!r}")


add_camel_aliases(globals(), {'basic_lstm_cell': 'basicLSTMCell'})  # TF.js's capitals; convLstm2d has none
