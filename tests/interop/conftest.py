"""Runs real TensorFlow.js 4.22 under Node (pinned in tests/interop/package-lock.json)."""
import json
import pathlib
import subprocess

import pytest

INTEROP_DIR = pathlib.Path(__file__).parent
TFJS_PACKAGE = INTEROP_DIR / 'node_modules' / '@tensorflow' / 'tfjs'


@pytest.fixture(scope='session')
def run_tfjs(policy):
    """``run_tfjs(script, payload)``: runs tests/interop/<script> with ``payload`` as JSON on
    stdin and returns its JSON output."""
    node = policy.require_executable('node')
    if not TFJS_PACKAGE.is_dir():
        policy.missing_tool(f'TF.js is not installed at {TFJS_PACKAGE} (run tests/install-tools)')

    def run(script, payload):
        done = subprocess.run([node, str(INTEROP_DIR / script)], input=json.dumps(payload),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run
