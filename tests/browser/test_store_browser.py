"""The store browser in real JupyterLab and Chromium: it lists the stored models and deletes
one through its two-step Delete button; the store file no longer holds it."""
import json

import pytest

from tfjs_lab.io.local_storage import model_keys
from tfjs_lab.io.store import Store

from test_quickstart_in_jupyterlab import open_notebook, run_all_cells

pytestmark = pytest.mark.browser

CELLS = [
    "import tfjs_lab as tf\n"
    "for url in ('localstorage://doomed', 'localstorage://kept', 'indexeddb://kept'):\n"
    "    tf.sequential(layers=[tf.layers.dense(units=4, input_shape=[3])]).save(url)",
    "browser = tf.vis.StoreBrowser()\nbrowser",
]


def write_notebook(path, cells):
    path.write_text(json.dumps({
        'cells': [{'cell_type': 'code', 'execution_count': None, 'metadata': {}, 'outputs': [], 'source': source}
                  for source in cells],
        'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}},
        'nbformat': 4, 'nbformat_minor': 5}))


def test_the_store_browser_deletes_a_model(page, jupyter_lab, artifacts):
    _, _, root = jupyter_lab
    write_notebook(root / 'store_browser.ipynb', CELLS)
    open_notebook(page, jupyter_lab, 'store_browser.ipynb')
    run_all_cells(page)

    # The stores are the server's: earlier notebooks of this session may have saved models too.
    widget = page.locator('[data-tfjs-lab-widget="store-browser"][data-busy="false"]')
    widget.wait_for(timeout=30_000)
    urls = widget.locator('tr[data-url]').evaluate_all('rows => rows.map(r => r.dataset.url)')
    assert {'localstorage://doomed', 'localstorage://kept', 'indexeddb://kept'} <= set(urls)
    assert widget.get_attribute('data-models') == str(len(urls))
    row = widget.locator('tr[data-url="localstorage://doomed"]')
    row.locator('button.delete').click()
    row.locator('button.confirm-delete').click()
    page.wait_for_selector(f'[data-tfjs-lab-widget="store-browser"][data-models="{len(urls) - 1}"]'
                           '[data-busy="false"]', timeout=30_000)
    assert widget.locator('.status').inner_text() == 'Deleted localstorage://doomed'
    assert widget.locator('tr[data-url="localstorage://doomed"]').count() == 0
    widget.screenshot(path=str(artifacts / 'store-browser-after-delete.png'))

    store = Store(root.parent / 'stores' / 'store.sqlite')
    with store.read() as tx:
        assert tx.get_item(model_keys('doomed')['info']) is None
        assert tx.get_item(model_keys('kept')['info']) is not None
