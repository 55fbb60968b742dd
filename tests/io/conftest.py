"""Fixtures for the io tests: each test gets its own store and downloads folder, the small
classifier every round trip saves, and a runner for real TF.js under Node."""
import json
import pathlib
import subprocess

import numpy as np
import pytest

import tfjs_lab as tf

TESTS_DIR = pathlib.Path(__file__).parents[1]
REFERENCE_SCRIPT = pathlib.Path(__file__).with_name('tfjs_reference.js')
TFJS_PACKAGE = TESTS_DIR / 'interop' / 'node_modules' / '@tensorflow' / 'tfjs'
INPUT = [[1, 2, 3, 4], [-1, 0.5, 0, 2], [0, 0, 0, 0]]


@pytest.fixture(autouse=True)
def own_folders(tmp_path, monkeypatch):
    """A fresh emulated store (tmp_path/store) and downloads folder (tmp_path/downloads)."""
    monkeypatch.setenv('TFJS_LAB_STORE_DIR', str(tmp_path / 'store'))
    monkeypatch.setenv('TFJS_LAB_DOWNLOADS_DIR', str(tmp_path / 'downloads'))
    return tmp_path


@pytest.fixture
def make_model():
    """Builds the classifier of the acceptance criteria (fresh random weights each call)."""
    return lambda: tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[4], activation='relu'),
                                         tf.layers.dense(units=1, activation='sigmoid')])


@pytest.fixture
def model(make_model):
    return make_model()


@pytest.fixture
def predict():
    """A model's predictions for a fixed input, as a NumPy array."""
    return lambda model, x=INPUT: np.asarray(model.predict(tf.tensor2d(x)))


@pytest.fixture
def tfjs(policy):
    """Runs tests/io/tfjs_reference.js with real TF.js; returns its JSON output."""
    node = policy.require_executable('node')
    if not TFJS_PACKAGE.is_dir():
        policy.missing_tool(f'TF.js is not installed at {TFJS_PACKAGE} (run tests/install-tools)')

    def run(*args, stdin=None):
        done = subprocess.run([node, str(REFERENCE_SCRIPT), *args], input=stdin, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run
