"""Both directions against real TF.js 4.22 under Node, for several architectures: the
localStorage and IndexedDB contents equal TF.js's key for key and field for field, TF.js loads
what we save and we load what it saves (including a converter-style sharded, quantized model),
and a model saved with its optimizer resumes training where it left off on either side."""
import base64
import datetime
import gc
import json
import re

import numpy as np
import pytest

import tfjs_lab as tf
from architectures import BYTE_FOR_BYTE, INPUTS, TRAIN_X, TRAIN_Y, build_model, predictions
from tfjs_lab.io.artifacts import js_date_text
from tfjs_lab.io.store import default_store

pytestmark = pytest.mark.interop
ARCHS = list(INPUTS)
CLOSE = dict(rtol=1e-5, atol=1e-6)


def masked(value):
    """JSON text or a JSON-like value with the save date and the writer's stamp masked."""
    if isinstance(value, str):
        value = re.sub(r'"dateSaved":"[^"]*"', '"dateSaved":"<date>"', value)
        return re.sub(r'"generatedBy":"[^"]*"', '"generatedBy":"<writer>"', value)
    if isinstance(value, dict):
        return {k: '<masked>' if k in ('dateSaved', 'generatedBy') else masked(v) for k, v in value.items()}
    return [masked(v) for v in value] if isinstance(value, list) else value


def local_storage_items():
    with default_store().read() as tx:
        return {key: tx.get_item(key) for key in tx.keys()}


def indexed_db_contents():
    """Our IndexedDB records as tfjs_reference.js prints TF.js's: bytes and dates tagged."""
    def tagged(value):
        if isinstance(value, bytes):
            return {'$bytes': base64.b64encode(value).decode()}
        if isinstance(value, datetime.datetime):
            return {'$date': js_date_text(value)}
        if isinstance(value, dict):
            return {k: tagged(v) for k, v in value.items()}
        return [tagged(v) for v in value] if isinstance(value, list) else value
    with default_store().read() as tx:
        rows = tx.connection.execute('SELECT database, object_store, key FROM indexed_db').fetchall()
        return {f'{db}/{store}/{key}': tagged(tx.get_record(db, store, key)) for db, store, key in rows}


def key_orders(value):
    """Every object's key order, depth first: 'field for field' includes the order."""
    if isinstance(value, dict):
        return [list(value)] + [o for v in value.values() for o in key_orders(v)]
    return [o for v in value for o in key_orders(v)] if isinstance(value, list) else []


@pytest.mark.parametrize('arch', BYTE_FOR_BYTE)
def test_both_stores_hold_what_tfjs_writes(tfjs, arch):
    theirs = tfjs('save', arch)
    model = build_model(arch)
    model.save('localstorage://fixture/model-1')
    model.save('indexeddb://fixture/model-1')
    assert {k: masked(v) for k, v in local_storage_items().items()} == \
        {k: masked(v) for k, v in theirs['localStorage'].items()}
    ours = indexed_db_contents()
    assert masked(ours) == masked(theirs['indexedDB'])
    assert key_orders([ours[k] for k in sorted(ours)]) == key_orders([theirs['indexedDB'][k] for k in sorted(ours)])


@pytest.mark.parametrize('arch', ARCHS)
def test_tfjs_loads_what_we_save_and_we_load_what_it_saves(tfjs, own_folders, arch):
    model = build_model(arch)
    model.save('localstorage://ours')
    model.save('downloads://ours')
    model.save(f'file://{own_folders}/ours')
    expected = predictions(model, arch)
    loaded = tfjs('load-local-storage', 'ours', arch, stdin=json.dumps(local_storage_items()))
    np.testing.assert_allclose(loaded['predictions'], expected, **CLOSE)
    for model_json in (own_folders / 'downloads' / 'ours.json', own_folders / 'ours' / 'model.json'):
        np.testing.assert_allclose(tfjs('load-model-json', str(model_json), arch)['predictions'], expected, **CLOSE)

    theirs = tfjs('save', arch)
    with default_store().transaction() as tx:
        for key, value in theirs['localStorage'].items():
            tx.set_item(key, value)
    np.testing.assert_allclose(predictions(tf.load_layers_model('localstorage://fixture/model-1'), arch),
                               theirs['predictions'], **CLOSE)


@pytest.mark.parametrize('arch', ARCHS)
def test_a_converter_style_sharded_quantized_model_loads(tfjs, own_folders, arch):
    folder = own_folders / 'converted'
    theirs = tfjs('save-converted', str(folder), arch)
    model_json = json.loads((folder / 'model.json').read_text())
    kinds = [w['quantization']['dtype'] for group in model_json['weightsManifest'] for w in group['weights']]
    assert {'uint8', 'float16'} <= set(kinds)
    assert any(len(group['paths']) > 1 for group in model_json['weightsManifest'])  # really sharded
    loaded = tf.load_layers_model(str(folder / 'model.json'))
    np.testing.assert_allclose(predictions(loaded, arch), theirs['predictions'], **CLOSE)


# --- include_optimizer ---------------------------------------------------------------------------
def compiled_and_trained():
    gc.collect()  # models of earlier tests (graphs are reference cycles) must not hold the weight names
    model = build_model()
    model.compile(optimizer=tf.train.adam(0.01), loss='meanSquaredError', metrics=['accuracy'])
    fit_one_epoch(model)
    return model


def fit_one_epoch(model):
    return model.fit(tf.tensor2d(TRAIN_X), tf.tensor2d(TRAIN_Y), epochs=1, batch_size=4, shuffle=False, verbose=0)


def save_with_optimizer(model, url):
    return model.save(url, include_optimizer=True)


def load_with_optimizer(url):
    return tf.load_layers_model(url)


def weights_of(model):
    return [np.asarray(w) for w in model.get_weights()]


def test_saved_with_the_optimizer_the_stores_hold_what_tfjs_writes(tfjs):
    theirs = tfjs('train-and-save')
    model = compiled_and_trained()
    save_with_optimizer(model, 'localstorage://trained')
    save_with_optimizer(model, 'indexeddb://trained')
    ours = local_storage_items()
    weight_key = 'tensorflowjs_models/trained/weight_data'
    assert {k: masked(v) for k, v in ours.items() if k != weight_key} == \
        {k: masked(v) for k, v in theirs['localStorage'].items() if k != weight_key}
    specs = json.loads(ours['tensorflowjs_models/trained/weight_specs'])
    assert [s.get('group') for s in specs] == [None] * 4 + ['optimizer'] * 9  # iter, then m and v of 4 weights
    np.testing.assert_allclose(np.frombuffer(base64.b64decode(ours[weight_key]), np.float32),
                               np.frombuffer(base64.b64decode(theirs['localStorage'][weight_key]), np.float32),
                               **CLOSE)
    record, their_record = (r['tensorflowjs/models_store/trained']['modelArtifacts']
                            for r in (indexed_db_contents(), theirs['indexedDB']))
    assert masked({k: v for k, v in record.items() if k != 'weightData'}) == \
        masked({k: v for k, v in their_record.items() if k != 'weightData'})
    assert list(record) == list(their_record)


def test_a_model_saved_with_its_optimizer_resumes_as_if_never_saved():
    # As in TF.js, Adam's running beta powers are recomputed from the iteration count on load,
    # so the next step agrees to float32 rounding rather than bit for bit.
    model = compiled_and_trained()
    save_with_optimizer(model, 'indexeddb://trained')
    loaded = load_with_optimizer('indexeddb://trained')
    assert loaded.optimizer.get_config() == model.optimizer.get_config()
    assert loaded.optimizer.iterations == model.optimizer.iterations == 2
    fit_one_epoch(model)
    fit_one_epoch(loaded)
    for ours, uninterrupted in zip(weights_of(loaded), weights_of(model)):
        np.testing.assert_allclose(ours, uninterrupted, rtol=1e-6, atol=1e-7)


def test_training_resumes_across_tfjs_and_tfjs_lab(tfjs):
    theirs = tfjs('train-and-save')
    with default_store().transaction() as tx:
        for key, value in theirs['localStorage'].items():
            tx.set_item(key, value)
    from_tfjs = load_with_optimizer('localstorage://trained')
    history = fit_one_epoch(from_tfjs)
    np.testing.assert_allclose(history.history['loss'][0], theirs['resumed']['loss'], **CLOSE)
    for ours, expected in zip(weights_of(from_tfjs), theirs['resumed']['weights']):
        np.testing.assert_allclose(ours, expected, **CLOSE)

    model = compiled_and_trained()
    save_with_optimizer(model, 'localstorage://ours')
    resumed_by_tfjs = tfjs('resume-local-storage', 'ours', stdin=json.dumps(local_storage_items()))
    fit_one_epoch(model)
    for expected, by_tfjs in zip(weights_of(model), resumed_by_tfjs['weights']):
        np.testing.assert_allclose(by_tfjs, expected, **CLOSE)
