"""Fixtures of the layer families' TF.js runners, for every test module here."""
from tests.layers.conv_layer_checks import tfjs  # noqa: F401
from tests.layers.misc_checks import tfjs_layers  # noqa: F401
import pytest  # noqa: E402

from tests.layers import rnn_parity  # noqa: E402


@pytest.fixture(scope='module')
def tfjs_answers(run_tfjs, request):
    """The requesting module's recurrent CASES answered here and by TF.js (rnn_parity.answers)."""
    return rnn_parity.answers(run_tfjs, request.module.CASES)
