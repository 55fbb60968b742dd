"""``downloads://``: TF.js's ``BrowserDownloads``, with a folder in place of the browser's
download prompt.

``model.save('downloads://my-model')`` writes the two files a browser would download::

    my-model.json          model.json whose weightsManifest paths are ['./my-model.weights.bin']
    my-model.weights.bin   the weight data

into ``$TFJS_LAB_DOWNLOADS_DIR``, or ``./downloads`` under the current directory. In a notebook
it also shows links to both files. Each file is replaced atomically.
"""
import html
import os
import urllib.parse

from .._notebook import kernel_shell
from .artifacts import SaveResult, join_weight_data, model_artifacts_info
from .files import write_files_atomically
from .model_json import build_model_json
from .router import register_save_router, scheme_router

URL_SCHEME = 'downloads://'
DOWNLOADS_DIR_ENV = 'TFJS_LAB_DOWNLOADS_DIR'
DEFAULT_FILE_NAME_PREFIX = 'model'
JSON_EXTENSION = '.json'
WEIGHT_DATA_EXTENSION = '.weights.bin'


def downloads_dir():
    """The folder ``downloads://`` saves into: ``$TFJS_LAB_DOWNLOADS_DIR``, else ``./downloads``."""
    return os.path.abspath(os.environ.get(DOWNLOADS_DIR_ENV) or 'downloads')


class BrowserDownloads:
    """Save a model as ``<prefix>.json`` and ``<prefix>.weights.bin`` in the downloads folder.

    >>> handler = browser_downloads('my-model')
    >>> handler.model_json_file_name, handler.weight_data_file_name
    ('my-model.json', 'my-model.weights.bin')
    """

    def __init__(self, file_name_prefix=DEFAULT_FILE_NAME_PREFIX):
        if file_name_prefix.startswith(URL_SCHEME):
            file_name_prefix = file_name_prefix[len(URL_SCHEME):]
        file_name_prefix = file_name_prefix or DEFAULT_FILE_NAME_PREFIX
        # A browser saves downloads under a file name; a path here would escape the folder.
        if '/' in file_name_prefix or '\\' in file_name_prefix or file_name_prefix in ('.', '..'):
            raise ValueError(f"downloads:// takes a file name, not a path: received '{file_name_prefix}'. "
                             f"To save into a directory of your choice use 'file://{file_name_prefix}'.")
        self.model_json_file_name = file_name_prefix + JSON_EXTENSION
        self.weight_data_file_name = file_name_prefix + WEIGHT_DATA_EXTENSION

    def save(self, artifacts):
        """Write both files (the weights only if there is weight data, as TF.js does)."""
        info = model_artifacts_info(artifacts)
        directory = downloads_dir()
        os.makedirs(directory, exist_ok=True)
        json_path = os.path.join(directory, self.model_json_file_name)
        model_json = build_model_json(artifacts, ['./' + self.weight_data_file_name])
        files = [(json_path, model_json.encode('utf-8'))]
        weight_data = join_weight_data(artifacts.get('weightData'))
        if weight_data is not None:
            # Weights first: whoever sees the new model.json finds its weights in place.
            files.insert(0, (os.path.join(directory, self.weight_data_file_name), weight_data))
        write_files_atomically(files)
        _show_links_in_notebook([path for path, _ in reversed(files)])
        return SaveResult(info)


def _show_links_in_notebook(paths):
    if kernel_shell() is None:
        return
    from IPython.display import display
    shown = [_relative_to_cwd(path) for path in paths]
    links = ' '.join(_download_link(path) for path in shown)
    display({'text/html': f'<p>Saved to {html.escape(os.path.dirname(shown[0]) or ".")}/: {links}</p>',
             'text/plain': 'Saved ' + ' and '.join(shown)}, raw=True)


def _download_link(path):
    name = html.escape(os.path.basename(path))
    return f'<a href="{html.escape(urllib.parse.quote(path))}" download="{name}" target="_blank">{name}</a>'


def _relative_to_cwd(path):
    # Notebook links resolve against the notebook's folder, normally the kernel's directory.
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, '/')
    return relative.replace(os.sep, '/')


def browser_downloads(file_name_prefix=DEFAULT_FILE_NAME_PREFIX):
    """TF.js's ``tf.io.browserDownloads(fileNamePrefix)``: save as ``<prefix>.json`` and
    ``<prefix>.weights.bin`` in the downloads folder."""
    return BrowserDownloads(file_name_prefix)


browser_downloads_router = scheme_router(URL_SCHEME, BrowserDownloads)  # for saving only, as in TF.js
register_save_router(browser_downloads_router)
