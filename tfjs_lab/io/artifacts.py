"""Model artifacts helpers shared by every handler: the SaveResult, TF.js's
``getModelArtifactsInfoForJSON``, weight-data joining and JS ``Date`` text.

Artifacts are plain dicts with TF.js's camelCase keys (``modelTopology``, ``weightSpecs``,
``weightData``, ...). A key that is absent plays the part of JS ``undefined``.
"""
import datetime

from ..core.tensor import Awaitable
from ..errors import ModelFormatError
from . import js_json


class Result(dict, Awaitable):
    """A dict that ``await`` gives back: what TF.js's async io functions resolve to
    (``await tf.io.listModels()`` ports unchanged)."""


class SaveResult(Result):
    """TF.js's SaveResult: ``{'modelArtifactsInfo': {...}}``; ``await`` gives it back.

    >>> result = SaveResult(model_artifacts_info({'modelTopology': {}, 'weightData': b''}))
    >>> result['modelArtifactsInfo']['modelTopologyBytes']
    2
    """

    def __init__(self, info, **extra):
        super().__init__(modelArtifactsInfo=info, **extra)


# Fields tfjs-core copies as they are, null included; the optional fields (signature,
# userDefinedMetadata, trainingConfig, ...) it copies only when they are not null.
_COPIED_AS_THEY_ARE = frozenset({'modelTopology', 'format', 'generatedBy', 'convertedBy', 'weightsManifest'})


def pick_fields(source, fields):
    """The ``fields`` of ``source``, in that order, as tfjs-core copies them between artifacts,
    model.json and stored metadata (a missing key plays JS ``undefined``).

    >>> pick_fields({'signature': None, 'convertedBy': None, 'format': 'layers-model'},
    ...             ('format', 'convertedBy', 'signature'))
    {'format': 'layers-model', 'convertedBy': None}
    """
    return {key: source[key] for key in fields
            if key in source and (key in _COPIED_AS_THEY_ARE or source[key] is not None)}


def join_weight_data(weight_data):
    """One ``bytes`` from TF.js's ``WeightData`` (a buffer or a list of buffers), as
    ``CompositeArrayBuffer.join`` does; ``None`` stays ``None``.

    >>> join_weight_data([b'ab', bytearray(b'c')])
    b'abc'
    """
    if weight_data is None:
        return None
    buffers = weight_data if isinstance(weight_data, (list, tuple)) else [weight_data]
    try:
        return b''.join(memoryview(b).cast('B') for b in buffers)
    except TypeError:
        kinds = ', '.join(sorted({type(b).__name__ for b in buffers}))
        raise ModelFormatError(f'weightData must be bytes or a list of bytes; received {kinds}') from None


def now():
    """The save time, in UTC, to the millisecond as a JS ``Date`` holds it."""
    stamp = datetime.datetime.now(datetime.timezone.utc)
    return stamp.replace(microsecond=stamp.microsecond // 1000 * 1000)


def js_date_text(date):
    """``Date.prototype.toJSON``: ``'2024-05-01T12:00:00.123Z'``."""
    utc = date.astimezone(datetime.timezone.utc)
    return utc.strftime('%Y-%m-%dT%H:%M:%S.') + f'{utc.microsecond // 1000:03d}Z'


def parse_js_date(text):
    """The inverse of :func:`js_date_text`."""
    return datetime.datetime.fromisoformat(text.replace('Z', '+00:00'))


def model_artifacts_info(artifacts, date_saved=None):
    """TF.js's ``getModelArtifactsInfoForJSON``: sizes in bytes of the JSON text of the
    topology and weight specs, and of the weight data.

    >>> info = model_artifacts_info({'modelTopology': {'a': 1.0}, 'weightSpecs': [],
    ...                              'weightData': b'1234'})
    >>> info['modelTopologyBytes'], info['weightSpecsBytes'], info['weightDataBytes']
    (7, 2, 4)
    """
    topology = artifacts.get('modelTopology')
    if isinstance(topology, (bytes, bytearray, memoryview)):
        raise ModelFormatError('Expected JSON model topology, received binary data.')
    specs = artifacts.get('weightSpecs')
    data = join_weight_data(artifacts.get('weightData'))
    return {
        'dateSaved': date_saved or now(),
        'modelTopologyType': 'JSON',
        'modelTopologyBytes': 0 if topology is None else js_json.byte_length(js_json.stringify(topology)),
        'weightSpecsBytes': 0 if specs is None else js_json.byte_length(js_json.stringify(specs)),
        'weightDataBytes': 0 if data is None else len(data),
    }

