"""``indexeddb://``: TF.js's ``BrowserIndexedDB`` over the emulated IndexedDB.

The records are the ones tfjs-core puts in a browser, in database ``tensorflowjs``:

* object store ``model_info_store`` (keyPath ``modelPath``):
  ``{'modelPath', 'modelArtifactsInfo'}``
* object store ``models_store`` (keyPath ``modelPath``):
  ``{'modelPath', 'modelArtifacts', 'modelArtifactsInfo'}``, with ``weightData`` joined
  into one buffer and ``dateSaved`` a date.

Better than TF.js: both records are written in one transaction, so a failed save leaves
the previous model whole (TF.js uses two transactions). All records share a quota of 2 GiB
(``$TFJS_LAB_INDEXED_DB_QUOTA`` bytes if set); a save beyond it raises
:class:`~tfjs_lab.errors.QuotaExceededError`.
"""
from ..errors import ModelFormatError, ModelNotFoundError, QuotaExceededError
from .artifacts import SaveResult, join_weight_data, model_artifacts_info
from .router import register_load_router, register_save_router, scheme_router
from .store import DEFAULT_INDEXED_DB_QUOTA, INDEXED_DB_QUOTA_ENV, check_model_path, default_store, quota
from .weights import check_weight_bytes

URL_SCHEME = 'indexeddb://'
# The order LayersModel.save builds its artifacts in, which a structured clone keeps.
ARTIFACT_FIELD_ORDER = ('modelTopology', 'format', 'generatedBy', 'convertedBy', 'trainingConfig',
                        'userDefinedMetadata', 'weightData', 'weightSpecs')
DATABASE_NAME = 'tensorflowjs'
MODEL_STORE_NAME = 'models_store'
INFO_STORE_NAME = 'model_info_store'


class BrowserIndexedDB:
    """Save and load a model under one ``modelPath`` of the emulated IndexedDB.

    >>> import tfjs_lab as tf
    >>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save(browser_indexed_db('my-model'))
    >>> tf.load_layers_model('indexeddb://my-model').count_params()
    3
    """

    def __init__(self, model_path, store=None):
        self.model_path = check_model_path(model_path, 'IndexedDB')
        self.store = store or default_store()

    def save(self, artifacts):
        """Put the info record and the model record in one transaction."""
        info = model_artifacts_info(artifacts)
        stored = in_tfjs_order(dict(artifacts, weightData=join_weight_data(artifacts.get('weightData'))))
        with self.store.transaction() as tx:
            tx.put_record(DATABASE_NAME, INFO_STORE_NAME, self.model_path,
                          {'modelPath': self.model_path, 'modelArtifactsInfo': info})
            tx.put_record(DATABASE_NAME, MODEL_STORE_NAME, self.model_path,
                          {'modelPath': self.model_path, 'modelArtifacts': stored, 'modelArtifactsInfo': info})
            used, limit = tx.indexed_db_size(), quota(INDEXED_DB_QUOTA_ENV, DEFAULT_INDEXED_DB_QUOTA)
            if used > limit:
                raise QuotaExceededError(
                    f"Failed to save model '{self.model_path}' to IndexedDB: the emulated IndexedDB would hold "
                    f'{used} bytes of records, over its quota of {limit} (${INDEXED_DB_QUOTA_ENV}): '
                    f"weightDataBytes={info['weightDataBytes']}. The previous model at this path, if any, is kept. "
                    'Remove models with tf.io.remove_model.')
        return SaveResult(info)

    def load(self):
        """The ``modelArtifacts`` of the model record."""
        with self.store.read() as tx:
            record = tx.get_record(DATABASE_NAME, MODEL_STORE_NAME, self.model_path)
        if record is None:
            raise _not_found(self.model_path, self.store)
        source = f"The IndexedDB record of model '{self.model_path}'"
        artifacts = record.get('modelArtifacts') if isinstance(record, dict) else None
        if not isinstance(artifacts, dict):
            raise ModelFormatError(f'{source} has no modelArtifacts object')
        if isinstance(artifacts.get('weightSpecs'), list) and artifacts.get('weightData') is not None:
            check_weight_bytes(artifacts['weightSpecs'], artifacts['weightData'], source)
        return artifacts


def in_tfjs_order(artifacts):
    """``artifacts`` with TF.js's fields in the order TF.js's record has them, others after.

    >>> list(in_tfjs_order({'weightSpecs': [], 'weightData': b'', 'modelTopology': {}}))
    ['modelTopology', 'weightData', 'weightSpecs']
    """
    known = [key for key in ARTIFACT_FIELD_ORDER if key in artifacts]
    return {key: artifacts[key] for key in known + [k for k in artifacts if k not in ARTIFACT_FIELD_ORDER]}


def browser_indexed_db(model_path):
    """TF.js's ``tf.io.browserIndexedDB(modelPath)``."""
    return BrowserIndexedDB(model_path)


def list_models(store=None):
    """``{path: ModelArtifactsInfo}`` from the info store, as TF.js's
    ``BrowserIndexedDBManager.listModels``."""
    store = store or default_store()
    with store.read() as tx:
        return {r['modelPath']: r['modelArtifactsInfo'] for r in tx.records(DATABASE_NAME, INFO_STORE_NAME)}


def remove_model(path, store=None):
    """Delete both records of the model at ``path``; returns its ModelArtifactsInfo."""
    store = store or default_store()
    with store.transaction() as tx:
        record = tx.get_record(DATABASE_NAME, INFO_STORE_NAME, path)
        if record is None:
            raise _not_found(path, store)
        for object_store in (INFO_STORE_NAME, MODEL_STORE_NAME):
            tx.delete_record(DATABASE_NAME, object_store, path)
    return record['modelArtifactsInfo']


def _not_found(path, store):
    return ModelNotFoundError(f"Cannot find model with path '{path}' in {URL_SCHEME} "
                              f'(emulated IndexedDB in {store.describe()})')


indexed_db_router = scheme_router(URL_SCHEME, BrowserIndexedDB)
register_save_router(indexed_db_router)
register_load_router(indexed_db_router)
