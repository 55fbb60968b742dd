"""``TextData``: a text as character codes, and next-character examples for a character RNN
(the counterpart of the ``TextData`` class in TF.js's lstm-text-generation example)."""
import numpy as np

from .._naming import CamelAliases
from .labeled import LabeledData, random_generator


class TextData(CamelAliases):
    """A text, its ``vocabulary`` (the distinct characters, sorted), ``encode``/``decode``
    between characters and indices, and ``examples`` for next-character prediction.

    >>> import tfjs_lab as tf
    >>> text = tf.datasets.TextData('abracadabra', name='spell')
    >>> text.vocabulary
    ['a', 'b', 'c', 'd', 'r']
    >>> text.encode('cab').tolist()
    [2, 0, 1]
    >>> text.decode([3, 0, 4])
    'dar'
    >>> text.examples(4, sample_length=3, seed=0)
    LabeledData('spell': 4 examples, xs [4,3,5], ys [4,5], classes ['a', 'b', 'c', 'd', 'r'])
    """

    def __init__(self, text, *, name='text'):
        if not isinstance(text, str) or len(text) < 2:
            raise ValueError(f'TextData needs a string of at least 2 characters; received {text!r:.60}')
        self.text = text
        self.name = name
        self.vocabulary = sorted(set(text))
        self._code_points = np.array([ord(char) for char in self.vocabulary], dtype=np.uint32)
        self.codes = self.encode(text)
        self.codes.flags.writeable = False

    def __len__(self):
        return len(self.text)

    def __repr__(self):
        return f"TextData('{self.name}': {len(self)} characters, {len(self.vocabulary)} distinct)"

    def encode(self, text):
        """The int32 index of each character of ``text`` in ``vocabulary``."""
        code_points = np.frombuffer(text.encode('utf-32-le'), dtype=np.uint32)
        indices = np.searchsorted(self._code_points, code_points).clip(0, len(self.vocabulary) - 1)
        if (self._code_points[indices] != code_points).any():
            raise ValueError(f'{self.name}: characters {sorted(set(text) - set(self.vocabulary))} are not in '
                             f'the vocabulary {"".join(self.vocabulary)!r}')
        return indices.astype(np.int32)

    def decode(self, indices):
        """The characters at ``indices`` of ``vocabulary``, as a string."""
        indices = np.asarray(indices).reshape(-1)
        if indices.size and (indices.dtype.kind not in 'iu' or indices.min() < 0
                             or indices.max() >= len(self.vocabulary)):
            raise ValueError(f'{self.name}: indices must be integers in [0, {len(self.vocabulary)}); '
                             f'received {indices.tolist()[:20]}')
        return ''.join(self.vocabulary[i] for i in indices)

    def examples(self, count, *, sample_length=40, seed=None):
        """``count`` windows of ``sample_length`` characters from random places (given ``seed``,
        always the same ones), each labelled with the character that follows it. ``xs`` is
        one-hot ``[count, sample_length, vocabulary]``, ``ys`` one-hot ``[count, vocabulary]``."""
        if not isinstance(sample_length, int) or not 1 <= sample_length < len(self):
            raise ValueError(f'sample_length must be an integer from 1 to {len(self) - 1} (the text has '
                             f'{len(self)} characters); received {sample_length!r}')
        if not isinstance(count, int) or count < 1:
            raise ValueError(f'count must be a positive integer; received {count!r}')
        begins = random_generator(seed).integers(0, len(self) - sample_length, size=count)
        windows = self.codes[begins[:, None] + np.arange(sample_length)]
        one_hot = np.eye(len(self.vocabulary), dtype=np.float32)[windows]
        return LabeledData(self.name, one_hot, self.codes[begins + sample_length],
                           feature_names=self.vocabulary, class_names=self.vocabulary)
