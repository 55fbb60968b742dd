"""TF.js's ``tf.io.browserFiles``: load a model from files the user picked, here an ipywidgets
``FileUpload`` (its ``value`` in ipywidgets 8 or 7) or files held in memory.

As in TF.js, the model.json comes first and the weight files are matched to the manifest's
paths by base name; unlike TF.js, the model.json may be anywhere in the selection (a file
dialog does not keep the order of clicks) as long as it is the only ``.json`` file.

>>> import tfjs_lab as tf
>>> from tfjs_lab.io.model_json import build_model_json
>>> saved = {}
>>> _ = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])]).save(tf.io.with_save_handler(saved.update))
>>> files = {'model.json': build_model_json(saved, ['./model.weights.bin']).encode(),
...          'model.weights.bin': saved['weightData']}
>>> tf.load_layers_model(tf.io.browser_files(files)).count_params()
3
"""
from collections.abc import Mapping

from ..errors import ModelFormatError
from .model_json import artifacts_from_model_json, parse_model_json
from .weights import check_weight_bytes

JSON_EXTENSION = '.json'


def basename(path):
    """TF.js's ``basename``: the part after the last ``/`` (a trailing ``/`` ignored)."""
    path = path.rstrip('/')
    return path[path.rfind('/') + 1:]


class BrowserFiles:
    """A load handler over ``[(file name, bytes), ...]``: a model.json and its weight files."""

    def __init__(self, files):
        if not files:
            raise ValueError(f'When calling browserFiles, at least 1 file is required, but received {files!r}')
        json_files = [i for i, (name, _) in enumerate(files) if name.lower().endswith(JSON_EXTENSION)]
        first = json_files[0] if len(json_files) == 1 else 0
        self.json_file = files[first]
        self.weight_files = files[:first] + files[first + 1:]

    def __repr__(self):
        return f"BrowserFiles({[self.json_file[0]] + [name for name, _ in self.weight_files]})"

    def load(self):
        """The artifacts of the model.json and the weight files its manifest names."""
        name, text = self.json_file
        model_json = parse_model_json(text, f"file '{name}'")
        if model_json.get('modelTopology') is None:
            raise ModelFormatError(f'modelTopology field is missing from file {name}')
        manifest = model_json.get('weightsManifest')
        if manifest is None:
            raise ModelFormatError(f'weightManifest field is missing from file {name}')
        if not self.weight_files:
            return {'modelTopology': model_json['modelTopology']}
        by_path = self._files_for(manifest)
        data = b''.join(by_path[path] for group in manifest for path in group['paths'])
        artifacts = artifacts_from_model_json(model_json, data)
        check_weight_bytes(artifacts['weightSpecs'], data, f"the weight files {', '.join(by_path)}")
        return artifacts

    def _files_for(self, manifest):
        """TF.js's ``checkManifestAndWeightFiles``: manifest path -> file bytes, by base name."""
        by_basename = {basename(name): data for name, data in self.weight_files}
        by_path, seen = {}, []
        for group in manifest:
            for path in group['paths']:
                base = basename(path)
                if base in seen:
                    raise ModelFormatError(f"Duplicate file basename found in weights manifest: '{base}'")
                seen.append(base)
                if base not in by_basename:
                    raise ModelFormatError(f"Weight file with basename '{base}' is not provided. Provided: "
                                           f'{sorted(by_basename)}')
                by_path[path] = by_basename[base]
        if len(seen) != len(self.weight_files):
            raise ModelFormatError(f'Mismatch in the number of files in weights manifest ({len(seen)}) and the '
                                   f'number of weight files provided ({len(self.weight_files)}).')
        return by_path


def uploaded_files(files):
    """``[(name, bytes)]`` from what a notebook holds: a ``FileUpload`` widget or its ``value``
    (ipywidgets 8: dicts with ``name`` and ``content``; ipywidgets 7: ``{name: {'content': ...}}``),
    a ``{name: bytes}`` dict, or ``(name, bytes)`` pairs.

    >>> uploaded_files([{'name': 'model.json', 'content': memoryview(b'{}'), 'size': 2}])
    [('model.json', b'{}')]
    """
    if hasattr(files, 'value') and not isinstance(files, (Mapping, list, tuple)):
        files = files.value  # the FileUpload widget itself
    if isinstance(files, Mapping):
        files = [(name, content.get('content') if isinstance(content, Mapping) else content)
                 for name, content in files.items()]
    out = []
    for entry in files:
        if isinstance(entry, Mapping):
            name, content = entry.get('name'), entry.get('content')
        elif isinstance(entry, (list, tuple)) and len(entry) == 2:
            name, content = entry
        else:
            raise TypeError('browser_files takes a FileUpload value, a {name: bytes} dict or (name, bytes) '
                            f'pairs; received an entry of type {type(entry).__name__}')
        if not isinstance(name, str) or not isinstance(content, (bytes, bytearray, memoryview)):
            raise TypeError(f'browser_files: each file needs a str name and bytes content; received name '
                            f'{name!r} with content of type {type(content).__name__}')
        out.append((name, bytes(content)))
    return out


def browser_files(files):
    """TF.js's ``tf.io.browserFiles(files)``: a load handler over uploaded or in-memory files,
    the model.json and its weight files (see :func:`uploaded_files` for the accepted forms)."""
    return BrowserFiles(uploaded_files(files))
