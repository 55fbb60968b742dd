"""Model <-> TF.js model artifacts (``modelTopology`` + weights), and model.json topology
(de)serialization. Loading never executes code: only registered classes are built."""
import os

import numpy as np

from .. import io as tfio
from ..core.tensor import Tensor
from ..errors import ModelFormatError
from ..serialization import pythonic
from ..version import __version__, TFJS_FORMAT_VERSION
from .base_layer import REGISTRY, weight_value_budget


def model_topology(model):
    """The Keras-JSON topology TF.js writes: ``{class_name, config, keras_version, backend}``,
    with string values in snake_case as TF.js's toJSON writes them."""
    return pythonic({'class_name': model.class_name, 'config': model.get_config(),
                     'keras_version': f'tfjs-layers {TFJS_FORMAT_VERSION}', 'backend': 'TensorFlow.js'})


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


# --- include_optimizer, user-defined metadata and guarded loading ---------------------------
# TF.js's LayersModel.save(handler, {includeOptimizer}) and loadLayersModelFromIOHandler.
OPTIMIZER_WEIGHT_GROUP = 'optimizer'
# Values the layers of a loaded topology may create when no weight data bounds them (a
# topology-only or non-strict load): enough for any notebook model, far from a memory blow-up.
MAX_UNBOUNDED_WEIGHT_VALUES = 2 ** 26


def saved_artifacts(model, include_optimizer=False):
    """The artifacts ``model.save(url, include_optimizer=...)`` writes, in TF.js's field order:
    with ``include_optimizer`` and a compiled model, the ``trainingConfig`` and the optimizer's
    weights (group ``'optimizer'``) after the model's; ``userDefinedMetadata`` when the model has
    some (``model.user_defined_metadata``).

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
    >>> model.compile(optimizer='adam', loss='meanSquaredError')
    >>> [spec['name'] for spec in saved_artifacts(model, include_optimizer=True)['weightSpecs']][2:]
    ['iter']
    """
    artifacts = model_to_artifacts(model)
    if include_optimizer and model.optimizer is not None:
        artifacts['trainingConfig'] = model.get_training_config()
        data, specs = tfio.encode_weights([(w['name'], np.asarray(w['tensor'])) for w in model.optimizer.get_weights()],
                                          group=OPTIMIZER_WEIGHT_GROUP)
        artifacts['weightSpecs'] = artifacts['weightSpecs'] + specs
        artifacts['weightData'] = artifacts['weightData'] + data
    metadata = getattr(model, 'user_defined_metadata', None)
    if metadata is not None:
        artifacts['userDefinedMetadata'] = check_user_defined_metadata(metadata)
    return artifacts


def check_user_defined_metadata(metadata):
    """TF.js's check: user-defined metadata is a plain JSON object; returns it.

    >>> check_user_defined_metadata({'labels': ['cat', 'dog']})
    {'labels': ['cat', 'dog']}
    """
    def plain(value):
        if value is None or isinstance(value, (str, bool, int, float)):
            return True
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return isinstance(value, dict) and all(isinstance(k, str) and plain(v) for k, v in value.items())
    if not isinstance(metadata, dict) or not plain(metadata):
        raise ModelFormatError('User-defined metadata is expected to be a JSON object, but is not.')
    return metadata


def load_training_config(model, config):
    """Compile ``model`` as a saved trainingConfig says; a bad config is a ModelFormatError."""
    if not isinstance(config, dict):
        raise ModelFormatError(f'trainingConfig must be an object; found {type(config).__name__}')
    try:
        model.load_training_config(config)
    except (TypeError, ValueError, KeyError, AttributeError, NotImplementedError) as err:
        raise ModelFormatError(f'Invalid trainingConfig {config!r}: {err}') from None


def model_from_saved_artifacts(artifacts, strict=True):
    """A model from the artifacts a handler loaded, as TF.js's ``loadLayersModelFromIOHandler``:
    built from the topology, compiled from the ``trainingConfig`` (if saved with the optimizer),
    given its weights, its optimizer's state and its ``userDefinedMetadata``.

    Loading never runs code and never allocates beyond the input: only registered classes are
    built, and the layers may create no more weight values than the weight data holds.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
    >>> model.compile(optimizer='sgd', loss='meanSquaredError')
    >>> loaded = model_from_saved_artifacts(saved_artifacts(model, include_optimizer=True))
    >>> loaded.optimizer
    SGD(learningRate=0.01)
    """
    if not isinstance(artifacts, dict):
        raise ModelFormatError(f'Model artifacts must be a dict; received {type(artifacts).__name__}')
    specs, data = artifacts.get('weightSpecs'), artifacts.get('weightData')
    if data is not None and specs is None:
        raise ModelFormatError('LayersModel artifacts contains weight data, but not weight specs. Therefore '
                               'loading of weights cannot proceed.')
    named = tfio.decode_weights(data, specs) if data is not None else None
    bounded = named is not None and strict
    budget = sum(array.size for _, array in named) if bounded else MAX_UNBOUNDED_WEIGHT_VALUES
    with weight_value_budget(budget, 'the weight data holds' if bounded else 'a model loaded without weights may have'):
        model = _model_from_untrusted_topology(artifacts.get('modelTopology'))
    if artifacts.get('trainingConfig') is not None:
        load_training_config(model, artifacts['trainingConfig'])
    if artifacts.get('userDefinedMetadata') is not None:
        model.user_defined_metadata = check_user_defined_metadata(artifacts['userDefinedMetadata'])
    if named is not None:
        in_optimizer = [isinstance(s, dict) and s.get('group') == OPTIMIZER_WEIGHT_GROUP for s in specs]
        load_named_weights(model, [w for w, opt in zip(named, in_optimizer) if not opt], strict)
        optimizer_weights = [{'name': name, 'tensor': Tensor(array)}
                             for (name, array), opt in zip(named, in_optimizer) if opt]
        if model.optimizer is not None and optimizer_weights:
            try:
                model.optimizer.set_weights(optimizer_weights)
            except (TypeError, ValueError) as err:
                raise ModelFormatError(f'The saved optimizer weights do not fit the model: {err}') from None
    return model


def _model_from_untrusted_topology(topology):
    try:
        return model_from_topology(topology)
    except ModelFormatError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError, RecursionError,
            NotImplementedError) as err:
        class_name = topology.get('class_name') if isinstance(topology, dict) else None
        raise ModelFormatError(f'Invalid {class_name} model topology: {type(err).__name__}: {err}') from None
