"""``tf.datasets``: small data sets for lessons, offline.

* bundled real data: ``load_iris``, ``load_digits``, ``load_auto_mpg`` (the cars of TF.js's
  first tutorial) and ``load_text`` (a Shakespeare play, for a character RNN); sources,
  licences and citations are in each docstring and in ``data/README.md``;
* synthetic, seeded: ``make_xor``, ``make_moons``, ``make_circles``, ``make_spirals``,
  ``make_line``, ``make_polynomial``;
* files: ``load_idx`` and ``load_mnist`` (MNIST's IDX format), ``load_csv``; each takes a path
  or an http(s) URL, which ``download`` keeps in ``data_dir()`` ($TFJS_LAB_DATA_DIR).

Every data set comes as ``LabeledData``: tensors ``xs``/``ys`` for ``model.fit``, the same as
NumPy arrays ``features``/``labels``, names, and ``train_test_split(seed)``. Nothing is read
until a loader is called.

>>> import tfjs_lab as tf
>>> train, test = tf.datasets.load_iris().train_test_split(seed=0)
>>> model = tf.sequential({'layers': [tf.layers.dense({'units': 3, 'inputShape': [4],
...                                                     'activation': 'softmax'})]})
>>> model.compile({'optimizer': 'adam', 'loss': 'categoricalCrossentropy'})
>>> history = model.fit(train.xs, train.ys, {'epochs': 2, 'verbose': 0})
"""
from .._naming import add_camel_aliases
from .bundled import load_auto_mpg, load_digits, load_iris, load_text
from .idx import load_idx, load_mnist, parse_idx
from .labeled import LabeledData
from .remote import DownloadError, data_dir, download
from .synthetic import make_circles, make_line, make_moons, make_polynomial, make_spirals, make_xor
from .table import Table, load_csv, parse_csv
from .text import TextData

add_camel_aliases(globals())
