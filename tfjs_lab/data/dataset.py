"""``Dataset``: a lazy, re-iterable sequence of elements, as TF.js's ``tf.data.Dataset``.

Nothing is read until an element is asked for, and each iteration starts afresh from the
source (``for element in dataset`` or ``dataset.iterator()``), so one dataset serves every
epoch. ``size`` follows TF.js: a number, ``math.inf`` or None where it is not known.
"""
import itertools
import math
import numbers

from .._naming import CamelAliases
from ..core.tensor import Awaitable, _AwaitableList
from . import iterators
from ._async import is_pending, resolve
from .batching import batch_elements


class IteratorResult(dict, Awaitable):
    """``{'value': ..., 'done': bool}``, awaitable like TF.js's ``await iterator.next()``."""


class DatasetIterator(CamelAliases, Awaitable):
    """One pass over a dataset. ``next()`` returns ``{'value', 'done'}`` as a TF.js iterator;
    it is also a Python iterator, and awaitable like TF.js's ``await dataset.iterator()``.

    >>> import tfjs_lab as tf
    >>> it = tf.data.array([1, 2]).iterator()
    >>> it.next(), it.next(), it.next()
    ({'value': 1, 'done': False}, {'value': 2, 'done': False}, {'value': None, 'done': True})
    """

    def __init__(self, elements):
        self._elements = elements

    def next(self):
        for value in self._elements:
            return IteratorResult(value=value, done=False)
        return IteratorResult(value=None, done=True)

    def __iter__(self):
        return self._elements

    def __next__(self):
        return next(self._elements)


class Dataset(CamelAliases):
    """A lazy dataset; build one with ``tf.data.array``, ``generator``, ``func``, ``csv`` or
    ``zip`` and chain combinators.

    >>> import tfjs_lab as tf
    >>> ds = tf.data.array([{'xs': [0], 'ys': [0]}, {'xs': [1], 'ys': [1]}]).batch(2)
    >>> [element['xs'].shape for element in ds]
    [[2, 1]]
    """

    def __init__(self, make_iterator, size=None):
        self._make_iterator = make_iterator
        self.size = size

    def __iter__(self):
        return iter(self._make_iterator())

    def iterator(self):
        """A fresh pass whose ``next()`` returns ``{'value', 'done'}``.

        >>> import tfjs_lab as tf
        >>> tf.data.array(['a']).iterator().next()
        {'value': 'a', 'done': False}
        """
        return DatasetIterator(iter(self))

    # --- combinators ------------------------------------------------------------------
    def batch(self, batch_size, small_last_batch=True):
        """Group consecutive elements; dicts and tuples recurse, and numbers, lists, arrays
        and tensors at the leaves become tensors with a leading batch axis.

        >>> import tfjs_lab as tf
        >>> [t.array_sync() for t in tf.data.array([1, 2, 3]).batch(2)]
        [[1.0, 2.0], [3.0]]
        """
        if not isinstance(batch_size, numbers.Integral) or batch_size <= 0:
            raise ValueError(f'batchSize needs to be a positive integer, but it is {batch_size!r}')

        def batches():
            elements = iter(self)
            while rows := list(itertools.islice(elements, batch_size)):
                if len(rows) == batch_size or small_last_batch:
                    yield batch_elements(rows)
        size = self.size
        if size is not None and size != math.inf:
            size = -(-size // batch_size) if small_last_batch else size // batch_size
        return Dataset(batches, size)

    def concatenate(self, dataset):
        """This dataset's elements, then ``dataset``'s.

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2]).concatenate(tf.data.array([3])).to_array()
        [1, 2, 3]
        """
        _check_dataset(dataset, 'concatenate()')
        sizes = (self.size, dataset.size)

        def chained():
            yield from self
            yield from dataset
        size = math.inf if math.inf in sizes else None if None in sizes else sum(sizes)
        return Dataset(chained, size)

    def filter(self, predicate):
        """The elements for which ``predicate`` is true.

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2, 3, 4]).filter(lambda x: x % 2 == 0).to_array()
        [2, 4]
        """
        _check_callable(predicate, 'filter()')
        return Dataset(lambda: (e for e in self if predicate(e)), math.inf if self.size == math.inf else None)

    def map(self, transform):
        """Each element through ``transform``.

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2, 3]).map(lambda x: x * x).to_array()
        [1, 4, 9]
        """
        _check_callable(transform, 'map()')

        def mapped():
            for element in self:
                value = transform(element)
                if is_pending(value):
                    getattr(value, 'close', lambda: None)()  # no "never awaited" warning on top
                    raise TypeError('The map() transform returned an awaitable (an async function?); '
                                    'use map_async() (mapAsync) for asynchronous transforms')
                yield value
        return Dataset(mapped, self.size)

    def map_async(self, transform):
        """Each element through ``transform``, which may be an ``async def`` function.

        >>> import tfjs_lab as tf
        >>> async def double(x):
        ...     return 2 * x
        >>> tf.data.array([1, 2]).map_async(double).to_array()
        [2, 4]
        """
        _check_callable(transform, 'mapAsync()')
        return Dataset(lambda: (resolve(transform(e)) for e in self), self.size)

    def prefetch(self, buffer_size):
        """The same elements, read up to ``buffer_size`` ahead by a background thread while
        the consumer works: waiting on files, http or async sources overlaps with training
        (Python-only steps still take turns with the training thread, under the GIL).

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2, 3]).prefetch(2).to_array()
        [1, 2, 3]
        """
        if buffer_size is None:
            raise ValueError('`Dataset.prefetch()` requires bufferSize to be specified.')
        _check_count(buffer_size, 'prefetch() bufferSize', minimum=1)
        return Dataset(lambda: iterators.prefetched(iter(self), buffer_size), self.size)

    def repeat(self, count=None):
        """The dataset ``count`` times over (forever if ``count`` is None or negative), each
        repetition a fresh pass over the source.

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2]).repeat(2).to_array()
        [1, 2, 1, 2]
        """
        forever = count is None or count < 0
        if not forever:
            _check_count(count, 'repeat() count')

        def repeated():
            done = 0
            while forever or done < count:
                yield from self
                done += 1
        if count == 0:
            size = 0
        elif self.size is None:
            size = None
        else:
            size = math.inf if forever else self.size * count
        return Dataset(repeated, size)

    def skip(self, count):
        """All but the first ``count`` elements (TF.js skips none for a negative count).

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2, 3]).skip(2).to_array()
        [3]
        """
        if count is None or count < 0:
            return Dataset(self._make_iterator, self.size)
        _check_count(count, 'skip() count')

        def skipped():
            elements = iter(self)
            for _ in zip(range(count), elements):
                pass
            yield from elements
        return Dataset(skipped, None if self.size is None else max(self.size - count, 0))

    def take(self, count):
        """The first ``count`` elements (all of them for a negative count). Reads no further.

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2, 3]).take(2).to_array()
        [1, 2]
        """
        if count is None or count < 0:
            return Dataset(self._make_iterator, self.size)
        _check_count(count, 'take() count')

        def taken():
            if count:
                for index, element in enumerate(self, 1):
                    yield element
                    if index == count:
                        return
        return Dataset(taken, None if self.size is None else min(self.size, count))

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=True):
        """Elements in a random order, drawn from a buffer of ``buffer_size`` upcoming ones,
        with TF.js's buffer and random stream: a ``seed`` gives TF.js's order. Each iteration
        reshuffles unless ``reshuffle_each_iteration`` is false (TF.js 4.22 reshuffles then
        too; here the order repeats, as its documentation says).

        >>> import tfjs_lab as tf
        >>> tf.data.array([0, 1, 2, 3, 4, 5]).shuffle(3, 42).to_array()
        [2, 0, 4, 5, 1, 3]
        """
        if buffer_size is None or buffer_size < 0:
            hint = '' if self.size is None else (
                '  If your data fits in main memory (for regular JS objects), and/or GPU memory (for '
                '`tf.Tensor`s), consider setting bufferSize to the dataset size '
                f'({self.size} elements)')
            raise ValueError('`Dataset.shuffle()` requires bufferSize to be specified.' + hint)
        _check_count(buffer_size, 'shuffle() bufferSize')
        alea = iterators.AleaStream(seed)
        fixed_seed = None if reshuffle_each_iteration else str(alea.int32())

        def shuffled():
            seed_text = fixed_seed or str(alea.int32() + alea.int32())
            return iterators.shuffled(iter(self), buffer_size, seed_text)
        return Dataset(shuffled, self.size)

    # --- consuming -------------------------------------------------------------------
    def to_array(self):
        """All elements in a list (awaitable, as TF.js's ``toArray``).

        >>> import tfjs_lab as tf
        >>> tf.data.array([1, 2, 3]).skip(1).to_array()
        [2, 3]
        """
        if self.size == math.inf:
            raise ValueError('Can not convert infinite data stream to array.')
        return _AwaitableList(self)

    def for_each_async(self, f):
        """Call ``f`` on every element (``f`` may be an ``async def`` function); awaitable.

        >>> import tfjs_lab as tf
        >>> seen = []
        >>> _ = tf.data.array([1, 2]).for_each_async(seen.append)
        >>> seen
        [1, 2]
        """
        _check_callable(f, 'forEachAsync()')
        for element in self:
            resolve(f(element))
        return _Finished()

    def __repr__(self):
        return f'Dataset(size={self.size})'


class _Finished(Awaitable):
    """What ``forEachAsync``'s promise resolves to (undefined), awaitable or ignored."""

    def __repr__(self):
        return 'None'


def _check_dataset(value, where):
    if not isinstance(value, Dataset):
        raise TypeError(f'{where} takes a tf.data Dataset; received {type(value).__name__}')


def _check_callable(value, where):
    if not callable(value):
        raise TypeError(f'{where} takes a function; received {type(value).__name__}')


def _check_count(value, what, minimum=0):
    if not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f'{what} must be an integer >= {minimum}; received {value!r}')
