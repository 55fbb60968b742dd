"""Shared test policy: a missing external tool skips a test on a developer's machine but
fails it in CI (CI=true), where the test command must have installed everything."""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

IN_CI = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')
INTEROP_DIR = pathlib.Path(__file__).parent / 'interop'
TFJS_PACKAGE = INTEROP_DIR / 'node_modules' / '@tensorflow' / 'tfjs'


def missing_tool(message):
    """Skip locally, fail in CI."""
    if IN_CI:
        pytest.fail(f'{message} (CI must install it: see tests/install-tools)', pytrace=False)
    pytest.skip(message)


def require_executable(name):
    path = shutil.which(name)
    if path is None:
        missing_tool(f'{name} is not on PATH')
    return path


@pytest.fixture(scope='session')
def policy():
    """The policy for fixtures elsewhere: ``policy.missing_tool(...)``,
    ``policy.require_executable(...)``."""
    import types
    return types.SimpleNamespace(missing_tool=missing_tool, require_executable=require_executable)


@pytest.fixture
def kernel(tmp_path):
    """A real IPython kernel started in the test's temporary folder (the test's environment,
    stores and downloads folders included)."""
    import importlib.util
    if importlib.util.find_spec('ipykernel') is None:
        missing_tool('ipykernel is not installed')
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name='python3', cwd=str(tmp_path), startup_timeout=60)
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


@pytest.fixture(scope='session')
def run_tfjs(policy):
    """Real TensorFlow.js 4.22 under Node (pinned in tests/interop/package-lock.json):
    ``run_tfjs(script, payload)`` runs tests/interop/<script> with ``payload`` as JSON on
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
