"""The global random state behind initializers, shuffling and dropout.

TF.js has no global seed; ``set_seed`` is tfjs_lab's addition so that a lesson gives the
same numbers every time it runs.
"""
import numpy as np

_generator = np.random.default_rng()


def set_seed(seed):
    """Make initializers, shuffling and dropout reproducible from here on.

    >>> import tfjs_lab as tf
    >>> tf.set_seed(42)
    """
    global _generator
    _generator = np.random.default_rng(seed)


def generator():
    return _generator
