"""Weight values <-> TF.js's binary layout: little-endian values concatenated in spec order
(float32 and int32 as 4 bytes, bool as 1 byte), described by ``weightSpecs``
(``{'name', 'shape', 'dtype'}``, plus ``'group'`` for optimizer weights).

The converter's quantized weights load too: a spec with ``'quantization': {'dtype': 'uint8' or
'uint16', 'min', 'scale'}`` stores ``round((value - min) / scale)`` in 1 or 2 bytes, and
``{'dtype': 'float16'}`` stores half floats; they decode as TF.js's ``decodeWeights`` does.

Decoding trusts nothing in the specs: every shape, dtype and quantization is checked, and the
byte count a spec claims is compared with the bytes present before anything is allocated.
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
# quantization dtype -> wire dtype; the weight dtypes each can hold (TF.js's checks)
_QUANTIZED = {
    'uint8': (np.dtype('u1'), ('float32', 'int32')),
    'uint16': (np.dtype('<u2'), ('float32', 'int32')),
    'float16': (np.dtype('<f2'), ('float32',)),
}


def encode_weights(named_arrays, group=None):
    """Encode ``[(name, array), ...]`` as TF.js does: ``(weight_data, weight_specs)``; a
    ``group`` (``'optimizer'``) is written into every spec, as TF.js's ``encodeWeights``.

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
        spec = {'name': name, 'shape': [int(d) for d in array.shape], 'dtype': dtype}
        if group is not None:
            spec['group'] = group
        specs.append(spec)
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
        wire = _wire_dtype(spec, dtype)
        count = _element_count(shape)
        needed = count * wire.itemsize
        if offset + needed > len(data):
            raise ModelFormatError(
                f"Weight data is too short for weight '{name}' (shape {shape}, {dtype}): expected "
                f'{needed} bytes at offset {offset}, received {max(len(data) - offset, 0)} '
                f'(the weight data has {len(data)} bytes in all)')
        values = np.frombuffer(data, dtype=wire, count=count, offset=offset)
        out.append((name, _decoded(values, dtype, spec.get('quantization')).reshape(shape)))
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
    expected = weight_bytes(weight_specs)
    if len(weight_data) != expected:
        raise ModelFormatError(f'{source} holds {len(weight_data)} bytes of weight data but the '
                               f'{len(weight_specs)} weight specs describe {expected} bytes')


def weight_bytes(weight_specs):
    """The bytes of weight data ``weight_specs`` describe (each spec checked).

    >>> weight_bytes([{'name': 'w', 'shape': [2, 3], 'dtype': 'float32',
    ...                'quantization': {'dtype': 'uint8', 'min': -1, 'scale': 0.01}}])
    6
    """
    if not isinstance(weight_specs, list):
        raise ModelFormatError(f'weightSpecs must be a list; received {type(weight_specs).__name__}')
    expected = 0
    for index, spec in enumerate(weight_specs):
        _, shape, dtype = check_spec(spec, index)
        expected += _element_count(shape) * _wire_dtype(spec, dtype).itemsize
    return expected


def check_spec(spec, index=0):
    """Validate one weight spec; returns ``(name, shape, dtype)``."""
    if not isinstance(spec, dict):
        raise ModelFormatError(f'Weight spec #{index} must be an object; received {type(spec).__name__}')
    name = spec.get('name')
    if not isinstance(name, str):
        raise ModelFormatError(f'Weight spec #{index} has no string name; received {name!r}')
    dtype = spec.get('dtype')
    if not isinstance(dtype, str) or dtype not in _CODECS:
        raise ModelFormatError(f"Unsupported dtype in weight '{name}': {dtype!r} "
                               f"(supported: {', '.join(_CODECS)})")
    shape = spec.get('shape')
    if not isinstance(shape, list) or not all(
            isinstance(d, numbers.Integral) and not isinstance(d, bool) and d >= 0 for d in shape):
        raise ModelFormatError(f"Weight '{name}' has an invalid shape {shape!r}: "
                               'expected a list of non-negative integers')
    if 'quantization' in spec:
        _check_quantization(name, dtype, spec['quantization'])
    return name, [int(d) for d in shape], dtype


def _check_quantization(name, dtype, quantization):
    kind = quantization.get('dtype') if isinstance(quantization, dict) else None
    if not isinstance(kind, str) or kind not in _QUANTIZED:
        raise ModelFormatError(f'Weight {name} has unknown quantization dtype {kind!r}. Supported quantization '
                               "dtypes are: 'uint8', 'uint16', and 'float16'.")
    if dtype not in _QUANTIZED[kind][1]:
        raise ModelFormatError(f'Weight {name} is quantized with {kind} which only supports weights of type '
                               f"{' or '.join(_QUANTIZED[kind][1])}, not {dtype}.")
    if kind != 'float16':
        values = [quantization.get(key) for key in ('min', 'scale')]
        if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) and np.isfinite(v) for v in values):
            raise ModelFormatError(f'Weight {name} with quantization {kind} needs finite numbers min and scale; '
                                   f"received min={values[0]!r}, scale={values[1]!r}")


def _wire_dtype(spec, dtype):
    quantization = spec.get('quantization')
    return _CODECS[dtype][0] if quantization is None else _QUANTIZED[quantization['dtype']][0]


def _decoded(values, dtype, quantization):
    """Stored values as the weight's dtype; quantized ones as TF.js computes them (in double
    precision, then float32, with Math.round's halves up for int32)."""
    if quantization is None:
        return values != 0 if dtype == 'bool' else values.astype(_CODECS[dtype][1])
    if quantization['dtype'] == 'float16':
        return values.astype(np.float32)
    real = values * float(quantization['scale']) + float(quantization['min'])
    return np.floor(real + 0.5).astype(np.int32) if dtype == 'int32' else real.astype(np.float32)


def _element_count(shape):
    count = 1
    for d in shape:  # Python ints: a hostile shape gives a huge number, never an overflow
        count *= d
    return count
