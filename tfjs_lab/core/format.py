"""TF.js's ``Tensor.toString`` format, digit for digit (tfjs-core's tensor_format)."""
import math
from decimal import Decimal

LIMIT_NUM_VALS = 20
NUM_FIRST_LAST_VALS = 3


def js_number(x):
    """JavaScript's ``Number.prototype.toString`` for a double."""
    x = float(x)
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0:
        return '0'
    sign, digits, exponent = Decimal(repr(x)).normalize().as_tuple()
    digits = ''.join(map(str, digits))
    k, n = len(digits), len(digits) + exponent
    s = '-' if sign else ''
    if k <= n <= 21:
        return s + digits + '0' * (n - k)
    if 0 < n <= 21:
        return s + digits[:n] + '.' + digits[n:]
    if -6 < n <= 0:
        return s + '0.' + '0' * (-n) + digits
    e = n - 1
    mantissa = digits if k == 1 else digits[0] + '.' + digits[1:]
    return f"{s}{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"


def _value_string(v, dtype):
    if dtype == 'bool':
        return 'true' if v else 'false'
    v = float(v)
    if math.isfinite(v) and abs(v) < 1e21:
        return js_number(float(f'{v:.7f}'))  # parseFloat(v.toFixed(7))
    return js_number(v)


def tensor_to_string(values, shape, dtype, verbose=False):
    """``values`` is the flat list of the tensor's values."""
    strides = _strides(shape)
    num_cols = strides[-1] if strides else 1
    pad = [0] * num_cols
    if len(shape) > 1:
        for i, v in enumerate(values):
            pad[i % num_cols] = max(pad[i % num_cols], len(_value_string(v, dtype)))
    lines = ['Tensor']
    if verbose:
        lines += [f'  dtype: {dtype}', f'  rank: {len(shape)}',
                  f"  shape: [{','.join(map(str, shape))}]", '  values:']
    lines.append('\n'.join('    ' + line for line in _sub_tensor(values, shape, dtype, strides, pad)))
    return '\n'.join(lines)


def _strides(shape):
    strides, acc = [], 1
    for dim in reversed(shape[1:]):
        acc *= dim
        strides.insert(0, acc)
    return strides


def _sub_tensor(vals, shape, dtype, strides, pad, is_last=True):
    rank = len(shape)
    if rank == 0:
        v = vals[0]
        return ['true' if v else 'false'] if dtype == 'bool' else [js_number(v)]
    size = shape[0]
    fmt = lambda i, v: _value_string(v, dtype).ljust(pad[i] if i < len(pad) else 0)
    if rank == 1:
        if size > LIMIT_NUM_VALS:
            first = [fmt(i, v) for i, v in enumerate(vals[:NUM_FIRST_LAST_VALS])]
            last = [fmt(size - NUM_FIRST_LAST_VALS + i, v)
                    for i, v in enumerate(vals[size - NUM_FIRST_LAST_VALS:size])]
            return ['[' + ', '.join(first) + ', ..., ' + ', '.join(last) + ']']
        return ['[' + ', '.join(fmt(i, v) for i, v in enumerate(vals)) + ']']
    stride = strides[0]
    rows = range(size)
    if size > LIMIT_NUM_VALS:
        rows = list(range(NUM_FIRST_LAST_VALS)) + [None] + list(range(size - NUM_FIRST_LAST_VALS, size))
    lines = []
    for i in rows:
        if i is None:
            lines.append('...')
            continue
        lines += _sub_tensor(vals[i * stride:(i + 1) * stride], shape[1:], dtype, strides[1:], pad,
                             i == size - 1)
    sep = ',' if rank == 2 else ''
    lines[0] = '[' + (lines[0] + sep if size > 0 else '')
    for i in range(1, len(lines) - 1):
        lines[i] = ' ' + lines[i] + sep
    new_line_sep = ',\n' + '\n' * (rank - 2)
    lines[-1] = ' ' + lines[-1] + ']' + ('' if is_last else new_line_sep)
    return lines


def shape_str(shape):
    """A shape as TF.js prints it in messages: ``[null,10]``."""
    return '[' + ','.join('null' if d is None else str(d) for d in shape) + ']'
