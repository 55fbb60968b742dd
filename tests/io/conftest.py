"""Fixtures for the io tests: each test gets its own store and downloads folder, the small
classifier every round trip saves, a runner for real TF.js under Node and a real HTTP server."""
import http.server
import json
import pathlib
import re
import subprocess
import threading
import urllib.parse

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


class ModelServer:
    """A real HTTP server on 127.0.0.1 over a folder: GET serves its files (``statuses`` can
    force a status for a path), POST stores a multipart form's parts as files under the request
    path. Every request is recorded as ``(method, path with query, headers (lower-case names), body)``."""

    def __init__(self, folder):
        self.folder = folder
        self.requests = []
        self.statuses = {}
        self.posted = {}  # request path -> [(name, filename, content type, bytes)]
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def do_GET(self):
                server.requests.append(('GET', self.path, {k.lower(): v for k, v in self.headers.items()}, b''))
                path = urllib.parse.urlsplit(self.path).path
                file = server.folder / urllib.parse.unquote(path).lstrip('/')
                status = server.statuses.get(path, 200 if file.is_file() else 404)
                body = file.read_bytes() if status == 200 else b'<html>not here</html>'
                self.send_response(status)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers['Content-Length']))
                server.requests.append(('POST', self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                parts = parse_multipart(self.headers['Content-Type'], body)
                server.posted[self.path] = parts
                target = server.folder / self.path.strip('/')
                target.mkdir(parents=True, exist_ok=True)
                for _, filename, _, data in parts:
                    (target / filename).write_bytes(data)
                status = server.statuses.get(self.path, 200)
                self.send_response(status)
                self.send_header('Content-Length', '2')
                self.end_headers()
                self.wfile.write(b'ok')

        self.httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = f'http://127.0.0.1:{self.httpd.server_address[1]}'
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def parse_multipart(content_type, body):
    """``[(name, filename, content type, bytes)]`` of a multipart/form-data body."""
    boundary = re.search(r'boundary=("?)([^";]+)\1', content_type).group(2).encode()
    parts = []
    for chunk in body.split(b'--' + boundary)[1:-1]:
        head, _, data = chunk[2:].partition(b'\r\n\r\n')
        headers = dict(line.split(': ', 1) for line in head.decode().split('\r\n'))
        disposition = dict(re.findall(r'(\w+)="([^"]*)"', headers['Content-Disposition']))
        parts.append((disposition['name'], disposition.get('filename'), headers.get('Content-Type'), data[:-2]))
    return parts


@pytest.fixture
def model_server(tmp_path):
    folder = tmp_path / 'served'
    folder.mkdir()
    server = ModelServer(folder)
    yield server
    server.close()
