"""``Table``: named columns of records, read from a CSV or JSON file, and ``load_csv``."""
import csv
import io

import numpy as np

from .._naming import CamelAliases
from .labeled import LabeledData
from .remote import read_bytes


class Table(CamelAliases):
    """Rows of named columns: ``records`` (plain dicts, as TF.js tutorials get from
    ``fetch(...).json()``; a missing value is None), ``column(name)`` as a NumPy array, and
    ``labeled(target, features)`` for a model.

    >>> import tfjs_lab as tf
    >>> cars = tf.datasets.Table('cars', [{'hp': 130, 'mpg': 18}, {'hp': None, 'mpg': 25},
    ...                                   {'hp': 95, 'mpg': 24}])
    >>> cars.column('hp')
    array([130.,  nan,  95.], dtype=float32)
    >>> cars.labeled('mpg', ['hp']).features.tolist()
    [[130.0], [95.0]]
    """

    def __init__(self, name, records, column_names=None):
        self.name = name
        self.records = list(records)
        for i, record in enumerate(self.records):
            if not isinstance(record, dict):
                raise TypeError(f'{name}: records must be dicts of column values; record {i} is '
                                f'{type(record).__name__}')
        if column_names is None:
            column_names = list(dict.fromkeys(key for record in self.records for key in record))
        self.column_names = list(column_names)

    def __len__(self):
        return len(self.records)

    def __repr__(self):
        return f"Table('{self.name}': {len(self)} rows, columns {self.column_names})"

    def _check_column(self, name):
        if name not in self.column_names:
            raise KeyError(f"{self.name} has no column {name!r}; its columns are {self.column_names}")

    def is_numeric(self, name):
        """Whether every present value of the column is a number."""
        self._check_column(name)
        return all(_is_number(r.get(name)) for r in self.records if r.get(name) is not None)

    def column(self, name):
        """The column as float32 (missing values are NaN) if it is numeric, else as strings."""
        values = [record.get(name) for record in self.records]
        if self.is_numeric(name):
            return np.array([np.nan if v is None else v for v in values], dtype=np.float32)
        return np.array(values, dtype=object)

    def labeled(self, target, features=None, *, classification=None, one_hot=True):
        """``LabeledData`` with the ``features`` columns (all other numeric columns if None) as
        ``xs`` and ``target`` as ``ys``. Rows missing any of these values are left out, as TF.js
        tutorials filter them. A text target is a classification (its classes sorted); pass
        ``classification=True`` for numeric class codes."""
        self._check_column(target)
        numeric = [c for c in self.column_names if c != target and self.is_numeric(c)]
        features = numeric if features is None else list(features)
        if not features:
            raise ValueError(f'{self.name}: no feature columns; pass features=[...] from the numeric columns '
                             f'{numeric}')
        for name in features:
            self._check_column(name)
            if not self.is_numeric(name):
                example = next(r[name] for r in self.records if not _is_number(r.get(name)))
                raise ValueError(f'{self.name}: feature column {name!r} holds text ({example!r}); features '
                                 f'must be numeric columns: {numeric}')
        if classification is None:
            classification = not self.is_numeric(target)
        used = features + [target]
        rows = [r for r in self.records if all(r.get(c) is not None for c in used)]
        if not rows:
            raise ValueError(f'{self.name}: no row has values in all of {used}')
        xs = np.array([[r[c] for c in features] for r in rows], dtype=np.float32)
        targets = [r[target] for r in rows]
        class_names = None
        if classification:
            class_names = sorted(set(targets), key=lambda v: (isinstance(v, str), v))
            index = {value: i for i, value in enumerate(class_names)}
            targets = [index[value] for value in targets]
            class_names = [_class_name(c) for c in class_names]
        dropped = len(self) - len(rows)
        description = f'{len(rows)} of {len(self)} rows' + (f' ({dropped} missing a value)' if dropped else '')
        return LabeledData(self.name, xs, np.array(targets), feature_names=features, class_names=class_names,
                           target_name=target, one_hot=one_hot, description=description)


def _class_name(value):
    """'2' for the class code 2.0 that a CSV number becomes."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def parse_csv(text, name, *, delimiter=',', column_names=None):
    """A ``Table`` from CSV text: the first row names the columns unless ``column_names`` is
    given; a column whose every non-empty value is a number holds floats, an empty field is None.

    >>> import tfjs_lab as tf
    >>> tf.datasets.parse_csv('x,y\\n1,a\\n2,\\n', 'inline').records
    [{'x': 1.0, 'y': 'a'}, {'x': 2.0, 'y': None}]
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    numbered_rows = [(reader.line_num, row) for row in reader if row]
    if column_names is None:
        if not numbered_rows:
            raise ValueError(f'{name}: the CSV is empty; expected a header row naming the columns')
        column_names = numbered_rows.pop(0)[1]
    column_names = list(column_names)
    if len(set(column_names)) != len(column_names):
        raise ValueError(f'{name}: column names must be unique; received {column_names}')
    for line, row in numbered_rows:
        if len(row) != len(column_names):
            raise ValueError(f'{name}: line {line} has {len(row)} fields, expected {len(column_names)} '
                             f'({column_names}); received {row}')
    rows = [row for _, row in numbered_rows]
    columns = list(zip(*rows)) or [()] * len(column_names)
    converted = [_convert_column(values) for values in columns]
    records = [dict(zip(column_names, values)) for values in zip(*converted)]
    return Table(name, records, column_names)


def _convert_column(values):
    try:
        return [None if v.strip() == '' else float(v) for v in values]
    except ValueError:
        return [None if v == '' else v for v in values]


def load_csv(source, *, delimiter=',', column_names=None, encoding='utf-8', cache_dir=None):
    """A ``Table`` from a CSV file: a path, or an http(s) URL downloaded once into the cache
    directory (see ``download``). Gzipped files are read as they are.

    >>> import os, tempfile
    >>> import tfjs_lab as tf
    >>> path = os.path.join(tempfile.mkdtemp(), 'points.csv')
    >>> _ = open(path, 'w').write('x,y,label\\n1,2,a\\n3,,b\\n')
    >>> table = tf.datasets.load_csv(path)
    >>> table.records
    [{'x': 1.0, 'y': 2.0, 'label': 'a'}, {'x': 3.0, 'y': None, 'label': 'b'}]
    """
    data, name = read_bytes(source, cache_dir=cache_dir)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ValueError(f'{name} is not {encoding} text ({error}); pass encoding=...') from None
    return parse_csv(text, name, delimiter=delimiter, column_names=column_names)
