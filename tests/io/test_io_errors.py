"""Errors name what was expected, what was found, and where; a failed save keeps the
previous model."""
import json
import re

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import ModelFormatError, ModelNotFoundError, QuotaExceededError
from tfjs_lab.io.store import DEFAULT_LOCAL_STORAGE_QUOTA
from tfjs_lab.io.store import default_store


# --- models that are not there --------------------------------------------------------------
@pytest.mark.parametrize('scheme, store_kind', [('localstorage', 'localStorage'), ('indexeddb', 'IndexedDB')])
def test_a_missing_model_names_the_store_and_the_path(own_folders, scheme, store_kind):
    with pytest.raises(ModelNotFoundError) as caught:
        tf.load_layers_model(f'{scheme}://no/such-model')
    store_file = own_folders / 'store' / 'store.sqlite'
    assert str(caught.value) == (f"Cannot find model with path 'no/such-model' in {scheme}:// "
                                 f'(emulated {store_kind} in {store_file})')


def test_a_missing_model_json_names_the_file(own_folders):
    with pytest.raises(ModelNotFoundError, match=re.escape(f'Path {own_folders}/nothing/model.json does not exist')):
        tf.load_layers_model(f'file://{own_folders}/nothing/model.json')


def test_a_missing_weight_file_names_it_and_the_model_json(own_folders, model):
    model.save(str(own_folders / 'm'))
    (own_folders / 'm' / 'weights.bin').unlink()
    with pytest.raises(FileNotFoundError) as caught:
        tf.load_layers_model(str(own_folders / 'm' / 'model.json'))
    assert f"Weight file {own_folders / 'm' / 'weights.bin'} does not exist" in str(caught.value)
    assert f"listed in the weightsManifest of {own_folders / 'm' / 'model.json'}" in str(caught.value)


def test_loading_a_directory_points_at_its_model_json(own_folders, model):
    model.save(str(own_folders / 'm'))
    with pytest.raises(IsADirectoryError, match=re.escape(str(own_folders / 'm' / 'model.json'))) as caught:
        tf.load_layers_model(str(own_folders / 'm'))
    assert str(caught.value).startswith('The path to load from must be a file. Loading from a directory is not '
                                        'supported')


# --- damaged files and records --------------------------------------------------------------
def test_a_model_json_that_is_not_json_names_the_file(own_folders, model):
    model.save(str(own_folders / 'm'))
    (own_folders / 'm' / 'model.json').write_text('{"modelTopology": ')
    with pytest.raises(ModelFormatError, match=re.escape(f"{own_folders / 'm' / 'model.json'} is not valid JSON")):
        tf.load_layers_model(str(own_folders / 'm' / 'model.json'))


def test_a_model_json_of_something_else_says_what_it_expected(own_folders):
    (own_folders / 'package.json').write_text(json.dumps({'name': 'not-a-model'}))
    with pytest.raises(ModelFormatError, match='has neither modelTopology nor weightsManifest'):
        tf.load_layers_model(str(own_folders / 'package.json'))


@pytest.mark.parametrize('weight_path', ['../secret.bin', '/../../etc/passwd', 'sub/../../x.bin'])
def test_a_manifest_cannot_read_files_outside_the_model_folder(own_folders, model, weight_path):
    model.save(str(own_folders / 'm'))
    model_json = json.loads((own_folders / 'm' / 'model.json').read_text())
    model_json['weightsManifest'][0]['paths'] = [weight_path]
    (own_folders / 'm' / 'model.json').write_text(json.dumps(model_json))
    (own_folders / 'secret.bin').write_bytes(b'\0' * 76)
    with pytest.raises(ModelFormatError, match=re.escape(f'lists {weight_path!r}, which is outside the folder of '
                                                         f"the model.json ({own_folders / 'm'})")):
        tf.load_layers_model(str(own_folders / 'm' / 'model.json'))


def test_truncated_weights_name_the_file_and_both_sizes(own_folders, model):
    model.save(str(own_folders / 'm'))
    weights = own_folders / 'm' / 'weights.bin'
    weights.write_bytes(weights.read_bytes()[:-4])
    with pytest.raises(ModelFormatError) as caught:
        tf.load_layers_model(str(own_folders / 'm' / 'model.json'))
    assert str(caught.value) == f'{weights} holds 72 bytes of weight data but the 4 weight specs describe 76 bytes'


@pytest.mark.parametrize('suffix, value, message', [
    ('model_topology', '{"class_name": ', 'model_topology in localStorage is not valid JSON'),
    ('weight_specs', '{}', 'weight_specs in localStorage must hold a JSON array; found dict'),
    ('weight_data', 'not base64!', 'weight_data is not valid base64'),
    ('weight_data', 'AAAA', 'weight_data in localStorage holds 3 bytes of weight data but the 4 weight specs '
                            'describe 76 bytes'),
])
def test_damaged_local_storage_names_the_key(model, suffix, value, message):
    model.save('localstorage://m')
    with default_store().transaction() as tx:
        tx.set_item(f'tensorflowjs_models/m/{suffix}', value)
    with pytest.raises(ModelFormatError, match=re.escape(f'tensorflowjs_models/m/{message}')):
        tf.load_layers_model('localstorage://m')


def test_a_store_file_that_is_not_a_store_is_named(own_folders):
    (own_folders / 'store').mkdir()
    (own_folders / 'store' / 'store.sqlite').write_bytes(b'these are not the bytes of a database' * 100)
    with pytest.raises(ModelFormatError, match=re.escape(f"{own_folders / 'store' / 'store.sqlite'} is not a "
                                                         'tfjs_lab model store')):
        tf.load_layers_model('localstorage://m')


# --- URLs -----------------------------------------------------------------------------------
def test_an_unknown_scheme_lists_the_registered_ones(model):
    with pytest.raises(ValueError) as saving:
        model.save('ftp://server/model')
    assert str(saving.value).startswith("Cannot find any save handlers for URL 'ftp://server/model'. "
                                        'Registered URL schemes for saving: ')
    for scheme in ('localstorage://', 'indexeddb://', 'downloads://', 'file:// (or a plain path)'):
        assert scheme in str(saving.value)
    with pytest.raises(ValueError) as loading:
        tf.load_layers_model('ftp://server/model.json')
    assert 'Registered URL schemes for loading: ' in str(loading.value)
    assert 'downloads://' not in str(loading.value)  # TF.js cannot load from downloads either


@pytest.mark.parametrize('url', ['gs://bucket/model.json', 'ftp://host/model.json'])
def test_plain_paths_do_not_take_other_schemes(url):
    assert tf.io.get_save_handlers(url) == [] and tf.io.get_load_handlers(url) == []


def test_downloads_takes_a_file_name_not_a_path(model):
    with pytest.raises(ValueError, match=re.escape("downloads:// takes a file name, not a path: received "
                                                   "'../escape'. To save into a directory of your choice use "
                                                   "'file://../escape'.")):
        model.save('downloads://../escape')


def test_saving_into_a_file_says_a_directory_is_needed(own_folders, model):
    (own_folders / 'taken').write_text('a file')
    with pytest.raises(NotADirectoryError, match=re.escape(f"Path {own_folders / 'taken'} exists as a file")):
        model.save(str(own_folders / 'taken'))


@pytest.mark.parametrize('url, folder', [('downloads://m', 'downloads'), ('{tmp}/m', 'm')], ids=['downloads', 'file'])
def test_a_save_that_fails_midway_leaves_the_previous_files(own_folders, monkeypatch, make_model, url, folder):
    url = url.format(tmp=own_folders)
    previous = make_model()
    previous.save(url)
    before = {p.name: p.read_bytes() for p in (own_folders / folder).iterdir()}
    flushed = []

    def disk_full_on_the_second_file(descriptor):
        flushed.append(descriptor)
        if len(flushed) == 2:
            raise OSError(28, 'No space left on device')

    monkeypatch.setattr('tfjs_lab.io.files.os.fsync', disk_full_on_the_second_file)
    with pytest.raises(OSError, match='No space left on device'):
        make_model().save(url)
    assert {p.name: p.read_bytes() for p in (own_folders / folder).iterdir()} == before  # no temporaries either


# --- quota ----------------------------------------------------------------------------------
@pytest.fixture
def make_large_model():
    """~3.7 million characters in localStorage: one fits in the 5 MiB quota, two do not."""
    return lambda: tf.sequential(layers=[tf.layers.dense(units=700, input_shape=[1000])])


def test_quota_exceeded_gives_the_sizes_and_keeps_the_other_models(make_large_model, model, predict):
    model.save('localstorage://small')
    make_large_model().save('localstorage://first')
    with pytest.raises(QuotaExceededError) as caught:
        make_large_model().save('localstorage://second')
    message = str(caught.value)
    assert message.startswith("Failed to save model 'second' to local storage: the emulated localStorage would "
                              'hold ')
    assert f'over its quota of {DEFAULT_LOCAL_STORAGE_QUOTA} ($TFJS_LAB_LOCAL_STORAGE_QUOTA; browsers allow 5 MiB)' \
        in message
    assert 'weightDataBytes=2802800' in message and 'modelTopologyBytes=' in message
    assert sorted(tf.io.list_models()) == ['localstorage://first', 'localstorage://small']
    np.testing.assert_array_equal(predict(tf.load_layers_model('localstorage://small')), predict(model))


def test_a_save_over_quota_keeps_the_previous_model_at_that_path(model, predict):
    model.save('localstorage://kept')
    huge = tf.sequential(layers=[tf.layers.dense(units=1024, input_shape=[1024])])  # 5.6 M characters alone
    with pytest.raises(QuotaExceededError):
        huge.save('localstorage://kept')
    np.testing.assert_array_equal(predict(tf.load_layers_model('localstorage://kept')), predict(model))


def test_replacing_a_model_counts_only_the_new_one(make_large_model):
    make_large_model().save('localstorage://replaced')
    make_large_model().save('localstorage://replaced')
    assert list(tf.io.list_models()) == ['localstorage://replaced']


def test_indexed_db_has_a_much_larger_quota(make_large_model):
    make_large_model().save('indexeddb://first')
    make_large_model().save('indexeddb://second')
    assert sorted(tf.io.list_models()) == ['indexeddb://first', 'indexeddb://second']


@pytest.mark.parametrize('scheme, env_var, limit, unit', [
    ('localstorage', 'TFJS_LAB_LOCAL_STORAGE_QUOTA', 3000, 'characters'),
    ('indexeddb', 'TFJS_LAB_INDEXED_DB_QUOTA', 4000, 'bytes of records'),
])
def test_quotas_are_configurable_and_an_overwrite_over_quota_keeps_the_model(
        monkeypatch, model, predict, scheme, env_var, limit, unit):
    monkeypatch.setenv(env_var, str(limit))
    model.save(f'{scheme}://kept')
    bigger = tf.sequential(layers=[tf.layers.dense(units=20, input_shape=[40])])
    with pytest.raises(QuotaExceededError, match=re.escape(f'over its quota of {limit} (${env_var}')) as caught:
        bigger.save(f'{scheme}://kept')
    assert unit in str(caught.value) and 'weightDataBytes=3280' in str(caught.value)
    np.testing.assert_array_equal(predict(tf.load_layers_model(f'{scheme}://kept')), predict(model))


def test_a_quota_that_is_not_a_number_is_named(monkeypatch, model):
    monkeypatch.setenv('TFJS_LAB_LOCAL_STORAGE_QUOTA', '5MB')
    with pytest.raises(ValueError, match=re.escape("$TFJS_LAB_LOCAL_STORAGE_QUOTA must be a whole number of units "
                                                   "(0 or more); found '5MB'")):
        model.save('localstorage://m')


@pytest.mark.parametrize('url, message', [
    ('localstorage://../escape', "Invalid local storage model path '../escape': '.' and '..' segments"),
    ('indexeddb://a/./b', "Invalid IndexedDB model path 'a/./b': '.' and '..' segments"),
    ('indexeddb://a\x00b', 'control characters are not allowed'),
    ('localstorage://', 'For local storage, modelPath must not be null, undefined or empty.'),
])
def test_store_paths_name_models_and_never_walk_the_store(model, url, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        model.save(url)
