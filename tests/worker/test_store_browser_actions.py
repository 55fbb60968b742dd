"""The store browser's kernel side: rows and quota from the emulated stores, and each action
(load, download, copy, move, delete) by method and by front-end message, errors included."""
import json

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.io.store import set_default_store


@pytest.fixture
def stores(tmp_path, monkeypatch):
    """Empty stores and a downloads folder of this test's own; the kernel's folder is tmp_path."""
    previous = set_default_store(str(tmp_path / 'store.sqlite'))
    monkeypatch.setenv('TFJS_LAB_DOWNLOADS_DIR', str(tmp_path / 'downloads'))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    set_default_store(previous)


def saved_model(url):
    model = tf.sequential(layers=[tf.layers.dense(units=2, input_shape=[3])])
    model.save(url)
    return model


def front_end(browser, **message):
    browser._on_front_end_message(browser, message, [])


def test_rows_list_every_stored_model_with_its_sizes_and_the_quota_used(stores):
    saved_model('localstorage://a/b')
    saved_model('indexeddb://c')
    browser = tf.vis.StoreBrowser()
    listed = tf.io.list_models()
    assert [row['url'] for row in browser.models] == list(listed) == ['localstorage://a/b', 'indexeddb://c']
    row = browser.models[0]
    info = listed['localstorage://a/b']
    assert (row['scheme'], row['path']) == ('localstorage', 'a/b')
    assert row['date_saved'] == info['dateSaved'].isoformat()
    assert (row['topology_bytes'], row['weight_specs_bytes'], row['weight_data_bytes']) == (
        info['modelTopologyBytes'], info['weightSpecsBytes'], info['weightDataBytes'])
    assert row['total_bytes'] == sum((row['topology_bytes'], row['weight_specs_bytes'], row['weight_data_bytes']))
    assert row['weight_data_bytes'] == (3 * 2 + 2) * 4
    assert browser.usage['quota'] == 5 * 1024 * 1024
    assert 0 < browser.usage['used'] < browser.usage['quota']
    json.dumps(browser.models)  # the traits are plain JSON for the front end


def test_actions_from_the_front_end_change_the_stores_and_the_table(stores):
    original = saved_model('localstorage://m')
    browser = tf.vis.StoreBrowser()
    front_end(browser, type='copy', url='localstorage://m', dest='indexeddb://m2')
    assert browser.message == 'Copied localstorage://m to indexeddb://m2'
    front_end(browser, type='move', url='indexeddb://m2', dest='localstorage://m3')
    assert [row['url'] for row in browser.models] == ['localstorage://m', 'localstorage://m3']
    front_end(browser, type='delete', url='localstorage://m3')
    assert [row['url'] for row in browser.models] == ['localstorage://m'] and browser.message == 'Deleted localstorage://m3'

    loads = []
    browser.on_load = lambda url, model: loads.append(url)
    front_end(browser, type='load', url='localstorage://m')
    assert loads == ['localstorage://m']
    for got, want in zip(browser.loaded.get_weights(), original.get_weights()):
        np.testing.assert_array_equal(got.numpy(), want.numpy())

    front_end(browser, type='download', url='localstorage://m')
    assert browser.links == [{'name': 'm.json', 'href': 'downloads/m.json'},
                             {'name': 'm.weights.bin', 'href': 'downloads/m.weights.bin'}]
    assert json.loads((stores / 'downloads' / 'm.json').read_text())['weightsManifest'][0]['paths'] == ['./m.weights.bin']
    assert (stores / 'downloads' / 'm.weights.bin').stat().st_size == 32


def test_a_failed_action_is_shown_on_the_widget(stores):
    saved_model('localstorage://kept')
    browser = tf.vis.StoreBrowser()
    front_end(browser, type='delete', url='localstorage://gone')
    assert browser.error.startswith("delete localstorage://gone failed: ModelNotFoundError: ")
    front_end(browser, type='copy', url='localstorage://kept', dest='localstorage://kept')
    assert browser.error == "copy localstorage://kept failed: ValueError: Old path and new path are the same: 'localstorage://kept'"
    front_end(browser, type='move', url='localstorage://kept', dest='nowhere://x')
    assert browser.error.startswith('move localstorage://kept failed: ValueError: ')
    assert [row['url'] for row in browser.models] == ['localstorage://kept']  # a failed move keeps the source
    front_end(browser, type='refresh')
    assert browser.error == '' and browser.message == ''
    front_end(browser, type='format-disk', url='localstorage://kept')  # not an action: ignored
    assert [row['url'] for row in browser.models] == ['localstorage://kept']
