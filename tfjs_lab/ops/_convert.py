"""Operand preparation shared by the op families. Every op starts here, so the common case,
tensors that already have the right dtype, returns at once."""
from ..core import dtypes
from ..core.convert import as_tensor, to_array  # noqa: F401  (re-exported for the op modules)
from ..core.tensor import Tensor

_FLOAT32 = dtypes.numpy_dtype('float32')


def matching_tensors(a, b, op):
    """Two tensors of one dtype, upcast as TF.js's ``makeTypesMatch`` does."""
    if type(a) is Tensor and type(b) is Tensor and a._data.dtype is b._data.dtype:
        return a, b
    a, b = as_tensor(a, 'a'), as_tensor(b, 'b')
    if a._data.dtype != b._data.dtype:
        common = dtypes.upcast(a.dtype, b.dtype)
        a, b = _cast(a, common), _cast(b, common)
    return a, b


def float_tensor(x):
    """``x`` as a float32 tensor: TF.js computes its math functions in float32."""
    if type(x) is Tensor and x._data.dtype is _FLOAT32:
        return x
    x = as_tensor(x)
    return x if x._data.dtype == _FLOAT32 else _cast(x, 'float32')


def _cast(x, dtype):
    from .shape import cast  # shape imports this module
    return cast(x, dtype)


def js_list(values):
    """``values`` as JavaScript writes an array in a message (``${shape}``): ``2,,3`` for
    ``[2, None, 3]``."""
    return ','.join('' if v is None else str(v) for v in values)


def tensor_of_dtype(x, dtype, argument, op):
    """TF.js's ``convertToTensor`` with a required dtype: a tensor must already have ``dtype``
    (a float32 tensor of indices is an error, not truncated); other values are converted to it."""
    if isinstance(x, Tensor):
        if x.dtype != dtype:
            raise TypeError(f"Argument '{argument}' passed to '{op}' must be {dtype} tensor, but got "
                            f'{x.dtype} tensor')
        return x
    return Tensor(to_array(x, dtype, argument))
