"""Loading weights without a model: TF.js's ``CompositeArrayBuffer``, ``decodeWeightsStream``,
``loadWeights`` and ``weightsLoaderFactory``.

A weights manifest (model.json's ``weightsManifest``) lists groups; each group's files (shards)
join into one byte buffer that holds its weights in spec order. The loaders fetch only the groups
holding the requested weights and decode them with :func:`decode_weights`, quantized weights
included, into ``{name: Tensor}``.

Better than TF.js: a group whose files hold fewer or more bytes than its specs describe, or a
fetch function that returns the wrong number of buffers, is reported with the files at fault
instead of failing later on a tensor's shape.
"""
import inspect
import numbers
from bisect import bisect_right

import numpy as np

from .._naming import CamelAliases
from ..core.tensor import Tensor
from ..errors import ModelFormatError
from .artifacts import Result
from .http import fetch_weight_file, is_http_scheme
from .model_json import check_manifest
from .weights import decode_weights, weight_bytes

FILE_URL_SCHEME = 'file://'
MANIFEST_SOURCE = 'the manifest given to the weights loader'
BUFFER_KINDS = 'bytes, bytearray, memoryview or a NumPy array'
_END = object()  # a stream's end (None is a chunk, and a wrong one)


def byte_view(buffer, what):
    """``buffer``'s bytes as a flat ``memoryview`` (no copy unless an array is not contiguous);
    ``what`` names it in the error for anything that is not bytes-like.

    >>> bytes(byte_view(np.array([1], dtype='<i2'), 'a buffer'))
    b'\\x01\\x00'
    """
    if isinstance(buffer, np.ndarray):
        buffer = np.ascontiguousarray(buffer)
    try:
        return memoryview(buffer).cast('B')
    except TypeError:
        raise TypeError(f'{what} must be {BUFFER_KINDS}; received {type(buffer).__name__}') from None


class CompositeArrayBuffer(CamelAliases):
    """Several byte buffers seen as one, sliced without joining them first (TF.js's
    ``tf.io.CompositeArrayBuffer``, which spares browsers one huge ArrayBuffer).

    ``buffers`` is one buffer or a list of them: bytes, bytearray, memoryview or NumPy arrays
    (an array counts as its own bytes). ``slice`` returns ``bytes``.

    >>> composite = CompositeArrayBuffer([b'abc', bytearray(b'de'), b'fgh'])
    >>> composite.byte_length, composite.slice(2, 6), composite.slice(-5, 100)
    (8, b'cdef', b'abcdefgh')
    >>> CompositeArrayBuffer.join([b'ab', b'cd'])
    b'abcd'
    """

    def __init__(self, buffers=None):
        if buffers is None:
            buffers = []
        elif not isinstance(buffers, (list, tuple)):
            buffers = [buffers]
        self._shards = [byte_view(b, f'CompositeArrayBuffer buffer #{i}') for i, b in enumerate(buffers)]
        self._starts, start = [], 0
        for shard in self._shards:
            self._starts.append(start)
            start += len(shard)
        self._byte_length = start

    @property
    def byte_length(self):
        """The bytes of all buffers together."""
        return self._byte_length

    def __repr__(self):
        return f'CompositeArrayBuffer({len(self._shards)} buffers, byteLength={self._byte_length})'

    def slice(self, start=0, end=None):
        """Bytes ``start`` to ``end`` (exclusive) as one ``bytes``, with TF.js's bounds: both
        are clamped to ``[0, byte_length]`` (a negative index means 0, not an offset from the
        end)."""
        start = self._bound(start, 'start')
        end = self._byte_length if end is None else self._bound(end, 'end')
        if end <= start:
            return b''
        first = bisect_right(self._starts, start) - 1
        pieces = []
        for shard, shard_start in zip(self._shards[first:], self._starts[first:]):
            if shard_start >= end:
                break
            pieces.append(shard[max(start - shard_start, 0):end - shard_start])
        return b''.join(pieces)

    def _bound(self, index, name):
        # Fractions are refused: TF.js's slice gives inconsistent bytes for them (slice(4.7, 7.2)
        # of a shard boundary at 5 returns 2 bytes starting at byte 5).
        if not isinstance(index, numbers.Integral) or isinstance(index, bool):
            raise TypeError(f'CompositeArrayBuffer.slice: {name} must be an integer; received '
                            f'{type(index).__name__} {index!r}')
        return min(max(int(index), 0), self._byte_length)

    @staticmethod
    def join(buffers=None):
        """All ``buffers`` (one or a list) joined into one ``bytes``."""
        return CompositeArrayBuffer(buffers).slice()


class _StreamDecoder:
    """Takes byte chunks in and decodes each weight as soon as its bytes are in."""

    def __init__(self, specs):
        weight_bytes(specs)  # every spec checked before a byte is read
        self.specs = specs
        self.sizes = [weight_bytes([spec]) for spec in specs]
        self.pending = bytearray()
        self.decoded = []
        self.chunks = self.received = 0

    @property
    def done(self):
        return len(self.decoded) == len(self.specs)

    def feed(self, chunk):
        view = byte_view(chunk, f'Chunk #{self.chunks} of the weight stream')
        self.chunks += 1
        self.pending += view
        self.received += len(view)
        while not self.done and len(self.pending) >= self.sizes[len(self.decoded)]:
            size = self.sizes[len(self.decoded)]
            self.decoded += decode_weights(bytes(self.pending[:size]), [self.specs[len(self.decoded)]])
            del self.pending[:size]

    def result(self):
        if not self.done:
            spec, size = self.specs[len(self.decoded)], self.sizes[len(self.decoded)]
            raise ModelFormatError(
                f"The weight stream ended {size - len(self.pending)} bytes short of weight '{spec['name']}' "
                f"(shape {spec['shape']}, {spec['dtype']}): it needs {size} bytes, received "
                f'{len(self.pending)}; the {len(self.specs)} weight specs describe {sum(self.sizes)} bytes, '
                f'the stream held {self.received}')
        return _tensor_map(self.decoded)


def decode_weights_stream(stream, specs):
    """TF.js's ``tf.io.decodeWeightsStream``: decode the weights ``specs`` describe from a
    stream of byte chunks (TF.js reads a ReadableStream), chunks split anywhere, into
    ``{name: Tensor}``. Reading stops once the last weight is complete.

    ``stream`` is an iterable of chunks (a list, a generator, a binary file) or an async
    iterable; with an async one the result must be awaited, with any other ``await`` is optional.

    >>> from tfjs_lab.io import encode_weights
    >>> data, specs = encode_weights([('w', np.arange(3, dtype=np.float32))])
    >>> decode_weights_stream([data[:5], data[5:]], specs)['w'].arraySync()
    [0.0, 1.0, 2.0]
    """
    if isinstance(stream, (bytes, bytearray, memoryview, np.ndarray)):
        raise TypeError(f'decode_weights_stream takes an iterable of byte chunks; received {type(stream).__name__} '
                        '(pass [data], or use decode_weights)')
    decoder = _StreamDecoder(specs)
    if hasattr(stream, '__aiter__'):
        return _decode_async_stream(stream, decoder)
    try:
        chunks = iter(stream)
    except TypeError:
        raise TypeError('decode_weights_stream takes an iterable or async iterable of byte chunks; received '
                        f'{type(stream).__name__}') from None
    # The next chunk is asked for only while a weight is incomplete.
    while not decoder.done and (chunk := next(chunks, _END)) is not _END:
        decoder.feed(chunk)
    return decoder.result()


async def _decode_async_stream(stream, decoder):
    chunks = aiter(stream)
    while not decoder.done and (chunk := await anext(chunks, _END)) is not _END:
        decoder.feed(chunk)
    return decoder.result()


def weights_loader_factory(fetch_weights_function):
    """TF.js's ``tf.io.weightsLoaderFactory``: a function
    ``load(manifest, file_path_prefix='', weight_names=None)`` that fetches, with
    ``fetch_weights_function(paths) -> [buffer, ...]`` (one buffer per path, in order; a
    coroutine function works too, and then ``load``'s result must be awaited), the files of every
    manifest group holding a requested weight (all weights when ``weight_names`` is None) and
    decodes them into ``{name: Tensor}``. Paths are TF.js's: ``file_path_prefix``, a ``/`` unless
    it ends with one, then the manifest's path.

    >>> from tfjs_lab.io import encode_weights
    >>> data, specs = encode_weights([('a', np.ones(2, np.float32)), ('b', np.arange(2, dtype=np.int32))])
    >>> load = weights_loader_factory(lambda paths: [data[:3], data[3:]])
    >>> load([{'paths': ['s1.bin', 's2.bin'], 'weights': specs}], 'weights', ['b'])['b'].arraySync()
    [0, 1]
    """
    if not callable(fetch_weights_function):
        raise TypeError('weights_loader_factory takes a function from a list of paths to a list of byte buffers; '
                        f'received {type(fetch_weights_function).__name__}')

    def load(manifest, file_path_prefix='', weight_names=None):
        plan = _LoadPlan(manifest, file_path_prefix, weight_names)
        buffers = fetch_weights_function(list(plan.paths))
        if not isinstance(buffers, (list, tuple)) and inspect.isawaitable(buffers):
            return _decode_fetched_later(plan, buffers)
        return plan.decode(buffers)

    return load


async def _decode_fetched_later(plan, buffers):
    return plan.decode(await buffers)


class _LoadPlan:
    """What a manifest asks to fetch: the groups holding the requested weights, their paths,
    and each requested weight's spec and byte offset in its group."""

    def __init__(self, manifest, file_path_prefix, weight_names):
        check_manifest(manifest, MANIFEST_SOURCE)
        if not isinstance(file_path_prefix, str):
            raise TypeError(f'file_path_prefix must be a string; received {type(file_path_prefix).__name__}')
        if weight_names is not None and (not isinstance(weight_names, (list, tuple))
                                         or not all(isinstance(n, str) for n in weight_names)):
            raise TypeError(f'weight_names must be a list of weight names (strings); received {weight_names!r}')
        wanted = None if weight_names is None else set(weight_names)
        self.groups = []  # (group index, [(spec, offset, size)])
        all_names = []
        for group_index, group in enumerate(manifest):
            entries, offset = [], 0
            for spec in group['weights']:
                size = weight_bytes([spec])
                if wanted is None or spec['name'] in wanted:
                    entries.append((spec, offset, size))
                all_names.append(spec['name'])
                offset += size
            if entries:
                self.groups.append((group_index, entries))
        missing = [name for name in weight_names or () if name not in all_names]
        if missing:
            raise ValueError(f"Could not find weights in manifest with names: {', '.join(missing)}. \n"
                             f"Manifest JSON has weights with names: {', '.join(all_names)}.")
        separator = '' if file_path_prefix.endswith('/') else '/'
        self.group_paths = [[file_path_prefix + separator + path for path in manifest[i]['paths']]
                            for i, _ in self.groups]
        self.group_bytes = [weight_bytes(manifest[i]['weights']) for i, _ in self.groups]
        self.paths = [path for paths in self.group_paths for path in paths]

    def decode(self, buffers):
        if not isinstance(buffers, (list, tuple)) or len(buffers) != len(self.paths):
            received = (f'{len(buffers)} buffers' if isinstance(buffers, (list, tuple))
                        else type(buffers).__name__)
            raise ValueError(f'The weights fetch function must return one buffer per path ({len(self.paths)} for '
                             f'{self.paths}); received {received}')
        decoded, first = [], 0
        for (group_index, entries), paths, expected in zip(self.groups, self.group_paths, self.group_bytes):
            group = CompositeArrayBuffer(list(buffers[first:first + len(paths)]))
            first += len(paths)
            if group.byte_length != expected:
                raise ModelFormatError(f"weightsManifest[{group_index}]'s files {', '.join(paths)} hold "
                                       f'{group.byte_length} bytes but its weight specs describe {expected} bytes')
            for spec, offset, size in entries:
                decoded += decode_weights(group.slice(offset, offset + size), [spec])
        return _tensor_map(decoded)


def load_weights(manifest, file_path_prefix='', weight_names=None, request_init=None):
    """TF.js's ``tf.io.loadWeights``: fetch the files of a weights manifest (model.json's
    ``weightsManifest``) over ``http(s)://`` (``request_init``: fetch's RequestInit, its
    ``method`` and ``headers``) or read them from disk (``file://`` or a path), and decode the
    weights named ``weight_names`` (all when None) into ``{name: Tensor}``, as
    :func:`weights_loader_factory` describes.

    >>> import os, tempfile
    >>> from tfjs_lab.io import encode_weights
    >>> folder = tempfile.mkdtemp()
    >>> data, specs = encode_weights([('w', np.array([1.5, -2], np.float32))])
    >>> _ = open(os.path.join(folder, 'w.bin'), 'wb').write(data)
    >>> load_weights([{'paths': ['w.bin'], 'weights': specs}], folder)['w'].arraySync()
    [1.5, -2.0]
    """
    init = dict(request_init or {})
    # No file can hold more than the whole manifest describes: one byte more proves it too long.
    check_manifest(manifest, MANIFEST_SOURCE)
    limit = weight_bytes([spec for group in manifest for spec in group['weights']]) + 1
    load = weights_loader_factory(lambda paths: [_read_weight_file(path, init, limit) for path in paths])
    return load(manifest, file_path_prefix, weight_names)


def _read_weight_file(path, init, limit):
    if is_http_scheme(path):
        return fetch_weight_file(path, init, limit, MANIFEST_SOURCE)
    file_path = path[len(FILE_URL_SCHEME):] if path.startswith(FILE_URL_SCHEME) else path
    try:
        with open(file_path, 'rb') as file:
            return file.read(limit)
    except FileNotFoundError:
        raise FileNotFoundError(f'Weight file {file_path} does not exist (it is listed in {MANIFEST_SOURCE})') from None


def _tensor_map(decoded):
    # Tensors only once every weight decoded: a failure must not leave tensors counted in tf.memory().
    return Result((name, Tensor(array)) for name, array in decoded)
