"""``tf.data``: lazy datasets from arrays, generators, functions and CSV files, for
``model.fit_dataset`` and ``model.evaluate_dataset``."""
from .._naming import add_camel_aliases, takes_options
from ..version import TFJS_FORMAT_VERSION as version_data
from . import iterators
from ._async import iterate, iterator_result, resolve
from .browser import microphone, webcam
from .csv_dataset import CSVDataset, TextLineDataset
from .dataset import Dataset, DatasetIterator
from .sources import DataSource, FileDataSource, URLDataSource, data_source


def array(items):
    """A dataset of the items of a list (kept by reference, read lazily).

    >>> import tfjs_lab as tf
    >>> tf.data.array([1, 2, 3]).to_array()
    [1, 2, 3]
    """
    if not isinstance(items, (list, tuple)):
        raise TypeError(f'tf.data.array() takes a list of elements; received {type(items).__name__}')
    return Dataset(lambda: iter(items), len(items))


def generator(make_items):
    """A dataset whose every pass calls ``make_items()`` for a fresh iterable: a generator
    function, an ``async def`` generator function, or any function returning an iterable.

    >>> import tfjs_lab as tf
    >>> def count_to_three():
    ...     yield from (1, 2, 3)
    >>> tf.data.generator(count_to_three).take(2).to_array()
    [1, 2]
    """
    if not callable(make_items):
        hint = (' Pass the generator function itself (gen, not gen()), so that every epoch can start a '
                'fresh pass.' if hasattr(make_items, '__iter__') or hasattr(make_items, '__aiter__') else '')
        raise TypeError(f'tf.data.generator() takes a function; received {type(make_items).__name__}.{hint}')
    return Dataset(lambda: iterate(resolve(make_items()), 'the value returned by the generator function'))


class _FunctionIterator:
    """TF.js's FunctionCallIterator: every read calls the function again."""

    def __init__(self, f):
        self._f = f

    def __iter__(self):
        return self

    def __next__(self):
        value, done = iterator_result(resolve(self._f()), 'The function given to tf.data.func()')
        if done:
            raise StopIteration
        return value


def func(f):
    """A dataset read by calling ``f()``, which returns ``{'value': ..., 'done': bool}`` (or an
    awaitable of it). As in TF.js, all passes share one stream: a second pass continues where
    the first stopped.

    >>> import tfjs_lab as tf
    >>> counter = iter(range(3))
    >>> ds = tf.data.func(lambda: {'value': next(counter, None), 'done': False})
    >>> ds.take(2).to_array()
    [0, 1]
    """
    if not callable(f):
        raise TypeError(f'tf.data.func() takes a function; received {type(f).__name__}')
    shared = _FunctionIterator(f)
    return Dataset(lambda: shared)


@takes_options(extra=('has_header', 'column_names', 'column_configs', 'configured_columns_only', 'delimiter',
                      'delim_whitespace'))
def csv(source, **csv_config):
    """A ``CSVDataset`` streaming a local path, a ``file://`` or an ``http(s)://`` URL.
    Options as TF.js's ``csvConfig``: ``has_header``, ``column_names``, ``column_configs``
    (per column: ``is_label``, ``dtype``, ``required``, ``default``), ``configured_columns_only``,
    ``delimiter``, ``delim_whitespace``.

    >>> import tfjs_lab as tf, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), 'points.csv')
    >>> _ = open(path, 'w').write('x y\\n1 2\\n')
    >>> tf.data.csv('file://' + path, {'delimWhitespace': True}).to_array()
    [{'x': 1.0, 'y': 2.0}]
    """
    return CSVDataset(data_source(source), **csv_config)


def zip(datasets):
    """A dataset of elements built like ``datasets`` (a list, tuple or dict, nested) from one
    element of each dataset in it; it ends with the shortest.

    >>> import tfjs_lab as tf
    >>> tf.data.zip({'xs': tf.data.array([1, 2]), 'ys': tf.data.array([3, 4, 5])}).to_array()
    [{'xs': 1, 'ys': 3}, {'xs': 2, 'ys': 4}]
    """
    if not isinstance(datasets, (list, tuple, dict)):
        raise TypeError(f'The argument to zip() must be an object or array; received {type(datasets).__name__}')
    leaves = _datasets_in(datasets)
    sizes = [d.size for d in leaves]
    size = None if not sizes or None in sizes else min(sizes)
    return Dataset(lambda: iterators.zipped([iter(d) for d in leaves], datasets), size)


def _datasets_in(structure):
    if isinstance(structure, Dataset):
        return [structure]
    if isinstance(structure, dict):
        structure = list(structure.values())
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in _datasets_in(item)]
    raise TypeError('Leaves of the structure passed to zip() must be Datasets, not primitives; received '
                    f'{type(structure).__name__}')


__all__ = ['Dataset', 'DatasetIterator', 'CSVDataset', 'TextLineDataset', 'DataSource', 'FileDataSource',
           'URLDataSource', 'array', 'csv', 'func', 'generator', 'zip', 'webcam', 'microphone', 'version_data']
add_camel_aliases(globals())
