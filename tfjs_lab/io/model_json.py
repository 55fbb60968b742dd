"""model.json: built from artifacts and parsed back, in one place for downloads:// and
file://.

TF.js writes the fields in an order that depends on the writer, so the order is a
parameter: :data:`BROWSER_FIELDS` is tfjs-core's ``getModelJSONForModelArtifacts`` (used by
``downloads://``), :data:`NODE_FIELDS` is tfjs-node's ``file://`` handler.
"""
import json

from ..errors import ModelFormatError
from . import js_json
from .artifacts import pick_fields
from .weights import check_spec

BROWSER_FIELDS = ('modelTopology', 'format', 'generatedBy', 'convertedBy', 'weightsManifest',
                  'signature', 'userDefinedMetadata', 'modelInitializer', 'initializerSignature',
                  'trainingConfig')
NODE_FIELDS = ('modelTopology', 'weightsManifest', 'format', 'generatedBy', 'convertedBy',
               'trainingConfig', 'signature', 'userDefinedMetadata')
# Artifact fields copied from model.json on load (all but the manifest), as TF.js does.
_LOADED_FIELDS = ('modelTopology', 'format', 'generatedBy', 'convertedBy', 'trainingConfig',
                  'signature', 'userDefinedMetadata', 'modelInitializer', 'initializerSignature')


def build_model_json(artifacts, weight_paths, fields=BROWSER_FIELDS):
    """The model.json text for ``artifacts`` whose weights are stored at ``weight_paths``.

    >>> build_model_json({'modelTopology': {}, 'format': 'layers-model', 'weightSpecs': []},
    ...                  ['./model.weights.bin'])
    '{"modelTopology":{},"format":"layers-model","weightsManifest":[{"paths":["./model.weights.bin"],"weights":[]}]}'
    """
    source = dict(artifacts, weightsManifest=[{'paths': list(weight_paths),
                                               'weights': artifacts.get('weightSpecs')}])
    return js_json.stringify(pick_fields(source, fields))


def parse_model_json(text, source):
    """Parse and validate model.json text; returns the dict. ``source`` names the file in
    error messages.

    >>> parse_model_json('{"modelTopology": {}}', 'model.json')
    {'modelTopology': {}}
    """
    try:
        model_json = json.loads(text)
    except (ValueError, UnicodeDecodeError, RecursionError) as err:  # RecursionError: absurd nesting
        raise ModelFormatError(f'{source} is not valid JSON: {err}') from None
    if not isinstance(model_json, dict):
        raise ModelFormatError(f'{source} must hold a JSON object; found {type(model_json).__name__}')
    if model_json.get('modelTopology') is None and model_json.get('weightsManifest') is None:
        raise ModelFormatError(f'{source} has neither modelTopology nor weightsManifest: '
                               'it is not a TensorFlow.js model.json')
    topology = model_json.get('modelTopology')
    if topology is not None and not isinstance(topology, dict):
        raise ModelFormatError(f'modelTopology in {source} must be an object; found {type(topology).__name__}')
    if model_json.get('weightsManifest') is not None:
        check_manifest(model_json['weightsManifest'], source)
    return model_json


def check_manifest(manifest, source):
    """Validate a ``weightsManifest``: a list of ``{'paths': [str], 'weights': [spec]}``."""
    if not isinstance(manifest, list):
        raise ModelFormatError(f'weightsManifest in {source} must be a list; found {type(manifest).__name__}')
    for i, group in enumerate(manifest):
        if not isinstance(group, dict) or not isinstance(group.get('paths'), list) \
                or not isinstance(group.get('weights'), list):
            received = ('{' + ', '.join(f'{k!r}: {type(v).__name__}' for k, v in group.items()) + '}'
                        if isinstance(group, dict) else type(group).__name__)
            raise ModelFormatError(f'weightsManifest[{i}] in {source} must be an object with '
                                   f"'paths' and 'weights' lists; received {received}")
        for path in group['paths']:
            if not isinstance(path, str) or not path:
                raise ModelFormatError(f'weightsManifest[{i}] in {source} has an invalid path {path!r}')
        for j, spec in enumerate(group['weights']):
            check_spec(spec, j)


def manifest_paths(manifest):
    """Every weight file path of a manifest, in order (shards concatenate in this order)."""
    return [path for group in manifest for path in group['paths']]


def get_weight_specs(weights_manifest):
    """TF.js's ``tf.io.getWeightSpecs``: the weight specs of every group of a manifest, in order.

    >>> get_weight_specs([{'paths': ['a.bin'], 'weights': [{'name': 'w', 'shape': [1], 'dtype': 'float32'}]}])
    [{'name': 'w', 'shape': [1], 'dtype': 'float32'}]
    """
    check_manifest(weights_manifest, 'the weights manifest')
    return [spec for group in weights_manifest for spec in group['weights']]


def get_model_artifacts_for_json(model_json, load_weights):
    """TF.js's ``tf.io.getModelArtifactsForJSON``: artifacts from a parsed model.json, with
    ``load_weights(weights_manifest) -> (weight_specs, weight_data)`` reading the weights.

    >>> get_model_artifacts_for_json({'modelTopology': {}, 'weightsManifest': []}, lambda m: ([], b''))
    {'modelTopology': {}, 'weightSpecs': [], 'weightData': b''}
    """
    manifest = model_json.get('weightsManifest')
    specs, data = load_weights(manifest) if manifest is not None else (None, None)
    return get_model_artifacts_for_json_sync(model_json, specs, data)


def get_model_artifacts_for_json_sync(model_json, weight_specs=None, weight_data=None):
    """TF.js's ``tf.io.getModelArtifactsForJSONSync``: artifacts from a parsed model.json and
    the specs and data of its weights."""
    artifacts = pick_fields(model_json, _LOADED_FIELDS)
    if weight_specs is not None:
        artifacts['weightSpecs'] = weight_specs
    if weight_data is not None:
        artifacts['weightData'] = weight_data
    return artifacts


def artifacts_from_model_json(model_json, weight_data=None):
    """ModelArtifacts from a parsed model.json and its weight bytes (shards joined), as
    TF.js's ``getModelArtifactsForJSON``.

    >>> artifacts_from_model_json({'modelTopology': {}, 'format': 'layers-model'})
    {'modelTopology': {}, 'format': 'layers-model'}
    """
    artifacts = pick_fields(model_json, _LOADED_FIELDS)
    manifest = model_json.get('weightsManifest')
    if manifest is not None:
        artifacts['weightSpecs'] = [spec for group in manifest for spec in group['weights']]
        artifacts['weightData'] = weight_data
    return artifacts
