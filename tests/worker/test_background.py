"""model.fit(..., background=True) in this process: the handle's API, the same weights as the
foreground fit, what other threads may and may not do meanwhile, and errors."""
import asyncio
import threading

import numpy as np
import pytest

import tfjs_lab as tf
from tests.worker.training_case import data, make_model, weights_of
from tfjs_lab.worker import BackgroundFit


def test_background_fit_ends_with_the_foreground_weights_and_history():
    x, y = data()
    foreground = make_model()
    expected = foreground.fit(x, y, epochs=4, batch_size=8, verbose=0)
    model = make_model()
    handle = model.fit(x, y, epochs=4, batch_size=8, verbose=0, background=True)
    assert isinstance(handle, BackgroundFit)
    history = handle.wait()
    assert handle.done and handle.state == 'done' and handle.epoch == 4
    assert history is handle.history is model.history
    assert history.history == expected.history
    for got, want in zip(weights_of(model), weights_of(foreground)):
        np.testing.assert_array_equal(got, want)
    assert handle.logs == {'loss': expected.history['loss'][-1]}


def test_random_draws_in_other_cells_leave_the_background_fit_as_in_the_foreground():
    x, y = data()
    options = dict(epochs=3, batch_size=8, verbose=0, shuffle=True)
    foreground = make_model()
    expected = foreground.fit(x, y, **options)
    expected_next = tf.random_uniform([3]).data_sync()
    model = make_model()
    training, drawn = threading.Event(), threading.Event()

    def after_first_epoch(epoch, logs):  # holds the fit until the notebook has drawn
        if epoch == 0:
            training.set()
            drawn.wait(30)
    handle = model.fit(x, y, background=True, callbacks={'onEpochEnd': after_first_epoch}, **options)
    assert training.wait(30)
    for _ in range(20):  # a notebook drawing random numbers meanwhile
        tf.random_normal([100]).dispose()
        tf.layers.dense(units=4).apply(tf.ones([1, 2]))
    drawn.set()
    assert handle.wait().history == expected.history
    for got, want in zip(weights_of(model), weights_of(foreground)):
        np.testing.assert_array_equal(got, want)
    # after the fit, the stream goes on where the fit's ended, as after the foreground fit
    np.testing.assert_array_equal(tf.random_uniform([3]).data_sync(), expected_next)


def test_fit_dataset_in_the_background_and_await():
    x, y = data(16)
    model = make_model()
    dataset = tf.data.zip({'xs': tf.data.array(x.tolist()), 'ys': tf.data.array(y.tolist())}).batch(4)

    async def train():
        return await model.fit_dataset(dataset, {'epochs': 3, 'verbose': 0, 'background': True})

    history = asyncio.run(train())
    assert history.epoch == [0, 1, 2]


def test_stop_ends_the_fit_after_the_current_batch():
    x, y = data()
    model = make_model()
    started = threading.Event()
    handle = model.fit(x, y, epochs=10_000, batch_size=8, verbose=0, background=True,
                       callbacks={'onEpochEnd': lambda epoch, logs: started.set()})
    assert started.wait(30)
    history = handle.stop()
    assert handle.state == 'stopped' and handle.done
    assert 1 <= len(history.epoch) < 10_000
    model.set_weights(model.get_weights())  # the model is the caller's again


def test_changing_the_model_while_it_trains_is_refused_and_reading_sees_a_batch_boundary():
    x, y = data()
    model = make_model()
    initial_weights = weights_of(model)
    initial = np.concatenate([w.ravel() for w in initial_weights])
    boundaries = [initial]   # the weights after each batch, recorded by the fit itself
    release = threading.Event()

    def on_batch_end(batch, logs):
        boundaries.append(np.concatenate([w.ravel() for w in weights_of(model)]))
        if len(boundaries) == 3:
            release.wait(30)  # hold the fit until the refusals below have been checked

    handle = model.fit(x, y, epochs=200, batch_size=8, verbose=0, background=True,
                       callbacks={'onBatchEnd': on_batch_end})
    # (no reads while the fit is held: they would wait for it)
    for refused in (lambda: model.set_weights(initial_weights), lambda: model.setWeights([]),
                    lambda: model.fit(x, y), lambda: model.fit(x, y, background=True),
                    lambda: model.compile(optimizer='sgd', loss='meanSquaredError'),
                    lambda: model.train_on_batch(x, y)):
        with pytest.raises(RuntimeError, match=r"model 'sequential_\d+': it is training in the background "
                                               r'\(training, epoch 0 of 200\).*handle.wait\(\).*handle.stop\(\)'):
            refused()
    release.set()
    reads = [np.concatenate([w.ravel() for w in weights_of(model)]) for _ in range(50)]
    assert not handle.done, 'the reads should overlap the fit'
    handle.wait()
    for read in reads:
        assert any(np.array_equal(read, b) for b in boundaries), 'a read saw weights from the middle of a step'
    assert not {'predict', 'set_weights', 'setWeights', 'fit'} & set(vars(model))  # the guard is gone


def test_callbacks_inside_the_fit_may_read_and_change_the_model():
    x, y = data(16)
    model = make_model()
    seen = []

    def on_epoch_end(epoch, logs):
        seen.append(model.predict(x[:1]).shape)
        model.set_weights(model.get_weights())

    model.fit(x, y, epochs=2, batch_size=8, verbose=0, background=True,
              callbacks={'onEpochEnd': on_epoch_end}).wait()
    assert seen == [[1, 1], [1, 1]]


def test_wrong_arguments_are_raised_by_the_call_itself():
    x, y = data(8)
    model = make_model()
    with pytest.raises(ValueError, match='batchSize is required to be a positive integer, but got 0'):
        model.fit(x, y, batch_size=0, background=True)
    with pytest.raises(TypeError, match="unknown option 'bakground'"):
        model.fit(x, y, {'bakground': True})
    model.fit(x, y, epochs=1, verbose=0)  # nothing was left behind


def test_an_error_during_training_is_raised_by_wait_and_recorded(capsys):
    x, y = data(16)
    model = make_model()

    def fail(epoch, logs):
        if epoch == 1:
            raise ZeroDivisionError('the callback failed at epoch 1')

    handle = model.fit(x, y, epochs=5, batch_size=8, verbose=0, background=True, callbacks={'onEpochEnd': fail})
    with pytest.raises(ZeroDivisionError, match='the callback failed at epoch 1'):
        handle.wait()
    assert handle.state == 'failed' and handle.epoch == 1 and isinstance(handle.exception, ZeroDivisionError)
    assert 'training failed: ZeroDivisionError: the callback failed at epoch 1' in handle.status_html()
    assert 'ZeroDivisionError' in capsys.readouterr().err
    with pytest.raises(ZeroDivisionError):
        asyncio.run(_await(handle))
    model.fit(x, y, epochs=1, verbose=0)  # a failed background fit leaves the model usable


async def _await(handle):
    return await handle


def test_wait_with_a_timeout():
    x, y = data()
    model = make_model()
    handle = model.fit(x, y, epochs=10_000, batch_size=8, verbose=0, background=True)
    with pytest.raises(TimeoutError, match=r"The background fit of 'sequential_\d+' is still running after 0.01 s"):
        handle.wait(timeout=0.01)
    handle.stop()
