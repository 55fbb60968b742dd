"""http:// against a real server on 127.0.0.1: loading with TF.js's weight-path rules, saving
as TF.js's multipart POST (compared with what TF.js itself sends), and the errors."""
import json
import re

import numpy as np
import pytest

import tfjs_lab as tf
from architectures import BYTE_FOR_BYTE, INPUTS, build_model, predictions
from tfjs_lab.errors import ModelFormatError, ModelNotFoundError


def serve(model, folder):
    """Save ``model`` into ``folder`` in tfjs-node's layout (model.json + weights.bin)."""
    model.save(str(folder))


def test_load_from_a_url(model_server):
    model = build_model()
    serve(model, model_server.folder / 'models' / 'a')
    loaded = tf.load_layers_model(f'{model_server.url}/models/a/model.json')
    np.testing.assert_array_equal(predictions(loaded), predictions(model))
    assert [r[1] for r in model_server.requests] == ['/models/a/model.json', '/models/a/weights.bin']


def test_the_query_string_goes_to_every_shard(model_server):
    model = build_model('flatten-softmax')
    folder = model_server.folder / 'sharded'
    serve(model, folder)
    model_json = json.loads((folder / 'model.json').read_text())
    data = (folder / 'weights.bin').read_bytes()
    shards = ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']
    for i, name in enumerate(shards):
        (folder / name).write_bytes(data[i * 40:(i + 1) * 40] if i < 2 else data[80:])
    model_json['weightsManifest'][0]['paths'] = [f'./{name}' for name in shards]
    (folder / 'model.json').write_text(json.dumps(model_json))
    loaded = tf.load_layers_model(f'{model_server.url}/sharded/model.json?token=abc&v=2')
    np.testing.assert_array_equal(predictions(loaded, 'flatten-softmax'), predictions(model, 'flatten-softmax'))
    assert [r[1] for r in model_server.requests][1:] == [f'/sharded/./{name}?token=abc&v=2' for name in shards]


def test_weight_path_prefix_and_request_headers(model_server):
    model = build_model()
    serve(model, model_server.folder / 'json-here')
    (model_server.folder / 'json-here' / 'weights.bin').rename(model_server.folder / 'weights-there.bin')
    model_json = json.loads((model_server.folder / 'json-here' / 'model.json').read_text())
    model_json['weightsManifest'][0]['paths'] = ['weights-there.bin']
    (model_server.folder / 'json-here' / 'model.json').write_text(json.dumps(model_json))
    progress = []
    loaded = tf.loadLayersModel(f'{model_server.url}/json-here/model.json',
                                {'weightPathPrefix': f'{model_server.url}/', 'onProgress': progress.append,
                                 'requestInit': {'headers': {'Authorization': 'Bearer secret'}}})
    np.testing.assert_array_equal(predictions(loaded), predictions(model))
    assert [r[1] for r in model_server.requests] == ['/json-here/model.json', '/weights-there.bin']
    assert all(r[2].get('authorization') == 'Bearer secret' for r in model_server.requests)
    assert progress == [1.0]


def test_a_weight_url_converter_chooses_every_url(model_server):
    model = build_model()
    serve(model, model_server.folder / 'm')
    handler = tf.io.http(f'{model_server.url}/m/model.json',
                         {'weightUrlConverter': lambda path: f'{model_server.url}/m/{path}?signed=1'})
    np.testing.assert_array_equal(predictions(tf.load_layers_model(handler)), predictions(model))
    assert model_server.requests[-1][1] == '/m/weights.bin?signed=1'


def test_save_posts_the_multipart_form_tfjs_posts(model_server):
    model = build_model()
    result = model.save(f'{model_server.url}/upload')
    assert result['responses'][0].status == 200
    method, path, headers, _ = model_server.requests[-1]
    assert (method, path) == ('POST', '/upload')
    assert headers['content-type'].startswith('multipart/form-data; boundary=')
    parts = model_server.posted['/upload']
    assert [(name, filename, kind) for name, filename, kind, _ in parts] == [
        ('model.json', 'model.json', 'application/json'),
        ('model.weights.bin', 'model.weights.bin', 'application/octet-stream')]
    assert json.loads(parts[0][3])['weightsManifest'][0]['paths'] == ['./model.weights.bin']
    assert len(parts[1][3]) == result['modelArtifactsInfo']['weightDataBytes']
    loaded = tf.load_layers_model(f'{model_server.url}/upload/model.json')  # what was posted loads back
    np.testing.assert_array_equal(predictions(loaded), predictions(model))


def test_request_init_sets_the_method_of_a_save(model_server):
    # The test server has no PUT: its 501 answer shows the request went out as a PUT.
    with pytest.raises(OSError, match='status 501'):
        build_model().save(tf.io.http(f'{model_server.url}/put-here', {'requestInit': {'method': 'PUT'}}))


@pytest.mark.parametrize('status, error, message', [
    (404, ModelNotFoundError, 'failed with status code 404. Please verify this URL points to the model JSON'),
    (500, OSError, 'failed with status code 500'),
])
def test_a_failed_model_json_request_gives_the_url_and_status(model_server, status, error, message):
    model_server.statuses['/m/model.json'] = status
    url = f'{model_server.url}/m/model.json'
    with pytest.raises(error, match=re.escape(f'Request to {url} {message}')):
        tf.load_layers_model(url)


def test_a_missing_shard_is_named_with_its_status(model_server):
    serve(build_model(), model_server.folder / 'm')
    (model_server.folder / 'm' / 'weights.bin').unlink()
    with pytest.raises(ModelNotFoundError, match=re.escape(
            f'Request to weight file {model_server.url}/m/weights.bin failed with status code 404')):
        tf.load_layers_model(f'{model_server.url}/m/model.json')


def test_a_weight_file_longer_than_its_manifest_is_refused_without_reading_it_all(model_server):
    serve(build_model(), model_server.folder / 'm')
    (model_server.folder / 'm' / 'weights.bin').write_bytes(b'\0' * 1_000_000)
    with pytest.raises(ModelFormatError, match='holds 77 bytes of weight data but the 4 weight specs describe 76'):
        tf.load_layers_model(f'{model_server.url}/m/model.json')


def test_an_html_page_instead_of_model_json(model_server):
    (model_server.folder / 'index.html').write_text('<html></html>')
    url = f'{model_server.url}/index.html'
    with pytest.raises(ModelFormatError, match=re.escape(f'Failed to parse model JSON of response from {url}. '
                                                         'Please make sure the server is serving valid JSON')):
        tf.load_layers_model(url)


def test_no_server_is_a_connection_error(model_server):
    url = f'{model_server.url}/m/model.json'
    model_server.close()
    with pytest.raises(ConnectionError, match=re.escape(f'Request to {url} failed')):
        tf.load_layers_model(url)


def test_a_save_rejected_by_the_server(model_server):
    model_server.statuses['/full'] = 507
    with pytest.raises(OSError, match=re.escape('BrowserHTTPRequest.save() failed due to HTTP response status 507.')):
        build_model().save(f'{model_server.url}/full')


def test_request_init_must_not_have_a_body():
    with pytest.raises(ValueError, match='requestInit is expected to have no pre-existing body, but has one.'):
        tf.io.http('http://127.0.0.1/model.json', {'requestInit': {'body': 'x'}})


# --- against TF.js -----------------------------------------------------------------------------
def masked_model_json(data):
    return re.sub(rb'"generatedBy":"[^"]*"', b'"generatedBy":"<writer>"', data)


@pytest.mark.interop
@pytest.mark.parametrize('arch', BYTE_FOR_BYTE)
def test_our_post_is_the_post_tfjs_sends(tfjs, model_server, arch):
    tfjs('save-url', f'{model_server.url}/theirs', arch)
    build_model(arch).save(f'{model_server.url}/ours')
    theirs, ours = model_server.posted['/theirs'], model_server.posted['/ours']
    assert [(n, f, t, masked_model_json(d)) for n, f, t, d in ours] == \
        [(n, f, t, masked_model_json(d)) for n, f, t, d in theirs]
    assert [r[2]['content-type'].split(';')[0] for r in model_server.requests] == ['multipart/form-data'] * 2


@pytest.mark.interop
@pytest.mark.parametrize('arch', list(INPUTS))
def test_tfjs_loads_what_we_posted_and_we_load_what_tfjs_posted(tfjs, model_server, arch):
    model = build_model(arch)
    model.save(f'{model_server.url}/ours')
    tfjs('save-url', f'{model_server.url}/theirs', arch)
    by_tfjs = tfjs('load-url', f'{model_server.url}/ours/model.json', arch)['predictions']
    np.testing.assert_allclose(by_tfjs, predictions(model, arch), rtol=1e-5, atol=1e-6)
    ours = predictions(tf.load_layers_model(f'{model_server.url}/theirs/model.json'), arch)
    np.testing.assert_allclose(ours, predictions(model, arch), rtol=1e-5, atol=1e-6)
