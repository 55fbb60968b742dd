"""``http://`` and ``https://``: TF.js's ``HTTPRequest`` handler (``tf.io.http``).

Loading fetches the model.json, then every weight file its manifest lists, with TF.js's rules:
a weight URL is the model.json URL up to its last ``/`` (or ``weight_path_prefix``), then the
manifest path as written (``./group1-shard1of2.bin``), then the model.json URL's query string
(so signed URLs reach every shard). Shards join in manifest order. ``request_init`` is fetch's
RequestInit: its ``method`` and ``headers`` go with every request.

Saving POSTs a ``multipart/form-data`` body as TF.js does: a part ``model.json`` (the topology
and a manifest pointing at ``./model.weights.bin``) and a part ``model.weights.bin``.

Better than TF.js: a weight file that fails (a 404 page) is reported with its URL and status
instead of being decoded as weights, and no response is read beyond the bytes the manifest
describes.
"""
import json
import secrets

from .._naming import normalize_keys
from ..errors import ModelFormatError, ModelNotFoundError
from .artifacts import SaveResult, join_weight_data, model_artifacts_info
from .model_json import artifacts_from_model_json, build_model_json, manifest_paths, parse_model_json
from .router import register_load_router, register_save_router
from .weights import check_weight_bytes, weight_bytes

URL_SCHEMES = ('http://', 'https://')
DEFAULT_SAVE_METHOD = 'POST'
JSON_TYPE = 'application/json'
OCTET_STREAM_TYPE = 'application/octet-stream'
SAVED_MODEL_JSON_NAME = 'model.json'
SAVED_WEIGHTS_NAME = 'model.weights.bin'
# A model.json is text: beyond this it is not one, and reading on would only use memory.
MAX_MODEL_JSON_BYTES = 256 * 1024 * 1024
TIMEOUT_SECONDS = 60.0
LOAD_OPTION_KEYS = {'weight_path_prefix', 'request_init', 'on_progress', 'weight_url_converter'}


class Response:
    """What a request answered: ``status``, ``ok``, ``headers`` and the ``body`` bytes, with
    fetch's ``text()`` and ``json()``."""

    def __init__(self, url, status, headers, body):
        self.url, self.status, self.headers, self.body = url, status, dict(headers), body
        self.ok = 200 <= status < 300

    def __repr__(self):
        return f'Response({self.url!r}, status={self.status})'

    def text(self):
        return self.body.decode('utf-8', 'replace')

    def json(self):
        return json.loads(self.body)


class HTTPRequest:
    """Load a model from a URL, or save one by POSTing it there.

    >>> handler = http('http://127.0.0.1:1/models/model.json?v=2')
    >>> handler.weight_urls([{'paths': ['group1-shard1of2.bin', 'group1-shard2of2.bin'], 'weights': []}])
    ['http://127.0.0.1:1/models/group1-shard1of2.bin?v=2', 'http://127.0.0.1:1/models/group1-shard2of2.bin?v=2']
    """

    def __init__(self, path, load_options=None):
        if not isinstance(path, str) or not path:
            raise ValueError('URL path for http must not be null, undefined or empty.')
        options = normalize_keys(dict(load_options or {}), LOAD_OPTION_KEYS, 'http load options')
        request_init = dict(options.get('request_init') or {})
        if request_init.get('body') is not None:
            raise ValueError('requestInit is expected to have no pre-existing body, but has one.')
        self.path = path
        self.request_init = request_init
        self.weight_path_prefix = options.get('weight_path_prefix')
        self.weight_url_converter = options.get('weight_url_converter')
        self.on_progress = options.get('on_progress')

    def __repr__(self):
        return f'HTTPRequest({self.path!r})'

    # --- saving ---------------------------------------------------------------------
    def save(self, artifacts):
        """POST the model as TF.js's multipart form; returns the SaveResult with ``responses``."""
        info = model_artifacts_info(artifacts)
        parts = [(SAVED_MODEL_JSON_NAME, JSON_TYPE,
                  build_model_json(artifacts, ['./' + SAVED_WEIGHTS_NAME]).encode('utf-8'))]
        weight_data = join_weight_data(artifacts.get('weightData'))
        if weight_data is not None:
            parts.append((SAVED_WEIGHTS_NAME, OCTET_STREAM_TYPE, weight_data))
        boundary, body = multipart_form(parts)
        init = dict({'method': DEFAULT_SAVE_METHOD}, **self.request_init)
        headers = dict(init.get('headers') or {}, **{'Content-Type': f'multipart/form-data; boundary={boundary}'})
        response = fetch(self.path, dict(init, headers=headers), body=body)
        if not response.ok:
            raise OSError(f'BrowserHTTPRequest.save() failed due to HTTP response status {response.status}.')
        return SaveResult(info, responses=[response])

    # --- loading --------------------------------------------------------------------
    def load(self):
        """Fetch model.json and its weight files; returns the artifacts."""
        response = fetch(self.path, self.request_init, limit=MAX_MODEL_JSON_BYTES)
        if not response.ok:
            error = ModelNotFoundError if response.status == 404 else OSError
            raise error(f'Request to {self.path} failed with status code {response.status}. Please verify '
                        'this URL points to the model JSON of the model to load.')
        try:
            json.loads(response.body)
        except (ValueError, UnicodeDecodeError):
            raise ModelFormatError(f'Failed to parse model JSON of response from {self.path}. Please make sure '
                                   'the server is serving valid JSON for this request.') from None
        model_json = parse_model_json(response.body, f'The JSON from HTTP path {self.path}')
        weight_data = None
        if model_json.get('weightsManifest') is not None:
            weight_data = self._load_weights(model_json['weightsManifest'])
        return artifacts_from_model_json(model_json, weight_data)

    def weight_urls(self, manifest):
        """The URL of every weight file of ``manifest``, by TF.js's rules."""
        if self.weight_url_converter is not None:
            return [self.weight_url_converter(path) for path in manifest_paths(manifest)]
        prefix, query = split_url(self.path)
        prefix = self.weight_path_prefix or prefix
        return [prefix + path + query for path in manifest_paths(manifest)]

    def _load_weights(self, manifest):
        specs = [spec for group in manifest for spec in group['weights']]
        expected = weight_bytes(specs)
        urls = self.weight_urls(manifest)
        buffers, received = [], 0
        for index, url in enumerate(urls):
            # One byte beyond what is left tells a too-long file from an exact one.
            buffers.append(fetch_weight_file(url, self.request_init, expected - received + 1,
                                             f'the weightsManifest of {self.path}'))
            received += len(buffers[-1])
            self._report_progress((index + 1) / len(urls))
            if received > expected:
                break
        data = b''.join(buffers)
        check_weight_bytes(specs, data, urls[0] if len(urls) == 1 else f"the weight files {', '.join(urls)}")
        return data

    def _report_progress(self, fraction):
        if self.on_progress is not None:
            self.on_progress(fraction)

def fetch(url, init, body=None, limit=None):
    """Send one request (``init``: fetch's RequestInit, its ``method`` and ``headers``) and read
    at most ``limit`` bytes of the answer; an HTTP error status is a Response, not an exception."""
    import urllib.error  # loaded on the first request: importing tfjs_lab stays light
    import urllib.request
    request = urllib.request.Request(url, data=body, method=init.get('method', 'GET'),
                                     headers=dict(init.get('headers') or {}))
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            return Response(url, answer.status, answer.headers, _read(answer, limit))
    except urllib.error.HTTPError as answer:
        return Response(url, answer.code, answer.headers or {}, _read(answer, limit))
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, 'reason', err)
        raise ConnectionError(f'Request to {url} failed: {reason}') from None


def fetch_weight_file(url, init, limit, listed_in):
    """The bytes of the weight file at ``url`` (at most ``limit``); a failed request (a 404
    page) raises, naming the URL, its status and where the URL is ``listed_in``."""
    response = fetch(url, init, limit=limit)
    if not response.ok:
        error = ModelNotFoundError if response.status == 404 else OSError
        raise error(f'Request to weight file {url} failed with status code {response.status} (it is '
                    f'listed in {listed_in})')
    return response.body


def _read(answer, limit):
    return answer.read() if limit is None else answer.read(limit)


def split_url(url):
    """TF.js's ``parseUrl``: ``(everything up to the last '/' inclusive, the query string
    if it comes after that '/')``.

    >>> split_url('https://host/a/model.json?token=x')
    ('https://host/a/', '?token=x')
    """
    last_slash = url.rfind('/')
    last_query = url.rfind('?')
    return url[:last_slash] + '/', url[last_query:] if last_query > last_slash else ''


def multipart_form(parts):
    """``(boundary, body)`` of a ``multipart/form-data`` body holding ``[(name, content type,
    bytes)]``, each part a file of that name, as a browser's FormData of Blobs sends it.

    >>> boundary, body = multipart_form([('a.json', 'application/json', b'{}')])
    >>> body.split(b'\\r\\n')[1:4]
    [b'Content-Disposition: form-data; name="a.json"; filename="a.json"', b'Content-Type: application/json', b'']
    """
    boundary = f'----tfjs-lab-{secrets.token_hex(16)}'
    chunks = []
    for name, content_type, data in parts:
        chunks += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{name}"\r\n'
                   f'Content-Type: {content_type}\r\n\r\n'.encode('utf-8'), data, b'\r\n']
    chunks.append(f'--{boundary}--\r\n'.encode('utf-8'))
    return boundary, b''.join(chunks)


def http(path, load_options=None):
    """TF.js's ``tf.io.http(path, loadOptions)``: a handler that loads from or saves to a URL.
    ``load_options`` may hold ``weight_path_prefix``, ``request_init`` (``{'method', 'headers'}``),
    ``on_progress(fraction)`` and ``weight_url_converter(path) -> url``, in either spelling.

    >>> http('https://example.com/model.json', {'weightPathPrefix': 'https://cdn.example.com/w/'}).weight_path_prefix
    'https://cdn.example.com/w/'
    """
    return HTTPRequest(path, load_options)


def is_http_scheme(url):
    """TF.js's ``tf.io.isHTTPScheme``: whether ``url`` starts with ``http://`` or ``https://``.

    >>> is_http_scheme('https://example.com/model.json'), is_http_scheme('file://model.json')
    (True, False)
    """
    return isinstance(url, str) and url.startswith(URL_SCHEMES)


def http_router(url, load_options=None):
    """Routes ``http://`` and ``https://`` URLs, for saving and for loading."""
    if is_http_scheme(url):
        options = {k: v for k, v in (load_options or {}).items() if v is not None}
        return HTTPRequest(url, options)
    return None


http_router.url_scheme = 'http://, https://'
register_save_router(http_router)
register_load_router(http_router)
