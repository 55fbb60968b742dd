"""Pooling layers: outputs, gradients, configs and output shapes against real TF.js 4.22;
finite-difference gradients; config / JSON / save round trips; option and shape errors."""
import re

import numpy as np
import pytest

import tfjs_lab as tf
from tests.layers.conv_layer_checks import (assert_matches_tfjs, case_id, finite_difference_check, from_plain, layer_parity,
                                            make_layer)
from tests.layers.layer_checks import assert_round_trips
from tfjs_lab.core.tensor import Tensor

CASES = [
    ('maxPooling1d', {}, [2, 7, 3]),
    ('maxPooling1d', {'poolSize': 3, 'strides': 1, 'padding': 'same'}, [2, 6, 2]),
    ('averagePooling1d', {'poolSize': [3], 'strides': [2]}, [2, 8, 2]),
    ('averagePooling1d', {'poolSize': 3, 'strides': 2, 'padding': 'same'}, [1, 7, 3]),
    ('maxPooling2d', {}, [2, 6, 5, 2]),
    ('maxPooling2d', {'poolSize': [2, 3], 'strides': [1, 2], 'padding': 'same'}, [2, 5, 6, 2]),
    ('maxPooling2d', {'poolSize': 2, 'dataFormat': 'channelsFirst'}, [2, 3, 4, 6]),
    ('averagePooling2d', {'poolSize': 3, 'strides': 2, 'padding': 'same'}, [2, 5, 6, 2]),
    ('averagePooling2d', {'poolSize': [2, 1], 'strides': 1, 'dataFormat': 'channelsFirst'}, [1, 2, 4, 3]),
    ('maxPooling3d', {}, [1, 4, 4, 5, 2]),
    ('maxPooling3d', {'poolSize': [1, 2, 2], 'strides': 1, 'padding': 'same', 'dataFormat': 'channelsFirst'},
     [1, 2, 3, 4, 3]),
    ('averagePooling3d', {'poolSize': 2, 'strides': [1, 2, 2]}, [2, 3, 4, 4, 2]),
    ('averagePooling3d', {'poolSize': [1, 2, 2], 'strides': 1, 'padding': 'same'}, [2, 2, 3, 4, 1]),
    ('globalMaxPooling1d', {}, [2, 5, 3]),
    ('globalAveragePooling1d', {}, [2, 5, 3]),
    ('globalMaxPooling2d', {}, [2, 3, 4, 3]),
    ('globalAveragePooling2d', {'dataFormat': 'channelsFirst'}, [2, 3, 4, 5]),
]


@pytest.fixture(scope='module')
def parity(tfjs):
    return layer_parity(tfjs, CASES, seed=21)


# Max pooling routes a window's gradient to its first maximum (window order); windows that tile
# the input take a faster path than overlapping or padded ones, so both meet ties here.
TIE_CASES = [
    ('maxPooling1d', {}, [2, 8, 3]),
    ('maxPooling2d', {}, [3, 6, 6, 4]),
    ('maxPooling2d', {}, [2, 7, 5, 3]),  # tiling all but the last row and column
    ('maxPooling2d', {'poolSize': 3, 'strides': 2}, [2, 7, 7, 2]),
    ('maxPooling2d', {'poolSize': 2, 'strides': 2, 'padding': 'same'}, [2, 5, 5, 2]),
    ('maxPooling3d', {}, [1, 4, 4, 4, 2]),
    ('maxPooling3d', {'poolSize': 2, 'strides': 1}, [1, 3, 4, 4, 2]),
]


@pytest.fixture(scope='module')
def tie_parity(tfjs):
    return layer_parity(tfjs, TIE_CASES, seed=22, ties=True)


@pytest.mark.interop
@pytest.mark.parametrize('index', range(len(TIE_CASES)), ids=[case_id(c) for c in TIE_CASES])
def test_max_pooling_of_tied_windows_matches_tfjs(tie_parity, index):
    ours, reference = tie_parity[index]
    assert_matches_tfjs(case_id(TIE_CASES[index]), ours, reference)


def full_window_gradient(layer, x, seed):
    """The input gradient TF.js gives 'same' average pooling: its backward pass divides every
    window by the full window size, as if the padding were real zeros, although its forward pass
    averages only the real values. That is the gradient of zero padding then 'valid' pooling."""
    n = layer.rank
    pads = [max((-(-size // s) - 1) * s + k - size, 0)
            for size, k, s in zip(x.shape[1:-1], layer.pool_size, layer.strides)]
    padded = Tensor(np.pad(x, [(0, 0)] + [(p // 2, p - p // 2) for p in pads] + [(0, 0)]))
    return tf.grad(lambda t: tf.sum(tf.mul(tf.pool(t, layer.pool_size, 'avg', 'valid', 1, layer.strides), seed)))(
        padded).data_sync().reshape(padded.shape)[(slice(None),) + tuple(
            slice(p // 2, p // 2 + size) for p, size in zip(pads, x.shape[1:1 + n]))]


@pytest.mark.interop
@pytest.mark.parametrize('index', range(len(CASES)), ids=[case_id(c) for c in CASES])
def test_layer_matches_tfjs(parity, index):
    (layer, out, grads), reference = parity[index]
    factory, args, _ = CASES[index]
    if factory.startswith('average') and args.get('padding') == 'same':  # channels last
        x, seed = from_plain(reference['x']), from_plain(reference['seed'])
        np.testing.assert_allclose(from_plain(reference['grads'][0]), full_window_gradient(layer, x, seed),
                                   rtol=1e-5, atol=1e-6)
        grads, reference = [], {**reference, 'grads': []}  # ours: by finite differences below
    assert_matches_tfjs(case_id(CASES[index]), (layer, out, grads), reference)


GRADIENT_CASES = [c for c in CASES if c[1].get('padding') == 'same' or c[0].startswith('global')] + CASES[:1]


@pytest.mark.parametrize('factory,args,shape', GRADIENT_CASES, ids=[case_id(c) for c in GRADIENT_CASES])
def test_gradients_match_finite_differences(factory, args, shape):
    rng = np.random.default_rng(22)
    x = rng.permutation(np.prod(shape)).reshape(shape).astype(np.float32) / 4  # distinct values, no ties
    finite_difference_check(make_layer(factory, args, Tensor(x), rng), x, rng, eps=0.01)


def test_tfjs_aliases_make_the_same_layers():
    pairs = {'maxPool1d': 'MaxPooling1D', 'maxPool2d': 'MaxPooling2D', 'avgPool1d': 'AveragePooling1D',
             'avgPooling1d': 'AveragePooling1D', 'avgPool2d': 'AveragePooling2D', 'avgPooling2d': 'AveragePooling2D',
             'avgPool3d': 'AveragePooling3D', 'avgPooling3d': 'AveragePooling3D',
             'globalMaxPool1d': 'GlobalMaxPooling1D', 'globalMaxPool2d': 'GlobalMaxPooling2D',
             'max_pool2d': 'MaxPooling2D', 'avg_pool3d': 'AveragePooling3D'}
    for alias, class_name in pairs.items():
        assert getattr(tf.layers, alias)().class_name == class_name


def test_pooling_layers_survive_config_json_and_save_round_trips(tmp_path):
    model = tf.sequential(layers=[
        tf.layers.maxPooling2d({'poolSize': [2, 1], 'strides': [1, 1], 'padding': 'same', 'inputShape': [4, 6, 3]}),
        tf.layers.averagePooling2d({'poolSize': 2, 'dataFormat': 'channelsFirst'}),
        tf.layers.globalMaxPooling2d({'dataFormat': 'channelsFirst'}),
    ])
    x = tf.tensor(np.random.default_rng(23).normal(size=(2, 4, 6, 3)).astype(np.float32))
    assert_round_trips(model, x, tmp_path / 'image')
    sequence = tf.sequential(layers=[
        tf.layers.averagePooling1d({'poolSize': 3, 'strides': 1, 'padding': 'same', 'inputShape': [5, 2]}),
        tf.layers.maxPooling1d({'poolSize': 2}),
        tf.layers.globalAveragePooling1d(),
    ])
    assert_round_trips(sequence, tf.tensor(np.arange(20, dtype=np.float32).reshape(2, 5, 2)), tmp_path / 'sequence')
    volume = tf.sequential(layers=[tf.layers.maxPooling3d({'inputShape': [4, 4, 4, 1]}),
                                   tf.layers.averagePooling3d({'poolSize': 1, 'dataFormat': 'channelsFirst'})])
    assert_round_trips(volume, tf.ones([1, 4, 4, 4, 1]), tmp_path / 'volume')


@pytest.mark.parametrize('factory,args,message', [
    ('maxPooling2d', {'poolSize': 0}, 'MaxPooling2D: expected poolSize to be a positive integer, but got 0'),
    ('maxPooling2d', {'strides': [1, 2, 3]},
     'MaxPooling2D: the strides argument must be an integer or tuple of 2 integers. Received: 3 elements'),
    ('averagePooling1d', {'poolSize': [2, 2]},
     'AveragePooling1D: the poolSize argument must be an integer or tuple of 1'),
    ('averagePooling3d', {'padding': 'causal'},
     "AveragePooling3D: 'causal' is not a valid PaddingMode. Valid values are 'valid', 'same'"),
    ('maxPooling1d', {'dataFormat': 'channelsFirst'}, "MaxPooling1D: only dataFormat 'channelsLast' is supported"),
    ('globalAveragePooling2d', {'dataFormat': 'NCHW'}, "GlobalAveragePooling2D: 'NCHW' is not a valid DataFormat"),
    ('globalMaxPooling1d', {'poolSize': 2}, "unknown option 'poolSize'"),
])
def test_bad_options_are_refused_with_clear_messages(factory, args, message):
    with pytest.raises((ValueError, TypeError)) as error:
        getattr(tf.layers, factory)(args)
    assert message in str(error.value)


@pytest.mark.parametrize('layer,shape,message', [
    (lambda: tf.layers.maxPooling2d(), [4, 4, 1], 'expected ndim=4, found ndim=3'),
    (lambda: tf.layers.globalAveragePooling1d(), [2, 3, 4, 5], 'expected ndim=3, found ndim=4'),
    (lambda: tf.layers.maxPooling3d({'poolSize': 3}), [1, 2, 4, 4, 1],
     "MaxPooling3D: an input of shape [1,2,4,4,1] is too small for poolSize [3, 3, 3] with padding 'valid' "
     '(the output shape would be [1,0,1,1,1])'),
])
def test_bad_input_shapes_are_refused_with_clear_messages(layer, shape, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        layer().apply(tf.ones(shape))
