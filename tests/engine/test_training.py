"""The fit / evaluate / predict contract: TF.js's defaults, callbacks and log keys, and clear
errors for a learner's mistakes."""
import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import NotCompiledError


def seed_model(compiled=True):
    model = tf.sequential(layers=[tf.layers.dense(units=8, input_shape=[3], activation='relu'),
                                  tf.layers.dense(units=1, activation='sigmoid')])
    if compiled:
        model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model


def data(n=20):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 3)).astype(np.float32)
    return x, (x[:, :1] > 0).astype(np.float32)


def test_callback_order_and_log_keys():
    model = seed_model()
    events = []

    class Recorder(tf.Callback):
        def on_train_begin(self, logs):
            events.append(('train_begin', logs))

        def onEpochEnd(self, epoch, logs):  # TF.js spelling works in a subclass
            events.append(('epoch_end', epoch, list(logs)))

    def on_batch_end(batch, logs):
        events.append(('batch_end', batch, dict(logs)))

    x, y = data(10)
    model.fit(x, y, epochs=2, batch_size=4, validation_split=0.2,
              callbacks=[Recorder(), {'onBatchEnd': on_batch_end}])
    assert events[0] == ('train_begin', {})
    batch_ends = [e for e in events if e[0] == 'batch_end']
    assert [e[1] for e in batch_ends] == [0, 1, 0, 1]  # 8 training samples in batches of 4
    assert list(batch_ends[0][2]) == ['batch', 'size', 'loss', 'acc']
    assert batch_ends[0][2]['size'] == 4
    epoch_ends = [e for e in events if e[0] == 'epoch_end']
    assert epoch_ends == [('epoch_end', 0, ['val_loss', 'val_acc', 'loss', 'acc']),
                          ('epoch_end', 1, ['val_loss', 'val_acc', 'loss', 'acc'])]


def test_epoch_loss_is_size_weighted_mean_of_batch_losses():
    model = seed_model()
    x, y = data(10)
    batch_losses = []
    history = model.fit(x, y, epochs=1, batch_size=4, shuffle=False,
                        callbacks={'on_batch_end': lambda b, logs: batch_losses.append((logs['size'], logs['loss']))})
    expected = sum(s * l for s, l in batch_losses) / 10
    assert history.history['loss'][0] == pytest.approx(expected, rel=1e-6)


def test_validation_split_takes_the_last_samples():
    model = seed_model()
    x, y = data(10)
    history = model.fit(x, y, epochs=1, batch_size=32, validation_split=0.3)
    val_loss = float(model.evaluate(x[7:], y[7:])[0])
    assert history.history['val_loss'][0] == pytest.approx(val_loss, rel=1e-5)


def test_fit_dataset_equals_fit_on_the_same_batches():
    x, y = data(12)
    tf.set_seed(3)
    a = seed_model()
    tf.set_seed(3)
    b = seed_model()
    b.set_weights(a.get_weights())
    h1 = a.fit(x, y, epochs=3, batch_size=4, shuffle=False)
    ds = tf.data.array([{'xs': list(map(float, xi)), 'ys': list(map(float, yi))} for xi, yi in zip(x, y)]).batch(4)
    h2 = b.fitDataset(ds, {'epochs': 3})
    np.testing.assert_allclose(h1.history['loss'], h2.history['loss'], rtol=1e-6)
    for wa, wb in zip(a.get_weights(), b.get_weights()):
        np.testing.assert_allclose(np.asarray(wa), np.asarray(wb), rtol=1e-6)


def test_stop_training_from_a_callback():
    model = seed_model()
    x, y = data()

    def stop(epoch, logs):
        model.stop_training = True
    history = model.fit(x, y, epochs=10, callbacks={'onEpochEnd': stop})
    assert history.epoch == [0]


def test_evaluate_returns_scalar_without_metrics_and_list_with():
    x, y = data()
    model = seed_model()
    assert isinstance(model.evaluate(x, y), list)
    plain = seed_model(compiled=False)
    plain.compile(optimizer='sgd', loss='meanSquaredError')
    loss = plain.evaluate(x, y)
    assert isinstance(loss, tf.Tensor) and loss.rank == 0 and loss.dtype == 'float32'


def test_predict_records_no_gradient_tape():
    model = seed_model()
    out = model.predict(np.ones((40, 3), np.float32), batch_size=16)
    assert out.shape == [40, 1] and out._node is None


def test_await_works_on_async_tfjs_methods():
    import asyncio
    model = seed_model()
    x, y = data()

    async def port_of_tfjs_code():
        history = await model.fit(x, y, epochs=1)
        return history, await model.predict(x[:1]).array()
    history, prediction = asyncio.run(port_of_tfjs_code())
    assert len(history.epoch) == 1 and len(prediction) == 1


def test_async_callbacks_are_awaited():
    model = seed_model()
    x, y = data()
    seen = []

    async def on_epoch_end(epoch, logs):
        await tf.next_frame()
        seen.append(epoch)
    model.fit(x, y, epochs=2, callbacks={'onEpochEnd': on_epoch_end})
    assert seen == [0, 1]


# --- errors a learner meets -------------------------------------------------------------
def test_fit_before_compile():
    x, y = data()
    with pytest.raises(NotCompiledError, match='You must compile a model before training'):
        seed_model(compiled=False).fit(x, y)


def test_wrong_input_shape_names_layer_and_shapes():
    with pytest.raises(ValueError, match=r'expected dense_Dense\d+_input to have shape \[null,3\] but got '
                                         r'array with shape \[4,5\]'):
        seed_model().fit(np.ones((4, 5)), np.ones((4, 1)))


def test_wrong_target_shape():
    with pytest.raises(ValueError, match=r'Error when checking target: expected dense_Dense\d+ to have '
                                         r'shape \[null,1\] but got array with shape \[4,2\]'):
        seed_model().fit(np.ones((4, 3)), np.ones((4, 2)))


def test_sample_count_mismatch():
    with pytest.raises(ValueError, match='Found 4 input sample.s. and 3 target sample.s.'):
        seed_model().fit(np.ones((4, 3)), np.ones((3, 1)))


def test_unknown_loss_lists_known_losses():
    with pytest.raises(ValueError, match=r"Unknown loss 'crossentropy'.*binaryCrossentropy"):
        seed_model(compiled=False).compile(optimizer='adam', loss='crossentropy')


def test_unknown_option_names_the_allowed_ones():
    with pytest.raises(TypeError, match=r"unknown option 'epoch'.*epochs"):
        seed_model().fit(np.ones((4, 3)), np.ones((4, 1)), {'epoch': 3})


def test_first_layer_needs_input_shape():
    with pytest.raises(ValueError, match='first layer in a Sequential model must get an `inputShape`'):
        tf.sequential(layers=[tf.layers.dense(units=1)])


def test_ragged_data_is_a_clear_error():
    with pytest.raises(ValueError, match='ragged'):
        seed_model().fit([[1, 2, 3], [1, 2]], [[1], [0]])


def test_concurrent_fit_is_refused():
    model = seed_model()
    x, y = data()
    with pytest.raises(RuntimeError, match='another fit\\(\\) call is ongoing'):
        model.fit(x, y, epochs=1, callbacks={'onEpochEnd': lambda e, logs: model.fit(x, y)})


def test_verbose_shows_a_bar_per_epoch_on_stderr_and_nothing_on_stdout(capsys):
    x, y = data(64)
    seed_model().fit(x, y, epochs=2, batch_size=8, verbose=1)
    out, err = capsys.readouterr()
    assert out == ''
    assert err.count('\n') == 2 and 'Epoch 1 / 2' in err and 'Epoch 2 / 2' in err
    assert 'loss=' in err and 'acc=' in err


def test_verbose_two_prints_one_line_per_epoch_and_zero_nothing(capsys):
    x, y = data(64)
    seed_model().fit(x, y, epochs=3, batch_size=8, verbose=2)
    assert capsys.readouterr().err.count('\n') == 3
    seed_model().fit(x, y, epochs=3, batch_size=8, verbose=0)
    assert capsys.readouterr() == ('', '')
    with pytest.raises(ValueError, match='verbose must be 0'):
        seed_model().fit(x, y, verbose=3)


@pytest.mark.parametrize('yield_every, expected', [('batch', 8), ('epoch', 2), ('never', 0), (0, 8)])
def test_yield_every_calls_on_yield(yield_every, expected):
    x, y = data(32)
    calls = []
    seed_model().fit(x, y, epochs=2, batch_size=8, verbose=0, yield_every=yield_every,
                     callbacks={'onYield': lambda epoch, batch, logs: calls.append((epoch, batch))})
    assert len(calls) == expected
