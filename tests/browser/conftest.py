"""A real Jupyter server on 127.0.0.1 (JupyterLab at /lab, Notebook 7 at /notebooks) and Debian's
Chromium driven by Playwright.

The server runs with the test's Python (its native ``python3`` kernel is this environment), in
folders of its own: configuration, runtime files, settings, workspaces, the emulated model
stores and downloads all live in a temporary directory, so the user's own are never touched.
"""
import json
import os
import pathlib
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

TESTS_DIR = pathlib.Path(__file__).parents[1]
NOTEBOOKS = TESTS_DIR.parent / 'notebooks'
ARTIFACTS = TESTS_DIR.parent / 'test-artifacts'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync']
# JupyterLab's own settings that would otherwise pop up or reach for the network.
LAB_SETTINGS = {'@jupyterlab/apputils-extension/notification': {'fetchNews': 'false', 'checkForUpdates': False}}


def _free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _wait_for_server(url, process, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f'jupyter lab exited with code {process.returncode}')
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f'jupyter lab did not answer {url} within {timeout} s')


@pytest.fixture(scope='session')
def jupyter_lab(tmp_path_factory, policy):
    """``(base URL, token, root folder)`` of a running JupyterLab and Notebook 7 serving a copy
    of notebooks/."""
    try:
        import jupyterlab  # noqa: F401
        import notebook  # noqa: F401
    except ImportError:
        policy.missing_tool('jupyterlab and notebook are not installed (pip install -e ".[test]")')
    home = tmp_path_factory.mktemp('jupyter')
    root = home / 'notebooks'
    shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns('downloads', '.ipynb_checkpoints'))
    settings = home / 'settings'
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f'{plugin}.jupyterlab-settings'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / 'config'), JUPYTER_RUNTIME_DIR=str(home / 'runtime'),
               JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(home / 'workspaces'),
               TFJS_LAB_STORE_DIR=str(home / 'stores'), TFJS_LAB_DOWNLOADS_DIR=str(home / 'downloads'))
    port, token = _free_port(), secrets.token_hex(16)
    log = open(home / 'jupyter.log', 'w')
    process = subprocess.Popen(
        [sys.executable, '-m', 'jupyterlab', '--no-browser', '--ServerApp.ip=127.0.0.1', f'--ServerApp.port={port}',
         f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={root}',
         '--LabApp.expose_app_in_browser=True', '--JupyterNotebookApp.expose_app_in_browser=True',
         *(['--allow-root'] if os.geteuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    base = f'http://127.0.0.1:{port}'
    try:
        _wait_for_server(f'{base}/api/status?token={token}', process)
        yield base, token, root
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture
def browser(policy):
    """Headless Debian Chromium; Playwright is never allowed to download a browser of its own.

    Per test: Playwright's sync API keeps an event loop running in this thread while it is
    open, which would break later tests that start one of their own (asyncio.run)."""
    chromium = shutil.which('chromium') or policy.missing_tool('chromium is not on PATH (tests/install-tools installs it)')
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        policy.missing_tool('playwright is not installed (pip install -e ".[test]")')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={'width': 1400, 'height': 1000})
    yield context.new_page()
    context.close()


@pytest.fixture(scope='session')
def artifacts():
    """Where screenshots are kept (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
