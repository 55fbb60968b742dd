"""``predict`` on a chain of Dense layers runs on arrays (``LayersModel._predict_on_chain``): the
same values as the layer-by-layer path, and every other input still goes through (and is
explained by) the general path."""
import numpy as np
import pytest

import tfjs_lab as tf


def _model(activation='sigmoid', extra=()):
    model = tf.sequential({'layers': [tf.layers.dense({'units': 5, 'activation': 'relu', 'inputShape': [3]}),
                                      *extra, tf.layers.dense({'units': 2, 'activation': activation})]})
    return model


@pytest.mark.parametrize('activation', ['sigmoid', 'softmax', 'linear', 'tanh'])
def test_the_array_path_gives_the_layer_by_layer_values(activation):
    model = _model(activation, [tf.layers.dropout({'rate': 0.5})])
    assert model._array_chain() is not None
    x = tf.tensor(np.random.default_rng(0).normal(size=(4, 3)).astype(np.float32))
    np.testing.assert_array_equal(model.predict(x)._data, model.apply(x)._data)


def test_the_array_path_follows_weight_changes_and_counts_its_result():
    model = _model()
    x = tf.ones([1, 3])
    model.set_weights([tf.zeros(w.shape) for w in model.get_weights()])
    before = tf.memory()['numTensors']
    result = model.predict(x)
    assert tf.memory()['numTensors'] == before + 1
    np.testing.assert_array_equal(result._data, [[0.5, 0.5]])


def test_models_the_array_path_cannot_run_take_the_general_path():
    # an activation the fused dense does not know
    elu = _model('elu')
    assert elu._array_chain() is None
    x = tf.ones([2, 3])
    np.testing.assert_array_equal(elu.predict(x)._data, elu.apply(x)._data)
    # a layer without an array function
    assert _model(extra=[tf.layers.reLU()])._array_chain() is None


def test_bad_input_is_explained_by_the_general_path():
    model = _model()
    with pytest.raises(ValueError, match='expected dense_Dense.*_input to have shape \\[null,3\\]'):
        model.predict(tf.ones([1, 4]))
    with pytest.raises(ValueError, match='batchSize'):
        model.predict(tf.ones([1, 3]), {'batchSize': 0})


def test_more_samples_than_a_batch_give_the_same_values():
    model = _model()
    x = tf.tensor(np.random.default_rng(1).normal(size=(70, 3)).astype(np.float32))
    np.testing.assert_allclose(model.predict(x)._data, model.apply(x)._data, rtol=1e-6)


def test_an_input_of_another_dtype_takes_the_general_path():
    inputs = tf.input({'shape': [3], 'dtype': 'int32'})
    model = tf.model({'inputs': inputs, 'outputs': tf.layers.dense({'units': 2}).apply(inputs)})
    assert model._array_chain() is None
    x = tf.tensor([[0.7, 1.2, -0.4]])
    np.testing.assert_array_equal(model.predict(x)._data, model.apply(x)._data)


def test_predict_inside_a_gradient_function_is_recorded():
    model = _model()
    x = tf.ones([2, 3])
    grads = tf.variable_grads(lambda: model.predict(x).sum(), model.trainable_weights)['grads']
    assert len(grads) == 4 and all(np.any(g._data != 0) for g in list(grads.values())[2:])
