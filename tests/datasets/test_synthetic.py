"""The synthetic generators: seeded determinism, the geometry each one promises, bad input."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab import datasets

GENERATORS = [datasets.make_xor, datasets.make_moons, datasets.make_circles, datasets.make_spirals,
              datasets.make_line, datasets.make_polynomial]


@pytest.mark.parametrize('make', GENERATORS, ids=lambda f: f.__name__)
def test_a_seed_gives_the_same_data_and_another_seed_other_data(make):
    first, again, other = make(50, seed=1), make(50, seed=1), make(50, seed=2)
    np.testing.assert_array_equal(first.features, again.features)
    np.testing.assert_array_equal(first.labels, again.labels)
    assert not np.array_equal(first.features, other.features)
    assert len(first) == 50 and first.features.dtype == np.float32


@pytest.mark.parametrize('make', GENERATORS, ids=lambda f: f.__name__)
def test_without_a_seed_tf_set_seed_decides(make):
    tf.set_seed(5)
    first = make(30)
    tf.set_seed(5)
    np.testing.assert_array_equal(make(30).features, first.features)


@pytest.mark.parametrize('make', GENERATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize('n', [0, -3, 2.5, True])
def test_bad_counts_are_named(make, n):
    with pytest.raises(ValueError, match=f'positive integer; received {n!r}'):
        make(n)


@pytest.mark.parametrize('make', GENERATORS, ids=lambda f: f.__name__)
def test_negative_noise_is_rejected(make):
    with pytest.raises(ValueError, match=r'noise must be a number >= 0.*received -1'):
        make(10, noise=-1)


def test_xor_labels_are_the_xor_of_the_signs():
    data = datasets.make_xor(500, seed=0)
    x, y = data.features.T
    np.testing.assert_array_equal(data.labels, ((x < 0) != (y < 0)).astype(int))
    assert np.abs(data.features).max() <= 1
    assert 200 < data.labels.sum() < 300


def test_moons_lie_on_their_half_circles():
    data = datasets.make_moons(101, noise=0, seed=0)
    upper, lower = data.features[data.labels == 0], data.features[data.labels == 1]
    assert (len(upper), len(lower)) == (51, 50)
    np.testing.assert_allclose(np.hypot(*upper.T), 1, atol=1e-6)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1, atol=1e-6)
    assert (upper[:, 1] >= -1e-6).all() and (lower[:, 1] <= 0.5 + 1e-6).all()


def test_noise_is_gaussian_with_the_given_deviation():
    clean = datasets.make_moons(4000, noise=0, seed=0).features
    noisy = datasets.make_moons(4000, noise=0.1, seed=0).features
    assert np.std(noisy - clean) == pytest.approx(0.1, rel=0.05)


def test_circles_radii():
    data = datasets.make_circles(200, noise=0, factor=0.3, seed=0)
    radius = np.hypot(*data.features.T)
    np.testing.assert_allclose(radius[data.labels == 0], 1, atol=1e-6)
    np.testing.assert_allclose(radius[data.labels == 1], 0.3, atol=1e-6)
    with pytest.raises(ValueError, match=r'factor \(the inner radius\) must be between 0 and 1; received 2'):
        datasets.make_circles(factor=2)


def test_spirals_arms_grow_outwards_and_turn():
    data = datasets.make_spirals(301, classes=3, noise=0, turns=1.5, seed=0)
    assert np.bincount(data.labels).tolist() == [101, 100, 100] and data.ys.shape == [301, 3]
    for arm in range(3):
        points = data.features[data.labels == arm]
        radius = np.hypot(*points.T)
        assert np.all(np.diff(radius) > 0) and radius[-1] == pytest.approx(1)
        angle = np.unwrap(np.arctan2(points[:, 1], points[:, 0]))
        assert angle[-1] - angle[1] == pytest.approx(2 * np.pi * 1.5 * (radius[-1] - radius[1]), rel=1e-4)
    with pytest.raises(ValueError, match='classes must be an integer >= 2; received 1'):
        datasets.make_spirals(classes=1)


def test_polynomial_default_is_tfjs_example_cubic():
    data = datasets.make_polynomial(200, noise=0, seed=0)
    x = data.features[:, 0].astype(np.float64)
    np.testing.assert_allclose(data.labels, -0.8 * x ** 3 - 0.2 * x ** 2 + 0.9 * x + 0.5, atol=1e-6)
    assert x.min() >= -1 and x.max() <= 1


def test_a_line_is_fitted_back_by_least_squares():
    data = datasets.make_line(2000, slope=-3, intercept=0.5, noise=0.2, x_range=(0, 4), seed=0)
    slope, intercept = np.polyfit(data.features[:, 0], data.labels, 1)
    assert slope == pytest.approx(-3, abs=0.03) and intercept == pytest.approx(0.5, abs=0.05)
    residual = data.labels - (slope * data.features[:, 0] + intercept)
    assert residual.std() == pytest.approx(0.2, rel=0.05)
    assert data.name == 'line' and data.xs.shape == [2000, 1] and data.ys.shape == [2000, 1]


@pytest.mark.parametrize('options, message', [
    ({'coefficients': []}, 'at least one number'),
    ({'x_range': (1, 1)}, r'low < high; received \(1, 1\)'),
])
def test_polynomial_bad_options(options, message):
    with pytest.raises(ValueError, match=message):
        datasets.make_polynomial(10, **options)


def test_binary_sets_for_a_sigmoid_unit():
    data = datasets.make_circles(20, seed=0, one_hot=False)
    assert data.ys.shape == [20, 1] and set(data.ys.numpy().ravel()) == {0.0, 1.0}
