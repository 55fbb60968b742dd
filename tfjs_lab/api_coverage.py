"""Which names of TensorFlow.js 4.22's public API tfjs_lab has, family by family, checked against
the list in ``_api/tfjs-4.22.0-api.json`` (taken from the TF.js 4.22 packages). Names left out
on purpose carry their reason in :data:`NOT_PLANNED`.

    python -m tfjs_lab.api_coverage            # every family
    python -m tfjs_lab.api_coverage topFunctions tensorMethods
"""
import json
import pathlib
import sys

API_FILE = pathlib.Path(__file__).parent / '_api' / 'tfjs-4.22.0-api.json'

# Names that have no meaning for a NumPy engine in a kernel, or belong to TF.js's internals.
NOT_PLANNED = {
    **dict.fromkeys(['backend', 'findBackend', 'findBackendFactory', 'registerBackend', 'removeBackend',
                     'setPlatform', 'setWebGLContext', 'webgl', 'webgl_util', 'gpgpu_util', 'forceHalfFloat',
                     'dataToGPU', 'copyRegisteredKernels', 'getKernel', 'getKernelsForBackend', 'registerKernel',
                     'unregisterKernel', 'kernel_impls', 'registerOp', 'deregisterOp', 'op', 'getGradient',
                     'registerGradient', 'unregisterGradient'],
                    'backend, kernel and GPU machinery of TF.js: tfjs_lab has one NumPy engine'),
    **dict.fromkeys(['backend_util', 'broadcast_util', 'device_util', 'gather_util', 'scatter_util', 'slice_util',
                     'tensor_util', 'test_util', 'util', 'shared', 'browser', 'math', 'sumOutType', 'upcastType',
                     'enclosingPowerOfTwo', 'deprecationWarn', 'disableDeprecationWarnings', 'constructor',
                     'version_converter', 'version_core', 'version_cpu', 'version_layers', 'version_webgl'],
                    "TF.js's internal helpers and build metadata (tf.version holds tfjs_lab's)"),
    **dict.fromkeys(['loadGraphModel', 'loadGraphModelSync'],
                    'graph models come from the TF.js converter and run inference only: out of scope'),
    **dict.fromkeys(['complex', 'real', 'imag', 'fft', 'ifft', 'rfft', 'irfft', 'spectral', 'signal', 'string',
                     'bytes', 'raggedGather', 'raggedRange', 'raggedTensorToTensor', 'sparse'],
                    'complex, string, ragged and sparse tensors: tfjs_lab tensors are float32, int32 or bool'),
}


# Why the names still missing from each family are missing: the issue that brings them.
NOT_YET = {
    'layers': 'issue 4 (Layers API) brings the remaining layers',
    'modelMethods': 'issue 4 (Layers API) brings functional models and the remaining methods',
    'regularizers': 'issue 4 (Layers API)', 'constraints': 'issue 4 (Layers API)',
    'callbacks': 'issue 4 (Layers API)', 'initializers': 'issue 4 (Layers API)',
    'metrics': 'issue 4 (Layers API)',
    'data': 'issue 5 (tf.data)', 'datasetMethods': 'issue 5 (tf.data)',
    'io': 'issue 6 (IO and stores)',
    'topFunctions': 'beyond issue 3\'s op list (functional models come with issue 4); not yet built',
    'tensorMethods': 'beyond issue 3\'s op list; not yet built',
}


def load_api():
    """The TF.js API lists: ``{family: [names]}``."""
    return json.loads(API_FILE.read_text(encoding='utf-8'))


def _owner(family):
    import tfjs_lab as tf
    owners = {'topFunctions': tf, 'tensorMethods': tf.Tensor, 'train': tf.train, 'losses': tf.losses,
              'layers': tf.layers, 'data': tf.data, 'io': tf.io, 'initializers': tf.initializers,
              'metrics': tf.metrics, 'callbacks': tf.callbacks, 'modelMethods': tf.LayersModel,
              'regularizers': getattr(tf, 'regularizers', None), 'constraints': getattr(tf, 'constraints', None),
              'datasetMethods': tf.data.Dataset}
    return owners.get(family)


def report(family):
    """``{'present': [...], 'missing': [...], 'not_planned': {name: reason}}`` for one family."""
    owner = _owner(family)
    present, missing, not_planned = [], [], {}
    for name in load_api()[family]:
        if name in NOT_PLANNED:
            not_planned[name] = NOT_PLANNED[name]
        elif owner is not None and hasattr(owner, name):
            present.append(name)
        else:
            missing.append(name)
    return {'present': present, 'missing': missing, 'not_planned': not_planned}


def main(families=None):
    families = families or list(load_api())
    for family in families:
        result = report(family)
        total = len(result['present']) + len(result['missing'])
        print(f"{family}: {len(result['present'])}/{total} present"
              + (f", {len(result['not_planned'])} not planned" if result['not_planned'] else ''))
        if result['missing']:
            print(f"  missing ({NOT_YET.get(family, 'not yet built')}): {', '.join(result['missing'])}")
        for reason in dict.fromkeys(result['not_planned'].values()):
            names = [n for n, r in result['not_planned'].items() if r == reason]
            print(f"  not planned ({reason}): {', '.join(names)}")


if __name__ == '__main__':
    main(sys.argv[1:])
