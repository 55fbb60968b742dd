"""Graph models (tf.model / tf.input): several inputs and outputs, shared layers and nested
models predict and train as in real TF.js, survive JSON and save/load, and misuse gets clear
errors."""
import numpy as np
import pytest

import tfjs_lab as tf
from tests.interop.layer_parity import ParityCase, Training, parity_test

RNG = np.random.default_rng(1)
XA = RNG.normal(size=(24, 3)).astype(np.float32)
XB = RNG.normal(size=(24, 3)).astype(np.float32)
Y1 = RNG.normal(size=(24, 2)).astype(np.float32)
Y2 = RNG.normal(size=(24, 1)).astype(np.float32)


def two_in_two_out():
    """Two inputs through one shared layer; one head per input."""
    a, b = tf.input(shape=[3], name='a'), tf.input(shape=[3], name='b')
    shared = tf.layers.dense(units=4, activation='tanh', name='shared')
    first = tf.layers.dense(units=2, name='first').apply(shared.apply(a))
    second = tf.layers.dense(units=1, activation='sigmoid', name='second').apply(shared.apply(b))
    return tf.model(inputs=[a, b], outputs=[first, second])


def nested():
    inner = tf.sequential(layers=[tf.layers.dense(units=5, input_shape=[3], activation='relu'),
                                  tf.layers.dense(units=4)])
    x = tf.input(shape=[3])
    return tf.model(inputs=x, outputs=tf.layers.dense(units=2).apply(inner.apply(x)))


def sequential_in_sequential():
    inner = tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3], activation='relu')])
    return tf.sequential(layers=[inner, tf.layers.dense(units=2)])


CASES = {
    'two-inputs-two-outputs-shared': ParityCase(
        two_in_two_out, [XA, XB],
        Training([Y1, (Y2 > 0).astype(np.float32)], ['meanSquaredError', 'binaryCrossentropy'], metrics=['mae'])),
    'nested-sequential-in-model': ParityCase(nested, XA, Training(Y1, 'meanSquaredError')),
    'sequential-in-sequential': ParityCase(sequential_in_sequential, XA, Training(Y1, 'meanAbsoluteError')),
}


test_predicts_and_trains_as_tfjs = parity_test(CASES)


def test_layers_come_in_tfjs_order_and_logs_are_named_per_output():
    model = two_in_two_out()
    assert [layer.name for layer in model.layers] == ['a', 'b', 'shared', 'first', 'second']
    assert model.input_names == ['a', 'b'] and model.output_names == ['first', 'second']
    model.compile(optimizer='sgd', loss=['meanSquaredError', 'binaryCrossentropy'], metrics=['acc'])
    assert model.metrics_names == ['loss', 'first_loss', 'second_loss', 'first_acc', 'second_acc']


def test_dicts_keyed_by_name_equal_lists():
    def fitted(x, y):
        tf.set_seed(3)
        model = two_in_two_out()
        model.compile(optimizer='sgd', loss={'first': 'meanSquaredError', 'second': 'meanSquaredError'})
        history = model.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=0)
        return history.history, [w.numpy() for w in model.weights]

    as_lists = fitted([XA, XB], [Y1, Y2])
    as_dicts = fitted({'b': XB, 'a': XA}, {'second': Y2, 'first': Y1})
    assert as_lists[0] == as_dicts[0]
    for left, right in zip(as_lists[1], as_dicts[1]):
        np.testing.assert_array_equal(left, right)


def test_loss_weights_scale_each_output():
    model = two_in_two_out()
    model.compile(optimizer='sgd', loss='meanSquaredError', loss_weights={'first': 2.0, 'second': 0.5})
    loss, first, second = (float(t.numpy()) for t in model.evaluate([XA, XB], [Y1, Y2]))
    assert loss == pytest.approx(2 * first + 0.5 * second, rel=1e-5)


@pytest.mark.parametrize('build', [two_in_two_out, nested, sequential_in_sequential])
def test_json_and_save_round_trips_predict_the_same(build, tmp_path):
    model = build()
    x = [XA, XB] if len(model.inputs) == 2 else XA
    expected = model.predict(x)
    rebuilt = tf.models.model_from_json(model.to_json())
    assert rebuilt.to_json() == model.to_json()  # names, graph and options all survive
    model.save(f'file://{tmp_path}')
    loaded = tf.load_layers_model(f'{tmp_path}/model.json')
    for ours, theirs in zip(expected if isinstance(expected, list) else [expected],
                            loaded.predict(x) if isinstance(expected, list) else [loaded.predict(x)]):
        np.testing.assert_array_equal(ours.numpy(), theirs.numpy())


def test_model_apply_eager_and_symbolic():
    model = nested()
    eager = model.apply(tf.tensor(XA))
    np.testing.assert_array_equal(eager.numpy(), model.predict(XA).numpy())
    x = tf.input(shape=[3])
    outer = tf.model(inputs=x, outputs=model.apply(x))
    np.testing.assert_allclose(outer.predict(XA).numpy(), eager.numpy(), rtol=1e-6)


def test_sequential_pop_and_get_layer():
    model = tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[2]), tf.layers.dense(units=1)])
    assert model.get_layer(index=1) is model.layers[1]
    removed = model.pop()
    assert removed.units == 1 and model.predict(tf.ones([2, 2])).shape == [2, 3]
    with pytest.raises(ValueError, match='only has 1 layer'):
        model.get_layer(index=5)


def test_misuse_gets_clear_errors():
    a, b = tf.input(shape=[3]), tf.input(shape=[3])
    out = tf.layers.dense(units=1).apply(b)
    with pytest.raises(ValueError, match='Graph disconnected'):
        tf.model(inputs=a, outputs=out)
    with pytest.raises(TypeError, match='must come from tf.input'):
        tf.model(inputs=out, outputs=out)
    model = two_in_two_out()
    with pytest.raises(ValueError, match='Expected to see 2 Tensor'):
        model.predict([XA])
    with pytest.raises(ValueError, match='No data provided for "b"'):
        model.predict({'a': XA})
    with pytest.raises(ValueError, match='Unknown entry in loss dictionary: "third"'):
        model.compile(optimizer='sgd', loss={'third': 'meanSquaredError'})
    with pytest.raises(ValueError, match='one entry per model output'):
        model.compile(optimizer='sgd', loss=['meanSquaredError'])
    with pytest.raises(ValueError, match='expected b to have shape'):
        model.predict([XA, np.zeros((24, 5), np.float32)])


def test_fit_dataset_takes_dicts_keyed_by_input_and_output_name():
    def batches():
        for start in range(0, 24, 8):
            yield {'xs': {'a': XA[start:start + 8], 'b': XB[start:start + 8]},
                   'ys': {'first': Y1[start:start + 8], 'second': Y2[start:start + 8]}}

    def fitted(use_dataset):
        tf.set_seed(5)
        model = two_in_two_out()
        model.compile(optimizer='sgd', loss='meanSquaredError')
        if use_dataset:
            return model.fit_dataset(tf.data.generator(batches), epochs=2, verbose=0).history
        return model.fit([XA, XB], [Y1, Y2], epochs=2, batch_size=8, shuffle=False, verbose=0).history

    assert fitted(True) == fitted(False)


def test_a_nested_model_passes_its_masks_on_from_one_run():
    calls = []

    class Counting(tf.layers.Layer):
        supports_masking = True

        def call(self, inputs):
            calls.append(1)
            return inputs

    inner_in = tf.input({'shape': [5]})
    inner = tf.model({'inputs': inner_in, 'outputs': Counting().apply(
        tf.layers.embedding({'inputDim': 10, 'outputDim': 3, 'maskZero': True}).apply(inner_in))})
    outer_in = tf.input({'shape': [5]})
    outer = tf.model({'inputs': outer_in, 'outputs': tf.layers.simpleRNN({'units': 2}).apply(inner.apply(outer_in))})
    ids = tf.tensor2d([[3, 4, 0, 0, 0], [1, 2, 3, 4, 5]])
    calls.clear()
    masked = outer.predict(ids).array_sync()
    assert len(calls) == 1
    # the mask reached the RNN: the padded sequence ends in the state of its two real steps
    short_in = tf.input({'shape': [2]})
    embedding, counting = inner.layers[1:]
    short = tf.model({'inputs': short_in, 'outputs': outer.layers[-1].apply(counting.apply(embedding.apply(short_in)))})
    np.testing.assert_allclose(masked[0], short.predict(tf.tensor2d([[3, 4]])).array_sync()[0], rtol=1e-6)
