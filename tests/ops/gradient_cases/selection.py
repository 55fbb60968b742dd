"""Gradient-check cases for the selection ops: unsortedSegmentSum, including dropped ids
(negative or past numSegments), whose rows get no gradient."""
import numpy as np

from . import anywhere

_IDS = np.array([2, 0, -1, 2, 4, 0], np.int32)

CASES = [
    ('_unsorted_segment_sum', [anywhere((6,)), _IDS], {'num_segments': 3}),
    ('_unsorted_segment_sum', [anywhere((6, 2, 3)), _IDS], {'num_segments': 5}),
]
NOT_DIFFERENTIABLE_INPUTS = {'_unsorted_segment_sum': {1}}
