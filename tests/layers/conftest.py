"""Fixtures of the layer families' TF.js runners, for every test module here."""
from tests.layers.conv_layer_checks import tfjs  # noqa: F401
from tests.layers.misc_checks import tfjs_layers  # noqa: F401
