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
