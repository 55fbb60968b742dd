"""Where text datasets read from: a local file (a path or a ``file://`` URL, as TF.js's
``FileDataSource``) or an ``http(s)://`` URL (``URLDataSource``), streamed, never read whole."""
import os
import pathlib
import re

from .._naming import CamelAliases
from .dataset import DatasetIterator

CHUNK_SIZE = 1024 * 1024  # TF.js's default chunk size for file and URL sources
_URL_SCHEME = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*://')


class DataSource(CamelAliases):
    """A re-readable stream of bytes; ``iterator()`` gives its chunks, ``lines()`` its text lines."""

    def __init__(self, source):
        self.source = source

    def _open(self):
        raise NotImplementedError

    def iterator(self):
        """A fresh pass over the bytes, in chunks of up to 1 MB (TF.js's ``Uint8Array`` chunks)."""
        def chunks():
            with self._open() as stream:
                while chunk := stream.read(CHUNK_SIZE):
                    yield chunk
        return DatasetIterator(chunks())

    def lines(self):
        """The UTF-8 text split at ``\\n`` (a trailing ``\\r`` removed, no empty last line), as
        TF.js's TextLineDataset splits it."""
        with self._open() as stream:
            for raw in stream:  # binary streams split at b'\n' only, as TF.js does
                line = raw.decode('utf-8')
                if line.endswith('\n'):
                    line = line[:-1]
                yield line[:-1] if line.endswith('\r') else line

    def __str__(self):
        return str(self.source)


class FileDataSource(DataSource):
    """A local file: a path, or a ``file://`` URL as TF.js takes it.

    >>> import tfjs_lab as tf
    >>> str(tf.data.FileDataSource('file:///tmp/data.csv'))
    '/tmp/data.csv'
    """

    def __init__(self, path):
        if isinstance(path, str) and path.startswith('file://'):
            path = path[len('file://'):]  # TF.js's isLocalPath / FileDataSource slice, kept
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f'A file source takes a path or a file:// URL; received {type(path).__name__}')
        super().__init__(pathlib.Path(path))

    def _open(self):
        try:
            return open(self.source, 'rb')
        except FileNotFoundError:
            raise FileNotFoundError(f'No such file: {self.source} (tf.data reads local paths, file:// and '
                                    'http(s):// URLs)') from None


class URLDataSource(DataSource):
    """An ``http://`` or ``https://`` URL, fetched when read (each pass fetches again).

    >>> import tfjs_lab as tf
    >>> str(tf.data.URLDataSource('https://example.com/data.csv'))  # nothing is fetched yet
    'https://example.com/data.csv'
    """

    def _open(self):
        import urllib.error  # loaded only when a URL is read: importing tfjs_lab stays light
        import urllib.request
        try:
            return urllib.request.urlopen(self.source)
        except urllib.error.HTTPError as error:
            raise OSError(f'Request for {self.source} failed with status code {error.code}. Please verify this '
                          'URL points to the data file.') from None
        except urllib.error.URLError as error:
            raise OSError(f'Request for {self.source} failed: {error.reason}') from None


def data_source(source):
    """The DataSource for a DataSource, a path, or a ``file://`` / ``http(s)://`` URL."""
    if isinstance(source, DataSource):
        return source
    if isinstance(source, str) and source.startswith(('http://', 'https://')):
        return URLDataSource(source)
    if isinstance(source, str) and _URL_SCHEME.match(source) and not source.startswith('file://'):
        raise ValueError(f'Unsupported URL scheme in {source!r}: tf.data reads local paths, file:// and '
                         'http(s):// URLs')
    return FileDataSource(source)
