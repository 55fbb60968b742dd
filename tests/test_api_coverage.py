"""API coverage against TF.js 4.22's name list (tfjs_lab/coverage.py, which also prints the
report: python -m tfjs_lab.coverage). Issue 3's scope (issue3_scope.json) must exist in
full, and so must every TF.js tensor method that coverage.LEFT_OUT does not exclude."""
import json
import pathlib
import types

import pytest

from tfjs_lab import coverage

SCOPE = json.loads((pathlib.Path(__file__).parent / 'issue3_scope.json').read_text())
SCOPE_PATHS = [path for group, paths in SCOPE.items() if not group.startswith('_') for path in paths]
TENSOR_METHODS = [name for name in coverage.api_names()['tensorMethods']
                  if name not in coverage.LEFT_OUT['tensorMethods']]


@pytest.mark.parametrize('path', SCOPE_PATHS)
def test_every_name_in_the_scope_exists(path):
    assert coverage.lookup(path) is not None, f'tf.{path} is missing'


@pytest.mark.parametrize('name', TENSOR_METHODS)
def test_every_tensor_method_with_a_numpy_meaning_exists(name):
    assert coverage.lookup(f'Tensor.{name}') is not None, f'Tensor.{name} is missing'


def test_left_out_names_are_tfjs_names_that_tfjs_lab_lacks():
    names = coverage.api_names()
    for category, left_out in coverage.LEFT_OUT.items():
        assert set(left_out) <= set(names[category]), f'{category}: not TF.js names'
        namespace = coverage.lookup(coverage.CATEGORIES[category])
        for name in left_out:
            found = coverage.lookup(name, namespace)
            # A subpackage of ours may share the name (tf.engine); anything else is an implementation.
            assert found is None or isinstance(found, types.ModuleType), \
                f'{category}.{name} exists now: remove it from LEFT_OUT'


def test_the_report_counts_every_name_once(capsys):
    names = coverage.api_names()
    for category, entry in coverage.report().items():
        counted = entry['present'] + list(entry['left_out']) + entry['missing']
        assert sorted(counted) == sorted(names[category])
    assert coverage.main(['tensorMethods']) == 0
    out = capsys.readouterr().out
    assert 'tensorMethods' in out and 'dataToGPU' in out and 'Left out on purpose' in out
    assert coverage.main(['nonsense']) == 2
