"""Nothing lost: after an exception injected mid-save, a process killed mid-save, two processes
saving at once and a move whose destination fails, every model saved before is still loadable
and correct."""
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import tfjs_lab as tf
from tfjs_lab.errors import QuotaExceededError
from tfjs_lab.io import files
from tfjs_lab.io.store import Transaction

# Saves models whose every weight is the iteration number, over and over, to every medium.
SAVE_FOREVER = '''
import os, sys, numpy as np, tfjs_lab as tf
folder = sys.argv[1]
model = tf.sequential(layers=[tf.layers.dense(units=200, input_shape=[200])])
for i in range(1, 10 ** 9):
    model.set_weights([np.full(w.shape, float(i), np.float32) for w in model.get_weights()])
    for url in ('localstorage://shared', 'indexeddb://shared', os.path.join(folder, 'shared')):
        model.save(url)
    if i == 1:
        open(os.path.join(folder, 'saving'), 'w').close()
'''
# Saves a model whose every weight is VALUE, COUNT times to each store, once told to go.
SAVE_OFTEN = '''
import os, sys, time, numpy as np, tfjs_lab as tf
value, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
model = tf.sequential(layers=[tf.layers.dense(units=100, input_shape=[100])])
model.set_weights([np.full(w.shape, float(value), np.float32) for w in model.get_weights()])
open(os.path.join(folder, 'ready-' + value), 'w').close()
while not os.path.exists(os.path.join(folder, 'go')):
    time.sleep(0.005)
for _ in range(count):
    model.save('localstorage://shared')
    model.save('indexeddb://shared')
model.save('localstorage://own-' + value)
'''
MEDIA = ('localstorage://{name}', 'indexeddb://{name}', '{tmp}/{name}')


def urls(own_folders, name):
    """(save URL, load URL) of ``name`` in every medium."""
    for pattern in MEDIA:
        url = pattern.format(name=name, tmp=own_folders)
        yield url, url if '://' in url else os.path.join(url, 'model.json')


def the_value_of_every_weight(url):
    values = np.concatenate([np.asarray(w).ravel() for w in tf.load_layers_model(url).get_weights()])
    assert np.unique(values).size == 1, f'{url} mixes the weights of different saves'
    return float(values[0])


def save_everywhere(model, own_folders, name):
    for save_url, _ in urls(own_folders, name):
        model.save(save_url)


def assert_still_there(own_folders, name, model, predict):
    for _, load_url in urls(own_folders, name):
        np.testing.assert_array_equal(predict(tf.load_layers_model(load_url)), predict(model))


@pytest.mark.parametrize('method, call', [('set_item', 3), ('put_record', 2)], ids=['localstorage', 'indexeddb'])
def test_an_exception_in_the_middle_of_a_store_save_keeps_every_model(
        own_folders, monkeypatch, make_model, predict, method, call):
    scheme = 'localstorage' if method == 'set_item' else 'indexeddb'
    before, other = make_model(), make_model()
    before.save(f'{scheme}://target')
    other.save(f'{scheme}://other')
    original, calls = getattr(Transaction, method), []

    def failing(self, *args):
        calls.append(args)
        if len(calls) == call:
            raise RuntimeError('injected in the middle of the save')
        return original(self, *args)

    monkeypatch.setattr(Transaction, method, failing)
    with pytest.raises(RuntimeError, match='injected'):
        make_model().save(f'{scheme}://target')
    monkeypatch.setattr(Transaction, method, original)
    np.testing.assert_array_equal(predict(tf.load_layers_model(f'{scheme}://target')), predict(before))
    np.testing.assert_array_equal(predict(tf.load_layers_model(f'{scheme}://other')), predict(other))
    assert sorted(tf.io.list_models()) == [f'{scheme}://other', f'{scheme}://target']


@pytest.mark.parametrize('delay', [0.0, 0.05, 0.2])
def test_a_process_killed_mid_save_leaves_every_model_whole(own_folders, make_model, predict, delay):
    before = make_model()
    save_everywhere(before, own_folders, 'before')
    writer = subprocess.Popen([sys.executable, '-c', SAVE_FOREVER, str(own_folders)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not (own_folders / 'saving').exists():
        assert writer.poll() is None, writer.stderr.read().decode()
        assert time.monotonic() < deadline, 'the writer did not start saving'
        time.sleep(0.01)
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stderr.close()
    assert_still_there(own_folders, 'before', before, predict)
    for _, load_url in urls(own_folders, 'shared'):
        assert the_value_of_every_weight(load_url) >= 1.0


def test_two_processes_saving_100_times_each_leave_every_model_whole(own_folders, make_model, predict):
    before = make_model()
    before.save('localstorage://before')
    before.save('indexeddb://before')
    writers = [subprocess.Popen([sys.executable, '-c', SAVE_OFTEN, value, str(own_folders), '100'],
                                stderr=subprocess.PIPE, text=True) for value in ('1', '2')]
    deadline = time.monotonic() + 60
    while not all((own_folders / f'ready-{value}').exists() for value in ('1', '2')):
        assert time.monotonic() < deadline and all(w.poll() is None for w in writers), 'a writer did not start'
        time.sleep(0.01)
    (own_folders / 'go').touch()
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors
    assert the_value_of_every_weight('localstorage://shared') in (1.0, 2.0)
    assert the_value_of_every_weight('indexeddb://shared') in (1.0, 2.0)
    assert [the_value_of_every_weight(f'localstorage://own-{value}') for value in '12'] == [1.0, 2.0]
    for url in ('localstorage://before', 'indexeddb://before'):
        np.testing.assert_array_equal(predict(tf.load_layers_model(url)), predict(before))


# --- moves whose destination fails ---------------------------------------------------------------
def test_a_move_to_a_file_that_fails_midway_keeps_the_source(own_folders, monkeypatch, model, predict):
    model.save('indexeddb://source')

    def disk_full(descriptor):
        raise OSError(28, 'No space left on device')

    monkeypatch.setattr('tfjs_lab.io.files.os.fsync', disk_full)
    with pytest.raises(OSError, match='No space left on device'):
        tf.io.move_model('indexeddb://source', f'file://{own_folders}/exported')
    np.testing.assert_array_equal(predict(tf.load_layers_model('indexeddb://source')), predict(model))
    assert not (own_folders / 'exported' / 'model.json').exists()


def test_a_move_into_a_full_local_storage_keeps_the_source(monkeypatch, model, predict):
    model.save('indexeddb://source')
    monkeypatch.setenv('TFJS_LAB_LOCAL_STORAGE_QUOTA', '1000')
    with pytest.raises(QuotaExceededError):
        tf.io.move_model('indexeddb://source', 'localstorage://dest')
    np.testing.assert_array_equal(predict(tf.load_layers_model('indexeddb://source')), predict(model))
    assert list(tf.io.list_models()) == ['indexeddb://source']


def test_a_move_whose_copy_reads_back_wrong_keeps_the_source(own_folders, monkeypatch, model, predict):
    model.save('localstorage://source')
    original = files.write_files_atomically

    def corrupting(written):
        original([(path, data[:-1] + bytes([data[-1] ^ 1]) if path.endswith('.bin') else data)
                  for path, data in written])

    monkeypatch.setattr(files, 'write_files_atomically', corrupting)
    with pytest.raises(OSError, match=r'Moving failed: the weight data read back from .* differs from the source; '
                                      'the source is kept.'):
        tf.io.move_model('localstorage://source', f'file://{own_folders}/exported')
    np.testing.assert_array_equal(predict(tf.load_layers_model('localstorage://source')), predict(model))
