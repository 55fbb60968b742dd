"""``import tfjs_lab`` stays light: NumPy only, the widget stack loads on first use of tf.vis."""
import subprocess
import sys

HEAVY = ('matplotlib', 'ipywidgets', 'anywidget', 'IPython')


def test_import_pulls_no_widget_or_plotting_libraries():
    code = ('import sys, tfjs_lab; '
            f'print(",".join(m for m in {HEAVY!r} if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ''


def test_camel_case_aliases_exist_for_the_guide_names():
    import tfjs_lab as tf
    assert tf.loadLayersModel is tf.load_layers_model
    assert tf.matMul is tf.mat_mul
    assert tf.Sequential.fitDataset is tf.Sequential.fit_dataset
    assert tf.data.array is not None and tf.train.sgd is not None


def test_nan_and_infinity_come_silently_as_in_tfjs_and_numpy_outside_still_warns():
    code = ('import numpy as np, tfjs_lab as tf\n'
            'print(tf.log(tf.tensor1d([-1])).data_sync(), tf.div(tf.tensor1d([1]), tf.tensor1d([0])).data_sync(),\n'
            '      tf.exp(tf.tensor1d([1000])).data_sync())\n'
            'np.log(np.array([-1.0]))\n')
    out = subprocess.run([sys.executable, '-W', 'default', '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ['[nan]', '[inf]', '[inf]']
    # the notebook's own NumPy call keeps its warning; nothing comes from inside tfjs_lab
    assert 'invalid value encountered in log' in out.stderr and 'tfjs_lab' not in out.stderr
