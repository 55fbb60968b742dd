"""The bundled data sets: the files are the published ones (checksums of the originals), the
loaders read them correctly (counts, known values) and nothing is read at import."""
import gzip
import hashlib
import json
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import tfjs_lab as tf
import tfjs_lab.datasets as datasets

DATA = pathlib.Path(datasets.__file__).parent / 'data'

# SHA-256 of the original files (before our gzip), as data/README.md lists them.
ORIGINALS = {
    'iris.csv': ('f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449', 2734),
    'digits.csv.gz': ('6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8', 264712),
    'auto_mpg.json.gz': ('f686a53678b21f4231e2f6a5ba7ce5761d9d39204fccdea1caa29fb8c460e319', 100492),
    'as_you_like_it.txt.gz': ('eaa3526fe53859f34ecdf255712f9ecf0b2c903451d4755b2edaa2e2599cb0fc', 125179),
}


def original_bytes(name):
    raw = (DATA / name).read_bytes()
    return gzip.decompress(raw) if name.endswith('.gz') else raw


@pytest.mark.parametrize('name', sorted(ORIGINALS))
def test_each_file_is_the_published_original(name):
    digest, size = ORIGINALS[name]
    raw = original_bytes(name)
    assert (hashlib.sha256(raw).hexdigest(), len(raw)) == (digest, size)
    assert digest in (DATA / 'README.md').read_text(), 'data/README.md must list the checksum'


def test_the_readme_names_licence_and_citation_of_every_file():
    readme = (DATA / 'README.md').read_text()
    for name in ORIGINALS:
        assert f'## {name}' in readme
    for citation in ('10.24432/C56C76', '10.24432/C50P49', '10.24432/C5859H', 'Canterbury Corpus'):
        assert citation in readme
    assert readme.count('CC BY 4.0') >= 3 and 'public domain' in readme.lower()
    assert sorted(p.name for p in DATA.iterdir()) == sorted([*ORIGINALS, 'README.md'])


@pytest.mark.parametrize('loader, doi', [(datasets.load_iris, 'C56C76'), (datasets.load_digits, 'C50P49'),
                                         (datasets.load_auto_mpg, 'C5859H'), (datasets.load_text, 'Public domain')])
def test_every_loader_docstring_cites_its_source(loader, doi):
    assert doi in loader.__doc__
    assert 'licen' in loader.__doc__.lower()


def test_iris():
    iris = datasets.load_iris()
    assert iris.features.shape == (150, 4) and iris.features.dtype == np.float32
    assert np.bincount(iris.labels).tolist() == [50, 50, 50]
    assert iris.class_names == ['setosa', 'versicolor', 'virginica']
    # Fisher's table: the first flower and the last (virginica), and the column means.
    np.testing.assert_allclose(iris.features[0], [5.1, 3.5, 1.4, 0.2], rtol=1e-6)
    np.testing.assert_allclose(iris.features[-1], [5.9, 3.0, 5.1, 1.8], rtol=1e-6)
    np.testing.assert_allclose(iris.features.mean(axis=0), [5.843, 3.057, 3.758, 1.199], atol=1e-3)
    assert iris.xs.shape == [150, 4] and iris.ys.shape == [150, 3]
    np.testing.assert_array_equal(iris.ys.numpy().argmax(axis=1), iris.labels)


def test_digits_flat_and_as_images():
    digits = datasets.load_digits()
    assert digits.features.shape == (1797, 64) and len(digits.feature_names) == 64
    assert np.bincount(digits.labels).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert digits.features.min() == 0 and digits.features.max() == 16
    first_row = [int(v) for v in original_bytes('digits.csv.gz').decode().splitlines()[0].split(',')]
    assert digits.features[0].tolist() == first_row[:64] and digits.labels[0] == first_row[64] == 0
    images = datasets.load_digits(as_images=True)
    assert images.xs.shape == [1797, 8, 8, 1]
    np.testing.assert_array_equal(images.features[5, 2, :, 0], digits.features[5, 16:24])
    assert datasets.load_digits(one_hot=False).ys.shape == [1797, 1]


def test_auto_mpg_is_the_tutorials_cars_data():
    cars = datasets.load_auto_mpg()
    assert len(cars.records) == 406
    assert list(cars.records[0]) == ['Name', 'Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower',
                                     'Weight_in_lbs', 'Acceleration', 'Year', 'Origin']
    # The tutorial keeps cars with both values: .filter(car => car.mpg != null && car.horsepower != null)
    both = [r for r in cars.records if r['Miles_per_Gallon'] is not None and r['Horsepower'] is not None]
    assert len(cars) == len(both) == 392
    assert cars.features[:, 0].tolist() == [r['Horsepower'] for r in both]
    assert cars.labels.tolist() == pytest.approx([r['Miles_per_Gallon'] for r in both])
    assert cars.xs.shape == [392, 1] and cars.ys.shape == [392, 1] and cars.class_names is None
    three = datasets.load_auto_mpg(features=['Horsepower', 'Weight_in_lbs', 'Cylinders'])
    assert three.xs.shape == [392, 3]


def test_auto_mpg_rejects_a_text_feature_by_naming_the_numeric_ones():
    with pytest.raises(ValueError, match=r"'Origin' holds text \('USA'\).*'Horsepower'"):
        datasets.load_auto_mpg(features=['Origin'])
    with pytest.raises(KeyError, match="no column 'mpg'.*'Miles_per_Gallon'"):
        datasets.load_auto_mpg(target='mpg')


def test_records_are_fresh_copies():
    datasets.load_auto_mpg().records[0]['Name'] = 'changed'
    assert datasets.load_auto_mpg().records[0]['Name'] == 'chevrolet chevelle malibu'


def test_text():
    play = datasets.load_text()
    assert len(play) == 125179 and len(play.vocabulary) == 68
    assert play.text.startswith('\tAS YOU LIKE IT') and play.text.rstrip().endswith('[Exeunt]')
    assert play.decode(play.encode(play.text[:500])) == play.text[:500]
    examples = play.examples(8, sample_length=20, seed=3)
    assert examples.xs.shape == [8, 20, 68] and examples.ys.shape == [8, 68]
    windows = examples.features.argmax(axis=2)
    for window, following in zip(windows, examples.labels):
        start = play.text.find(play.decode(window) + play.vocabulary[following])
        assert start >= 0, 'each example must be a window of the text and the character after it'
    np.testing.assert_array_equal(play.examples(8, sample_length=20, seed=3).features, examples.features)


def test_arrays_are_read_only_so_later_loads_are_unchanged():
    iris = datasets.load_iris()
    with pytest.raises(ValueError, match='read-only'):
        iris.features[0, 0] = 100
    assert datasets.load_iris().features[0, 0] == np.float32(5.1)


def test_loading_makes_no_tensor_until_xs_or_ys_is_used():
    before = tf.memory()['numTensors']
    digits = datasets.load_digits()
    assert tf.memory()['numTensors'] == before
    assert digits.xs is digits.xs
    assert tf.memory()['numTensors'] == before + 1
    digits.dispose()
    assert tf.memory()['numTensors'] == before


def test_import_reads_no_data_and_loads_no_http_client():
    code = ('import sys, tfjs_lab, tfjs_lab.datasets as d; '
            'print(d.bundled._iris_arrays.cache_info().currsize, d.bundled._digits_arrays.cache_info().currsize, '
            'd.bundled._auto_mpg_records.cache_info().currsize, d.bundled._play_text.cache_info().currsize, '
            "'urllib.request' in sys.modules)")
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ['0', '0', '0', '0', 'False']


def test_camel_case_names():
    assert datasets.loadDigits is datasets.load_digits and datasets.makeMoons is datasets.make_moons
    assert datasets.LabeledData.trainTestSplit is datasets.LabeledData.train_test_split


def test_a_model_learns_iris_from_the_split():
    tf.set_seed(0)
    train, test = datasets.load_iris().train_test_split(seed=0)
    model = tf.sequential({'layers': [tf.layers.dense({'units': 3, 'inputShape': [4], 'activation': 'softmax'})]})
    model.compile({'optimizer': tf.train.adam(0.1), 'loss': 'categoricalCrossentropy', 'metrics': ['accuracy']})
    model.fit(train.xs, train.ys, {'epochs': 60, 'batchSize': 32, 'verbose': 0})
    accuracy = float(model.evaluate(test.xs, test.ys)[1].data_sync()[0])
    assert accuracy >= 0.9


def test_json_records_keep_missing_values_as_none():
    raw = json.loads(original_bytes('auto_mpg.json.gz'))
    missing = [r['Name'] for r in raw if r['Horsepower'] is None]
    assert len(missing) == 6
    assert [r['Name'] for r in datasets.load_auto_mpg().records if r['Horsepower'] is None] == missing
