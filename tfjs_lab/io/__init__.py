"""``tf.io``: where models are saved and loaded, in TensorFlow.js's formats.

``model.save(url)`` and ``tf.load_layers_model(url)`` pick a handler by the URL:

========================  ===================================================================
``localstorage://path``   emulated browser localStorage, byte for byte as TF.js writes it
``indexeddb://path``      emulated browser IndexedDB (database ``tensorflowjs``)
``downloads://name``      ``name.json`` + ``name.weights.bin`` in the downloads folder (save)
``file://dir``, ``dir``   tfjs-node's layout: ``dir/model.json`` + ``dir/weights.bin``;
                          load from the path of the model.json
``http(s)://url``         load with TF.js's weight-path rules; save as TF.js's multipart POST
========================  ===================================================================

:func:`browser_files` loads uploaded files (an ipywidgets ``FileUpload``), :func:`from_memory`
and :func:`with_save_handler` pass artifacts to and from your own code.

The browser stores persist in one SQLite file per user (``$TFJS_LAB_STORE_DIR`` moves it,
``:memory:`` keeps it in the process). Importing this package registers the routers; more can
be added with :func:`register_save_router` / :func:`register_load_router`.

>>> import tfjs_lab as tf
>>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
>>> _ = model.save('localstorage://my-model')
>>> 'localstorage://my-model' in tf.io.listModels()
True
"""
from .._naming import add_camel_aliases
from .artifacts import SaveResult, model_artifacts_info
from .browser_files import BrowserFiles, browser_files
from .downloads import BrowserDownloads, browser_downloads
from .files import NodeFileSystem, file_system
from .artifacts import join_weight_data as concatenate_array_buffers
from .http import HTTPRequest, http, is_http_scheme
from .indexed_db import BrowserIndexedDB, browser_indexed_db
from .local_storage import BrowserLocalStorage, browser_local_storage
from .management import copy_model, list_models, move_model, remove_model
from .model_json import get_model_artifacts_for_json, get_model_artifacts_for_json_sync, get_weight_specs
from .passthrough import from_memory, with_save_handler
from .router import (get_load_handlers, get_save_handlers, register_load_router, register_save_router,
                     single_handler)
from .weights import decode_weights, encode_weights
from .weights_loader import CompositeArrayBuffer, decode_weights_stream, load_weights, weights_loader_factory

get_model_artifacts_info_for_json = model_artifacts_info
# Python has no async/sync split, and TF.js keeps browserHTTPRequest as http's old name.
from_memory_sync, with_save_handler_sync, browser_http_request = from_memory, with_save_handler, http

__all__ = [
    'BrowserDownloads', 'BrowserFiles', 'BrowserIndexedDB', 'BrowserLocalStorage', 'CompositeArrayBuffer',
    'HTTPRequest', 'NodeFileSystem', 'SaveResult', 'browser_downloads', 'browser_files', 'browser_http_request',
    'browser_indexed_db', 'browser_local_storage', 'concatenate_array_buffers', 'copy_model', 'decode_weights',
    'decode_weights_stream', 'encode_weights', 'file_system', 'from_memory', 'from_memory_sync',
    'get_load_handlers', 'get_model_artifacts_for_json', 'get_model_artifacts_for_json_sync',
    'get_model_artifacts_info_for_json', 'get_save_handlers', 'get_weight_specs', 'http', 'is_http_scheme',
    'list_models', 'load_weights', 'move_model', 'register_load_router', 'register_save_router', 'remove_model',
    'weights_loader_factory', 'with_save_handler', 'with_save_handler_sync',
]


def _add_camel_aliases():
    # Only the public API gets TF.js spellings: submodules such as `local_storage` must not
    # turn into `tf.io.localStorage`.
    public = {name: globals()[name] for name in __all__}
    add_camel_aliases(public, {'browser_indexed_db': 'browserIndexedDB', 'browser_http_request': 'browserHTTPRequest',
                               'get_model_artifacts_info_for_json': 'getModelArtifactsInfoForJSON',
                               'get_model_artifacts_for_json': 'getModelArtifactsForJSON',
                               'get_model_artifacts_for_json_sync': 'getModelArtifactsForJSONSync',
                               'is_http_scheme': 'isHTTPScheme'})
    globals().update(public)


_add_camel_aliases()
