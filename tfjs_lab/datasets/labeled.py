"""``LabeledData``: what every loader and generator of ``tf.datasets`` returns.

NumPy arrays are the source of truth. The tensors ``xs`` and ``ys`` are made on first use, so
loading a data set costs no tensor (and no ``tf.memory()`` count) until a model needs one.
"""
import numpy as np

from .._naming import CamelAliases
from ..core import random
from ..core.tensor import Tensor


def random_generator(seed):
    """A NumPy generator: its own for an integer ``seed`` (the same numbers on every run),
    the global one that ``tf.set_seed`` resets for None."""
    if seed is None:
        return random.generator()
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise TypeError(f'seed must be an integer or None; received {seed!r}')
    return np.random.default_rng(seed)


def _read_only(array):
    """``array`` made read-only, copied first unless it is already read-only (a bundled set's
    cached arrays), so the caller's own arrays stay writable."""
    if array.flags.writeable or not array.flags.c_contiguous:
        array = np.array(array, order='C')
    array.flags.writeable = False
    return array


class LabeledData(CamelAliases):
    """Examples with their targets, as tensors for a model and as plain arrays.

    * ``xs``: float32 tensor of the features, one example per row;
    * ``ys``: float32 tensor of the targets: one-hot ``[n, classes]`` for a classification
      (``[n, 1]`` class indices when made with ``one_hot=False``, for a sigmoid unit or a
      sparse loss), ``[n, 1]`` values for a regression;
    * ``features``, ``labels``: the same as NumPy arrays (``labels`` holds int32 class indices
      or float32 target values);
    * ``feature_names``, ``class_names`` (None for a regression), ``target_name``;
    * ``train_test_split(seed)`` and ``dispose()``.

    >>> import numpy as np
    >>> import tfjs_lab as tf
    >>> data = tf.datasets.LabeledData('toy', np.array([[0.], [1.], [2.]]), np.array([0, 1, 1]),
    ...                                feature_names=['x'], class_names=['no', 'yes'])
    >>> data
    LabeledData('toy': 3 examples, xs [3,1], ys [3,2], classes ['no', 'yes'])
    >>> data.ys.print()
    Tensor
        [[1, 0],
         [0, 1],
         [0, 1]]
    """

    def __init__(self, name, features, labels, *, feature_names, class_names=None, target_name=None,
                 one_hot=True, description=''):
        features = np.asarray(features, dtype=np.float32)
        labels = np.asarray(labels)
        if features.ndim < 2 or labels.ndim != 1 or len(features) != len(labels):
            raise ValueError(f'{name}: features must be [examples, ...] and labels [examples] with the same '
                             f'number of examples; received features {list(features.shape)} and labels '
                             f'{list(labels.shape)}')
        if class_names is None:
            labels = labels.astype(np.float32, copy=False)
        else:
            class_names = list(class_names)
            labels = labels.astype(np.int32, copy=False)
            if len(labels) and (labels.min() < 0 or labels.max() >= len(class_names)):
                raise ValueError(f'{name}: labels must be class indices in [0, {len(class_names)}); '
                                 f'received values from {labels.min()} to {labels.max()}')
        self.name = name
        self.features = _read_only(features)
        self.labels = _read_only(labels)
        self.feature_names = list(feature_names)
        self.class_names = class_names
        self.target_name = target_name
        self.one_hot = one_hot
        self.description = description
        self._tensors = {}

    # --- the arrays as tensors, made when first asked for ---------------------------------
    @property
    def xs(self):
        """The features as a float32 tensor (made on first use)."""
        return self._tensor('xs', lambda: self.features)

    @property
    def ys(self):
        """The targets as a float32 tensor (made on first use)."""
        return self._tensor('ys', self._target_array)

    def _tensor(self, key, make_array):
        tensor = self._tensors.get(key)
        if tensor is None or tensor.is_disposed:
            # A copy: the tensor owns its memory, so tf.memory() counts it as TF.js would.
            tensor = self._tensors[key] = Tensor(np.array(make_array(), dtype=np.float32))
        return tensor

    def _target_array(self):
        if self.class_names is not None and self.one_hot:
            return np.eye(len(self.class_names), dtype=np.float32)[self.labels]
        return self.labels.reshape(-1, 1)

    def dispose(self):
        """Dispose ``xs`` and ``ys`` (they are made again if used later).

        >>> import tfjs_lab as tf
        >>> digits = tf.datasets.load_digits()
        >>> before = tf.memory()['numTensors']
        >>> model_input = digits.xs
        >>> digits.dispose()
        >>> tf.memory()['numTensors'] == before
        True
        """
        for tensor in self._tensors.values():
            tensor.dispose()
        self._tensors.clear()

    # --- facts ------------------------------------------------------------------------
    @property
    def num_classes(self):
        """The number of classes, or None for a regression."""
        return None if self.class_names is None else len(self.class_names)

    def __len__(self):
        return len(self.labels)

    def __repr__(self):
        ys_shape = [len(self), self.num_classes if self.class_names and self.one_hot else 1]
        if self.class_names is None:
            kind = f'target {self.target_name!r}'
        else:  # names while they fit on the line
            kind = f'classes {self.class_names}' if len(self.class_names) <= 5 else f'{self.num_classes} classes'
        return (f"LabeledData('{self.name}': {len(self)} examples, xs {_shape(self.features.shape)}, "
                f'ys {_shape(ys_shape)}, {kind})')

    # --- making other sets ---------------------------------------------------------------
    def take(self, indices, name=None):
        """The examples at ``indices`` (in that order), as a new ``LabeledData``.

        >>> import tfjs_lab as tf
        >>> tf.datasets.load_iris().take([0, 50, 100]).labels.tolist()
        [0, 1, 2]
        """
        indices = np.asarray(indices, dtype=np.int64)
        return LabeledData(name or self.name, self.features[indices], self.labels[indices],
                           feature_names=self.feature_names, class_names=self.class_names,
                           target_name=self.target_name, one_hot=self.one_hot, description=self.description)

    def train_test_split(self, seed=0, *, test_fraction=0.2):
        """``(train, test)``: a shuffle by ``seed`` (the same seed gives the same split), then the
        last ``round(test_fraction * n)`` examples are the test set.

        >>> import tfjs_lab as tf
        >>> train, test = tf.datasets.load_iris().train_test_split(seed=1, test_fraction=0.2)
        >>> len(train), len(test)
        (120, 30)
        """
        if not isinstance(test_fraction, (int, float)) or not 0 < test_fraction < 1:
            raise ValueError(f'test_fraction must be a number between 0 and 1 (exclusive); '
                             f'received {test_fraction!r}')
        order = random_generator(seed).permutation(len(self))
        n_test = int(round(test_fraction * len(self)))
        if n_test == 0 or n_test == len(self):
            raise ValueError(f'test_fraction={test_fraction} of {len(self)} examples leaves an empty '
                             f'{"test" if n_test == 0 else "training"} set')
        return (self.take(order[:-n_test], f'{self.name} (train)'),
                self.take(order[-n_test:], f'{self.name} (test)'))


def _shape(shape):
    return '[' + ','.join(str(d) for d in shape) + ']'
