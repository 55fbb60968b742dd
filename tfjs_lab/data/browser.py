"""TF.js's browser-device sources, which have no meaning in a Jupyter kernel: they raise an
error that says so and what to use instead.

They are not in the ``tf.data`` namespace yet: ``api_coverage.LEFT_OUT`` still lists them as
absent, and its test requires absent names to stay absent (see the issue 5 report).
"""


def webcam(*args, **kwargs):
    """Not available: a Jupyter kernel has no browser camera."""
    raise NotImplementedError(
        'tf.data.webcam() reads a browser <video> element, which a Python kernel does not have. Read frames '
        'yourself (e.g. with OpenCV: cv2.VideoCapture(0).read()) inside a function given to tf.data.generator(), '
        'or load saved images with tf.data.array().')


def microphone(*args, **kwargs):
    """Not available: a Jupyter kernel has no browser microphone."""
    raise NotImplementedError(
        'tf.data.microphone() records through the browser\'s Web Audio API, which a Python kernel does not have. '
        'Record or load audio yourself (e.g. with the sounddevice or soundfile packages) and feed the frames '
        'from a function given to tf.data.generator().')
