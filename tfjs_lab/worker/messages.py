"""The wire format between a :class:`~tfjs_lab.worker.process.ProcessWorker` and its process:
what ``postMessage`` carries, without pickle, so nothing received can run code.

A message is a JSON value whose arrays and bytes travel as raw buffers after it. A frame is::

    uint32 little-endian: length of the header    header: {"message": ..., "sizes": [...]}
    the buffers, one after another, of the sizes listed

and an array in the message is replaced by ``{"\\u0000array": index, "dtype": ..., "shape": [...]}``
(bytes by ``{"\\u0000bytes": index}``). Tensors are sent as their arrays.

>>> import io, numpy as np
>>> pipe = io.BytesIO()
>>> write_message(pipe, {'type': 'fit', 'xs': np.arange(3, dtype=np.float32), 'blob': b'ab'})
>>> _ = pipe.seek(0)
>>> read_message(pipe)
{'type': 'fit', 'xs': array([0., 1., 2.], dtype=float32), 'blob': b'ab'}
>>> read_message(pipe) is None   # the other end has closed
True
"""
import json
import struct

import numpy as np

from ..core.tensor import Tensor

ARRAY_TAG = '\x00array'
BYTES_TAG = '\x00bytes'
DTYPES = frozenset({'float32', 'float64', 'int32', 'int64', 'bool', 'uint8'})
_LENGTH = struct.Struct('<I')


class MessageError(ValueError):
    """A frame that is cut short or not in this format."""


def write_message(stream, message):
    """Write ``message`` (JSON values, NumPy arrays, tensors, bytes) as one frame and flush."""
    buffers = []

    def encode(value):
        if isinstance(value, Tensor):
            value = value.numpy()
        if isinstance(value, np.ndarray):
            if value.dtype.name not in DTYPES:
                raise TypeError(f'Cannot send an array of dtype {value.dtype.name} to a worker; '
                                f'supported: {", ".join(sorted(DTYPES))}')
            buffers.append(np.ascontiguousarray(value).tobytes())
            return {ARRAY_TAG: len(buffers) - 1, 'dtype': value.dtype.name, 'shape': list(value.shape)}
        if isinstance(value, (bytes, bytearray, memoryview)):
            buffers.append(bytes(value))
            return {BYTES_TAG: len(buffers) - 1}
        if isinstance(value, dict):
            return {str(k): encode(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [encode(v) for v in value]
        if isinstance(value, np.generic):
            return value.item()
        return value

    header = json.dumps({'message': encode(message), 'sizes': [len(b) for b in buffers]}).encode('utf-8')
    stream.write(_LENGTH.pack(len(header)) + header)
    for buffer in buffers:
        stream.write(buffer)
    stream.flush()


def read_message(stream):
    """The next message, or ``None`` if the stream ended between two frames."""
    prefix = stream.read(_LENGTH.size)
    if not prefix:
        return None
    (length,) = _LENGTH.unpack(_exactly(stream, prefix, _LENGTH.size))
    try:
        header = json.loads(_exactly(stream, stream.read(length), length))
        buffers = [_exactly(stream, stream.read(size), size) for size in header['sizes']]
    except MessageError:
        raise
    except (ValueError, KeyError, TypeError) as err:
        raise MessageError(f'Not a worker message: {err}') from None

    def decode(value):
        if isinstance(value, dict):
            if ARRAY_TAG in value:
                if value['dtype'] not in DTYPES:
                    raise MessageError(f"A worker message holds an array of unsupported dtype {value['dtype']!r}")
                return np.frombuffer(buffers[value[ARRAY_TAG]], value['dtype']).reshape(value['shape']).copy()
            if BYTES_TAG in value:
                return buffers[value[BYTES_TAG]]
            return {k: decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [decode(v) for v in value]
        return value

    return decode(header['message'])


def _exactly(stream, data, size):
    while len(data) < size:
        more = stream.read(size - len(data))
        if not more:
            raise MessageError(f'A worker message was cut short: {len(data)} of {size} bytes arrived')
        data += more
    return data
