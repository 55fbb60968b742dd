"""MNIST's IDX file format: ``load_idx`` for any IDX file, ``load_mnist`` for an images file
and a labels file together.

An IDX file is two zero bytes, a type code, the number of dimensions, each dimension as a
big-endian uint32, then the values, big-endian, in row-major order.
"""
import math

import numpy as np

from .labeled import LabeledData
from .remote import read_bytes

_TYPES = {0x08: '>u1', 0x09: '>i1', 0x0B: '>i2', 0x0C: '>i4', 0x0D: '>f4', 0x0E: '>f8'}
_TYPE_LIST = ', '.join(f'0x{code:02X} ({np.dtype(t).name})' for code, t in _TYPES.items())


def parse_idx(data, name='IDX data'):
    """The array in IDX bytes (native byte order), after checking the magic number, the
    dimensions and the length.

    >>> import tfjs_lab as tf
    >>> tf.datasets.parse_idx(bytes([0, 0, 0x08, 2, 0, 0, 0, 1, 0, 0, 0, 2, 9, 4]))
    array([[9, 4]], dtype=uint8)
    >>> tf.datasets.parse_idx(bytes([0, 0, 0x08, 1, 0, 0, 0, 3, 9]))
    Traceback (most recent call last):
    ...
    ValueError: IDX data is truncated: shape [3] of uint8 needs 3 bytes of values after the header, the file has 1
    """
    if len(data) < 4:
        raise ValueError(f'{name} is not an IDX file: {len(data)} bytes, shorter than the 4-byte magic number')
    zeros, type_code, rank = data[:2], data[2], data[3]
    if zeros != b'\0\0' or type_code not in _TYPES:
        raise ValueError(f'{name} is not an IDX file: magic number 0x{data[:4].hex().upper()}, expected '
                         f'0x0000 then a type code ({_TYPE_LIST}) and the number of dimensions')
    if rank == 0:
        raise ValueError(f'{name}: the IDX header gives 0 dimensions; expected at least 1')
    header_size = 4 + 4 * rank
    if len(data) < header_size:
        raise ValueError(f'{name} is truncated: the IDX header needs {header_size} bytes for {rank} dimensions, '
                         f'the file has {len(data)}')
    shape = tuple(int(d) for d in np.frombuffer(data, dtype='>u4', count=rank, offset=4))
    dtype = np.dtype(_TYPES[type_code])
    expected = math.prod(shape) * dtype.itemsize
    received = len(data) - header_size
    if received != expected:
        problem = 'is truncated' if received < expected else 'has extra bytes after the values'
        raise ValueError(f'{name} {problem}: shape {list(shape)} of {dtype.name} needs {expected} bytes of '
                         f'values after the header, the file has {received}')
    values = np.frombuffer(data, dtype=dtype, offset=header_size).reshape(shape)
    return values.astype(dtype.newbyteorder('='))


def load_idx(source, *, cache_dir=None):
    """The NumPy array in an IDX file (MNIST's format): a path or an http(s) URL (cached, see
    ``download``), gzipped or not. The dtype is the file's (uint8 for MNIST).

    >>> import os, tempfile
    >>> import tfjs_lab as tf
    >>> path = os.path.join(tempfile.mkdtemp(), 'labels-idx1-ubyte')
    >>> _ = open(path, 'wb').write(bytes([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, 1]))
    >>> tf.datasets.load_idx(path)
    array([7, 2, 1], dtype=uint8)
    """
    data, name = read_bytes(source, cache_dir=cache_dir)
    return parse_idx(data, name)


def load_mnist(images, labels, *, one_hot=True, cache_dir=None):
    """``LabeledData`` from an MNIST-style pair of IDX files (paths or URLs): ``images``
    ``[n, rows, columns]`` of bytes and ``labels`` ``[n]`` of digits. ``xs`` is
    ``[n, rows, columns, 1]`` scaled to [0, 1], as TF.js's MNIST examples feed a conv net.
    tfjs_lab ships no MNIST files: point this at copies you have.

    >>> import gzip, os, tempfile
    >>> import tfjs_lab as tf
    >>> folder = tempfile.mkdtemp()
    >>> images, labels = os.path.join(folder, 'images.gz'), os.path.join(folder, 'labels')
    >>> _ = open(images, 'wb').write(gzip.compress(bytes([0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 2,
    ...                                                    0, 255, 51, 0])))
    >>> _ = open(labels, 'wb').write(bytes([0, 0, 8, 1, 0, 0, 0, 1, 7]))
    >>> mnist = tf.datasets.load_mnist(images, labels)
    >>> mnist.xs.shape, mnist.features[0, :, :, 0].tolist(), mnist.labels.tolist()
    ([1, 2, 2, 1], [[0.0, 1.0], [0.20000000298023224, 0.0]], [7])
    """
    pixels = load_idx(images, cache_dir=cache_dir)
    digits = load_idx(labels, cache_dir=cache_dir)
    if pixels.ndim != 3 or digits.ndim != 1 or len(pixels) != len(digits):
        raise ValueError(f'MNIST files must hold images [n, rows, columns] and labels [n] with the same n; '
                         f'received images {list(pixels.shape)} and labels {list(digits.shape)}')
    if pixels.dtype != np.uint8:
        raise ValueError(f'MNIST images must be bytes (IDX type 0x08); received {pixels.dtype.name}')
    features = pixels[..., np.newaxis].astype(np.float32) / 255
    return LabeledData('mnist', features, digits, feature_names=pixel_names(*pixels.shape[1:]),
                       class_names=[str(d) for d in range(10)], one_hot=one_hot)


def pixel_names(rows, columns):
    """``['pixel_0_0', 'pixel_0_1', ...]``, row by row."""
    return [f'pixel_{r}_{c}' for r in range(rows) for c in range(columns)]
