"""A model saved through each scheme loads back with the same topology, weights and
predictions; saving again replaces it; the TF.js spellings and ``await`` work."""
import asyncio
import os
import pathlib

import numpy as np
import pytest

import tfjs_lab as tf

# (URL to save to, URL to load from); {tmp} is the test's own folder.
SCHEMES = {
    'localstorage': ('localstorage://my-model', 'localstorage://my-model'),
    'indexeddb': ('indexeddb://my-model', 'indexeddb://my-model'),
    'downloads': ('downloads://my-model', '{tmp}/downloads/my-model.json'),
    'file': ('file://{tmp}/my-model', 'file://{tmp}/my-model/model.json'),
    'plain path': ('{tmp}/my-model', '{tmp}/my-model/model.json'),
    'relative path': ('./nested/my-model', 'nested/my-model/model.json'),
}


@pytest.fixture
def urls(own_folders, monkeypatch):
    monkeypatch.chdir(own_folders)
    return {name: tuple(url.format(tmp=own_folders) for url in pair) for name, pair in SCHEMES.items()}


def assert_same_model(loaded, model, predict):
    assert loaded.to_json(None, False)['config'] == model.to_json(None, False)['config']
    assert [w.original_name for w in loaded.weights] == [w.original_name for w in model.weights]
    for ours, theirs in zip(loaded.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(np.asarray(ours), np.asarray(theirs))
    np.testing.assert_array_equal(predict(loaded), predict(model))


@pytest.mark.parametrize('scheme', SCHEMES)
def test_round_trip(scheme, urls, model, predict):
    save_url, load_url = urls[scheme]
    result = model.save(save_url)
    assert result['modelArtifactsInfo']['weightDataBytes'] == (4 * 3 + 3 + 3 * 1 + 1) * 4
    assert_same_model(tf.load_layers_model(load_url), model, predict)


@pytest.mark.parametrize('scheme', SCHEMES)
def test_saving_again_replaces_the_model(scheme, urls, make_model, predict):
    save_url, load_url = urls[scheme]
    make_model().save(save_url)
    second = make_model()
    second.save(save_url)
    np.testing.assert_array_equal(predict(tf.load_layers_model(load_url)), predict(second))


def test_handlers_by_their_tfjs_names(own_folders, model, predict):
    handlers = [(tf.io.browserLocalStorage('m'), tf.io.browserLocalStorage('m')),
                (tf.io.browserIndexedDB('m'), tf.io.browserIndexedDB('m')),
                (tf.io.browserDownloads('m'), tf.io.fileSystem(own_folders / 'downloads' / 'm.json')),
                (tf.io.fileSystem(own_folders / 'm'), tf.io.fileSystem(own_folders / 'm' / 'model.json'))]
    for saver, loader in handlers:
        model.save(saver)
        assert_same_model(tf.loadLayersModel(loader), model, predict)


def test_a_bare_downloads_url_saves_model_json(own_folders, model):
    model.save('downloads://')
    assert sorted(os.listdir(own_folders / 'downloads')) == ['model.json', 'model.weights.bin']


def test_paths_may_be_path_objects(own_folders, model, predict):
    model.save(pathlib.Path(own_folders, 'as-path'))
    assert_same_model(tf.load_layers_model(pathlib.Path(own_folders, 'as-path', 'model.json')), model, predict)


def test_the_memory_store_round_trips_without_a_file(own_folders, monkeypatch, model, predict):
    monkeypatch.setenv('TFJS_LAB_STORE_DIR', ':memory:')
    model.save('localstorage://in-memory')
    model.save('indexeddb://in-memory')
    assert_same_model(tf.load_layers_model('localstorage://in-memory'), model, predict)
    assert_same_model(tf.load_layers_model('indexeddb://in-memory'), model, predict)
    assert not (own_folders / 'store').exists()


def test_artifacts_pass_through_memory(model, predict):
    saved = {}
    result = model.save(tf.io.withSaveHandler(saved.update))
    assert result['modelArtifactsInfo']['weightDataBytes'] == len(saved['weightData'])
    assert_same_model(tf.loadLayersModel(tf.io.fromMemory(saved)), model, predict)


def test_save_load_and_model_management_can_be_awaited(model, predict):
    async def port_of_tfjs_code():
        result = await model.save('localstorage://awaited')
        loaded = await tf.loadLayersModel('localstorage://awaited')
        await tf.io.copyModel('localstorage://awaited', 'indexeddb://awaited')
        listed = await tf.io.listModels()
        removed = await tf.io.removeModel('indexeddb://awaited')
        return result, loaded, listed, removed

    result, loaded, listed, removed = asyncio.run(port_of_tfjs_code())
    assert_same_model(loaded, model, predict)
    assert sorted(listed) == ['indexeddb://awaited', 'localstorage://awaited']
    assert removed['weightDataBytes'] == result['modelArtifactsInfo']['weightDataBytes']
