"""Models in the emulated stores outlive the kernel that saved them, and threads saving at the
same time leave every model whole (processes: test_io_faults.py)."""
import json
import subprocess
import sys
import threading

import numpy as np
import pytest

import tfjs_lab as tf

SAVE_AND_PREDICT = '''
import json, sys, tfjs_lab as tf
model = tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[4], activation='relu'),
                              tf.layers.dense(units=1, activation='sigmoid')])
model.save('localstorage://persisted')
model.save('indexeddb://persisted')
print(json.dumps(model.predict(tf.tensor2d(json.loads(sys.argv[1]))).array_sync()))
'''
LOAD_AND_PREDICT = '''
import json, sys, tfjs_lab as tf
x = tf.tensor2d(json.loads(sys.argv[1]))
print(json.dumps([tf.load_layers_model(url).predict(x).array_sync()
                  for url in ('localstorage://persisted', 'indexeddb://persisted')]))
'''
X = [[1, 2, 3, 4], [0.5, -1, 0, 2]]


def run_python(code, *args):
    done = subprocess.run([sys.executable, '-c', code, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def the_value_of_every_weight(url):
    values = np.concatenate([np.asarray(w).ravel() for w in tf.load_layers_model(url).get_weights()])
    assert np.unique(values).size == 1, f'{url} mixes the weights of different saves'
    return float(values[0])


def test_models_outlive_the_process_that_saved_them():
    saved = run_python(SAVE_AND_PREDICT, json.dumps(X))
    assert run_python(LOAD_AND_PREDICT, json.dumps(X)) == [saved, saved]
    assert sorted(tf.io.list_models()) == ['indexeddb://persisted', 'localstorage://persisted']


@pytest.mark.parametrize('store_dir', ['file', ':memory:'])
def test_threads_saving_at_once_leave_every_model_whole(own_folders, monkeypatch, store_dir):
    if store_dir == ':memory:':
        monkeypatch.setenv('TFJS_LAB_STORE_DIR', store_dir)
    models = []
    for value in (1.0, 2.0):
        model = tf.sequential(layers=[tf.layers.dense(units=100, input_shape=[100])])
        model.set_weights([np.full(w.shape, value, np.float32) for w in model.get_weights()])
        models.append(model)

    def save_often(model):
        for _ in range(10):
            model.save('localstorage://shared')
            model.save('indexeddb://shared')

    threads = [threading.Thread(target=save_often, args=(model,)) for model in models]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert the_value_of_every_weight('localstorage://shared') in (1.0, 2.0)
    assert the_value_of_every_weight('indexeddb://shared') in (1.0, 2.0)
