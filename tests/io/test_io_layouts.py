"""Where each scheme puts a model, in the layout TF.js uses (the localStorage values and the
downloads are compared with real TF.js in test_io_tfjs_formats.py)."""
import datetime
import json
import os

from tfjs_lab.io.store import default_store


def test_indexed_db_records_are_tfjs_records(model):
    result = model.save('indexeddb://demo/model')
    with default_store().read() as tx:
        info_record = tx.get_record('tensorflowjs', 'model_info_store', 'demo/model')
        model_record = tx.get_record('tensorflowjs', 'models_store', 'demo/model')
    info = result['modelArtifactsInfo']
    assert info_record == {'modelPath': 'demo/model', 'modelArtifactsInfo': info}
    assert set(model_record) == {'modelPath', 'modelArtifacts', 'modelArtifactsInfo'}
    assert model_record['modelArtifactsInfo'] == info
    assert isinstance(info['dateSaved'], datetime.datetime)  # a JS Date, not text
    artifacts = model_record['modelArtifacts']
    assert set(artifacts) == {'modelTopology', 'format', 'generatedBy', 'convertedBy', 'weightSpecs', 'weightData'}
    assert isinstance(artifacts['weightData'], bytes) and len(artifacts['weightData']) == info['weightDataBytes']


def test_file_layout_is_tfjs_nodes(own_folders, model):
    model.save(f'file://{own_folders}/saved')
    assert sorted(os.listdir(own_folders / 'saved')) == ['model.json', 'weights.bin']
    model_json = json.loads((own_folders / 'saved' / 'model.json').read_text())
    # NodeFileSystem.save's field order, which differs from the browser's
    assert list(model_json) == ['modelTopology', 'weightsManifest', 'format', 'generatedBy', 'convertedBy']
    assert [group['paths'] for group in model_json['weightsManifest']] == [['weights.bin']]
    assert (own_folders / 'saved' / 'weights.bin').stat().st_size == 76


def test_downloads_manifest_points_next_to_model_json(own_folders, model):
    model.save('downloads://named')
    model_json = json.loads((own_folders / 'downloads' / 'named.json').read_text())
    assert list(model_json) == ['modelTopology', 'format', 'generatedBy', 'convertedBy', 'weightsManifest']
    assert [group['paths'] for group in model_json['weightsManifest']] == [['./named.weights.bin']]


def test_downloads_folder_defaults_to_downloads_under_the_current_directory(own_folders, monkeypatch, model):
    monkeypatch.delenv('TFJS_LAB_DOWNLOADS_DIR')
    monkeypatch.chdir(own_folders)
    model.save('downloads://here')
    assert sorted(os.listdir(own_folders / 'downloads')) == ['here.json', 'here.weights.bin']


def test_saving_leaves_no_temporary_files(own_folders, model):
    model.save('downloads://clean')
    model.save(str(own_folders / 'clean'))
    assert sorted(os.listdir(own_folders / 'downloads')) == ['clean.json', 'clean.weights.bin']
    assert sorted(os.listdir(own_folders / 'clean')) == ['model.json', 'weights.bin']


def test_store_lives_in_the_store_dir(own_folders, model):
    model.save('localstorage://m')
    assert default_store().path == str(own_folders / 'store' / 'store.sqlite')
    assert (own_folders / 'store' / 'store.sqlite').is_file()
