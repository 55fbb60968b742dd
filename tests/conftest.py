"""Shared test policy: a missing external tool skips a test on a developer's machine but
fails it in CI (CI=true), where the test command must have installed everything."""
import os
import shutil

import pytest

IN_CI = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')


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
