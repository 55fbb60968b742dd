"""TF.js's model management over the emulated browser stores: ``tf.io.listModels``,
``removeModel``, ``copyModel`` and ``moveModel``. URLs are ``localstorage://<path>`` and
``indexeddb://<path>``; a copy or move may also go to any URL a model can be saved to.

Better than TF.js: ``move_model`` copies, reads the copy back and compares it with the source,
and only then deletes the source, all in one store transaction: a failed or wrong copy leaves
the source in place (TF.js removes it before saving to the same medium), yet a move within the
store needs no room for two copies.
"""
import os

from . import indexed_db, local_storage
from .artifacts import Result, join_weight_data
from .downloads import BrowserDownloads, downloads_dir
from .files import MODEL_JSON_FILE_NAME, NodeFileSystem
from .router import get_load_handlers, get_save_handlers
from .store import default_store

URL_SCHEME_SUFFIX = '://'
# Scheme -> module with list_models() and remove_model(path); TF.js registers them in this order.
_MANAGERS = {'localstorage': local_storage, 'indexeddb': indexed_db}


def list_models():
    """``{url: ModelArtifactsInfo}`` for every model in the emulated stores (``await`` works).

    >>> import tfjs_lab as tf
    >>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save('indexeddb://listed')
    >>> tf.io.list_models()['indexeddb://listed']['weightDataBytes']
    12
    """
    return Result({scheme + URL_SCHEME_SUFFIX + path: info
                   for scheme, manager in _MANAGERS.items()
                   for path, info in manager.list_models().items()})


def remove_model(url):
    """Delete the model at ``url``; returns its ModelArtifactsInfo (``await`` works)."""
    scheme, path = _parse_url(url)
    return Result(_manager(scheme).remove_model(path))


def copy_model(source_url, dest_url):
    """Copy a model to any URL it can be saved to; returns the copy's ModelArtifactsInfo.

    >>> import tfjs_lab as tf
    >>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save('localstorage://a')
    >>> tf.io.copy_model('localstorage://a', 'indexeddb://b')['weightDataBytes']
    12
    """
    loader, saver = _clone_handlers(source_url, dest_url)
    return Result(saver.save(loader.load())['modelArtifactsInfo'])


def move_model(source_url, dest_url):
    """Move a model from one of the stores to any URL it can be saved to; returns the moved
    model's ModelArtifactsInfo. The copy is read back and compared before the source goes; if
    anything fails, the source is kept.

    >>> import tfjs_lab as tf
    >>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save('localstorage://old')
    >>> _ = tf.io.move_model('localstorage://old', 'indexeddb://new')
    >>> models = tf.io.list_models()
    >>> 'indexeddb://new' in models, 'localstorage://old' in models
    (True, False)
    """
    loader, saver = _clone_handlers(source_url, dest_url)
    scheme, path = _parse_url(source_url)
    manager = _manager(scheme)
    within_store = _read_back(saver) is saver  # saves to the store join this transaction
    with default_store().transaction():
        artifacts = loader.load()
        if within_store:  # room for the copy, rolled back if the copy fails
            manager.remove_model(path)
        info = saver.save(artifacts)['modelArtifactsInfo']
        _verify_copy(saver, artifacts, dest_url)
        if not within_store:
            manager.remove_model(path)
    return Result(info)


def _clone_handlers(source_url, dest_url):
    """TF.js's cloneModelInternal checks and messages: one load and one save handler."""
    _check_different(source_url, dest_url)
    loaders, savers = get_load_handlers(source_url), get_save_handlers(dest_url)
    if not loaders:
        raise ValueError(f'Copying failed because no load handler is found for source URL {source_url}.')
    if len(loaders) > 1:
        raise ValueError(f'Copying failed because more than one ({len(loaders)}) load handlers for source URL '
                         f'{source_url}.')
    if not savers:
        raise ValueError(f'Copying failed because no save handler is found for destination URL {dest_url}.')
    if len(savers) > 1:
        raise ValueError(f'Copying failed because more than one ({len(savers)}) save handlers for destination '
                         f'URL {dest_url}.')
    return loaders[0], savers[0]


def _read_back(saver):
    """A load handler for what ``saver`` wrote, or ``None`` when it cannot be read back (an
    upload to a server, a custom handler)."""
    if isinstance(saver, (local_storage.BrowserLocalStorage, indexed_db.BrowserIndexedDB)):
        return saver
    if isinstance(saver, NodeFileSystem):
        return NodeFileSystem(os.path.join(saver.path, MODEL_JSON_FILE_NAME))
    if isinstance(saver, BrowserDownloads):
        return NodeFileSystem(os.path.join(downloads_dir(), saver.model_json_file_name))
    return None


def _verify_copy(saver, artifacts, dest_url):
    reader = _read_back(saver)
    if reader is None:
        return
    copy = reader.load()
    for field in ('modelTopology', 'weightSpecs'):
        if copy.get(field) != artifacts.get(field):
            raise OSError(f'Moving failed: the {field} read back from {dest_url} differs from the source; '
                          'the source is kept.')
    if join_weight_data(copy.get('weightData')) != join_weight_data(artifacts.get('weightData')):
        raise OSError(f'Moving failed: the weight data read back from {dest_url} differs from the source; '
                      'the source is kept.')


def _check_different(source_url, dest_url):
    if source_url == dest_url:
        raise ValueError(f"Old path and new path are the same: '{source_url}'")


def _parse_url(url):
    if not isinstance(url, str) or URL_SCHEME_SUFFIX not in url:
        raise ValueError(f'The url string provided does not contain a scheme: {url!r}. Supported schemes '
                         f"are: {', '.join(_MANAGERS)}")
    scheme, path = url.split(URL_SCHEME_SUFFIX, 1)
    return scheme, path


def _manager(scheme):
    if scheme not in _MANAGERS:
        raise ValueError(f"Cannot find model manager for scheme '{scheme}'. Supported schemes are: "
                         f"{', '.join(_MANAGERS)}")
    return _MANAGERS[scheme]
