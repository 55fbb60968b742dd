"""The small real data sets that ship with tfjs_lab (files in ``data/``; sources, licences and
checksums in ``data/README.md``). Each file is read on the first call of its loader, never at
import, and kept (read-only) for later calls."""
import functools
import gzip
import io
import json
from importlib import resources

import numpy as np

from .idx import pixel_names
from .labeled import LabeledData
from .table import Table
from .text import TextData


def _data_file(name):
    return resources.files(__package__).joinpath('data', name).read_bytes()


@functools.lru_cache(maxsize=None)
def _iris_arrays():
    # scikit-learn's iris.csv: a header row (150, 4, then the class names), then 4 measurements
    # and a class index per row.
    header, *rows = _data_file('iris.csv').decode('ascii').splitlines()
    class_names = header.split(',')[2:]
    table = np.loadtxt(io.StringIO('\n'.join(rows)), delimiter=',', dtype=np.float32)
    return table[:, :4], table[:, 4].astype(np.int32), class_names


def load_iris(*, one_hot=True):
    """Fisher's iris flowers: 150 examples of 4 measurements in cm (sepal length and width,
    petal length and width), 3 classes of 50 (setosa, versicolor, virginica).

    Source: R. A. Fisher (1936), Iris [Dataset], UCI Machine Learning Repository,
    https://doi.org/10.24432/C56C76, licensed CC BY 4.0; the file is scikit-learn's copy, which
    follows Fisher's paper (two values differ from UCI's file).

    >>> import tfjs_lab as tf
    >>> iris = tf.datasets.load_iris()
    >>> iris
    LabeledData('iris': 150 examples, xs [150,4], ys [150,3], classes ['setosa', 'versicolor', 'virginica'])
    >>> iris.feature_names
    ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']
    >>> iris.features[0], iris.labels[[0, 50, 100]].tolist()
    (array([5.1, 3.5, 1.4, 0.2], dtype=float32), [0, 1, 2])
    """
    features, labels, class_names = _iris_arrays()
    return LabeledData('iris', features, labels, class_names=class_names, one_hot=one_hot,
                       feature_names=['sepal_length', 'sepal_width', 'petal_length', 'petal_width'],
                       description='R. A. Fisher (1936), UCI Machine Learning Repository, CC BY 4.0')


@functools.lru_cache(maxsize=None)
def _digits_arrays():
    table = np.loadtxt(io.BytesIO(gzip.decompress(_data_file('digits.csv.gz'))), delimiter=',',
                       dtype=np.float32)
    return table[:, :64], table[:, 64].astype(np.int32)


def load_digits(*, as_images=False, one_hot=True):
    """Handwritten digits, 8x8: 1797 examples of 64 pixels, 10 classes (the digits 0 to 9).
    Each pixel counts the ink in a 4x4 block of a 32x32 bitmap, 0 to 16 (divide by 16 for [0, 1]).
    ``xs`` is ``[1797, 64]``, or ``[1797, 8, 8, 1]`` with ``as_images=True`` for a conv net.

    Source: E. Alpaydin and C. Kaynak (1998), Optical Recognition of Handwritten Digits
    [Dataset], UCI Machine Learning Repository, https://doi.org/10.24432/C50P49, licensed
    CC BY 4.0 (the test set of that data set, as copied by scikit-learn).

    >>> import tfjs_lab as tf
    >>> tf.datasets.load_digits(as_images=True)
    LabeledData('digits': 1797 examples, xs [1797,8,8,1], ys [1797,10], 10 classes)
    """
    features, labels = _digits_arrays()
    if as_images:
        features = features.reshape(-1, 8, 8, 1)
    return LabeledData('digits', features, labels, feature_names=pixel_names(8, 8),
                       class_names=[str(d) for d in range(10)], one_hot=one_hot,
                       description='E. Alpaydin, C. Kaynak (1998), UCI Machine Learning Repository, CC BY 4.0')


@functools.lru_cache(maxsize=None)
def _auto_mpg_records():
    return tuple(json.loads(gzip.decompress(_data_file('auto_mpg.json.gz'))))


def load_auto_mpg(*, features=('Horsepower',), target='Miles_per_Gallon'):
    """Cars of the 1970s and early 1980s: 406 records of Name, Miles_per_Gallon, Cylinders,
    Displacement, Horsepower, Weight_in_lbs, Acceleration, Year and Origin; the data of TF.js's
    first tutorial, "Making predictions from 2D data" (its carsData.json).

    ``xs``/``ys`` hold ``features`` and ``target`` of the cars that have both (horsepower to
    miles per gallon by default, as in the tutorial); ``records`` holds all 406 as plain dicts
    (None where a value is missing), for porting the tutorial's own cleaning code.

    Source: R. Quinlan (1993), Auto MPG [Dataset], UCI Machine Learning Repository,
    https://doi.org/10.24432/C5859H, licensed CC BY 4.0; from StatLib (CMU), data of Donoho and
    Ramos (1982). The file is cars.json of the vega-datasets package (MIT licence).

    >>> import tfjs_lab as tf
    >>> cars = tf.datasets.load_auto_mpg()
    >>> cars
    LabeledData('auto_mpg': 392 examples, xs [392,1], ys [392,1], target 'Miles_per_Gallon')
    >>> len(cars.records), cars.records[0]['Name']
    (406, 'chevrolet chevelle malibu')
    """
    table = Table('auto_mpg', [dict(record) for record in _auto_mpg_records()])
    data = table.labeled(target, list(features))
    data.records = table.records
    return data


@functools.lru_cache(maxsize=None)
def _play_text():
    return gzip.decompress(_data_file('as_you_like_it.txt.gz')).decode('ascii')


def load_text():
    """William Shakespeare's play *As You Like It* (c. 1599), 125179 characters of plain text
    with 68 distinct characters, for a character-level RNN lesson. Public domain.

    Source: the file asyoulik.txt of the Canterbury Corpus (R. Arnold and T. Bell, 1997), as
    shipped in the Brotli 1.2.1 source distribution's test data (MIT licence).

    >>> import tfjs_lab as tf
    >>> play = tf.datasets.load_text()
    >>> play
    TextData('as_you_like_it': 125179 characters, 68 distinct)
    >>> play.text[:15]
    '\\tAS YOU LIKE IT'
    """
    return TextData(_play_text(), name='as_you_like_it')
