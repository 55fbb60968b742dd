"""Operand preparation shared by the op families."""
from ..core import dtypes
from ..core.convert import as_tensor, to_array  # noqa: F401  (re-exported for the op modules)
from ..core.tensor import Tensor


def matching_tensors(a, b, op):
    """Two tensors of one dtype, upcast as TF.js's ``makeTypesMatch`` does."""
    # The common case first, cheaply: NumPy's built-in dtypes are singletons.
    if isinstance(a, Tensor) and isinstance(b, Tensor) and a._data.dtype is b._data.dtype:
        return a, b
    from .shape import cast
    a, b = as_tensor(a, 'a'), as_tensor(b, 'b')
    da, db = a._data.dtype, b._data.dtype
    if da != db:
        common = dtypes.upcast(a.dtype, b.dtype)
        a, b = cast(a, common), cast(b, common)
    return a, b
