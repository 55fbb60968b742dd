"""``JSON.stringify`` as JavaScript writes it.

TF.js measures ``modelTopologyBytes``/``weightSpecsBytes`` on ``JSON.stringify`` output and
stores that text in localStorage and model.json. Python's ``json.dumps`` differs in ways that
change those bytes: ``1.0`` (JS: ``1``), ``1e-07`` (JS: ``1e-7``), ``1e+20`` (JS:
``100000000000000000000``), spaces after separators, NaN (JS: ``null``), and JS lists
integer-like object keys first. This module writes exactly what JS writes.
"""
import decimal
import json
import math
import numbers
import re

import numpy as np

_ARRAY_INDEX = re.compile(r'0|[1-9][0-9]*')
_MAX_ARRAY_INDEX = 2 ** 32 - 2


def stringify(value):
    """The text JavaScript's ``JSON.stringify(value)`` returns.

    >>> stringify({'rate': 1.0, 'eps': 1e-7, 'name': 'dense'})
    '{"rate":1,"eps":1e-7,"name":"dense"}'
    """
    parts = []
    _write(value, parts)
    return ''.join(parts)


def byte_length(text):
    """UTF-8 length of a JS string, as TF.js's ``stringByteLength`` measures it."""
    return len(text.encode('utf-8', 'surrogatepass'))


def js_number(x):
    """ECMAScript ``Number::toString`` for a finite float (``1.0`` -> ``'1'``)."""
    if x == 0:
        return '0'
    # repr gives the shortest round-trip digits, which is what JS prints too.
    _, digit_tuple, exponent = decimal.Decimal(repr(abs(x))).as_tuple()
    digits = ''.join(map(str, digit_tuple)).rstrip('0')
    exponent += len(digit_tuple) - len(digits)
    k = len(digits)
    point = k + exponent  # value = 0.<digits> * 10**point
    if k <= point <= 21:
        text = digits + '0' * (point - k)
    elif 0 < point <= 21:
        text = digits[:point] + '.' + digits[point:]
    elif -6 < point <= 0:
        text = '0.' + '0' * -point + digits
    else:
        e = point - 1
        text = digits[0] + ('.' + digits[1:] if k > 1 else '') + 'e' + ('+' if e > 0 else '-') + str(abs(e))
    return ('-' if x < 0 else '') + text


def _ordered_items(obj):
    # JS enumerates integer-like keys first, ascending, then the rest in insertion order.
    index_keys = sorted((k for k in obj if _is_array_index(k)), key=int)
    return [(k, obj[k]) for k in index_keys] + [(k, v) for k, v in obj.items() if not _is_array_index(k)]


def _is_array_index(key):
    return _ARRAY_INDEX.fullmatch(key) is not None and int(key) <= _MAX_ARRAY_INDEX


def _write(value, parts):
    if value is None:
        parts.append('null')
    elif isinstance(value, (bool, np.bool_)):
        parts.append('true' if value else 'false')
    elif isinstance(value, str):
        parts.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, numbers.Integral):
        parts.append(str(int(value)))
    elif isinstance(value, numbers.Real):
        x = float(value)
        parts.append(js_number(x) if math.isfinite(x) else 'null')
    elif isinstance(value, dict):
        parts.append('{')
        for i, (key, item) in enumerate(_ordered_items(value)):
            if not isinstance(key, str):
                raise TypeError(f'JSON object keys must be strings; received {key!r}')
            parts.append((',' if i else '') + json.dumps(key, ensure_ascii=False) + ':')
            _write(item, parts)
        parts.append('}')
    elif isinstance(value, (list, tuple, np.ndarray)):
        parts.append('[')
        for i, item in enumerate(value):
            if i:
                parts.append(',')
            _write(item, parts)
        parts.append(']')
    else:
        raise TypeError(f'Object of type {type(value).__name__} is not JSON serializable')
