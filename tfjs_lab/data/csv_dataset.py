"""``TextLineDataset`` and ``CSVDataset``: text files streamed line by line and parsed as
TF.js's CSVDataset parses them (its quoting rules, ``Number()`` conversion, booleans as 1/0,
``{xs, ys}`` elements when a column is a label).

Where TF.js would pass a malformed value on silently, this raises with the file, line and
column: a non-number in a column that is numeric (declared ``float32``/``int32``, or undeclared
with a number as its first value), a missing required value, a row of the wrong length. A
column declared ``'dtype': 'string'`` keeps its text (TF.js would still turn "12" into 12).
"""
import math

from .._naming import normalize_keys, takes_options
from ..core.tensor import Awaitable
from .dataset import Dataset
from .sources import data_source

_COLUMN_OPTIONS = ('is_label', 'dtype', 'required', 'default')
_DTYPES = ('float32', 'int32', 'bool', 'string')
_NO_DEFAULT = object()
_QUOTE = '"'


class TextLineDataset(Dataset):
    """The lines of a text file or URL (split at ``\\n``, a trailing ``\\r`` dropped).

    >>> import tfjs_lab as tf, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), 'lines.txt')
    >>> _ = open(path, 'w').write('first\\nsecond\\n')
    >>> tf.data.TextLineDataset(path).to_array()
    ['first', 'second']
    """

    def __init__(self, source):
        self.input = data_source(source)
        super().__init__(self.input.lines)


class _ColumnNames(list, Awaitable):
    """A list that also answers TF.js's ``await dataset.columnNames()``."""

    def __call__(self):
        return self


class _Column:
    __slots__ = ('index', 'name', 'is_label', 'dtype', 'required', 'default')

    def __init__(self, index, name, config):
        self.index, self.name = index, name
        config = normalize_keys(config or {}, _COLUMN_OPTIONS, f'columnConfigs[{name!r}]')
        self.is_label = bool(config.get('is_label', False))
        self.dtype = config.get('dtype')
        if self.dtype is not None and self.dtype not in _DTYPES:
            raise ValueError(f"columnConfigs[{name!r}]: dtype must be one of {', '.join(_DTYPES)}; "
                             f'received {self.dtype!r}')
        self.required = bool(config.get('required', False))
        self.default = config.get('default', _NO_DEFAULT)


class CSVDataset(Dataset):
    """Rows of a CSV file or URL as dicts keyed by column name; ``{'xs': {...}, 'ys': {...}}``
    when ``column_configs`` marks label columns. Made by ``tf.data.csv``.

    >>> import tfjs_lab as tf, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), 'data.csv')
    >>> _ = open(path, 'w').write('a,b,label\\n1,2,0\\n3,4,1\\n')
    >>> ds = tf.data.csv(path, {'columnConfigs': {'label': {'isLabel': True}}})
    >>> ds.column_names
    ['a', 'b', 'label']
    >>> ds.to_array()[0]
    {'xs': {'a': 1.0, 'b': 2.0}, 'ys': {'label': 0.0}}
    """

    @takes_options
    def __init__(self, source, *, has_header=True, column_names=None, column_configs=None,
                 configured_columns_only=False, delimiter=None, delim_whitespace=False):
        self.input = data_source(source)
        self.has_header = has_header is not False
        self._given_names = None if column_names is None else list(column_names)
        self._configs = dict(column_configs or {})
        self.configured_columns_only = bool(configured_columns_only)
        if delim_whitespace:
            if delimiter is not None:
                raise ValueError('Delimiter should not be provided when delimWhitespace is true.')
            delimiter = ' '
        self.delim_whitespace = bool(delim_whitespace)
        self.delimiter = delimiter or ','
        if len(self.delimiter) != 1:
            raise ValueError(f'delimiter must be one character; received {self.delimiter!r}')
        self._names = None
        self._columns = None
        super().__init__(self._elements)

    @property
    def column_names(self):
        """The column names (of the configured columns only with ``configured_columns_only``);
        reads the header line the first time if there is one."""
        self._check_columns()
        return _ColumnNames(self._configs if self.configured_columns_only else self._names)

    def _check_columns(self):
        """Read and check the column names once, as TF.js's setColumnNames does."""
        if self._columns is not None:
            return
        names = self._given_names
        header = self._header() if self.has_header else None
        if names is None and header is None:
            raise ValueError('Column names must be provided if there is no header line.')
        if names is not None and header is not None and len(names) != len(header):
            raise ValueError(f'The length of provided columnNames ({len(names)}) does not match the length of the '
                             f'header line read from file ({len(header)}).')
        names = names if names is not None else header
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError('Duplicate column names found: ' + ','.join(duplicates))
        for key in self._configs:
            if key not in names:
                raise ValueError(f'The key "{key}" provided in columnConfigs does not match any of the column '
                                 f"names ({','.join(names)}).")
        self._names = names
        self._columns = [_Column(i, name, self._configs.get(name)) for i, name in enumerate(names)
                         if name in self._configs or not self.configured_columns_only]

    def _header(self):
        for line in self.input.lines():
            return self._split(line)
        raise ValueError(f'No data was found for CSV parsing in {self.input}.')

    def _elements(self):
        self._check_columns()
        numeric = {c.name: c.dtype in ('float32', 'int32') for c in self._columns if c.dtype is not None}
        lines = enumerate(self.input.lines(), 1)
        if self.has_header:
            next(lines, None)
        for line_number, line in lines:
            yield self._element(line, line_number, numeric)

    def _element(self, line, line_number, numeric):
        """The element for one line. ``numeric`` says which columns must hold numbers; an
        undeclared column is decided by its first value."""
        values = self._split(line)
        if len(values) != len(self._names):
            raise ValueError(f'Invalid row in csv file {self.input}, line {line_number}. Should have '
                             f"{len(self._names)} elements in a row, but got {','.join(values)}")
        features, labels = {}, {}
        for column in self._columns:
            name = column.name
            value = values[column.index]
            if value == '':
                if column.default is not _NO_DEFAULT:
                    parsed = column.default
                elif column.required or column.is_label:
                    raise ValueError(f'Required column {name} is empty in {self._where(line_number, column)}: {line}')
                else:
                    parsed = None
            elif column.dtype == 'string':
                parsed = value
            else:
                number = js_number(value)
                if name not in numeric:
                    numeric[name] = number is not None
                if column.dtype == 'bool':
                    parsed = 1 if value == '1' or value.lower() == 'true' else 0
                elif number is not None:
                    parsed = math.floor(number) if column.dtype == 'int32' and math.isfinite(number) else number
                elif numeric[name]:
                    kind = f'declared {column.dtype}' if column.dtype else 'numbers from its first value on'
                    raise ValueError(f'Bad number in {self._where(line_number, column)}: {value!r} is not a number, '
                                     f"and the column holds {kind}. Declare {{'dtype': 'string'}} in "
                                     'columnConfigs to keep its text.')
                else:
                    parsed = value
            (labels if column.is_label else features)[name] = parsed
        return {'xs': features, 'ys': labels} if labels else features

    def _where(self, line_number, column):
        return f'{self.input}, line {line_number}, column {column.index + 1} ({column.name!r})'

    def _split(self, line):
        if _QUOTE in line:
            return split_quoted(line, self.delimiter, self.delim_whitespace)
        if not self.delim_whitespace:
            return line.split(self.delimiter)
        fields = [field for field in line.split(' ') if field]
        if not line or line.endswith(' '):
            fields.append('')  # TF.js ends a row that ends on a delimiter with an empty field
        return fields


def split_quoted(line, delimiter, delim_whitespace=False):
    """TF.js's CSV row parser (a state machine after mbostock's streaming-csv), for rows with
    quotes. Quotes around a field are dropped; doubled quotes inside are kept as they are."""
    out, field, quoted, after_quote, quote_in_quote = 'out', 'field', 'quote', 'after', 'inner'
    result, read_offset, state = [], 0, out
    for i, char in enumerate(line):
        if state == out:
            if char == _QUOTE:
                read_offset, state = i + 1, quoted
            elif char == delimiter:
                read_offset = i + 1
                if not (delimiter == ' ' and delim_whitespace):
                    result.append('')
            else:
                read_offset, state = i, field
        elif state == field:
            if char == delimiter:
                result.append(line[read_offset:i])
                read_offset, state = i + 1, out
        elif state == quoted:
            if char == _QUOTE:
                state = after_quote
        elif state == after_quote:
            if char == delimiter:
                result.append(line[read_offset:i - 1])
                read_offset, state = i + 1, out
            elif char == _QUOTE:
                state = quoted
            else:
                state = quote_in_quote
        elif char == _QUOTE:  # inside a quoted part of a quoted field
            state = quoted
    result.append(line[read_offset:-1] if state == after_quote else line[read_offset:])
    return result


_JS_WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009' \
                 '\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'
_RADIX = {'0x': 16, '0X': 16, '0o': 8, '0O': 8, '0b': 2, '0B': 2}


def js_number(text):
    """JavaScript's ``Number(text)`` as a float, or None where it is NaN.

    >>> [js_number(t) for t in ['12', ' -1.5e3 ', '0x1F', 'Infinity', 'inf', 'NaN', '1_000', '']]
    [12.0, -1500.0, 31.0, inf, None, None, None, 0.0]
    """
    body = text.strip(_JS_WHITESPACE)
    if not body:
        return 0.0
    if not body.isascii() or '_' in body:
        return None
    try:
        number = float(body)
    except ValueError:
        base = _RADIX.get(body[:2])
        try:
            return float(int(body[2:], base)) if base and body[2:].isalnum() else None
        except ValueError:
            return None
    if not math.isfinite(number) and body.lstrip('+-') != 'Infinity' and not body.lstrip('+-')[:1].isdigit() \
            and body.lstrip('+-')[:1] != '.':
        return None  # Python's 'inf' and 'nan' are not JavaScript numbers
    return number
