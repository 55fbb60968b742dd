import importlib.util
import pathlib

import pytest

TESTS_DIR = pathlib.Path(__file__).parents[1]


@pytest.fixture(scope='session')
def policy(request):
    """tests/conftest.py: a missing tool skips a test locally and fails it in CI."""
    return request.config.pluginmanager.get_plugin(str(TESTS_DIR / 'conftest.py'))


@pytest.fixture
def kernel(policy, tmp_path):
    """A real IPython kernel, started in a temporary folder."""
    if importlib.util.find_spec('ipykernel') is None:
        policy.missing_tool('ipykernel is not installed')
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name='python3', cwd=str(tmp_path), startup_timeout=60)
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)
