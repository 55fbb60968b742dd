"""Weight formats (float32/int32/bool, the converter's uint8/uint16/float16 quantization, the
optimizer group), tf.io.browser_files over notebook uploads, userDefinedMetadata, and the
loader's guard against topologies larger than their weights."""
import json
import re

import numpy as np
import pytest

import tfjs_lab as tf
from architectures import build_model, predictions
from tfjs_lab.engine.saving import model_from_saved_artifacts, saved_artifacts
from tfjs_lab.errors import ModelFormatError


# --- weight dtypes and quantization ---------------------------------------------------------
def test_float32_int32_and_bool_weights_round_trip():
    arrays = [('f', np.array([[1.5, -2]], np.float32)), ('i', np.array([7, -8], np.int32)),
              ('b', np.array([True, False, True]))]
    data, specs = tf.io.encode_weights(arrays)
    assert len(data) == 8 + 8 + 3 and [s['dtype'] for s in specs] == ['float32', 'int32', 'bool']
    for (name, array), (decoded_name, decoded) in zip(arrays, tf.io.decode_weights(data, specs)):
        assert name == decoded_name and decoded.dtype == array.dtype
        np.testing.assert_array_equal(decoded, array)


@pytest.mark.parametrize('quantization, stored, dtype, expected', [
    ({'dtype': 'uint8', 'min': -1.0, 'scale': 0.5}, np.array([0, 1, 4, 255], np.uint8), 'float32',
     [-1.0, -0.5, 1.0, 126.5]),
    ({'dtype': 'uint16', 'min': 0.25, 'scale': 0.001}, np.array([0, 1000, 65535], '<u2'), 'float32',
     np.float32([0.25, 0.25 + 1000 * 0.001, 0.25 + 65535 * 0.001])),
    ({'dtype': 'float16'}, np.array([1.5, -0.125, 65504], '<f2'), 'float32', [1.5, -0.125, 65504]),
    # int32 weights round as JS's Math.round does: halves go up
    ({'dtype': 'uint8', 'min': -2, 'scale': 0.5}, np.array([1, 3, 5], np.uint8), 'int32', [-1, -0, 1]),
])
def test_quantized_weights_decode_as_tfjs_decodes_them(quantization, stored, dtype, expected):
    spec = {'name': 'w', 'shape': [len(stored)], 'dtype': dtype, 'quantization': quantization}
    [(_, values)] = tf.io.decode_weights(stored.tobytes(), [spec])
    assert values.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(values, np.asarray(expected, dtype))


@pytest.mark.parametrize('quantization, dtype, message', [
    ({'dtype': 'int8'}, 'float32', "Weight w has unknown quantization dtype 'int8'. Supported quantization dtypes "
                                   "are: 'uint8', 'uint16', and 'float16'."),
    ({'dtype': 'float16'}, 'int32', 'Weight w is quantized with float16 which only supports weights of type '
                                    'float32, not int32.'),
    ({'dtype': 'uint8', 'scale': 0.1}, 'float32', 'Weight w with quantization uint8 needs finite numbers min and '
                                                  'scale; received min=None, scale=0.1'),
    ('uint8', 'float32', "Weight w has unknown quantization dtype None"),
])
def test_bad_quantization_is_named(quantization, dtype, message):
    with pytest.raises(ModelFormatError, match=re.escape(message)):
        tf.io.decode_weights(b'\0' * 8, [{'name': 'w', 'shape': [2], 'dtype': dtype, 'quantization': quantization}])


@pytest.mark.parametrize('spec, message', [
    ({'name': 'w', 'shape': [2], 'dtype': 'string'}, "Unsupported dtype in weight 'w': 'string'"),
    ({'name': 'w', 'shape': [10 ** 12, 10 ** 12], 'dtype': 'float32'},
     "Weight data is too short for weight 'w' (shape [1000000000000, 1000000000000], float32): expected "
     '4000000000000000000000000 bytes at offset 0, received 8'),
    ({'name': 'w', 'shape': [-2], 'dtype': 'float32'}, "Weight 'w' has an invalid shape [-2]"),
    ({'name': 'w', 'shape': [3], 'dtype': 'float32'}, "expected 12 bytes at offset 0, received 8"),
])
def test_specs_that_do_not_match_the_bytes_are_named_before_anything_is_allocated(spec, message):
    with pytest.raises(ModelFormatError, match=re.escape(message)):
        tf.io.decode_weights(b'\0' * 8, [spec])


# --- browser_files ------------------------------------------------------------------------
@pytest.fixture
def files():
    """The files of a model saved to a folder: {name: bytes}."""
    saved = {}
    build_model().save(tf.io.with_save_handler(saved.update))
    from tfjs_lab.io.model_json import build_model_json
    return {'model.json': build_model_json(saved, ['./group1-shard1of2.bin', './group1-shard2of2.bin']).encode(),
            'group1-shard1of2.bin': saved['weightData'][:40], 'group1-shard2of2.bin': saved['weightData'][40:]}


def ipywidgets8_value(files):
    return tuple({'name': name, 'type': '', 'size': len(data), 'content': memoryview(data),
                  'last_modified': None} for name, data in files.items())


def ipywidgets7_value(files):
    return {name: {'metadata': {'name': name, 'size': len(data)}, 'content': data} for name, data in files.items()}


@pytest.mark.parametrize('form', [ipywidgets8_value, ipywidgets7_value, dict, lambda f: list(f.items()),
                                  lambda f: list(reversed(f.items()))],
                         ids=['ipywidgets 8', 'ipywidgets 7', 'dict', 'pairs', 'json last'])
def test_browser_files_loads_uploads(files, form):
    loaded = tf.load_layers_model(tf.io.browserFiles(form(files)))
    np.testing.assert_array_equal(predictions(loaded), predictions(build_model()))


def test_browser_files_takes_the_upload_widget_itself(files):
    class FileUpload:  # the attribute of ipywidgets.FileUpload that holds the files
        value = ipywidgets8_value(files)
    assert tf.load_layers_model(tf.io.browser_files(FileUpload())).count_params() == 19


def test_browser_files_with_only_model_json_gives_the_topology(files):
    loaded = tf.load_layers_model(tf.io.browser_files({'model.json': files['model.json']}))
    assert [layer.name for layer in loaded.layers] == ['hidden', 'output']


@pytest.mark.parametrize('change, message', [
    (lambda f: f.pop('group1-shard2of2.bin'), "Weight file with basename 'group1-shard2of2.bin' is not provided."),
    (lambda f: f.update({'extra.bin': b''}), 'Mismatch in the number of files in weights manifest (2) and the number '
                                             'of weight files provided (3).'),
    (lambda f: f.update({'model.json': b'{"weightsManifest": []}'}), 'modelTopology field is missing from file '
                                                                       'model.json'),
    (lambda f: f.update({'model.json': b'{"modelTopology": {}}'}), 'weightManifest field is missing from file '
                                                                     'model.json'),
    (lambda f: f.update({'group1-shard2of2.bin': b'\0'}), 'holds 41 bytes of weight data but the 4 weight specs '
                                                            'describe 76 bytes'),
])
def test_browser_files_errors_name_the_file(files, change, message):
    change(files)
    with pytest.raises(ModelFormatError, match=re.escape(message)):
        tf.load_layers_model(tf.io.browser_files(files))


def test_browser_files_needs_files():
    with pytest.raises(ValueError, match='When calling browserFiles, at least 1 file is required'):
        tf.io.browser_files([])
    with pytest.raises(TypeError, match="each file needs a str name and bytes content; received name 'a.json' "
                                        'with content of type str'):
        tf.io.browser_files({'a.json': 'text, not bytes'})


# --- userDefinedMetadata and the loader's guards ------------------------------------------------
def test_user_defined_metadata_is_saved_and_loaded(own_folders):
    model = build_model()
    model.user_defined_metadata = {'labels': ['cat', 'dog'], 'version': 2}
    tf.io.file_system(own_folders / 'm').save(saved_artifacts(model))
    model_json = json.loads((own_folders / 'm' / 'model.json').read_text())
    assert model_json['userDefinedMetadata'] == {'labels': ['cat', 'dog'], 'version': 2}
    loaded = model_from_saved_artifacts(tf.io.file_system(own_folders / 'm' / 'model.json').load())
    assert loaded.user_defined_metadata == {'labels': ['cat', 'dog'], 'version': 2}


def test_metadata_must_be_a_json_object():
    model = build_model()
    model.user_defined_metadata = ['not', 'an', 'object']
    with pytest.raises(ModelFormatError, match='User-defined metadata is expected to be a JSON object, but is not.'):
        saved_artifacts(model)


def test_a_topology_larger_than_its_weights_is_refused_before_it_is_built():
    artifacts = saved_artifacts(build_model())
    artifacts['modelTopology']['config']['layers'][0]['config']['units'] = 10 ** 9
    with pytest.raises(ModelFormatError, match=re.escape('The model topology asks for a weight of shape '
                                                         '[4, 1000000000] (4000000000 values), beyond the 19 values '
                                                         'the weight data holds')):
        model_from_saved_artifacts(artifacts)


def test_an_unknown_layer_class_is_named():
    artifacts = saved_artifacts(build_model())
    artifacts['modelTopology']['config']['layers'][1]['class_name'] = 'EvilLambda'
    with pytest.raises(ModelFormatError, match="EvilLambda"):
        model_from_saved_artifacts(artifacts)


def test_weight_data_without_specs_is_named():
    with pytest.raises(ModelFormatError, match='LayersModel artifacts contains weight data, but not weight specs.'):
        model_from_saved_artifacts({'modelTopology': {}, 'weightData': b'1234'})


@pytest.mark.parametrize('change, message', [
    (lambda c: c.update(loss_weights=[1.0]), 'Loading loss_weights is not supported yet.'),
    (lambda c: c.update(optimizer_config={'class_name': 'Nope', 'config': {}}), "Invalid trainingConfig"),
])
def test_a_bad_training_config_is_named(change, message):
    model = build_model()
    model.compile(optimizer='sgd', loss='meanSquaredError')
    artifacts = saved_artifacts(model, include_optimizer=True)
    change(artifacts['trainingConfig'])
    with pytest.raises(ModelFormatError, match=re.escape(message)):
        model_from_saved_artifacts(artifacts)


def test_include_optimizer_on_an_uncompiled_model_saves_only_the_model():
    artifacts = saved_artifacts(build_model(), include_optimizer=True)
    assert 'trainingConfig' not in artifacts and len(artifacts['weightSpecs']) == 4


def test_tfjs_helpers_for_custom_loaders(own_folders):
    """A custom loader written as in TF.js: getModelArtifactsForJSON with getWeightSpecs and
    concatenateArrayBuffers over sharded files."""
    model = build_model()
    model.save(str(own_folders / 'm'))
    model_json = json.loads((own_folders / 'm' / 'model.json').read_text())
    data = (own_folders / 'm' / 'weights.bin').read_bytes()

    def load_weights(manifest):
        return tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers([data[:10], data[10:]])

    artifacts = tf.io.getModelArtifactsForJSON(model_json, load_weights)
    np.testing.assert_array_equal(predictions(tf.load_layers_model(tf.io.fromMemorySync(artifacts))),
                                  predictions(model))
    assert tf.io.isHTTPScheme('https://x/model.json') and not tf.io.isHTTPScheme(str(own_folders))
