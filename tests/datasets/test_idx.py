"""IDX files (MNIST's format), written here with struct from the format's description, read back
by load_idx and load_mnist; broken files give errors that say what is wrong."""
import gzip
import struct

import numpy as np
import pytest

from tfjs_lab.datasets import load_idx, load_mnist

# type code -> struct format character, big-endian (the IDX description's table)
STRUCT_CODES = {0x08: 'B', 0x09: 'b', 0x0B: 'h', 0x0C: 'i', 0x0D: 'f', 0x0E: 'd'}


def idx_bytes(type_code, shape, values):
    header = bytes([0, 0, type_code, len(shape)]) + struct.pack(f'>{len(shape)}I', *shape)
    return header + struct.pack(f'>{len(values)}{STRUCT_CODES[type_code]}', *values)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize('type_code, dtype, values', [
    (0x08, np.uint8, [0, 7, 255, 128, 1, 2]),
    (0x09, np.int8, [-128, 127, 0, -1, 5, 6]),
    (0x0B, np.int16, [-32768, 32767, 0, 1, -2, 300]),
    (0x0C, np.int32, [-2 ** 31, 2 ** 31 - 1, 0, 1, -2, 70000]),
    (0x0D, np.float32, [0.5, -1.25, 3e30, 0, 1, 2]),
    (0x0E, np.float64, [0.1, -1e300, 2.5, 0, 1, 2]),
])
def test_every_type_reads_back(tmp_path, type_code, dtype, values):
    path = write(tmp_path, 'data.idx', idx_bytes(type_code, [2, 3], values))
    array = load_idx(path)
    assert array.dtype == dtype and array.dtype.isnative and array.shape == (2, 3)
    np.testing.assert_array_equal(array.ravel(), np.array(values, dtype=dtype))


def test_gzip_is_recognised_by_content_not_name(tmp_path):
    data = idx_bytes(0x08, [4], [1, 2, 3, 4])
    assert load_idx(write(tmp_path, 'plain.gz', data)).tolist() == [1, 2, 3, 4]
    assert load_idx(str(write(tmp_path, 'packed.idx', gzip.compress(data)))).tolist() == [1, 2, 3, 4]


def mnist_pair(tmp_path, n=5, labels=None):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(n, 4, 3))
    labels = list(rng.integers(0, 10, size=n)) if labels is None else labels
    images = write(tmp_path, 'images-idx3-ubyte.gz', gzip.compress(idx_bytes(0x08, [n, 4, 3], pixels.ravel())))
    label_file = write(tmp_path, 'labels-idx1-ubyte', idx_bytes(0x08, [len(labels)], labels))
    return images, label_file, pixels, labels


def test_mnist_pair(tmp_path):
    images, labels, pixels, digits = mnist_pair(tmp_path)
    data = load_mnist(images, labels)
    assert data.xs.shape == [5, 4, 3, 1] and data.ys.shape == [5, 10]
    np.testing.assert_allclose(data.features[..., 0], pixels / 255, rtol=1e-6)
    assert data.labels.tolist() == digits and len(data.feature_names) == 12


@pytest.mark.parametrize('data, message', [
    (b'\0\0', r'not an IDX file: 2 bytes, shorter than the 4-byte magic number'),
    (b'\x1f\x00\x08\x01' + bytes(8), r'not an IDX file: magic number 0x1F000801, expected 0x0000 then a type code'),
    (bytes([0, 0, 0x07, 1, 0, 0, 0, 1, 5]), r'magic number 0x00000701.*0x08 \(uint8\).*0x0E \(float64\)'),
    (bytes([0, 0, 0x08, 0]), r'the IDX header gives 0 dimensions; expected at least 1'),
    (bytes([0, 0, 0x08, 3, 0, 0, 0, 2]), r'truncated: the IDX header needs 16 bytes for 3 dimensions, the file has 8'),
    (idx_bytes(0x08, [2, 3], range(6))[:-2], r'truncated: shape \[2, 3\] of uint8 needs 6 bytes of values after '
                                             r'the header, the file has 4'),
    (idx_bytes(0x0C, [2], [1, 2]) + b'\0', r'has extra bytes after the values: shape \[2\] of int32 needs 8 bytes'),
])
def test_broken_files_say_what_is_wrong(tmp_path, data, message):
    path = write(tmp_path, 'broken.idx', data)
    with pytest.raises(ValueError, match=message) as error:
        load_idx(path)
    assert str(path) in str(error.value)


def test_a_damaged_gzip_is_named(tmp_path):
    packed = gzip.compress(idx_bytes(0x08, [100], range(100)))
    path = write(tmp_path, 'cut.gz', packed[:len(packed) // 2])
    with pytest.raises(ValueError, match=f'{path} is a damaged gzip file'):
        load_idx(path)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=f'No such file: {tmp_path / "nothing.idx"}'):
        load_idx(tmp_path / 'nothing.idx')


def test_wrong_source_type():
    with pytest.raises(TypeError, match='expected a file path or an http\\(s\\) URL; received int'):
        load_idx(42)


def test_mnist_pair_must_match(tmp_path):
    images, _, _, _ = mnist_pair(tmp_path)
    short_labels = write(tmp_path, 'short', idx_bytes(0x08, [4], [1, 2, 3, 4]))
    with pytest.raises(ValueError, match=r'same n; received images \[5, 4, 3\] and labels \[4\]'):
        load_mnist(images, short_labels)
    with pytest.raises(ValueError, match=r'class indices in \[0, 10\); received values from 1 to 12'):
        load_mnist(*mnist_pair(tmp_path, labels=[1, 2, 3, 4, 12])[:2])
    floats = write(tmp_path, 'floats', idx_bytes(0x0D, [5, 4, 3], [0.0] * 60))
    with pytest.raises(ValueError, match='MNIST images must be bytes \\(IDX type 0x08\\); received float32'):
        load_mnist(floats, short_labels.with_name('labels-idx1-ubyte'))
