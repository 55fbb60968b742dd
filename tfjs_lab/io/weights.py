"""Weight values <-> TF.js's binary layout: little-endian values concatenated in spec order
(float32 and int32 as 4 bytes, bool as 1 byte), described by ``weightSpecs``
(``{'name', 'shape', 'dtype'}``).

Decoding trusts nothing in the specs: every shape and dtype is checked, and the byte count
a spec claims is compared with the bytes present before anything is allocated.
"""
import numbers

import numpy as np

from ..errors import ModelFormatError
from .artifacts import join_weight_data

# TF.js dtype -> (little-endian wire dtype, in-memory dtype)
_CODECS = {
    'float32': (np.dtype('<f4'), np.dtype(np.float32)),
    'int32': (np.dtype('<i4'), np.dtype(np.int32)),
    'bool': (np.dtype('u1'), np.dtype(np.bool_)),
}
_BY_NUMPY = {memory: name for name, (_, memory) in _CODECS.items()}


def encode_weights(named_arrays):
    """Encode ``[(name, array), ...]`` as TF.js does: ``(weight_data, weight_specs)``.

    >>> import numpy as np
    >>> data, specs = encode_weights([('dense/bias', np.zeros(2, np.float32))])
    >>> len(data), specs
    (8, [{'name': 'dense/bias', 'shape': [2], 'dtype': 'float32'}])
    """
    chunks, specs = [], []
    for name, array in named_arrays:
        array = np.asarray(array)
        dtype = _BY_NUMPY.get(array.dtype)
        if dtype is None:
            raise TypeError(f"Unsupported dtype in weight '{name}': {array.dtype} "
                            f"(supported: {', '.join(_CODECS)})")
        wire = _CODECS[dtype][0]
        chunks.append(np.ascontiguousarray(array, dtype=wire).tobytes())
        specs.append({'name': name, 'shape': [int(d) for d in array.shape], 'dtype': dtype})
    return b''.join(chunks), specs


def decode_weights(weight_data, weight_specs):
    """Decode TF.js weight data into ``[(name, array), ...]``, validating the specs.

    >>> import numpy as np
    >>> data, specs = encode_weights([('w', np.arange(3, dtype=np.int32))])
    >>> decode_weights(data, specs)
    [('w', array([0, 1, 2], dtype=int32))]
    """
    data = join_weight_data(weight_data)
    if data is None:
        raise ModelFormatError('weightData is missing but weightSpecs describe weights')
    if not isinstance(weight_specs, list):
        raise ModelFormatError(f'weightSpecs must be a list; received {type(weight_specs).__name__}')
    out, offset = [], 0
    for index, spec in enumerate(weight_specs):
        name, shape, dtype = check_spec(spec, index)
        wire, memory = _CODECS[dtype]
        count = _element_count(shape)
        needed = count * wire.itemsize
        if offset + needed > len(data):
            raise ModelFormatError(
                f"Weight data is too short for weight '{name}' (shape {shape}, {dtype}): expected "
                f'{needed} bytes at offset {offset}, received {max(len(data) - offset, 0)} '
                f'(the weight data has {len(data)} bytes in all)')
        values = np.frombuffer(data, dtype=wire, count=count, offset=offset)
        out.append((name, (values != 0 if dtype == 'bool' else values.astype(memory)).reshape(shape)))
        offset += needed
    if offset != len(data):
        raise ModelFormatError(f'Weight data has {len(data)} bytes but the {len(weight_specs)} weight '
                               f'specs describe {offset} bytes')
    return out


def check_weight_bytes(weight_specs, weight_data, source):
    """Raise :class:`ModelFormatError` naming ``source`` (the file or key the weights were read
    from) unless ``weight_data`` holds exactly the bytes ``weight_specs`` describe.

    >>> check_weight_bytes([{'name': 'w', 'shape': [2], 'dtype': 'float32'}], b'1234', 'weights.bin')
    Traceback (most recent call last):
    ...
    tfjs_lab.errors.ModelFormatError: weights.bin holds 4 bytes of weight data but the 1 weight specs describe 8 bytes
    """
    expected = sum(_element_count(shape) * _CODECS[dtype][0].itemsize
                   for _, shape, dtype in (check_spec(spec, i) for i, spec in enumerate(weight_specs)))
    if len(weight_data) != expected:
        raise ModelFormatError(f'{source} holds {len(weight_data)} bytes of weight data but the '
                               f'{len(weight_specs)} weight specs describe {expected} bytes')


def check_spec(spec, index=0):
    """Validate one weight spec; returns ``(name, shape, dtype)``."""
    if not isinstance(spec, dict):
        raise ModelFormatError(f'Weight spec #{index} must be an object; received {type(spec).__name__}')
    name = spec.get('name')
    if not isinstance(name, str):
        raise ModelFormatError(f'Weight spec #{index} has no string name; received {name!r}')
    if 'quantization' in spec:
        raise ModelFormatError(f"Weight '{name}' is quantized "
                               f"({spec['quantization']!r}); quantized weights are not supported yet")
    dtype = spec.get('dtype')
    if dtype not in _CODECS:
        raise ModelFormatError(f"Unsupported dtype in weight '{name}': {dtype!r} "
                               f"(supported: {', '.join(_CODECS)})")
    shape = spec.get('shape')
    if not isinstance(shape, list) or not all(
            isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 0 for d in shape):
        raise ModelFormatError(f"Weight '{name}' has an invalid shape {shape!r}: "
                               'expected a list of non-negative integers')
    return name, [int(d) for d in shape], dtype


def _element_count(shape):
    count = 1
    for d in shape:  # Python ints: a hostile shape gives a huge number, never an overflow
        count *= d
    return count
