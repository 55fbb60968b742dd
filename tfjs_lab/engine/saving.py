"""Model <-> TF.js model artifacts (``modelTopology`` + weights), and model.json topology
(de)serialization. Loading never executes code: only registered classes are built."""
import os

from .. import io as tfio
from ..errors import ModelFormatError
from ..version import __version__, TFJS_FORMAT_VERSION
from .base_layer import REGISTRY


def model_topology(model):
    """The Keras-JSON topology TF.js writes: ``{class_name, config, keras_version, backend}``."""
    return {'class_name': model.class_name, 'config': model.get_config(),
            'keras_version': f'tfjs-layers {TFJS_FORMAT_VERSION}', 'backend': 'tensor_flow.js'}


def model_to_artifacts(model):
    data, specs = tfio.encode_weights([(w.original_name, w._data) for w in model.weights])
    return {'modelTopology': model_topology(model), 'format': 'layers-model',
            'generatedBy': f'tfjs_lab v{__version__}', 'convertedBy': None,
            'weightSpecs': specs, 'weightData': data}


def model_from_topology(topology):
    """Build a model (with fresh weights) from a model.json ``modelTopology`` dict."""
    if not isinstance(topology, dict):
        raise ModelFormatError(f'modelTopology must be a JSON object; received {type(topology).__name__}')
    if 'model_config' in topology:  # Keras HDF5-converted layout
        topology = topology['model_config']
    class_name = topology.get('class_name')
    if class_name not in REGISTRY.classes:
        raise ModelFormatError(f'Unknown layer or model class {class_name!r} in model topology; known: '
                               f'{", ".join(sorted(REGISTRY.classes))}')
    try:
        return REGISTRY.deserialize(topology)
    except (TypeError, KeyError) as err:
        raise ModelFormatError(f'Invalid {class_name} config in model topology: {err}') from None


def model_from_artifacts(artifacts, strict=True):
    model = model_from_topology(artifacts.get('modelTopology'))
    specs, data = artifacts.get('weightSpecs'), artifacts.get('weightData')
    if specs is not None and data is not None:
        load_named_weights(model, tfio.decode_weights(data, specs), strict)
    return model


def load_named_weights(model, named, strict=True):
    """Set weights by their saved names (``dense_Dense1/kernel``), as TF.js's loadWeights."""
    by_name = {w.original_name: w for w in model.weights}
    values = dict(named)
    missing = [n for n in by_name if n not in values]
    unused = [n for n in values if n not in by_name]
    if strict and (missing or unused):
        raise ModelFormatError(f'{len(missing)} of {len(by_name)} weights are not set: {missing}'
                               + (f'; weights in the file match no layer: {unused}' if unused else ''))
    for name, variable in by_name.items():
        if name in values:
            value = values[name]
            if list(value.shape) != variable.shape:
                raise ModelFormatError(f'Shape mismatch for weight {name}: the model expects '
                                       f'{variable.shape}, the file has {list(value.shape)}')
            variable._data = value.astype(variable._data.dtype, copy=True)


def io_handler(handler_or_url, action, load_options=None):
    if isinstance(handler_or_url, (str, os.PathLike)):
        return tfio.single_handler(handler_or_url, action, load_options)
    if not hasattr(handler_or_url, action):
        raise TypeError(f'Expected a URL string or an IO handler with a {action}() method; '
                        f'received {type(handler_or_url).__name__}')
    return handler_or_url
