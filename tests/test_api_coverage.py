"""API coverage against TF.js 4.22's name list (tfjs_lab/api_coverage.py, which also prints the
report: python -m tfjs_lab.api_coverage). Issue 3's scope (issue3_scope.json) must exist in
full, in both spellings, and so must every TF.js tensor method that is not left out on purpose
or placed with a later issue."""
import json
import pathlib
import types

import pytest

import tfjs_lab as tf
from tfjs_lab import api_coverage

SCOPE = json.loads((pathlib.Path(__file__).parent / 'issue3_scope.json').read_text())
SCOPE_PATHS = [path for group, paths in SCOPE.items() if not group.startswith('_') for path in paths]
# Tensor methods with a NumPy meaning that issue 3's op list does not name; the report lists them.
LATER_TENSOR_METHODS = {'batchToSpaceND', 'depthToSpace', 'dilation2d', 'spaceToBatchND', 'topk', 'unique',
                        'unsortedSegmentSum'}
TENSOR_METHODS = [name for name in api_coverage.api_names()['tensorMethods']
                  if name not in api_coverage.LEFT_OUT['tensorMethods'] and name not in LATER_TENSOR_METHODS]


@pytest.mark.parametrize('path', SCOPE_PATHS)
def test_every_name_in_the_scope_exists(path):
    assert api_coverage.lookup(path) is not None, f'tf.{path} is missing'
    if '.' not in path:
        snake = tf._naming.to_snake(path)
        assert hasattr(tf, snake) or path in {'isNaN', 'gatherND'}, f'tf.{snake} is missing'


@pytest.mark.parametrize('name', TENSOR_METHODS)
def test_every_tensor_method_with_a_numpy_meaning_exists(name):
    assert api_coverage.lookup(f'Tensor.{name}') is not None, f'Tensor.{name} is missing'


def test_left_out_names_are_tfjs_names_that_tfjs_lab_lacks():
    names = api_coverage.api_names()
    for category, left_out in api_coverage.LEFT_OUT.items():
        assert set(left_out) <= set(names[category]), f'{category}: not TF.js names'
        namespace = api_coverage.lookup(api_coverage.CATEGORIES[category])
        for name in left_out:
            found = api_coverage.lookup(name, namespace)
            # A subpackage of ours may share the name (tf.engine); anything else is an implementation.
            assert found is None or isinstance(found, types.ModuleType), \
                f'{category}.{name} exists now: remove it from LEFT_OUT'


def test_the_report_counts_every_name_once(capsys):
    names = api_coverage.api_names()
    for category, entry in api_coverage.report().items():
        counted = entry['present'] + list(entry['left_out']) + entry['missing']
        assert sorted(counted) == sorted(names[category])
    assert api_coverage.main([]) == 0
    out = capsys.readouterr().out
    for category in names:
        assert f'\n{category} ' in out
    assert 'dataToGPU' in out and 'Left out on purpose' in out
    assert api_coverage.main(['nonsense']) == 2


LAYERS_API = ('layers', 'initializers', 'regularizers', 'constraints', 'losses', 'metrics', 'callbacks',
              'modelMethods')


@pytest.mark.parametrize('category', LAYERS_API)
def test_the_layers_api_has_every_tfjs_name_or_a_reason(category):
    entry = api_coverage.report()[category]
    assert entry['missing'] == [], f'{category}: missing {entry["missing"]}'
    namespace = api_coverage.lookup(api_coverage.CATEGORIES[category])
    for name in entry['present']:
        snake = tf._naming.to_snake(name)
        if name != snake and not name[:1].isupper() and not name.isupper():
            assert api_coverage.lookup(snake, namespace) is not None, f'{category}.{snake} (for {name}) is missing'


def test_functional_model_has_the_model_methods_too():
    for name in set(api_coverage.report()['modelMethods']['present']) - {'add', 'pop'}:  # Sequential's own
        assert api_coverage.lookup(name, tf.Functional) is not None, f'Functional.{name} is missing'
