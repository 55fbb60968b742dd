"""Operand preparation shared by the op families."""
from ..core import dtypes
from ..core.convert import as_tensor, to_array  # noqa: F401  (re-exported for the op modules)


def matching_tensors(a, b, op):
    """Two tensors of one dtype, upcast as TF.js's ``makeTypesMatch`` does."""
    from .shape import cast
    a, b = as_tensor(a, 'a'), as_tensor(b, 'b')
    da, db = a._data.dtype, b._data.dtype
    if da != db:
        common = dtypes.upcast(a.dtype, b.dtype)
        a, b = cast(a, common), cast(b, common)
    return a, b
