"""Bidirectional and TimeDistributed against real TF.js 4.22 (values, weight names and shapes,
getConfig keys), numerical gradients, serialization and errors."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.rnn_parity import (assert_outputs_close, assert_weight_names_shapes_and_config_keys, build,
                                     check_gradients, layer, random_weights, reference)

rng = np.random.default_rng(11)
X = rng.normal(size=(2, 5, 4)).round(3).tolist()
MASK = [[1, 1, 1, 0, 0], [1, 1, 0, 1, 0]]
STATES = [rng.normal(size=(2, 3)).round(3).tolist() for _ in range(4)]
LSTM_SEQ = layer('lstm', units=3, returnSequences=True)

CASES = {
    'bidirectional lstm': (layer('bidirectional', layer=layer('lstm', units=3)), [{'x': X}]),
    'bidirectional sum': (layer('bidirectional', layer=LSTM_SEQ, mergeMode='sum'), [{'x': X}]),
    'bidirectional mul': (layer('bidirectional', layer=LSTM_SEQ, mergeMode='mul'), [{'x': X}]),
    'bidirectional ave': (layer('bidirectional', layer=LSTM_SEQ, mergeMode='ave'), [{'x': X}]),
    'bidirectional no merge': (layer('bidirectional', layer=LSTM_SEQ, mergeMode=None), [{'x': X}]),
    'bidirectional states': (layer('bidirectional', layer=layer('lstm', units=3, returnState=True)),
                             [{'x': X, 'initialState': STATES}]),
    'bidirectional gru masked': (layer('bidirectional', layer=layer('gru', units=3, returnSequences=True)),
                                 [{'x': X, 'mask': MASK}]),
    'bidirectional named': (layer('bidirectional', layer=layer('simpleRNN', units=2, name='inner'), name='outer'),
                            [{'x': X}]),
    'time distributed dense': (layer('timeDistributed', layer=layer('dense', units=3, activation='tanh')),
                               [{'x': X}]),
}


@pytest.mark.interop
@pytest.mark.parametrize('case', list(CASES))
def test_outputs_match_tfjs(tfjs_answers, case):
    (_, _, outputs), reference = tfjs_answers[case]
    assert_outputs_close(outputs, reference['outputs'])


@pytest.mark.interop
@pytest.mark.parametrize('case', list(CASES))
def test_weight_names_shapes_and_config_match_tfjs(tfjs_answers, case):
    (built, _, _), reference = tfjs_answers[case]
    assert_weight_names_shapes_and_config_keys(built, reference)
    config = built.get_config()
    assert config['layer']['config']['name'] == reference['config']['layer']['config']['name']
    if 'merge_mode' in config:
        assert config['merge_mode'] == reference['config']['mergeMode']


@pytest.mark.interop
def test_saved_bidirectional_model_loads_both_ways(run_tfjs, tmp_path):
    x = np.array(X, np.float32)
    layers = [layer('bidirectional', layer=LSTM_SEQ, inputShape=[5, 4]),
              layer('timeDistributed', layer=layer('dense', units=2)),
              layer('bidirectional', layer=layer('gru', units=2), mergeMode='ave')]
    model = tf.sequential({'layers': [build(d) for d in layers]})
    weights = random_weights(model, 1)
    model.set_weights(weights)
    model.save(str(tmp_path / 'ours'))
    loaded_there, saved_there = reference(run_tfjs, [
        {'kind': 'load', 'modelJson': str(tmp_path / 'ours' / 'model.json'), 'x': x},
        {'kind': 'save', 'layers': layers, 'weights': weights, 'x': x, 'folder': str(tmp_path / 'theirs')}])
    expected = model.predict(tf.tensor(x)).array_sync()
    np.testing.assert_allclose(loaded_there['prediction'], expected, atol=1e-5)
    theirs = tf.load_layers_model(str(tmp_path / 'theirs' / 'model.json'))
    assert [w.original_name for w in theirs.weights] == saved_there['weightNames']
    np.testing.assert_allclose(theirs.predict(tf.tensor(x)).array_sync(), saved_there['prediction'], atol=1e-5)


TRAINED = {
    'bidirectional and time distributed': ParityCase(
        lambda: tf.sequential({'layers': [build(d) for d in (
            layer('bidirectional', layer=LSTM_SEQ, inputShape=[5, 4]),
            layer('timeDistributed', layer=layer('dense', units=2)),
            layer('bidirectional', layer=layer('gru', units=2), mergeMode='sum'))]}),
        np.array(X * 4, np.float32), Training(rng.normal(size=(8, 2)).astype(np.float32), 'meanSquaredError')),
}


test_training_matches_tfjs = parity_test(TRAINED)


@pytest.mark.parametrize('desc', [layer('bidirectional', layer=LSTM_SEQ, mergeMode='mul'),
                                  layer('bidirectional', layer=layer('gru', units=2), mergeMode=None),
                                  layer('timeDistributed', layer=layer('dense', units=2, activation='sigmoid'))],
                         ids=['bidirectional mul', 'bidirectional no merge', 'time distributed'])
def test_gradients_match_finite_differences(desc):
    built = build(desc)
    x = np.array(X, np.float32) * 0.5
    built.apply(tf.tensor(x))
    built.set_weights([w * 0.5 for w in random_weights(built, 2)])
    check_gradients(built, x)


@pytest.mark.parametrize('desc', [layer('bidirectional', layer=LSTM_SEQ, inputShape=[5, 4], mergeMode='sum'),
                                  layer('timeDistributed', layer=layer('dense', units=2), inputShape=[5, 4])],
                         ids=['bidirectional', 'time distributed'])
def test_config_json_and_save_round_trips(desc, tmp_path):
    model = tf.sequential({'layers': [build(desc)]})
    model.set_weights(random_weights(model, 3))
    x = tf.tensor(np.array(X, np.float32))
    expected = model.predict(x).array_sync()
    original = model.layers[0]
    assert type(original).from_config(original.get_config()).get_config() == original.get_config()
    rebuilt = tf.models.model_from_json(model.to_json())
    rebuilt.set_weights(model.get_weights())
    np.testing.assert_allclose(rebuilt.predict(x).array_sync(), expected, atol=1e-6)
    model.save(str(tmp_path / 'm'))
    loaded = tf.load_layers_model(str(tmp_path / 'm' / 'model.json'))
    np.testing.assert_allclose(loaded.predict(x).array_sync(), expected, atol=1e-6)


def test_output_shapes_and_masks():
    both = tf.layers.bidirectional({'layer': tf.layers.lstm({'units': 3, 'returnSequences': True,
                                                             'returnState': True}), 'mergeMode': None})
    assert both.compute_output_shape([None, 7, 2]) == [[None, 7, 3], [None, 7, 3], [None, 3], [None, 3],
                                                       [None, 3], [None, 3]]
    mask = tf.ones([2, 7], 'bool')
    assert both.compute_mask(None, mask)[:2] == [mask, mask]
    td = tf.layers.time_distributed({'layer': tf.layers.dense({'units': 4})})
    assert td.compute_output_shape([None, 7, 2]) == [None, 7, 4]


def test_trainable_flag_reaches_the_wrapped_layers():
    bi = tf.layers.bidirectional({'layer': tf.layers.gru({'units': 2})})
    bi.apply(tf.ones([1, 3, 2]))
    assert len(bi.trainable_weights) == 6
    bi.trainable = False
    assert bi.trainable_weights == [] and len(bi.non_trainable_weights) == 6
    td = tf.layers.time_distributed({'layer': tf.layers.dense({'units': 2})})
    td.apply(tf.ones([1, 3, 2]))
    td.trainable = False
    assert td.trainable_weights == [] and not td.layer.trainable


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.bidirectional({'layer': tf.layers.lstm({'units': 2}), 'mergeMode': 'max'}),
     'max is not a valid BidirectionalMergeMode.  Valid values are sum,mul,concat,ave or null/undefined.'),
    (lambda: tf.layers.bidirectional({'layer': tf.layers.lstm({'units': 2}), 'weights': [np.zeros(1)]}),
     'weights support is not implemented for Bidirectional layer yet.'),
    (lambda: tf.layers.bidirectional({'layer': 'lstm'}), 'Bidirectional expects a layer to wrap; received str'),
    (lambda: tf.layers.bidirectional({'layer': tf.layers.lstm({'units': 2})}).apply(
        tf.ones([1, 3, 2]), initial_state=[tf.zeros([1, 2])] * 3), 'the state should be an Array containing'),
    (lambda: tf.layers.time_distributed({'layer': tf.layers.dense({'units': 2})}).apply(tf.ones([2, 3])),
     'TimeDistributed layer expects an input shape >= 3D, but received input shape [2,3]'),
])
def test_bad_options_and_inputs_raise_clear_errors(make, message):
    with pytest.raises((ValueError, TypeError, NotImplementedError)) as info:
        make()
    assert message in str(info.value)
