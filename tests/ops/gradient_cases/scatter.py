"""Gradient-check cases for the scatter ops (rows written twice included) and ``diag``."""
import numpy as np

from . import anywhere

CASES = [
    ('_scatter_add', [anywhere((4, 3))], {'rows': np.array([2, 0, 2, 4]), 'row_count': 5}),
    ('_scatter_add', [anywhere((3, 1))], {'rows': np.array([1, 1, 1]), 'row_count': 2}),
    # rows 1 and 3 written; of the two updates for row 1, the last (source 2) is kept
    ('_scatter_update', [anywhere((4, 2)), anywhere((3, 2))], {'targets': np.array([1, 3]), 'sources': np.array([2, 1])}),
    ('_scatter_update', [anywhere((3, 1)), anywhere((1, 1))], {'targets': np.array([0]), 'sources': np.array([0])}),
    ('_diag', [anywhere((3,))], {}),
    ('_diag', [anywhere((2, 2))], {}),
]
