"""Training in a worker process: the same weights, optimizer state and random stream as an
in-process fit with the same seed; logs reach callbacks here; stop; a killed worker is reported
within two seconds; errors of the worker come back as the same exception types."""
import io
import os
import signal
import threading
import time

import numpy as np
import pytest

import tfjs_lab as tf
from tests.worker import training_case
from tests.worker.training_case import data, weights_of
from tfjs_lab.worker import ProcessWorker, WorkerError, fit_in_process
from tfjs_lab.worker.messages import MessageError, read_message, write_message


def make_model(seed=3):
    return training_case.make_model(seed, metrics=['mse'])


def test_a_fit_in_a_worker_process_equals_the_same_fit_here():
    x, y = data()
    options = dict(epochs=4, batch_size=8, validation_split=0.25, verbose=0)
    here = make_model()
    here.fit(x, y, epochs=1, batch_size=16, verbose=0)  # optimizer state to carry over
    expected = here.fit(x, y, **options)
    expected_next = tf.random_uniform([3]).data_sync()

    model = make_model()
    model.fit(x, y, epochs=1, batch_size=16, verbose=0)
    epochs_seen = []
    handle = fit_in_process(model, tf.tensor(x), y, callbacks={'onEpochEnd': lambda e, logs: epochs_seen.append(e)},
                            **options)
    history = handle.wait()
    assert handle.state == 'done' and history is model.history
    assert history.history == expected.history and epochs_seen == [0, 1, 2, 3]
    for got, want in zip(weights_of(model), weights_of(here)):
        np.testing.assert_array_equal(got, want)
    for got, want in zip(model.optimizer.get_weights(), here.optimizer.get_weights()):
        np.testing.assert_array_equal(got['tensor'].numpy(), want['tensor'].numpy())
    np.testing.assert_array_equal(tf.random_uniform([3]).data_sync(), expected_next)


def test_batch_logs_reach_callbacks_here_and_a_callback_can_stop_the_worker():
    x, y = data()
    model = make_model()
    batches = []

    def on_batch_end(batch, logs):
        batches.append(logs)
        if len(batches) == 20:
            model.stop_training = True

    handle = fit_in_process(model, x, y, epochs=1000, batch_size=8, verbose=0, callbacks={'onBatchEnd': on_batch_end})
    history = handle.wait(timeout=30)
    assert handle.state == 'stopped' and len(history.epoch) < 1000
    assert set(batches[0]) == {'batch', 'size', 'loss', 'mse'} and batches[0]['size'] == 8


def test_a_killed_worker_is_reported_within_two_seconds_and_the_model_is_left_as_it_was():
    x, y = data()
    model = make_model()
    before = weights_of(model)
    trained_a_little = threading.Event()
    handle = fit_in_process(model, x, y, epochs=100_000, batch_size=8, verbose=0,
                            callbacks={'onEpochEnd': lambda e, logs: trained_a_little.set()})
    assert trained_a_little.wait(30)
    with pytest.raises(RuntimeError, match='training in the background'):
        model.set_weights(before)
    os.kill(handle.worker.pid, signal.SIGKILL)
    killed = time.perf_counter()
    with pytest.raises(WorkerError, match=rf'The worker process \(pid {handle.worker.pid}\) ended with exit code -9 '
                                          r'\(killed by SIGKILL\) before it answered'):
        handle.wait(timeout=2)
    reported = time.perf_counter() - killed
    print(f'\nkilled worker reported after {reported * 1000:.0f} ms')
    assert handle.state == 'failed' and reported < 2
    for got, want in zip(weights_of(model), before):
        np.testing.assert_array_equal(got, want)
    model.set_weights(before)  # the guard is gone


def test_errors_of_the_worker_come_back_as_the_same_types():
    x, y = data(8)
    model = make_model()
    with pytest.raises(ValueError, match='batchSize is required to be a positive integer, but got 0') as raised:
        fit_in_process(model, x, y, batch_size=0)
    assert 'In the worker process:' in raised.value.__notes__[0]
    with pytest.raises(ValueError, match='Error when checking target: expected dense_Dense\\d+ to have shape '):
        fit_in_process(model, x, np.zeros((8, 5), np.float32))
    with pytest.raises(TypeError, match="unknown option 'background'"):
        fit_in_process(model, x, y, background=True)
    uncompiled = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[3])])
    with pytest.raises(tf.errors.NotCompiledError, match='You must compile a model before training'):
        fit_in_process(uncompiled, x, y)
    by_function = make_model()
    by_function.compile(optimizer='sgd', loss=lambda t, p: t.sub(p).square().mean())
    with pytest.raises(ValueError, match='compiled with its loss and metrics given by name'):
        fit_in_process(by_function, x, y)
    model.fit(x, y, epochs=1, verbose=0)  # nothing was left behind


def test_a_worker_process_answers_messages_and_reports_its_own_errors():
    answers, errors, finished = [], [], threading.Event()
    worker = ProcessWorker(on_message=lambda m: (answers.append(m), finished.set()),
                           on_error=lambda e: (errors.append(e), finished.set()))
    worker.postMessage({'type': 'predict'})
    assert finished.wait(30)
    assert answers[0]['error'] == 'ValueError'
    assert answers[0]['message'] == "A worker's first message must be of type 'fit'; received 'predict'"
    finished.clear()
    assert finished.wait(5) and 'ended with exit code 0' in str(errors[0])   # it has nothing more to do
    worker.terminate()


def test_messages_carry_arrays_and_bytes_without_pickle():
    pipe = io.BytesIO()
    message = {'xs': [np.ones((2, 2), np.int32), tf.tensor([1.5])], 'n': np.float32(2.5), 'blob': b'\x00\x01'}
    write_message(pipe, message)
    pipe.seek(0)
    got = read_message(pipe)
    np.testing.assert_array_equal(got['xs'][0], np.ones((2, 2), np.int32))
    assert got['xs'][1].dtype == np.float32 and got['n'] == 2.5 and got['blob'] == b'\x00\x01'
    with pytest.raises(TypeError, match='Cannot send an array of dtype complex64 to a worker'):
        write_message(io.BytesIO(), {'x': np.zeros(1, np.complex64)})
    with pytest.raises(MessageError, match=r'^A worker message was cut short: 3 of \d+ bytes arrived$'):
        read_message(io.BytesIO(pipe.getvalue()[:4] + b'{"m'))
