"""``Dataset``: a lazy, re-iterable sequence of elements, as TF.js's ``tf.data.Dataset``.

Nothing is read until iterated; each iteration starts afresh from the source.
"""
import numpy as np

from .._naming import CamelAliases
from ..core.convert import to_array
from ..core.tensor import Awaitable, Tensor


class IteratorResult(dict, Awaitable):
    """``{'value': ..., 'done': bool}``, awaitable like TF.js's ``await iterator.next()``."""


class DatasetIterator(CamelAliases):
    def __init__(self, iterable):
        self._it = iter(iterable)

    def next(self):
        for value in self._it:
            return IteratorResult(value=value, done=False)
        return IteratorResult(value=None, done=True)

    def __iter__(self):
        return self._it


class Dataset(CamelAliases):
    """A lazy dataset. Build one with ``tf.data.array`` (more sources are coming).

    >>> import tfjs_lab as tf
    >>> ds = tf.data.array([{'xs': [0], 'ys': [0]}, {'xs': [1], 'ys': [1]}]).batch(2)
    >>> [element['xs'].shape for element in ds]
    [[2, 1]]
    """

    def __init__(self, make_iterable, size=None):
        self._make_iterable = make_iterable
        self.size = size

    def __iter__(self):
        return iter(self._make_iterable())

    def iterator(self):
        """A fresh iterator whose ``next()`` returns ``{'value', 'done'}``."""
        return DatasetIterator(self)

    def batch(self, batch_size, small_last_batch=True):
        """Group consecutive elements into batches; numbers, lists and arrays become tensors
        with a leading batch axis, inside the same dict/list structure."""
        if not isinstance(batch_size, (int, np.integer)) or batch_size <= 0:
            raise ValueError(f'batchSize needs to be positive, but it is {batch_size!r}')

        def batches():
            group = []
            for element in self:
                group.append(element)
                if len(group) == batch_size:
                    yield stack_elements(group)
                    group = []
            if group and small_last_batch:
                yield stack_elements(group)
        size = None
        if self.size is not None:
            size = -(-self.size // batch_size) if small_last_batch else self.size // batch_size
        return Dataset(batches, size)

    def to_array(self):
        """All elements in a list (reads the whole dataset)."""
        return _AwaitableList(self)

    def for_each_async(self, f):
        for element in self:
            f(element)

    def __repr__(self):
        return f'Dataset(size={self.size})'


class _AwaitableList(list, Awaitable):
    pass


def stack_elements(elements):
    """Batch a list of same-structured elements (dicts, lists, numbers, arrays, tensors)."""
    first = elements[0]
    if isinstance(first, dict):
        keys = list(first)
        for e in elements:
            if not isinstance(e, dict) or list(e) != keys:
                raise ValueError(f'Elements in a batch must have the same keys; received {list(first)} '
                                 f'and {list(e) if isinstance(e, dict) else type(e).__name__}')
        return {k: stack_elements([e[k] for e in elements]) for k in keys}
    if isinstance(first, (list, tuple)) and first and isinstance(first[0], (dict, list, tuple, Tensor)) \
            and not _is_numeric_nested(first):
        return [stack_elements([e[i] for e in elements]) for i in range(len(first))]
    arrays = [to_array(e) for e in elements]
    shapes = {a.shape for a in arrays}
    if len(shapes) > 1:
        raise ValueError(f'Elements in a batch must have the same shape; received shapes '
                         f'{sorted(list(s) for s in shapes)}')
    return Tensor(np.stack(arrays))


def _is_numeric_nested(value):
    try:
        return np.asarray(value).dtype.kind in 'biuf'
    except ValueError:
        return False
