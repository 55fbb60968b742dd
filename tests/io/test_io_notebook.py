"""downloads:// shows links to its files in a notebook, and stays silent (without importing
IPython) everywhere else."""
import subprocess
import sys


SAVE_TO_DOWNLOADS = '''
import sys, tfjs_lab as tf
_ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save('downloads://linked')
'''


def test_a_notebook_gets_links_to_both_files(kernel, own_folders):
    displayed = []

    def collect(message):
        if message['msg_type'] == 'display_data':
            displayed.append(message['content']['data'])

    reply = kernel.execute_interactive(SAVE_TO_DOWNLOADS, output_hook=collect, timeout=60)
    assert reply['content']['status'] == 'ok', reply['content']
    assert len(displayed) == 1
    html = displayed[0]['text/html']
    assert '<a href="downloads/linked.json" download="linked.json"' in html
    assert '<a href="downloads/linked.weights.bin" download="linked.weights.bin"' in html
    assert displayed[0]['text/plain'] == 'Saved downloads/linked.json and downloads/linked.weights.bin'
    assert (own_folders / 'downloads' / 'linked.json').is_file()


def test_outside_a_notebook_nothing_is_shown_and_ipython_is_not_imported(own_folders):
    code = SAVE_TO_DOWNLOADS + "print('IPython' in sys.modules)"
    done = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout == 'False\n'
    assert (own_folders / 'downloads' / 'linked.weights.bin').is_file()
