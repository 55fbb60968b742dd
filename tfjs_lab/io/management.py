"""TF.js's model management over the emulated browser stores: ``tf.io.listModels``,
``removeModel``, ``copyModel`` and ``moveModel``. URLs are ``localstorage://<path>`` and
``indexeddb://<path>``; a copy or move may also go to any URL a model can be saved to.

Better than TF.js: ``move_model`` is one transaction, so a failed move leaves the source in
place (TF.js removes it before saving to the same medium) yet needs no room for two copies.
"""
from . import indexed_db, local_storage
from .artifacts import Result
from .router import single_handler
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
    _check_different(source_url, dest_url)
    loader, saver = single_handler(source_url, 'load'), single_handler(dest_url, 'save')
    return Result(saver.save(loader.load())['modelArtifactsInfo'])


def move_model(source_url, dest_url):
    """Move a model from one of the stores to any URL it can be saved to; returns the moved
    model's ModelArtifactsInfo. If saving fails, the source is kept."""
    _check_different(source_url, dest_url)
    scheme, path = _parse_url(source_url)
    manager = _manager(scheme)
    loader, saver = single_handler(source_url, 'load'), single_handler(dest_url, 'save')
    with default_store().transaction():
        artifacts = loader.load()
        manager.remove_model(path)
        return Result(saver.save(artifacts)['modelArtifactsInfo'])


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
