"""tf.vis in real JupyterLab and Chromium: the dashboard's curves advance during a fit and end
with every epoch, its Stop button ends a running fit after the current batch, the visor's tabs
switch, and layer inspection draws images. Screenshots go to test-artifacts/."""
import json

import pytest

pytestmark = pytest.mark.browser

SETUP = '''
import time
import numpy as np
import tfjs_lab as tf
tf.set_seed(0)
def make_model():
    model = tf.sequential(layers=[tf.layers.dense(units=16, input_shape=[4], activation='relu', name='hidden'),
                                  tf.layers.dense(units=1, activation='sigmoid', name='out')])
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model
x = np.random.default_rng(0).normal(size=(256, 4)).astype(np.float32)
xs, ys = tf.tensor2d(x), tf.tensor2d((x[:, :1] * x[:, 1:2] > 0).astype(np.float32))
slow_epochs = tf.CustomCallback({'onEpochEnd': lambda epoch, logs: time.sleep(0.2)})
'''
DASHBOARD_FIT = '''
history = make_model().fit(xs, ys, epochs=30, batch_size=32, validation_split=0.25,
                           callbacks=[tf.vis.dashboard('Live run', callbacks=['onEpochEnd', 'onBatchEnd']), slow_epochs])
'''
STOPPED_FIT = '''
slow_batches = tf.CustomCallback({'onBatchEnd': lambda batch, logs: time.sleep(0.02)})
stopped = make_model().fit(xs, ys, epochs=500, batch_size=32, callbacks=[tf.vis.dashboard('Stop me'), slow_batches])
print(f'STOPPED AFTER {len(stopped.epoch)} EPOCHS')
'''
VISOR = '''
tf.vis.render.barchart({'name': 'Bars', 'tab': 'Charts'}, [{'index': 0, 'value': 3}, {'index': 1, 'value': 5}])
tf.vis.render.table({'name': 'Numbers', 'tab': 'Tables'}, {'headers': ['a', 'b'], 'values': [[1, 2]]})
tf.vis.show.model_summary({'name': 'Summary', 'tab': 'Model'}, make_model())
tf.vis.visor().set_active_tab('Charts')
'''
INSPECTION = '''
from tfjs_lab.vis.inspect import activation_html
from tfjs_lab.vis.render import place
feature_maps = np.sin(np.arange(8 * 8 * 6).reshape(1, 8, 8, 6) / 7.0)  # a conv layer's [1, h, w, channels]
display(place('Feature maps', 'activations', activation_html(feature_maps)))
tf.vis.inspect_layer(make_model(), 'hidden', x[0])
'''
CELLS = [SETUP, DASHBOARD_FIT, STOPPED_FIT, VISOR, INSPECTION]


def write_notebook(path):
    cells = [{'cell_type': 'code', 'execution_count': None, 'metadata': {}, 'outputs': [], 'source': code.strip()}
             for code in CELLS]
    path.write_text(json.dumps({'cells': cells, 'metadata': {'kernelspec': {
        'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}}, 'nbformat': 4, 'nbformat_minor': 5}))


def output_of(notebook, cell_index):
    return notebook.locator('.jp-Cell').nth(cell_index).locator('.jp-OutputArea')


def cell_query(cell_index, selector):
    """JS for the element ``selector`` in cell ``cell_index`` of the notebook on screen (other
    notebooks of the session stay in the page, hidden)."""
    return (f"document.getElementById(window.jupyterapp.shell.currentWidget.id)"
            f".querySelectorAll('.jp-Cell')[{cell_index}].querySelector('{selector}')")


def test_dashboard_visor_and_layer_inspection_in_jupyterlab(page, jupyter_lab, artifacts):
    base, token, root = jupyter_lab
    write_notebook(root / 'vis_widgets.ipynb')
    page.goto(f'{base}/lab/tree/vis_widgets.ipynb?token={token}')
    page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=60_000)
    # JupyterLab may restore other notebooks of the session's workspace: bring this one forward
    page.wait_for_function("() => window.jupyterapp?.commands.hasCommand('docmanager:open')", timeout=60_000)
    page.evaluate("async () => { await window.jupyterapp.commands.execute('docmanager:open', {path: 'vis_widgets.ipynb'}); }")
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        return panel?.context?.path === 'vis_widgets.ipynb' && panel.sessionContext?.session?.kernel;
    }""", timeout=60_000)
    page.evaluate("""async () => {
        const panel = window.jupyterapp.shell.currentWidget;
        await panel.sessionContext.ready;
        window.jupyterapp.commands.execute('notebook:run-all-cells');  // resolves only when every cell ran
    }""")
    notebook = page.locator('#' + page.evaluate('() => window.jupyterapp.shell.currentWidget.id'))

    # 1. live curves: a screenshot mid-fit and one at the end differ; the end shows all 30 epochs
    live = output_of(notebook, 1)
    plot = live.locator('[data-tfjs-lab-widget="fit-plot"]')
    plot.wait_for(timeout=90_000)
    page.wait_for_function(f"""() => {{
        const plot = {cell_query(1, '[data-tfjs-lab-widget="fit-plot"]')};
        return plot && Number(plot.dataset.epochs) >= 3 && plot.dataset.state === 'training';
    }}""", timeout=60_000, polling=100)
    live.scroll_into_view_if_needed()
    early = live.screenshot(path=str(artifacts / 'dashboard-during-fit.png'))
    early_epochs = int(plot.get_attribute('data-epochs'))
    live.locator('[data-tfjs-lab-widget="fit-plot"][data-state="done"]').wait_for(timeout=60_000)
    panel = live.locator('[data-tfjs-lab-widget="training-panel"]')
    live.locator('[data-tfjs-lab-widget="training-panel"][data-state="done"]').wait_for(timeout=30_000)
    page.wait_for_timeout(300)  # the last animation frame
    final = live.screenshot(path=str(artifacts / 'dashboard-after-fit.png'))
    assert early_epochs < 30 and early != final
    assert plot.get_attribute('data-epochs') == '30'
    for series in ('loss', 'val_loss', 'acc', 'val_acc', 'batch loss', 'batch acc'):
        assert len(plot.locator(f'path[data-series="{series}"]').get_attribute('d')) > 20, series
    assert panel.locator('table tr').count() == 1 + 4  # kernel and bias of two layers
    assert panel.get_attribute('data-epoch') == '30'

    # 2. Stop ends a 500-epoch fit after the current batch
    stoppable = output_of(notebook, 2)
    running = stoppable.locator('[data-tfjs-lab-widget="training-panel"][data-state="training"]')
    running.wait_for(timeout=60_000)
    page.wait_for_function(f"""() => {{
        const panel = {cell_query(2, '[data-tfjs-lab-widget="training-panel"]')};
        return panel && Number(panel.dataset.epoch) >= 1;
    }}""", timeout=60_000, polling=100)
    stoppable.locator('button.stop').click()
    stopped = stoppable.locator('[data-tfjs-lab-widget="training-panel"][data-state="done"][data-stopped="true"]')
    stopped.wait_for(timeout=30_000)
    message = stoppable.get_by_text('STOPPED AFTER')
    message.wait_for(timeout=30_000)
    epochs_run = int(message.inner_text().split()[2])
    assert 1 <= epochs_run < 500
    stoppable.screenshot(path=str(artifacts / 'dashboard-stopped.png'))

    # 3. the visor's tabs switch
    visor = output_of(notebook, 3).locator('[data-tfjs-lab-widget="visor"]')
    visor.wait_for(timeout=60_000)
    page.wait_for_function(f"""() => {{
        const visor = {cell_query(3, '[data-tfjs-lab-widget="visor"]')};
        return visor && visor.dataset.activeTab === 'Charts' && visor.querySelectorAll('button.tab').length === 3;
    }}""", timeout=60_000)
    assert visor.locator('[data-surface="Bars"] rect[data-value]').count() == 2
    assert visor.locator('[data-surface="Bars"]').is_visible() and not visor.locator('[data-surface="Numbers"]').is_visible()
    visor.locator('button[data-tab="Model"]').click()
    page.wait_for_function(f"() => {cell_query(3, '.tfjs-lab-visor')}.dataset.activeTab === 'Model'")
    assert visor.locator('[data-surface="Summary"]').is_visible() and not visor.locator('[data-surface="Bars"]').is_visible()
    assert visor.locator('[data-surface="Summary"] td').first.inner_text() == 'hidden'
    visor.screenshot(path=str(artifacts / 'visor-model-tab.png'))

    # 4. layer inspection draws images: feature maps of a rank-4 activation, and a Dense layer
    inspection = output_of(notebook, 4)
    images = inspection.locator('[data-tfjs-lab-figure="activations"] img')
    images.first.wait_for(timeout=60_000)
    assert images.count() == 6
    assert images.evaluate_all('images => images.every(img => img.complete && img.naturalWidth === 8 '
                               '&& img.naturalHeight === 8)')
    dense = inspection.locator('[data-tfjs-lab-figure="layer_inspection"]')
    assert dense.locator('[data-part="activations"] rect').count() >= 16  # one bar per unit
    assert dense.locator('[data-weight="kernel"] rect').count() >= 4 * 16  # the kernel's heat map cells
    inspection.screenshot(path=str(artifacts / 'layer-inspection.png'))
