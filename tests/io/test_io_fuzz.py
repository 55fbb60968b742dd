"""Bad input never crashes the loader: 10,000 mutated model.json and weight files (byte flips,
cuts and insertions, JSON values swapped for odd ones, fields dropped) each load or raise
ModelFormatError, and none makes the loader allocate more than twice its input beyond what
loading the intact model allocates (plus a fixed allowance for building an exception and its
traceback, which for a model this small outweighs the input)."""
import json
import tracemalloc

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

import tfjs_lab as tf
from architectures import build_model
from tfjs_lab.engine.saving import model_from_saved_artifacts
from tfjs_lab.errors import ModelFormatError
from tfjs_lab.io.browser_files import BrowserFiles
from tfjs_lab.io.model_json import build_model_json

CASES = 10_000
ERROR_ALLOWANCE = 64 * 1024


def saved_files(arch):
    """(model.json bytes, weights.bin bytes) of an architecture, as file:// writes them."""
    saved = {}
    build_model(arch).save(tf.io.with_save_handler(saved.update))
    return build_model_json(saved, ['weights.bin']).encode(), saved['weightData']


MODEL_JSON, WEIGHTS = saved_files('classifier')

ODD_SCALARS = [None, True, False, 0, -1, 1, 3, 10 ** 9, 2 ** 31, 2 ** 53, 10 ** 30, -2 ** 63, 0.5, -1e308, 1e308,
               float('nan'), float('inf'), '', 'float32', 'int32', 'bool', 'string', 'complex64', 'uint8', 'float16',
               'Dense', 'Sequential', 'Model', 'Nope', '../weights.bin', '/etc/passwd', 'relu', 'x' * 1000]
odd_scalars = st.sampled_from(ODD_SCALARS) | st.integers() | st.text(max_size=6)
odd_json_values = odd_scalars | st.lists(odd_scalars, max_size=4) | \
    st.dictionaries(st.sampled_from(['name', 'dtype', 'shape', 'units', 'config', 'class_name', 'quantization', 'min',
                                     'scale']),
                    odd_scalars | st.lists(odd_scalars, max_size=3), max_size=3) | \
    st.fixed_dictionaries({'name': st.sampled_from(['hidden/bias', 'output/bias']), 'shape': st.sampled_from([[3], [1]]),
                           'dtype': st.sampled_from(['float32', 'int32', 'bool']),
                           'quantization': st.fixed_dictionaries({
                               'dtype': st.sampled_from(['uint8', 'uint16', 'float16', 'int8']),
                               'min': odd_scalars, 'scale': odd_scalars})})  # a quantized weight spec


def json_paths(value, prefix=()):
    """Every (path, value) inside a parsed JSON value."""
    yield prefix, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from json_paths(child, prefix + (key,))


def replaced(document, path, new_value, delete):
    if not path:
        return new_value
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = new_value
    return document


JSON_PATHS = [path for path, _ in json_paths(json.loads(MODEL_JSON))]


@st.composite
def mutated_files(draw):
    model_json, weights = MODEL_JSON, WEIGHTS
    kind = draw(st.sampled_from(['json value', 'json value', 'json bytes', 'weight bytes', 'both']))
    if kind == 'json value':
        document = replaced(json.loads(model_json), draw(st.sampled_from(JSON_PATHS)), draw(odd_json_values),
                            draw(st.booleans()))
        model_json = json.dumps(document).encode()
    if kind in ('json bytes', 'both'):
        model_json = draw(mutated_bytes(model_json))
    if kind in ('weight bytes', 'both'):
        weights = draw(mutated_bytes(weights))
    return model_json, weights


def mutated_bytes(data):
    """Flip, cut or insert bytes of ``data``."""
    def mutate(edits):
        out = bytearray(data)
        for op, position, value in edits:
            position %= len(out) + 1
            if op == 'flip' and position < len(out):
                out[position] ^= value
            elif op == 'cut':
                del out[position:position + value]
            else:
                out[position:position] = bytes([value]) * (value % 5 + 1)
        return bytes(out)
    edit = st.tuples(st.sampled_from(['flip', 'cut', 'insert']), st.integers(0, 10 ** 6), st.integers(1, 255))
    return st.lists(edit, min_size=1, max_size=4).map(mutate)


def load(model_json, weights):
    files = BrowserFiles([('model.json', model_json), ('weights.bin', weights)])
    return model_from_saved_artifacts(files.load())


def peak_allocation(model_json, weights):
    """Bytes allocated at the peak of a load beyond what was held before, and the outcome."""
    tracemalloc.reset_peak()
    start, _ = tracemalloc.get_traced_memory()
    try:
        outcome = load(model_json, weights)
    except ModelFormatError as err:
        outcome = err
    return tracemalloc.get_traced_memory()[1] - start, outcome


def test_the_intact_files_load():
    model = load(MODEL_JSON, WEIGHTS)
    np.testing.assert_array_equal(np.concatenate([np.ravel(w) for w in model.get_weights()]),
                                  np.frombuffer(WEIGHTS, np.float32))


@pytest.fixture(scope='module')
def baseline():
    """The peak allocation of loading the intact files, which every case is held to."""
    return max(traced_peak_allocation(MODEL_JSON, WEIGHTS)[0] for _ in range(3))


def traced_peak_allocation(model_json, weights):
    # Traced per case: tracing Hypothesis's own work as well would triple the run time.
    tracemalloc.start()
    try:
        return peak_allocation(model_json, weights)
    finally:
        tracemalloc.stop()


@settings(max_examples=CASES, deadline=None, derandomize=True, database=None, phases=[Phase.generate, Phase.shrink],
          suppress_health_check=list(HealthCheck))
@given(files=mutated_files())
def test_mutated_files_load_or_raise_model_format_error_within_twice_their_size(baseline, files):
    model_json, weights = files
    peak, outcome = traced_peak_allocation(model_json, weights)
    assert peak <= baseline + 2 * (len(model_json) + len(weights)) + ERROR_ALLOWANCE, \
        f'loading {len(model_json) + len(weights)} bytes allocated {peak} (intact model: {baseline})'
    assert outcome is not None
