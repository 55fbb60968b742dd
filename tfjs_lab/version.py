__version__ = '0.1.0'
TFJS_FORMAT_VERSION = '4.22.0'  # the TensorFlow.js release whose formats and behaviour we follow
