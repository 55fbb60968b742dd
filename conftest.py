"""Isolate every test, doctest and notebook run from the user's real model stores and
downloads folder: kernels started by nbval inherit this environment."""
import os
import tempfile

_sandbox = tempfile.mkdtemp(prefix='tfjs_lab-tests-')
os.environ.setdefault('TFJS_LAB_STORE_DIR', os.path.join(_sandbox, 'stores'))
os.environ.setdefault('TFJS_LAB_DOWNLOADS_DIR', os.path.join(_sandbox, 'downloads'))
os.environ.setdefault('TFJS_LAB_DATA_DIR', os.path.join(_sandbox, 'data'))

# --doctest-modules would import the tests' conftest files a second time, as modules.
collect_ignore_glob = ['tests/conftest.py', 'tests/*/conftest.py']


def pytest_configure(config):
    # nbval's lax mode: notebooks are checked only on the outputs marked NBVAL_CHECK_OUTPUT,
    # since the rest depends on timing or on widget front-ends.
    if hasattr(config.option, 'nbval_lax'):
        config.option.nbval_lax = True
