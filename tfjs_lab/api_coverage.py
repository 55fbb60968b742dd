"""Which TensorFlow.js 4.22 API names tfjs_lab has.

``_api/tfjs-4.22.0-api.json`` is a copy of the project's TF.js name list (the public names of
tfjs 4.22.0 by namespace: ``topFunctions`` are ``tf.<name>``, ``tensorMethods`` are methods of
``tf.Tensor``, ``layers`` are ``tf.layers.<name>``...). For every name this module looks up its
tfjs_lab counterpart (the camelCase spelling, which tfjs_lab always provides) and sorts it into
present, left out on purpose (``LEFT_OUT``, with the reason) or missing (``NOT_YET`` says
which issue brings the missing names of each category).

    python -m tfjs_lab.api_coverage                   # summary, missing and left-out names
    python -m tfjs_lab.api_coverage tensorMethods     # only some categories
"""
import json
import pathlib
import sys

API_FILE = pathlib.Path(__file__).parent / '_api' / 'tfjs-4.22.0-api.json'

# Where each category's names live in tfjs_lab (attribute paths from the tf module).
CATEGORIES = {
    'topFunctions': '', 'tensorMethods': 'Tensor', 'layers': 'layers', 'losses': 'losses',
    'metrics': 'metrics', 'train': 'train', 'data': 'data', 'io': 'io', 'callbacks': 'callbacks',
    'initializers': 'initializers', 'regularizers': 'regularizers', 'constraints': 'constraints',
    'modelMethods': 'Sequential', 'datasetMethods': 'data.Dataset',
}

_GPU = 'WebGL/WebGPU-specific: tfjs_lab computes on the CPU with NumPy'
_BACKENDS = ("TF.js's pluggable backends and kernel registry: tfjs_lab has one NumPy engine and its "
             "ops are Python functions")
_INTERNALS = ('a TF.js internal (utility module or helper, or the version string of a sub-package; '
              'see tf.version)')
_COMPLEX = 'needs complex64 tensors; tfjs_lab has float32, int32 and bool'
_STRINGS = 'needs string tensors; tfjs_lab has float32, int32 and bool'
_BROWSER = 'needs browser objects (DOM canvases and images, camera, microphone) that a Python kernel lacks'
_GRAPH = 'GraphModel inference (tfjs-converter); tfjs_lab covers the Layers training API'
_JS = 'the JavaScript class constructor; in Python the class itself is called'
_TEST_ONLY = 'a helper for TF.js\'s own tests'
_MODEL_INTERNALS = ("the machinery inside TF.js's Container/LayersModel (graph bookkeeping, compiled train and test "
                    'functions, input standardization): public in JavaScript, not meant for users; tfjs_lab has '
                    'private equivalents in engine/')
_RAGGED_SPARSE = 'ragged and sparse tensors: tfjs_lab tensors are dense float32, int32 or bool'

# Names left out on purpose, by category, with the reason.
LEFT_OUT = {
    'topFunctions': {
        **dict.fromkeys(['webgl', 'webgl_util', 'gpgpu_util', 'setWebGLContext', 'forceHalfFloat'], _GPU),
        **dict.fromkeys(['backend', 'backend_util', 'registerBackend', 'removeBackend', 'findBackend',
                         'findBackendFactory', 'copyRegisteredKernels', 'getKernel', 'getKernelsForBackend',
                         'registerKernel', 'unregisterKernel', 'kernel_impls', 'registerGradient',
                         'unregisterGradient', 'getGradient', 'registerOp', 'deregisterOp', 'op', 'engine',
                         'setPlatform'], _BACKENDS),
        **dict.fromkeys(['broadcast_util', 'device_util', 'gather_util', 'scatter_util', 'slice_util',
                         'tensor_util', 'test_util', 'util', 'shared', 'version_converter', 'version_core',
                         'version_cpu', 'version_layers', 'version_webgl', 'sumOutType', 'upcastType',
                         'enclosingPowerOfTwo', 'deprecationWarn', 'disableDeprecationWarnings'], _INTERNALS),
        **dict.fromkeys(['complex', 'real', 'imag', 'fft', 'ifft', 'rfft', 'irfft', 'spectral', 'signal'],
                        _COMPLEX),
        **dict.fromkeys(['raggedGather', 'raggedRange', 'raggedTensorToTensor', 'sparse'], _RAGGED_SPARSE),
        'string': _STRINGS,
        'browser': _BROWSER,
        **dict.fromkeys(['loadGraphModel', 'loadGraphModelSync'], _GRAPH),
    },
    'tensorMethods': {
        'constructor': _JS,
        'dataToGPU': _GPU,
        **dict.fromkeys(['fft', 'ifft', 'rfft', 'irfft'], _COMPLEX),
    },
    'data': {'default': "the JavaScript module's default export"},
    'modelMethods': {
        'constructor': _JS,
        **dict.fromkeys(['addInboundNode', 'assertInputCompatibility', 'assertNotDisposed', 'buildNodeConversionMap',
                         'checkNumSamples', 'checkShape', 'checkTrainableWeightsConsistency', 'clearCallHook',
                         'findLayer', 'fitLoop', 'getDedupedMetricsNames', 'getNodeAtIndex', 'invokeCallHook',
                         'makeTestFunction', 'makeTrainFunction', 'parseWeights', 'predictLoop',
                         'retrieveSymbolicTensors', 'runInternalGraph', 'setCallHook',
                         'setFastWeightInitDuringBuild', 'setMaskMetadata', 'standardizeUserData',
                         'standardizeUserDataXY', 'testLoop', 'updatedConfig', 'updates',
                         'warnOnIncompatibleInputShape'], _MODEL_INTERNALS),
    },
    'datasetMethods': {'constructor': _JS, 'toArrayForTest': _TEST_ONLY},
}


# Why the names still missing from each category are missing: the issue that brings them.
NOT_YET = {
    **dict.fromkeys(['layers', 'modelMethods', 'regularizers', 'constraints', 'callbacks', 'initializers',
                     'metrics', 'losses', 'train', 'data', 'datasetMethods'], 'not yet built'),
    'io': 'issue 6 (IO and stores)',
    'topFunctions': "beyond issue 3's op list; not yet built",
    'tensorMethods': "beyond issue 3's op list; not yet built",
}


def api_names():
    """The TF.js name list: ``{category: [names]}``."""
    return json.loads(API_FILE.read_text())


def lookup(path, root=None):
    """The tfjs_lab object at a dotted attribute ``path`` from ``tf`` (``'Tensor.asScalar'``,
    ``'image.resizeBilinear'``), or None."""
    import tfjs_lab
    obj = tfjs_lab if root is None else root
    for part in [p for p in path.split('.') if p]:
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def report(categories=None):
    """``{category: {'present': [...], 'left_out': {name: reason}, 'missing': [...]}}``."""
    names = api_names()
    result = {}
    for category in categories or CATEGORIES:
        namespace = lookup(CATEGORIES[category])
        left_out = LEFT_OUT.get(category, {})
        entry = result[category] = {'present': [], 'left_out': {}, 'missing': []}
        for name in names[category]:
            if name in left_out:  # first: tf.engine is tfjs_lab's engine package, not TF.js's engine()
                entry['left_out'][name] = left_out[name]
            elif namespace is not None and lookup(name, namespace) is not None:
                entry['present'].append(name)
            else:
                entry['missing'].append(name)
    return result


def format_report(result):
    lines = ['TensorFlow.js 4.22 API names in tfjs_lab', '',
             f"{'category':<16}{'present':>8}{'left out':>10}{'missing':>9}{'total':>7}"]
    for category, entry in result.items():
        counts = [len(entry['present']), len(entry['left_out']), len(entry['missing'])]
        lines.append(f'{category:<16}{counts[0]:>8}{counts[1]:>10}{counts[2]:>9}{sum(counts):>7}')
    lines += ['', 'Missing (not implemented yet):']
    for category, entry in result.items():
        if entry['missing']:
            lines.append(f"  {category} ({NOT_YET.get(category, 'not yet built')}): {', '.join(entry['missing'])}")
    lines += ['', 'Left out on purpose:']
    for category, entry in result.items():
        by_reason = {}
        for name, reason in entry['left_out'].items():
            by_reason.setdefault(reason, []).append(name)
        for reason, names in by_reason.items():
            lines.append(f"  {category}: {', '.join(names)}\n      {reason}")
    return '\n'.join(lines)


def main(argv=None):
    categories = list(sys.argv[1:] if argv is None else argv) or None
    unknown = [c for c in categories or [] if c not in CATEGORIES]
    if unknown:
        print(f"Unknown categories {unknown}; choose from {', '.join(CATEGORIES)}", file=sys.stderr)
        return 2
    print(format_report(report(categories)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
