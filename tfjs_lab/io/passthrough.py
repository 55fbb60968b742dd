"""TF.js's passthrough handlers: ``tf.io.fromMemory`` loads artifacts held in memory and
``tf.io.withSaveHandler`` hands the artifacts of a save to a function."""
from .artifacts import SaveResult, model_artifacts_info


class PassthroughLoader:
    """A load handler returning the artifacts it was given."""

    def __init__(self, artifacts):
        self.artifacts = artifacts

    def load(self):
        return dict(self.artifacts)


class PassthroughSaver:
    """A save handler calling a function with the artifacts."""

    def __init__(self, save_handler):
        self.save_handler = save_handler

    def save(self, artifacts):
        result = self.save_handler(artifacts)
        if isinstance(result, dict) and 'modelArtifactsInfo' in result:
            return SaveResult(result['modelArtifactsInfo'])
        return SaveResult(model_artifacts_info(artifacts))


def from_memory(model_artifacts):
    """A load handler for artifacts in memory (a dict with TF.js's keys).

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=1, input_shape=[2])])
    >>> saved = {}
    >>> _ = model.save(tf.io.with_save_handler(saved.update))
    >>> tf.load_layers_model(tf.io.from_memory(saved)).count_params()
    3
    """
    if not isinstance(model_artifacts, dict):
        raise TypeError(f'from_memory() takes model artifacts (a dict); received {type(model_artifacts).__name__}')
    return PassthroughLoader(model_artifacts)


def with_save_handler(save_handler):
    """A save handler that calls ``save_handler(artifacts)``. The function may return a
    SaveResult (``{'modelArtifactsInfo': ...}``), as in TF.js; if it returns anything else, one
    is made from the artifacts."""
    if not callable(save_handler):
        raise TypeError('with_save_handler() takes a function of the model artifacts; '
                        f'received {type(save_handler).__name__}')
    return PassthroughSaver(save_handler)
