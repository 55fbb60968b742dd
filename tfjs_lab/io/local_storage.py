"""``localstorage://``: TF.js's ``BrowserLocalStorage`` over the emulated localStorage.

The keys and values are exactly what tfjs-core writes in a browser::

    tensorflowjs_models/<path>/info            JSON of ModelArtifactsInfo (dateSaved as ISO text)
    tensorflowjs_models/<path>/model_topology  JSON of the topology
    tensorflowjs_models/<path>/weight_specs    JSON of the weight specs
    tensorflowjs_models/<path>/weight_data     base64 of the weight bytes
    tensorflowjs_models/<path>/model_metadata  JSON of format, generatedBy, convertedBy, ...

Keys and values of all models share a browser's quota of 5 MiB of UTF-16 text
(``$TFJS_LAB_LOCAL_STORAGE_QUOTA`` characters if set); a save beyond it raises
:class:`~tfjs_lab.errors.QuotaExceededError` with the sizes. Better than TF.js: a
save that fails (quota or anything else) leaves the previous model at that path intact,
where TF.js deletes it.
"""
import base64
import binascii
import json

from ..errors import ModelFormatError, ModelNotFoundError, QuotaExceededError
from . import js_json
from .artifacts import (SaveResult, js_date_text, join_weight_data, model_artifacts_info, parse_js_date,
                        pick_fields)
from .router import register_load_router, register_save_router, scheme_router
from .store import DEFAULT_LOCAL_STORAGE_QUOTA, LOCAL_STORAGE_QUOTA_ENV, check_model_path, default_store, quota
from .weights import check_weight_bytes

URL_SCHEME = 'localstorage://'
PATH_PREFIX = 'tensorflowjs_models'
KEY_SUFFIXES = ('info', 'model_topology', 'weight_specs', 'weight_data', 'model_metadata')
# model_metadata fields, in tfjs-core's order.
METADATA_FIELDS = ('format', 'generatedBy', 'convertedBy', 'signature', 'userDefinedMetadata',
                   'modelInitializer', 'initializerSignature', 'trainingConfig')


def model_keys(path):
    """The five localStorage keys of the model at ``path``.

    >>> model_keys('my-model')['info']
    'tensorflowjs_models/my-model/info'
    """
    return {suffix: f'{PATH_PREFIX}/{path}/{suffix}' for suffix in KEY_SUFFIXES}


class BrowserLocalStorage:
    """Save and load a model under one path of the emulated localStorage.

    >>> browser_local_storage('my-model').keys['weight_data']   # the URL 'localstorage://my-model'
    'tensorflowjs_models/my-model/weight_data'
    """

    def __init__(self, model_path, store=None):
        self.model_path = check_model_path(model_path, 'local storage')
        self.keys = model_keys(model_path)
        self.store = store or default_store()

    def save(self, artifacts):
        """Write the five keys in one transaction; returns the SaveResult."""
        info = model_artifacts_info(artifacts)
        values = {
            'info': js_json.stringify(dict(info, dateSaved=js_date_text(info['dateSaved']))),
            'model_topology': js_json.stringify(artifacts.get('modelTopology')),
            'weight_specs': js_json.stringify(artifacts.get('weightSpecs')),
            'weight_data': base64.b64encode(join_weight_data(artifacts.get('weightData')) or b'').decode('ascii'),
            'model_metadata': js_json.stringify(pick_fields(artifacts, METADATA_FIELDS)),
        }
        limit = quota(LOCAL_STORAGE_QUOTA_ENV, DEFAULT_LOCAL_STORAGE_QUOTA)
        with self.store.transaction() as tx:
            for suffix in KEY_SUFFIXES:
                tx.set_item(self.keys[suffix], values[suffix])
            used = tx.local_storage_length()
            if used > limit:
                raise QuotaExceededError(
                    f"Failed to save model '{self.model_path}' to local storage: the emulated localStorage "
                    f'would hold {used} characters (UTF-16 code units) of keys and values, over its quota '
                    f'of {limit} (${LOCAL_STORAGE_QUOTA_ENV}; browsers allow 5 MiB): modelTopologyBytes='
                    f"{info['modelTopologyBytes']}, weightSpecsBytes={info['weightSpecsBytes']}, "
                    f"weightDataBytes={info['weightDataBytes']}. The previous model at this path, if any, "
                    'is kept. Remove models with tf.io.remove_model, or save large models to indexeddb://.')
        return SaveResult(info)

    def load(self):
        """Read the model's keys back into artifacts."""
        with self.store.read() as tx:
            raw = {suffix: tx.get_item(key) for suffix, key in self.keys.items()}
        if raw['info'] is None:
            raise _not_found(self.model_path, self.store)
        info = self._parse(raw, 'info', dict)
        if info.get('modelTopologyType') != 'JSON':
            raise ModelFormatError('BrowserLocalStorage does not support loading non-JSON model topology yet.')
        artifacts = {'modelTopology': self._parse(raw, 'model_topology', dict),
                     'weightSpecs': self._parse(raw, 'weight_specs', list)}
        if raw['model_metadata'] is not None:
            artifacts.update(pick_fields(self._parse(raw, 'model_metadata', dict), METADATA_FIELDS))
        if raw['weight_data'] is None:
            raise self._missing('weight_data')
        try:
            weight_data = base64.b64decode(raw['weight_data'], validate=True)
        except binascii.Error as err:
            raise ModelFormatError(f"{self.keys['weight_data']} is not valid base64: {err}") from None
        check_weight_bytes(artifacts['weightSpecs'], weight_data, f"{self.keys['weight_data']} in localStorage")
        artifacts['weightData'] = weight_data
        return artifacts

    def _parse(self, raw, suffix, kind):
        try:
            value = json.loads(raw[suffix]) if raw[suffix] is not None else None
        except ValueError as err:
            raise ModelFormatError(f'{self.keys[suffix]} in localStorage is not valid JSON: {err}') from None
        if value is None:
            raise self._missing(suffix)
        if not isinstance(value, kind):
            raise ModelFormatError(f'{self.keys[suffix]} in localStorage must hold a JSON '
                                   f"{'object' if kind is dict else 'array'}; found {type(value).__name__}")
        return value

    def _missing(self, suffix):
        return ModelFormatError(f"In local storage, the {suffix.replace('_', ' ')} of model "
                                f"'{self.model_path}' is missing ({self.keys[suffix]}).")


def browser_local_storage(model_path):
    """TF.js's ``tf.io.browserLocalStorage(modelPath)``."""
    return BrowserLocalStorage(model_path)


def list_models(store=None):
    """``{path: ModelArtifactsInfo}`` for every model in the emulated localStorage, as
    TF.js's ``BrowserLocalStorageManager.listModels`` (``dateSaved`` as a datetime)."""
    store = store or default_store()
    prefix, suffix = PATH_PREFIX + '/', '/info'
    with store.read() as tx:
        return {key[len(prefix):-len(suffix)]: _parse_info(key, tx.get_item(key))
                for key in tx.keys(prefix) if key.endswith(suffix) and len(key) > len(prefix + suffix)}


def remove_model(path, store=None):
    """Delete the model at ``path`` (TF.js's ``removeModel``); returns its ModelArtifactsInfo."""
    store = store or default_store()
    keys = model_keys(path)
    with store.transaction() as tx:
        info = tx.get_item(keys['info'])
        if info is None:
            raise _not_found(path, store)
        for key in keys.values():
            tx.remove_item(key)
    return _parse_info(keys['info'], info)


def _not_found(path, store):
    return ModelNotFoundError(f"Cannot find model with path '{path}' in {URL_SCHEME} "
                              f'(emulated localStorage in {store.describe()})')


def _parse_info(key, text):
    try:
        info = json.loads(text)
        if isinstance(info, dict) and isinstance(info.get('dateSaved'), str):
            info['dateSaved'] = parse_js_date(info['dateSaved'])
    except ValueError as err:
        raise ModelFormatError(f'{key} in localStorage is not a valid ModelArtifactsInfo: {err}') from None
    return info


local_storage_router = scheme_router(URL_SCHEME, BrowserLocalStorage)
register_save_router(local_storage_router)
register_load_router(local_storage_router)
