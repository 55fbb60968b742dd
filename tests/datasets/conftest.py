"""A real HTTP server on 127.0.0.1 for the download tests, and a private data directory."""
import http.server
import threading

import pytest


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        self.server.requests.append(self.path)
        if self.path.startswith('/short/'):
            # Promises more bytes than it sends, as a dropped connection does.
            self.send_response(200)
            self.send_header('Content-Length', '1000')
            self.end_headers()
            self.wfile.write(b'x,y\n1,2\n')
            return
        super().do_GET()


@pytest.fixture
def http_server(tmp_path):
    """Serves the files of ``server.root`` at ``server.url``; ``server.requests`` lists the
    paths asked for. ``/short/...`` answers with fewer bytes than its Content-Length."""
    root = tmp_path / 'served'
    root.mkdir()
    handler = lambda *args, **kwargs: _Handler(*args, directory=str(root), **kwargs)  # noqa: E731
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    server.requests = []
    server.root = root
    server.url = f'http://127.0.0.1:{server.server_address[1]}'
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.02}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh download cache, set through TFJS_LAB_DATA_DIR as a user would."""
    folder = tmp_path / 'cache'
    monkeypatch.setenv('TFJS_LAB_DATA_DIR', str(folder))
    return folder
