"""Synthetic data sets for first lessons: 2-D classification shapes (xor, moons, circles,
spirals) and 1-D regression curves (lines, polynomials). Given a ``seed`` a generator gives
the same data on every run; with ``seed=None`` it draws from the generator ``tf.set_seed``
resets."""
import numpy as np

from .labeled import LabeledData, random_generator

_XY = ['x', 'y']


def _check_count(n):
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f'the number of examples must be a positive integer; received {n!r}')


def _check_noise(noise):
    if not isinstance(noise, (int, float)) or noise < 0:
        raise ValueError(f'noise must be a number >= 0 (a standard deviation); received {noise!r}')


def _classes(name, points, labels, class_names, *, noise, rng, one_hot):
    """Points of 2-D classes, with Gaussian ``noise`` on both coordinates."""
    points = points + rng.normal(0, noise, size=points.shape) if noise else points
    return LabeledData(name, points, labels, feature_names=_XY, class_names=class_names, one_hot=one_hot)


def make_xor(n=200, *, noise=0.0, seed=None, one_hot=True):
    """Points uniform in the square [-1, 1]^2, class 1 where x and y have different signs
    (the XOR of their signs), then Gaussian ``noise`` on the coordinates.

    >>> import tfjs_lab as tf
    >>> data = tf.datasets.make_xor(4, seed=0)
    >>> data
    LabeledData('xor': 4 examples, xs [4,2], ys [4,2], classes ['same sign', 'different signs'])
    >>> [int((x < 0) != (y < 0)) for x, y in data.features] == data.labels.tolist()
    True
    """
    _check_count(n)
    _check_noise(noise)
    rng = random_generator(seed)
    points = rng.uniform(-1, 1, size=(n, 2))
    labels = (points[:, 0] < 0) != (points[:, 1] < 0)
    return _classes('xor', points, labels, ['same sign', 'different signs'], noise=noise, rng=rng,
                    one_hot=one_hot)


def make_moons(n=200, *, noise=0.1, seed=None, one_hot=True):
    """Two interleaving half circles of radius 1: the upper one centred at (0, 0) (class 0),
    the lower one at (1, 0.5) (class 1), ``n // 2`` points each (the first gets the odd one).

    >>> import tfjs_lab as tf
    >>> tf.datasets.make_moons(100, noise=0.05, seed=1)
    LabeledData('moons': 100 examples, xs [100,2], ys [100,2], classes ['upper', 'lower'])
    """
    _check_count(n)
    _check_noise(noise)
    rng = random_generator(seed)
    n_upper = n - n // 2
    upper = np.linspace(0, np.pi, n_upper)
    lower = np.linspace(0, np.pi, n // 2)
    points = np.concatenate([np.stack([np.cos(upper), np.sin(upper)], 1),
                             np.stack([1 - np.cos(lower), 0.5 - np.sin(lower)], 1)])
    labels = np.repeat([0, 1], [n_upper, n // 2])
    return _classes('moons', points, labels, ['upper', 'lower'], noise=noise, rng=rng, one_hot=one_hot)


def make_circles(n=200, *, noise=0.05, factor=0.5, seed=None, one_hot=True):
    """Two concentric circles: radius 1 (class 0, ``n - n // 2`` points) and ``factor``
    (class 1, ``n // 2`` points), evenly spaced around each.

    >>> import tfjs_lab as tf
    >>> data = tf.datasets.make_circles(6, noise=0, seed=0)
    >>> [round(float(r), 3) for r in (data.features ** 2).sum(axis=1) ** 0.5]
    [1.0, 1.0, 1.0, 0.5, 0.5, 0.5]
    """
    _check_count(n)
    _check_noise(noise)
    if not isinstance(factor, (int, float)) or not 0 < factor < 1:
        raise ValueError(f'factor (the inner radius) must be between 0 and 1; received {factor!r}')
    rng = random_generator(seed)
    n_outer = n - n // 2
    radii = np.repeat([1.0, factor], [n_outer, n // 2])
    angles = np.concatenate([np.linspace(0, 2 * np.pi, n_outer, endpoint=False),
                             np.linspace(0, 2 * np.pi, n // 2, endpoint=False)])
    points = np.stack([radii * np.cos(angles), radii * np.sin(angles)], 1)
    return _classes('circles', points, np.repeat([0, 1], [n_outer, n // 2]), ['outer', 'inner'],
                    noise=noise, rng=rng, one_hot=one_hot)


def make_spirals(n=300, *, classes=2, noise=0.2, turns=1.0, seed=None, one_hot=True):
    """``classes`` spiral arms around the origin, one class each (``n`` points shared out,
    the first arms getting the remainder): the radius grows from 0 to 1 along an arm while the
    angle goes ``turns`` times round; ``noise`` jitters the angle, in radians.

    >>> import tfjs_lab as tf
    >>> tf.datasets.make_spirals(90, classes=3, seed=0)
    LabeledData('spirals': 90 examples, xs [90,2], ys [90,3], classes ['arm 0', 'arm 1', 'arm 2'])
    """
    _check_count(n)
    _check_noise(noise)
    if not isinstance(classes, int) or classes < 2:
        raise ValueError(f'classes must be an integer >= 2; received {classes!r}')
    rng = random_generator(seed)
    sizes = [n // classes + (arm < n % classes) for arm in range(classes)]
    labels = np.repeat(np.arange(classes), sizes)
    radius = np.concatenate([np.linspace(0, 1, size) for size in sizes])
    angle = 2 * np.pi * (turns * radius + labels / classes) + rng.normal(0, noise, size=n)
    points = radius[:, None] * np.stack([np.cos(angle), np.sin(angle)], 1)
    return LabeledData('spirals', points, labels, feature_names=_XY,
                       class_names=[f'arm {arm}' for arm in range(classes)], one_hot=one_hot)


def make_polynomial(n=100, *, coefficients=(-0.8, -0.2, 0.9, 0.5), noise=0.04, x_range=(-1, 1), seed=None):
    """A regression: ``x`` uniform in ``x_range``, ``y = polynomial(x)`` plus Gaussian ``noise``.
    ``coefficients`` start from the highest power (NumPy's ``polyval`` order); the default
    is the cubic of TF.js's polynomial-regression example, ``-0.8x^3 - 0.2x^2 + 0.9x + 0.5``.

    >>> import tfjs_lab as tf
    >>> data = tf.datasets.make_polynomial(50, coefficients=[1, 0, 0], noise=0, seed=0)
    >>> data
    LabeledData('polynomial': 50 examples, xs [50,1], ys [50,1], target 'y')
    >>> bool(abs(data.features[:, 0] ** 2 - data.labels).max() < 1e-6)
    True
    """
    _check_count(n)
    _check_noise(noise)
    coefficients = [float(c) for c in coefficients]
    if not coefficients:
        raise ValueError('coefficients must list at least one number (highest power first)')
    low, high = x_range
    if not low < high:
        raise ValueError(f'x_range must be (low, high) with low < high; received {x_range!r}')
    rng = random_generator(seed)
    x = rng.uniform(low, high, size=n)
    y = np.polyval(coefficients, x) + (rng.normal(0, noise, size=n) if noise else 0)
    name = 'line' if len(coefficients) == 2 else 'polynomial'
    return LabeledData(name, x[:, None], y, feature_names=['x'], target_name='y')


def make_line(n=100, *, slope=2.0, intercept=1.0, noise=0.1, x_range=(-1, 1), seed=None):
    """A noisy line: ``y = slope * x + intercept`` plus Gaussian ``noise``, ``x`` uniform in
    ``x_range``; for a first linear regression.

    >>> import tfjs_lab as tf
    >>> tf.datasets.make_line(20, seed=3)
    LabeledData('line': 20 examples, xs [20,1], ys [20,1], target 'y')
    """
    return make_polynomial(n, coefficients=(slope, intercept), noise=noise, x_range=x_range, seed=seed)
