"""``file://`` and plain paths: tfjs-node's ``NodeFileSystem`` handler, and the atomic file
writes that ``downloads://`` shares.

Saving writes a directory as tfjs-node does::

    my-model/model.json    topology, format, generatedBy, convertedBy and the weightsManifest
    my-model/weights.bin   every weight, little-endian, in manifest order

Loading takes the path of a model.json and reads the weight files its manifest lists,
relative to its directory. Unlike tfjs-node, plain paths (``'./my-model'``) work without
``file://``, and a directory is created with its parents.
"""
import contextlib
import os
import secrets

from ..errors import ModelFormatError, ModelNotFoundError
from .artifacts import SaveResult, join_weight_data, model_artifacts_info
from .model_json import NODE_FIELDS, artifacts_from_model_json, build_model_json, manifest_paths, parse_model_json
from .router import register_load_router, register_save_router
from .weights import check_weight_bytes

URL_SCHEME = 'file://'
MODEL_JSON_FILE_NAME = 'model.json'
WEIGHTS_FILE_NAME = 'weights.bin'


class NodeFileSystem:
    """Save a model to a directory, or load one from a model.json, like tfjs-node's
    ``tf.io.fileSystem(path)``.

    >>> import tempfile
    >>> handler = file_system(tempfile.mkdtemp())
    >>> handler.save({'modelTopology': {}, 'weightSpecs': [], 'weightData': b''})['modelArtifactsInfo']['weightDataBytes']
    0
    """

    def __init__(self, path):
        self.path = os.path.abspath(os.path.expanduser(os.fspath(path)))

    def __repr__(self):
        return f'NodeFileSystem({self.path!r})'

    def save(self, artifacts):
        """Write ``model.json`` and ``weights.bin`` into the directory, each atomically."""
        info = model_artifacts_info(artifacts)
        if os.path.isfile(self.path):
            raise NotADirectoryError(f'Path {self.path} exists as a file. The path must be nonexistent '
                                     'or point to a directory.')
        os.makedirs(self.path, exist_ok=True)
        model_json = build_model_json(artifacts, [WEIGHTS_FILE_NAME], NODE_FIELDS)
        write_files_atomically([
            (os.path.join(self.path, WEIGHTS_FILE_NAME), join_weight_data(artifacts.get('weightData')) or b''),
            (os.path.join(self.path, MODEL_JSON_FILE_NAME), model_json.encode('utf-8')),
        ])
        return SaveResult(info)

    def load(self):
        """Read the model.json at the path and the weight files its manifest lists (relative
        to its directory); errors name the file at fault."""
        if os.path.isdir(self.path):
            hint = os.path.join(self.path, MODEL_JSON_FILE_NAME)
            raise IsADirectoryError('The path to load from must be a file. Loading from a directory is not '
                                    f'supported: {self.path} is a directory. Point at the model.json file in it, '
                                    f'e.g. {hint!r}.')
        try:
            with open(self.path, 'rb') as file:
                model_json = parse_model_json(file.read(), self.path)
        except FileNotFoundError:
            raise ModelNotFoundError(f'Path {self.path} does not exist: loading failed') from None
        weight_data = None
        if model_json.get('weightsManifest') is not None:
            weight_files = [_weight_file_path(self.path, p) for p in manifest_paths(model_json['weightsManifest'])]
            weight_data = b''.join(_read_weight_file(file, self.path) for file in weight_files)
        artifacts = artifacts_from_model_json(model_json, weight_data)
        if weight_data is not None:
            source = weight_files[0] if len(weight_files) == 1 else f"the weight files {', '.join(weight_files)}"
            check_weight_bytes(artifacts['weightSpecs'], weight_data, source)
        return artifacts


def _weight_file_path(model_json_path, manifest_path):
    # Node's path.join: the manifest path is relative to model.json's directory even when it
    # starts with '/'; '/' separates directories on every platform. Unlike tfjs-node, a path
    # may not leave that directory: a model.json from elsewhere must not read arbitrary files.
    folder = os.path.dirname(model_json_path)
    path = os.path.normpath(os.path.join(folder, *manifest_path.split('/')))
    if os.path.commonpath([folder, path]) != folder or '\0' in manifest_path:
        raise ModelFormatError(f'The weightsManifest of {model_json_path} lists {manifest_path!r}, which is '
                               f'outside the folder of the model.json ({folder}); weight files must be in it')
    return path


def _read_weight_file(weight_file, model_json_path):
    try:
        with open(weight_file, 'rb') as file:
            return file.read()
    except FileNotFoundError:
        raise FileNotFoundError(f'Weight file {weight_file} does not exist: loading failed (it is listed '
                                f'in the weightsManifest of {model_json_path})') from None


def write_files_atomically(files):
    """Write ``[(path, bytes), ...]`` so that no file is ever seen half written: each goes to
    a temporary file next to its target, is flushed to disk, and only when all are written
    are they renamed over their targets, in order, back to back.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), 'a.txt')
    >>> write_files_atomically([(path, b'hello')])
    >>> open(path, 'rb').read()
    b'hello'
    """
    written = []
    try:
        for path, data in files:
            written.append((_write_temporary(path, data), path))
        for temporary, path in written:
            os.replace(temporary, path)
    finally:
        for temporary, _ in written:  # left over only when something failed
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)


def _write_temporary(path, data):
    directory, name = os.path.split(path)
    temporary = os.path.join(directory, f'.{name}.{os.getpid()}-{secrets.token_hex(4)}.tmp')
    # os.open with mode 0o666 lets the umask decide permissions, as for any new file.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, 'O_BINARY', 0), 0o666)
    try:
        with os.fdopen(descriptor, 'wb') as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def file_system(path):
    """tfjs-node's ``tf.io.fileSystem(path)``: a handler that saves into the directory ``path``
    or loads from the model.json file ``path``."""
    return NodeFileSystem(path)


def file_system_router(url, load_options=None):
    """Routes ``file://<path>`` and plain paths; URLs of any other scheme are left alone."""
    if not isinstance(url, (str, os.PathLike)):
        return None
    url = os.fspath(url)
    if isinstance(url, bytes) or not url:
        return None
    if url.startswith(URL_SCHEME):
        return NodeFileSystem(url[len(URL_SCHEME):])
    return None if '://' in url else NodeFileSystem(url)


file_system_router.url_scheme = f'{URL_SCHEME} (or a plain path)'
register_save_router(file_system_router)
register_load_router(file_system_router)
