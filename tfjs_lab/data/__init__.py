"""``tf.data``: lazy datasets for ``model.fit_dataset``."""
from .._naming import add_camel_aliases
from .dataset import Dataset, DatasetIterator, stack_elements


def array(items):
    """A dataset of the items of a list (kept by reference, read lazily).

    >>> import tfjs_lab as tf
    >>> tf.data.array([1, 2, 3]).to_array()
    [1, 2, 3]
    """
    if not isinstance(items, (list, tuple)):
        raise TypeError(f'tf.data.array() takes a list of elements; received {type(items).__name__}')
    return Dataset(lambda: iter(items), len(items))


add_camel_aliases(globals())
