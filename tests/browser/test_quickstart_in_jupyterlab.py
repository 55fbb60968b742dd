"""The quickstart notebook in real JupyterLab and in Notebook 7, in Chromium: every cell runs
without error and the live training plot reaches its final state on screen."""
import re

import pytest

pytestmark = pytest.mark.browser

RUN_ALL_TIMEOUT_MS = 120_000


def open_notebook(page, jupyter_lab, name, interface='lab'):
    """Open ``name`` alone in JupyterLab (in a workspace of its own: the server is shared by the
    tests, and JupyterLab would otherwise restore the notebooks earlier tests opened) or in
    Notebook 7 (one notebook per page)."""
    base, token, _ = jupyter_lab
    if interface == 'lab':
        workspace = re.sub(r'[^A-Za-z0-9-]', '-', name)
        page.goto(f'{base}/lab/workspaces/{workspace}/tree/{name}?token={token}&reset')
    else:
        page.goto(f'{base}/notebooks/{name}?token={token}')
    page.wait_for_function("""name => {
        const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
        return widget && widget.context && widget.context.path.endsWith(name)
            && widget.sessionContext?.session?.kernel && widget.content.widgets.length > 0;
    }""", arg=name, timeout=60_000)


def run_all_cells(page):
    """Run every cell and wait until each code cell has finished (its prompt shows a number)."""
    page.evaluate("""async () => {
        const panel = window.jupyterapp.shell.currentWidget;
        await panel.sessionContext.ready;
        await window.jupyterapp.commands.execute('notebook:run-all-cells');
    }""")
    page.wait_for_function("""() => {
        const panel = window.jupyterapp.shell.currentWidget;
        const cells = panel.content.widgets.filter(cell => cell.model.type === 'code');
        return panel.sessionContext.session.kernel.status === 'idle'
            && cells.every(cell => cell.model.executionCount !== null);
    }""", timeout=RUN_ALL_TIMEOUT_MS, polling=500)


@pytest.mark.parametrize('interface', ['lab', 'notebook7'])
def test_quickstart_runs_and_shows_the_final_plot(page, jupyter_lab, artifacts, interface):
    open_notebook(page, jupyter_lab, '01_quickstart.ipynb', interface)
    run_all_cells(page)

    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts = [errors.nth(i).inner_text() for i in range(errors.count())]
    assert not [t for t in texts if re.search(r'Traceback|Error', t)], texts

    plot = page.locator('[data-tfjs-lab-widget="fit-plot"][data-state="done"]')
    plot.wait_for(timeout=30_000)
    plot.scroll_into_view_if_needed()
    page.wait_for_function("""() => {
        const plot = document.querySelector('[data-tfjs-lab-widget="fit-plot"]');
        return plot && Number(plot.dataset.points) > 0;
    }""", timeout=30_000)
    assert plot.get_attribute('data-epochs') == '20'
    # 20 epochs of loss, val_loss, acc, val_acc, and 25 batches of loss and acc per epoch
    assert int(plot.get_attribute('data-points')) == 20 * 4 + 20 * 25 * 2
    for series in ('loss', 'val_loss', 'acc', 'val_acc', 'batch loss', 'batch acc'):
        path = plot.locator(f'path[data-series="{series}"]')
        assert path.count() == 1 and len(path.get_attribute('d')) > 20, series
    plot.screenshot(path=str(artifacts / f'quickstart-fit-plot-{interface}.png'))
    page.screenshot(path=str(artifacts / f'quickstart-{interface}.png'))
