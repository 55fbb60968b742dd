"""Every lesson in real JupyterLab and Chromium: all cells run without an error and a
screenshot of each is kept in test-artifacts/ (the quickstart, whose live plot is checked in
detail, has its own test)."""
import pathlib
import re
import urllib.request

import pytest
from test_quickstart_in_jupyterlab import open_notebook, run_all_cells

pytestmark = pytest.mark.browser

LESSONS = sorted(path.name for path in (pathlib.Path(__file__).parents[2] / 'notebooks').glob('*.ipynb')
                 if path.name != '01_quickstart.ipynb')


def forget_open_tabs(jupyter_lab):
    """Delete JupyterLab's saved workspace, which would reopen the tabs of earlier tests."""
    base, token, _ = jupyter_lab
    request = urllib.request.Request(f'{base}/lab/api/workspaces/default?token={token}', method='DELETE')
    try:
        urllib.request.urlopen(request, timeout=30).close()
    except urllib.error.HTTPError as err:
        if err.code != 404:   # none saved yet
            raise


@pytest.mark.parametrize('notebook', LESSONS)
def test_lesson_runs_in_jupyterlab(page, jupyter_lab, artifacts, notebook):
    forget_open_tabs(jupyter_lab)
    open_notebook(page, jupyter_lab, notebook)
    try:
        run_all_cells(page)

        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        texts = [errors.nth(i).inner_text() for i in range(errors.count())]
        assert not [t for t in texts if re.search(r'Traceback|Error', t)], texts
        counts = page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
            .filter(cell => cell.model.type === 'code').map(cell => cell.model.executionCount)""")
        assert counts == list(range(1, len(counts) + 1)), counts

        # The first chart (matplotlib or a widget), else the top of the lesson.
        charts = page.locator('.jp-OutputArea-output img, [data-tfjs-lab-widget]')
        if charts.count():
            charts.first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / notebook.replace('.ipynb', '.png')))
    except Exception:
        page.screenshot(path=str(artifacts / notebook.replace('.ipynb', '-failed.png')))
        print(page.evaluate("""() => window.jupyterapp.shell.currentWidget.content.widgets
            .filter(cell => cell.model.type === 'code').map(cell => [cell.model.executionCount,
             cell.model.outputs.toJSON().map(o => JSON.stringify(o).slice(0, 300))])"""))
        raise
    finally:
        # One kernel at a time (each holds its lesson's models and data), and no tab left for the
        # workspace to reopen in the next test.
        page.evaluate('''async () => {
            const panel = window.jupyterapp.shell.currentWidget;
            await panel.sessionContext.shutdown();
            panel.dispose();
        }''')
        page.goto('about:blank')
        forget_open_tabs(jupyter_lab)
