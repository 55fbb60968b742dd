"""tf.io.loadWeights, weightsLoaderFactory, decodeWeightsStream and CompositeArrayBuffer against
real TF.js 4.22 (tests/io/weights_loading_reference.js) on weights TF.js saved to files: a plain
float32 model in tfjs-node's layout, and a converter layout (a group per layer, 8-byte shards, uint8
and float16 quantization) served over http from 127.0.0.1; uint16 and int32 quantization in streams."""
import asyncio
import base64
import hashlib
import json
import random

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import ModelFormatError, ModelNotFoundError

REFERENCE = '../io/weights_loading_reference.js'  # run_tfjs runs scripts from tests/interop/


def b64(data):
    return base64.b64encode(bytes(data)).decode('ascii')


def described(tensors):
    """``{name: {shape, dtype, values}}``, as the reference script describes TF.js's tensors."""
    return {name: {'shape': list(t.shape), 'dtype': t.dtype, 'values': np.asarray(t).ravel().tolist()}
            for name, t in tensors.items()}


def assert_same_tensors(ours, theirs):
    assert list(ours) == list(theirs)  # same names, in the same order
    for name, expected in theirs.items():
        assert ours[name]['shape'] == expected['shape'] and ours[name]['dtype'] == expected['dtype'], name
        np.testing.assert_array_equal(np.asarray(ours[name]['values'], np.float64),
                                      np.asarray(expected['values'], np.float64), err_msg=name)


def folder_digest(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob('*')) if p.is_file()}


@pytest.fixture
def saved(model_server, run_tfjs, tfjs):
    """Two models TF.js saved into the served folder: ``plain`` and ``converted``; returns
    ``{name: (manifest, url prefix, folder)}``."""
    folder = model_server.folder
    run_tfjs(REFERENCE, {'op': 'save', 'dir': str(folder / 'plain')})
    tfjs('save-converted', str(folder / 'converted'), 'flatten-softmax')
    return {name: (json.loads((folder / name / 'model.json').read_text())['weightsManifest'],
                   f'{model_server.url}/{name}', folder / name)
            for name in ('plain', 'converted')}


def manifest_bytes(manifest, folder):
    """Every weight spec of a manifest and the bytes of all its files, joined in order."""
    specs = [spec for group in manifest for spec in group['weights']]
    return specs, b''.join((folder / p).read_bytes() for group in manifest for p in group['paths'])


def test_load_weights_over_http_equals_tfjs(saved, model_server, run_tfjs):
    converted_manifest, converted_url, _ = saved['converted']
    some = [converted_manifest[1]['weights'][1]['name']]
    cases = [(*saved['plain'][:2], None), (converted_manifest, converted_url, None),
             (converted_manifest, converted_url + '/', some)]
    theirs = run_tfjs(REFERENCE, [{'op': 'loadWeights', 'manifest': m, 'prefix': p, 'names': n} for m, p, n in cases])
    model_server.requests.clear()
    for (manifest, prefix, names), expected in zip(cases, theirs):
        assert_same_tensors(described(tf.io.loadWeights(manifest, prefix, names)), expected)
    # Only the groups holding the requested weights are fetched.
    asked = [r[1] for r in model_server.requests][-len(converted_manifest[1]['paths']):]
    assert asked == [f'/converted/{p}' for p in converted_manifest[1]['paths']]
    assert list(theirs[2]) == some and len(theirs[1]) == 4


def test_load_weights_sends_request_init_and_reads_files(saved, model_server):
    manifest, url, folder = saved['converted']
    expected = described(tf.io.load_weights(manifest, url))
    model_server.requests.clear()
    loaded = tf.io.load_weights(manifest, url, None, {'headers': {'Authorization': 'Bearer secret'}})
    assert described(loaded) == expected
    assert model_server.requests and all(r[2].get('authorization') == 'Bearer secret' for r in model_server.requests)
    assert described(tf.io.load_weights(manifest, str(folder))) == expected
    assert described(tf.io.load_weights(manifest, f'file://{folder}/')) == expected


def test_weights_loader_factory_with_a_python_fetch_function_equals_tfjs(saved, run_tfjs):
    manifest, _, folder = saved['converted']
    names = [manifest[0]['weights'][1]['name'], manifest[1]['weights'][0]['name']]
    cases = [('weights', None), ('weights/', names), ('', names)]
    files = {}
    for prefix, _ in cases:
        separator = '' if prefix.endswith('/') else '/'
        files.update({prefix + separator + p: (folder / p).read_bytes() for g in manifest for p in g['paths']})
    theirs = run_tfjs(REFERENCE, [{'op': 'loaderFactory', 'manifest': manifest, 'prefix': prefix, 'names': n,
                                   'files': {path: b64(data) for path, data in files.items()}}
                                  for prefix, n in cases])
    for (prefix, names), expected in zip(cases, theirs):
        asked = []

        def fetch(paths):
            asked.extend(paths)
            return [files[p] for p in paths]

        assert_same_tensors(described(tf.io.weightsLoaderFactory(fetch)(manifest, prefix, names)), expected['tensors'])
        assert asked == expected['paths']

        async def fetch_later(paths):
            await asyncio.sleep(0)
            return [bytearray(files[p]) for p in paths]

        load = tf.io.weights_loader_factory(fetch_later)
        assert_same_tensors(described(asyncio.run(load(manifest, prefix, names))), expected['tensors'])


# uint16 and int32 quantization, which the converted model lacks: stored values and the specs by hand.
QUANTIZED_STREAM = ([{'name': 'q/uint16', 'shape': [3, 2], 'dtype': 'float32',
                      'quantization': {'dtype': 'uint16', 'min': -1.25, 'scale': 0.0003}},
                     {'name': 'q/int32', 'shape': [5], 'dtype': 'int32',
                      'quantization': {'dtype': 'uint8', 'min': -7, 'scale': 0.5}}],
                    np.array([0, 1, 4095, 65535, 30000, 7], '<u2').tobytes() + bytes([0, 1, 3, 255, 128]))
MIXED_DTYPES = [('w/float', np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)),
                ('w/int', np.array([7, -3, 0, 2 ** 30], np.int32)), ('w/bool', np.array([True, False, True])),
                ('w/empty', np.zeros((0, 2), np.float32)), ('w/scalar', np.float32(0.25))]


def test_decode_weights_stream_at_awkward_boundaries_equals_tfjs(saved, run_tfjs):
    converted = manifest_bytes(*saved['converted'][::2])
    mixed = tf.io.encode_weights(MIXED_DTYPES)[::-1]
    rng = random.Random(0)
    jobs, splits = [], []
    for specs, data in (converted, mixed, QUANTIZED_STREAM):
        cuts = sorted(rng.sample(range(len(data)), 5) + [0, 0, len(data)])  # repeated cuts give empty chunks
        for chunks in ([data[i:i + 1] for i in range(len(data))], [data[i:i + 3] for i in range(0, len(data), 3)],
                       [data[a:b] for a, b in zip([0] + cuts, cuts + [len(data)])], [data]):
            jobs.append({'op': 'decodeStream', 'specs': specs, 'chunks': [b64(c) for c in chunks]})
            splits.append((specs, chunks))
    theirs = run_tfjs(REFERENCE, jobs)
    for (specs, chunks), expected in zip(splits, theirs):
        assert_same_tensors(described(tf.io.decodeWeightsStream(iter(chunks), specs)), expected)

        async def chunks_later(chunks=chunks):
            for chunk in chunks:
                await asyncio.sleep(0)
                yield np.frombuffer(chunk, np.uint8)

        assert_same_tensors(described(asyncio.run(tf.io.decode_weights_stream(chunks_later(), specs))), expected)


def test_decode_weights_stream_reads_no_further_than_the_last_weight():
    data, specs = tf.io.encode_weights([('a', np.arange(4, dtype=np.int32))])
    read = []

    def chunks():
        for chunk in (data[:10], data[10:], b'never needed'):
            read.append(chunk)
            yield chunk

    assert tf.io.decode_weights_stream(chunks(), specs)['a'].arraySync() == [0, 1, 2, 3]
    assert read == [data[:10], data[10:]]


def test_composite_array_buffer_slices_equal_tfjs(run_tfjs):
    layouts = [[b'abc', b'', b'de', b'fghi'], [b'0123', b'4567', b'89ab', b'c']]
    jobs = []
    for buffers in layouts:
        total = sum(map(len, buffers))
        ranges = [[s, e] for s in range(-2, total + 3) for e in range(-2, total + 3)] + [[s] for s in range(-1, total + 2)]
        jobs.append({'op': 'slices', 'buffers': [b64(b) for b in buffers], 'ranges': ranges})
    theirs = run_tfjs(REFERENCE, jobs)
    for buffers, job, expected in zip(layouts, jobs, theirs):
        composite = tf.io.CompositeArrayBuffer(buffers)
        assert composite.byteLength == composite.byte_length == expected['byteLength']
        assert [b64(composite.slice(*r)) for r in job['ranges']] == expected['slices']
        assert tf.io.CompositeArrayBuffer.join(buffers) == b''.join(buffers)


def test_composite_array_buffer_takes_any_bytes_like_buffer():
    values = np.arange(6, dtype=np.float32).reshape(2, 3)
    buffers = [values, memoryview(b'xy'), bytearray(b'z'), values.T]  # a transposed array counts as its own bytes
    composite = tf.io.CompositeArrayBuffer(buffers)
    assert composite.slice() == values.tobytes() + b'xyz' + values.T.tobytes()
    assert tf.io.CompositeArrayBuffer(b'single').slice(1, 3) == b'in'
    assert tf.io.CompositeArrayBuffer().byte_length == 0 and tf.io.CompositeArrayBuffer.join() == b''


# --- bad input -----------------------------------------------------------------------


def test_missing_weight_names_are_named_as_tfjs_names_them(saved, run_tfjs):
    manifest, url, folder = saved['plain']
    before = folder_digest(folder)
    theirs = run_tfjs(REFERENCE, {'op': 'loaderFactory', 'manifest': manifest, 'prefix': '', 'files': {},
                                  'names': ['hidden/kernel', 'nope', 'output/bias', 'gone']})
    with pytest.raises(ValueError) as raised:
        tf.io.loadWeights(manifest, url, ['hidden/kernel', 'nope', 'output/bias', 'gone'])
    assert str(raised.value) == theirs['error']
    assert 'nope, gone' in theirs['error'] and 'hidden/kernel, hidden/bias, output/kernel, output/bias' in theirs['error']
    assert folder_digest(folder) == before


def test_a_short_or_long_shard_names_the_group_files_and_bytes(saved, model_server):
    manifest, url, folder = saved['converted']
    size = len(manifest_bytes(manifest[1:2], folder)[1])
    shard = folder / manifest[1]['paths'][0]
    shard.write_bytes(shard.read_bytes()[:-3])
    before, tensors = folder_digest(folder), tf.memory()['numTensors']
    with pytest.raises(ModelFormatError) as raised:
        tf.io.load_weights(manifest, url)
    message = str(raised.value)
    assert 'weightsManifest[1]' in message and f'{url}/{manifest[1]["paths"][0]}' in message
    assert f'hold {size - 3} bytes but its weight specs describe {size} bytes' in message
    assert tf.memory()['numTensors'] == tensors and folder_digest(folder) == before
    with pytest.raises(ModelFormatError, match=rf'hold {size + 1} bytes'):
        tf.io.weights_loader_factory(lambda paths: [b'\0' * (size + 1)] + [b''] * (len(paths) - 1))(manifest[1:2])


def test_wrong_manifest_shapes_say_what_was_expected_and_received(saved):
    manifest, url, _ = saved['plain']
    bad = [({'paths': ['weights.bin'], 'weights': []}, "must be a list; found dict"),
           ([{'paths': 'weights.bin', 'weights': manifest[0]['weights']}],
            r"'paths' and 'weights' lists; received \{'paths': str, 'weights': list\}"),
           ([{'paths': ['weights.bin']}], r"received \{'paths': list\}"),
           ([{'paths': ['w.bin'], 'weights': [{'name': 'w', 'shape': [2], 'dtype': 'string'}]}],
            r"Unsupported dtype in weight 'w': 'string'"),
           ([{'paths': ['w.bin'], 'weights': [{'name': 'w', 'shape': [-1], 'dtype': 'float32'}]}],
            r"invalid shape \[-1\]")]
    for manifest_, message in bad:
        with pytest.raises(ModelFormatError, match=message):
            tf.io.loadWeights(manifest_, url)
        with pytest.raises(ModelFormatError, match=message):
            tf.io.weightsLoaderFactory(lambda paths: pytest.fail('nothing may be fetched'))(manifest_)
    with pytest.raises(TypeError, match="weight_names must be a list of weight names.*received 'hidden/bias'"):
        tf.io.load_weights(manifest, url, 'hidden/bias')
    with pytest.raises(TypeError, match='file_path_prefix must be a string; received int'):
        tf.io.load_weights(manifest, 3)


def test_fetch_function_and_server_failures_are_named(saved, model_server):
    manifest, url, _ = saved['plain']
    with pytest.raises(ValueError, match=r"one buffer per path \(1 for \['w/weights.bin'\]\); received 2 buffers"):
        tf.io.weights_loader_factory(lambda paths: [b'', b''])(manifest, 'w')
    with pytest.raises(ValueError, match=r'received NoneType'):
        tf.io.weights_loader_factory(lambda paths: None)(manifest, 'w')
    with pytest.raises(TypeError, match='CompositeArrayBuffer buffer #0 must be bytes.*received str'):
        tf.io.weights_loader_factory(lambda paths: ['text'])(manifest, 'w')
    with pytest.raises(TypeError, match='a function from a list of paths.*received str'):
        tf.io.weightsLoaderFactory('weights.bin')
    model_server.statuses['/plain/weights.bin'] = 404
    with pytest.raises(ModelNotFoundError, match=f'{url}/weights.bin failed with status code 404'):
        tf.io.load_weights(manifest, url)
    with pytest.raises(FileNotFoundError, match='Weight file /nowhere/weights.bin does not exist'):
        tf.io.load_weights(manifest, '/nowhere')


def test_a_short_stream_says_how_many_bytes_are_missing(run_tfjs):
    data, specs = tf.io.encode_weights(MIXED_DTYPES)
    theirs = run_tfjs(REFERENCE, {'op': 'decodeStream', 'specs': specs, 'chunks': [b64(data[:30])]})
    assert theirs['error'] == 'Reader is done but 10 bytes are still expected'
    tensors = tf.memory()['numTensors']
    with pytest.raises(ModelFormatError, match=r"ended 10 bytes short of weight 'w/int' \(shape \[4\], int32\): it "
                                               r'needs 16 bytes, received 6; the 5 weight specs describe 47 bytes, '
                                               'the stream held 30'):
        tf.io.decode_weights_stream([data[:20], data[20:30]], specs)
    assert tf.memory()['numTensors'] == tensors


def test_bad_streams_and_slices_are_refused_clearly():
    data, specs = tf.io.encode_weights(MIXED_DTYPES)
    with pytest.raises(TypeError, match=r'Chunk #1 of the weight stream must be bytes.*received str'):
        tf.io.decode_weights_stream([data[:3], 'text'], specs)
    with pytest.raises(TypeError, match=r'iterable of byte chunks; received bytes \(pass \[data\]'):
        tf.io.decode_weights_stream(data, specs)
    with pytest.raises(TypeError, match='iterable or async iterable of byte chunks; received int'):
        tf.io.decode_weights_stream(3, specs)
    with pytest.raises(ModelFormatError, match='weightSpecs must be a list; received dict'):
        tf.io.decode_weights_stream([data], specs[0])
    with pytest.raises(TypeError, match='start must be an integer; received float 1.5'):
        tf.io.CompositeArrayBuffer(data).slice(1.5)
    with pytest.raises(TypeError, match='CompositeArrayBuffer buffer #1 must be bytes.*received list'):
        tf.io.CompositeArrayBuffer([data, [1, 2]])


def test_both_spellings_name_the_same_functions():
    assert tf.io.loadWeights is tf.io.load_weights
    assert tf.io.weightsLoaderFactory is tf.io.weights_loader_factory
    assert tf.io.decodeWeightsStream is tf.io.decode_weights_stream
