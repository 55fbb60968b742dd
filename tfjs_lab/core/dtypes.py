"""TF.js data types over NumPy dtypes. float32 is the default; nothing becomes float64."""
import numpy as np

NUMPY_DTYPES = {'float32': np.dtype(np.float32), 'int32': np.dtype(np.int32), 'bool': np.dtype(np.bool_)}
_NAMES = {v: k for k, v in NUMPY_DTYPES.items()}
_UPCAST_ORDER = ('bool', 'int32', 'float32')


def numpy_dtype(name):
    """NumPy dtype for a TF.js dtype name; raises naming the supported ones."""
    try:
        return NUMPY_DTYPES[name]
    except (KeyError, TypeError):
        raise ValueError(f"Unknown dtype {name!r}; expected one of {', '.join(NUMPY_DTYPES)}") from None


def dtype_name(np_dtype):
    return _NAMES[np_dtype]


def upcast(a, b):
    """TF.js's ``upcastType``: bool < int32 < float32."""
    return a if _UPCAST_ORDER.index(a) >= _UPCAST_ORDER.index(b) else b


def canonical_array(array):
    """Map any NumPy array onto a TF.js dtype: floats -> float32, integers -> int32."""
    kind = array.dtype.kind
    if array.dtype in _NAMES:
        return array
    if kind == 'f':
        return array.astype(np.float32)
    if kind in 'iu':
        return array.astype(np.int32)
    if kind == 'b':
        return array.astype(np.bool_)
    raise TypeError(f'Cannot make a tensor from values of type {array.dtype}; '
                    f"expected numbers or booleans ({', '.join(NUMPY_DTYPES)})")
