"""Gradient-check cases for the fused LSTM recurrence (tfjs_lab/ops/rnn.py): with and without
masked timesteps and a recurrent dropout mask, for each activation the fused loop knows."""
import numpy as np

from . import anywhere, positive

T, BATCH, UNITS = 3, 2, 2
KEEP_ALL = np.ones((T, BATCH, 1))
MASKED = np.array([[1, 1], [0, 1], [1, 0]], np.float64)[..., None]


def lstm(step_mask, recurrent_mask, activation, recurrent_activation):
    return ('_lstm_sequence',
            [anywhere((T, BATCH, 4 * UNITS)), anywhere((UNITS, 4 * UNITS)) * 0.5, anywhere((BATCH, UNITS)) * 0.5,
             anywhere((BATCH, UNITS)), step_mask, recurrent_mask],
            {'activation': activation, 'recurrent_activation': recurrent_activation})


CASES = [
    lstm(KEEP_ALL, np.ones((1, UNITS)), 'tanh', 'hardSigmoid'),
    lstm(MASKED, positive((BATCH, UNITS)), 'tanh', 'sigmoid'),
    lstm(MASKED, np.ones((1, UNITS)), 'relu', 'hardSigmoid'),
    lstm(KEEP_ALL, np.ones((1, UNITS)), 'linear', 'tanh'),
    lstm(MASKED, np.ones((1, UNITS)), 'sigmoid', 'linear'),
]
NOT_DIFFERENTIABLE_INPUTS = {'_lstm_sequence': {4, 5}}
