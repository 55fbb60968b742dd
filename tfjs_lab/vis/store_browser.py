"""``StoreBrowser``: the models in the emulated ``localstorage://`` and ``indexeddb://`` stores,
in a table with their save dates and sizes and the localStorage quota used, with actions to
load, download (``downloads://`` files and links), copy, move and delete each model.

Every action is a method as well (``browser.delete(url)``), so a notebook can script what the
buttons do. The front end (``vis/static/store_browser.js``) sends ``{'type': action, 'url',
'dest'}`` messages; the kernel answers by updating the traits. The rendered root carries
``data-tfjs-lab-widget="store-browser"``, ``data-models`` (rows shown) and ``data-busy``, and
each row ``data-url``.
"""
import os
import pathlib

import anywidget
import traitlets

from .. import io as tf_io
from ..io.downloads import downloads_dir
from ..io.store import DEFAULT_LOCAL_STORAGE_QUOTA, LOCAL_STORAGE_QUOTA_ENV, quota
from ..io.store import default_store

_STATIC = pathlib.Path(__file__).parent / 'static'
ACTIONS = ('refresh', 'load', 'download', 'copy', 'move', 'delete')


def model_rows():
    """One row per stored model: url, scheme, path, date saved (ISO text) and byte sizes."""
    rows = []
    for url, info in tf_io.list_models().items():
        scheme, path = url.split('://', 1)
        sizes = {'topology_bytes': info['modelTopologyBytes'], 'weight_specs_bytes': info['weightSpecsBytes'],
                 'weight_data_bytes': info['weightDataBytes']}
        rows.append({'url': url, 'scheme': scheme, 'path': path, 'date_saved': info['dateSaved'].isoformat(),
                     **sizes, 'total_bytes': sum(sizes.values())})
    return rows


def local_storage_usage():
    """``{'used': UTF-16 code units of all keys and values, 'quota': the emulated quota}``."""
    with default_store().read() as tx:
        return {'used': tx.local_storage_length(), 'quota': quota(LOCAL_STORAGE_QUOTA_ENV, DEFAULT_LOCAL_STORAGE_QUOTA)}


class StoreBrowser(anywidget.AnyWidget):
    """A table of the stored models with load, download, copy, move and delete actions.

    >>> import tfjs_lab as tf
    >>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save('localstorage://browsed')
    >>> browser = tf.vis.StoreBrowser()
    >>> 'localstorage://browsed' in [row['url'] for row in browser.models]
    True
    >>> browser.delete('localstorage://browsed')
    >>> browser.message
    'Deleted localstorage://browsed'
    """
    _esm = _STATIC / 'store_browser.js'
    _css = _STATIC / 'store_browser.css'

    models = traitlets.List().tag(sync=True)     # model_rows()
    usage = traitlets.Dict().tag(sync=True)      # local_storage_usage()
    message = traitlets.Unicode('').tag(sync=True)
    error = traitlets.Unicode('').tag(sync=True)
    links = traitlets.List().tag(sync=True)      # [{'name', 'href'}] of the last download

    def __init__(self, on_load=None):
        super().__init__()
        self.loaded = None       # the model the last 'load' gave
        self.on_load = on_load   # called with (url, model) after a load
        self.refresh()
        self.on_msg(self._on_front_end_message)

    def __repr__(self):
        return f'StoreBrowser(models={[row["url"] for row in self.models]})'

    def refresh(self):
        """Read the stores again."""
        with self.hold_sync():
            self.models = model_rows()
            self.usage = local_storage_usage()

    def load(self, url):
        """Load the model at ``url``; it is kept as ``browser.loaded`` (and given to ``on_load``)."""
        from ..models import load_layers_model
        self.loaded = load_layers_model(url)
        self._done(f'Loaded {url} as browser.loaded ({self.loaded.name})')
        if self.on_load is not None:
            self.on_load(url, self.loaded)
        return self.loaded

    def download(self, url):
        """Save the model at ``url`` as ``downloads://<its path>`` files; returns their paths."""
        name = url.split('://', 1)[1].replace('/', '_')
        tf_io.copy_model(url, 'downloads://' + name)
        handler = tf_io.browser_downloads(name)
        directory = downloads_dir()
        paths = [os.path.join(directory, file) for file in (handler.model_json_file_name,
                                                            handler.weight_data_file_name)]
        self.links = [{'name': os.path.basename(path), 'href': _relative(path)} for path in paths]
        self._done(f'Downloaded {url} to {_relative(directory)}/')
        return paths

    def copy(self, url, dest):
        """Copy the model at ``url`` to ``dest`` (any URL a model can be saved to)."""
        tf_io.copy_model(url, dest)
        self._done(f'Copied {url} to {dest}')

    def move(self, url, dest):
        """Move the model at ``url`` to ``dest``; the source stays if saving fails."""
        tf_io.move_model(url, dest)
        self._done(f'Moved {url} to {dest}')

    def delete(self, url):
        """Remove the model at ``url`` from its store."""
        tf_io.remove_model(url)
        self._done(f'Deleted {url}')

    def _done(self, message):
        with self.hold_sync():
            self.refresh()
            self.error = ''
            self.message = message

    def _on_front_end_message(self, widget, content, buffers):
        action = content.get('type') if isinstance(content, dict) else None
        if action not in ACTIONS:
            return
        try:
            if action == 'refresh':
                self._done('')
            elif action in ('copy', 'move'):
                getattr(self, action)(content['url'], content.get('dest', ''))
            else:
                getattr(self, action)(content['url'])
        except Exception as err:  # noqa: BLE001 - shown on the widget instead of lost in the kernel log
            with self.hold_sync():
                self.refresh()
                self.message = ''
                self.error = f'{action} {content.get("url", "")} failed: {type(err).__name__}: {err}'


def _relative(path):
    # Links in a notebook resolve against the notebook's folder, normally the kernel's directory.
    try:
        return os.path.relpath(path).replace(os.sep, '/')
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, '/')


def store_browser(on_load=None):
    """A :class:`StoreBrowser`; ``on_load(url, model)`` is called after each load."""
    return StoreBrowser(on_load)
