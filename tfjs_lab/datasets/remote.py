"""Where data files come from: a local path, or an http(s) URL downloaded once into a cache
directory (``$TFJS_LAB_DATA_DIR``, else ``~/.cache/tfjs_lab/datasets``)."""
import gzip
import hashlib
import os
import re
import tempfile
import zlib

_GZIP_MAGIC = b'\x1f\x8b'


class DownloadError(ConnectionError):
    """A URL could not be downloaded; the message names the URL, the reason and the cache file."""


def data_dir():
    """The folder for downloaded files: ``$TFJS_LAB_DATA_DIR`` if set, else
    ``$XDG_CACHE_HOME/tfjs_lab/datasets`` (``~/.cache/tfjs_lab/datasets``).

    >>> import os
    >>> from unittest import mock
    >>> import tfjs_lab as tf
    >>> with mock.patch.dict(os.environ, {'TFJS_LAB_DATA_DIR': '/srv/data'}):
    ...     tf.datasets.data_dir()
    '/srv/data'
    """
    configured = os.environ.get('TFJS_LAB_DATA_DIR')
    if configured:
        return configured
    cache_home = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(cache_home, 'tfjs_lab', 'datasets')


def is_url(source):
    return isinstance(source, str) and re.match(r'[A-Za-z][A-Za-z0-9+.-]*://', source) is not None


def cache_path(url, cache_dir=None):
    """The file that ``download(url)`` keeps: the URL's file name after a hash of the URL, so
    two URLs ending in the same name do not collide."""
    file_name = re.sub(r'[^A-Za-z0-9._-]', '_', url.split('?')[0].rstrip('/').rsplit('/', 1)[-1]) or 'download'
    digest = hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]
    return os.path.join(cache_dir or data_dir(), f'{digest}-{file_name}')


def download(url, *, cache_dir=None, refresh=False, timeout=30):
    """Download ``url`` into the cache directory unless it is there already (``refresh=True``
    downloads again) and return the file's path. The file appears only once complete, so an
    interrupted download is never taken for the data.

    >>> import tfjs_lab as tf
    >>> tf.datasets.download('ftp://example.org/data.csv')
    Traceback (most recent call last):
    ...
    ValueError: download() takes an http:// or https:// URL; received 'ftp://example.org/data.csv'
    """
    if not isinstance(url, str) or not url.startswith(('http://', 'https://')):
        raise ValueError(f'download() takes an http:// or https:// URL; received {url!r}')
    path = cache_path(url, cache_dir)
    if os.path.exists(path) and not refresh:
        return path
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = _fetch(url, path, timeout)
    handle, partial = tempfile.mkstemp(dir=os.path.dirname(path), prefix='.partial-')
    try:
        with os.fdopen(handle, 'wb') as file:
            file.write(data)
        os.replace(partial, path)
    except BaseException:
        os.unlink(partial)
        raise
    return path


def _fetch(url, path, timeout):
    import http.client  # urllib.request pulls in http.client, email and ssl: only when downloading
    import urllib.error
    import urllib.request
    advice = (f'To work offline, put the file at {path} (or set TFJS_LAB_DATA_DIR to a folder that has it), '
              'or pass a local path')
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()  # raises IncompleteRead if the connection ends early
    except urllib.error.HTTPError as error:
        raise DownloadError(f'Could not download {url}: the server answered {error.code} {error.reason}') from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, 'reason', error)
        raise DownloadError(f'Could not download {url}: {reason}. {advice}.') from None


def read_bytes(source, *, cache_dir=None):
    """``(bytes, name)`` of a path or URL, gunzipped when the data is gzip (by its magic
    number, whatever the file is called)."""
    if is_url(source):
        path = download(source, cache_dir=cache_dir)
        name = source
    elif isinstance(source, (str, os.PathLike)):
        path = name = os.fspath(source)
    else:
        raise TypeError(f'expected a file path or an http(s) URL; received {type(source).__name__}')
    try:
        with open(path, 'rb') as file:
            data = file.read()
    except FileNotFoundError:
        raise FileNotFoundError(f'No such file: {path}') from None
    if data[:2] == _GZIP_MAGIC:
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as error:
            raise ValueError(f'{name} is a damaged gzip file ({error})') from None
    return data, name
