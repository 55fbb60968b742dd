"""LabeledData: targets as tensors, deterministic splits, disposal, and clear errors."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.datasets import LabeledData, load_digits


def toy(n=10, **options):
    return LabeledData('toy', np.arange(n * 2).reshape(n, 2), np.arange(n) % 3, feature_names=['a', 'b'],
                       class_names=['x', 'y', 'z'], **options)


def test_one_hot_and_index_targets():
    data = toy()
    np.testing.assert_array_equal(data.ys.numpy(), np.eye(3)[np.arange(10) % 3])
    assert data.ys.dtype == 'float32' and data.xs.dtype == 'float32'
    assert toy(one_hot=False).ys.numpy().ravel().tolist() == (np.arange(10) % 3).tolist()
    assert data.labels.dtype == np.int32 and data.num_classes == 3


def test_regression_targets_are_a_column():
    data = LabeledData('line', [[1.0], [2.0]], [3.0, 5.0], feature_names=['x'], target_name='y')
    assert data.ys.shape == [2, 1] and data.labels.dtype == np.float32 and data.num_classes is None
    assert repr(data) == "LabeledData('line': 2 examples, xs [2,1], ys [2,1], target 'y')"


def test_split_is_a_deterministic_partition():
    digits = load_digits()
    train, test = digits.train_test_split(seed=7)
    again_train, again_test = digits.train_test_split(seed=7)
    assert (len(train), len(test)) == (1438, 359)
    np.testing.assert_array_equal(train.features, again_train.features)
    np.testing.assert_array_equal(test.labels, again_test.labels)
    # Together they hold every example once: compare the rows as sets of bytes.
    rows = lambda d: sorted(map(bytes, np.concatenate([d.features, d.labels[:, None]], 1)))  # noqa: E731
    assert sorted(rows(train) + rows(test)) == rows(digits)
    other_train, _ = digits.train_test_split(seed=8)
    assert not np.array_equal(other_train.features, train.features)
    assert train.class_names == digits.class_names and test.name == 'digits (test)'


def test_split_fraction():
    train, test = toy(10).train_test_split(seed=0, test_fraction=0.3)
    assert (len(train), len(test)) == (7, 3)


@pytest.mark.parametrize('fraction, message', [
    (0, 'between 0 and 1'), (1.5, 'between 0 and 1'), ('half', 'between 0 and 1'),
    (0.01, 'leaves an empty test set'), (0.99, 'leaves an empty training set')])
def test_split_rejects_bad_fractions(fraction, message):
    with pytest.raises(ValueError, match=message):
        toy(10).train_test_split(seed=0, test_fraction=fraction)


def test_split_rejects_a_non_integer_seed():
    with pytest.raises(TypeError, match="seed must be an integer or None; received 'abc'"):
        toy().train_test_split(seed='abc')


def test_disposed_tensors_are_made_again():
    data = toy()
    xs = data.xs
    data.dispose()
    assert xs.is_disposed
    assert not data.xs.is_disposed and data.xs.shape == [10, 2]


def test_tensors_do_not_share_memory_with_the_arrays():
    data = toy()
    assert not np.shares_memory(data.xs.numpy(), data.features)


def test_the_callers_arrays_stay_writable_and_unshared():
    features = np.zeros((3, 2), dtype=np.float32)
    data = LabeledData('mine', features, [0.0, 1.0, 2.0], feature_names=['a', 'b'])
    features[0, 0] = 5
    assert features.flags.writeable and data.features[0, 0] == 0


@pytest.mark.parametrize('features, labels, message', [
    (np.zeros(3), [0, 1, 2], r'features must be \[examples, ...\].*received features \[3\] and labels \[3\]'),
    (np.zeros((3, 2)), [0, 1], r'received features \[3,? ?2\] and labels \[2\]'),
])
def test_mismatched_shapes_are_named(features, labels, message):
    with pytest.raises(ValueError, match=message):
        LabeledData('bad', features, labels, feature_names=['a', 'b'], class_names=['x', 'y', 'z'])


def test_labels_outside_the_classes_are_named():
    with pytest.raises(ValueError, match=r'class indices in \[0, 2\); received values from 0 to 5'):
        LabeledData('bad', np.zeros((2, 1)), [0, 5], feature_names=['a'], class_names=['x', 'y'])


def test_fit_accepts_the_tensors():
    data = toy(12)
    model = tf.sequential({'layers': [tf.layers.dense({'units': 3, 'inputShape': [2], 'activation': 'softmax'})]})
    model.compile({'optimizer': 'sgd', 'loss': 'categoricalCrossentropy'})
    history = model.fit(data.xs, data.ys, {'epochs': 1, 'verbose': 0})
    assert len(history.history['loss']) == 1
