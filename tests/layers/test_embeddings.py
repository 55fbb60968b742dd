"""Embedding against real TF.js 4.22 (values, weight names, getConfig keys), gradients, masks,
serialization and errors."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.core.tape import Tape
from tests.interop.layer_parity import ParityCase, Training, parity_test
from tests.layers.rnn_parity import (assert_outputs_close, assert_weight_names_shapes_and_config_keys, build, layer,
                                     random_weights, reference)

IDS = [[1, 4, 0, 9], [3, 3, 7, 2]]
CASES = {
    'int32 indices': (layer('embedding', inputDim=10, outputDim=3), [{'x': IDS, 'dtype': 'int32'}]),
    'float indices, input length': (layer('embedding', inputDim=10, outputDim=2, inputLength=4), [{'x': IDS}]),
    'mask zero, 3d input': (layer('embedding', inputDim=10, outputDim=2, maskZero=True, inputLength=[2, 2]),
                            [{'x': [[[1, 0], [2, 3]], [[0, 0], [9, 8]]], 'dtype': 'int32'}]),
}


@pytest.mark.interop
@pytest.mark.parametrize('case', list(CASES))
def test_outputs_weight_names_and_config_match_tfjs(tfjs_answers, case):
    (built, _, outputs), reference = tfjs_answers[case]
    assert_outputs_close(outputs, reference['outputs'])
    assert_weight_names_shapes_and_config_keys(built, reference)
    config = built.get_config()
    assert config['batch_input_shape'] == reference['config']['batchInputShape']


@pytest.mark.interop
def test_masking_embedding_and_lstm_model_loads_both_ways(run_tfjs, tmp_path):
    """The mask of index 0 reaches the LSTM inside the model, here as in TF.js."""
    x = np.array([[1, 4, 0, 0], [3, 0, 7, 0]], np.float32)
    layers = [layer('embedding', inputDim=10, outputDim=3, inputLength=4, maskZero=True),
              layer('lstm', units=2, returnSequences=True), layer('gru', units=2)]
    model = tf.sequential({'layers': [build(d) for d in layers]})
    weights = random_weights(model, 5)
    model.set_weights(weights)
    model.save(str(tmp_path / 'ours'))
    loaded_there, saved_there = reference(run_tfjs, [
        {'kind': 'load', 'modelJson': str(tmp_path / 'ours' / 'model.json'), 'x': x},
        {'kind': 'save', 'layers': layers, 'weights': weights, 'x': x, 'folder': str(tmp_path / 'theirs')}])
    np.testing.assert_allclose(loaded_there['prediction'], model.predict(tf.tensor(x)).array_sync(), atol=1e-5)
    theirs = tf.load_layers_model(str(tmp_path / 'theirs' / 'model.json'))
    np.testing.assert_allclose(theirs.predict(tf.tensor(x)).array_sync(), saved_there['prediction'], atol=1e-5)


TRAINED = {
    'embedding and lstm': ParityCase(
        lambda: tf.sequential({'layers': [tf.layers.embedding({'inputDim': 10, 'outputDim': 3, 'inputLength': 4}),
                                          tf.layers.lstm({'units': 2})]}),
        np.array(IDS * 4), Training(np.linspace(-1, 1, 16).reshape(8, 2).astype(np.float32), 'meanSquaredError'),
        x_dtype='int32'),
}


test_training_matches_tfjs = parity_test(TRAINED)


def test_gradient_adds_up_rows_of_repeated_indices():
    emb = tf.layers.embedding({'inputDim': 4, 'outputDim': 2})
    ids = tf.tensor2d([[1, 1, 3]], None, 'int32')
    emb.apply(ids)
    with Tape(emb.weights) as tape:
        out = emb.invoke(ids)
    (grad,) = tape.gradients(out, emb.weights, np.ones((1, 3, 2), np.float32))
    np.testing.assert_array_equal(grad, [[0, 0], [2, 2], [0, 0], [1, 1]])


def test_mask_zero_gives_the_mask_of_nonzero_indices():
    emb = tf.layers.embedding({'inputDim': 5, 'outputDim': 2, 'maskZero': True})
    ids = tf.tensor2d([[2, 0, 1]], None, 'int32')
    np.testing.assert_array_equal(emb.compute_mask(ids).array_sync(), [[True, False, True]])
    assert tf.layers.embedding({'inputDim': 5, 'outputDim': 2}).compute_mask(ids) is None


def test_mask_zero_makes_lstm_skip_padding():
    """Padding with index 0 leaves the LSTM's result as if the sequence were shorter."""
    emb = tf.layers.embedding({'inputDim': 5, 'outputDim': 3, 'maskZero': True})
    lstm = tf.layers.lstm({'units': 2})
    padded = tf.tensor2d([[3, 1, 0, 0]], None, 'int32')
    short = tf.tensor2d([[3, 1]], None, 'int32')
    out_padded = lstm.apply(emb.apply(padded), mask=emb.compute_mask(padded))
    np.testing.assert_allclose(out_padded.array_sync(), lstm.apply(emb.apply(short)).array_sync(), atol=1e-6)


def test_default_input_shape_and_output_shape():
    emb = tf.layers.embedding({'inputDim': 5, 'outputDim': 2})
    assert emb.batch_input_shape == [None, None]
    assert emb.compute_output_shape([None, 7]) == [None, 7, 2]
    assert tf.layers.embedding({'inputDim': 5, 'outputDim': 2, 'inputLength': 3}).batch_input_shape == [None, 3]


def test_config_json_and_save_round_trips(tmp_path):
    model = tf.sequential({'layers': [tf.layers.embedding({'inputDim': 6, 'outputDim': 2, 'inputLength': 3,
                                                           'embeddingsRegularizer': 'l1l2'})]})
    x = tf.tensor2d([[0, 5, 2]], None, 'int32')
    expected = model.predict(x).array_sync()
    original = model.layers[0]
    clone_config = type(original).from_config(original.get_config()).get_config()
    # As in TF.js, a layer made from a config with batch_input_shape gains the default dtype.
    assert clone_config.pop('dtype') == 'float32' and clone_config == original.get_config()
    rebuilt = tf.models.model_from_json(model.to_json())
    rebuilt.set_weights(model.get_weights())
    np.testing.assert_allclose(rebuilt.predict(x).array_sync(), expected)
    model.save(str(tmp_path / 'm'))
    np.testing.assert_allclose(tf.load_layers_model(str(tmp_path / 'm' / 'model.json')).predict(x).array_sync(),
                               expected)


@pytest.mark.parametrize('make,message', [
    (lambda: tf.layers.embedding({'inputDim': 0, 'outputDim': 2}), 'Expected inputDim to be a positive integer'),
    (lambda: tf.layers.embedding({'inputDim': 3, 'outputDim': 2.5}), 'Expected outputDim to be a positive integer'),
    (lambda: tf.layers.embedding({'outputDim': 2}), 'input_dim'),
    (lambda: tf.layers.embedding({'inputDim': 3, 'outputDim': 2}).apply(tf.tensor2d([[1, 3]])),
     'input index 3 is outside [0, 3)'),
    (lambda: tf.layers.embedding({'inputDim': 3, 'outputDim': 2, 'inputLength': 4}).apply(tf.tensor2d([[1, 2]])),
     '"inputLength" is 4, but received input shape has shape [1,2]'),
])
def test_bad_options_and_inputs_raise_clear_errors(make, message):
    with pytest.raises((ValueError, TypeError)) as info:
        make()
    assert message in str(info.value)
