"""Tensor printing matches TF.js character for character (fixtures from make_print_fixtures.js)."""
import json
import pathlib

import pytest

import tfjs_lab as tf

FIXTURES = json.loads((pathlib.Path(__file__).parent / 'print_fixtures.json').read_text())


def _value(v):
    return float(v) if isinstance(v, str) else v


@pytest.mark.parametrize('case', FIXTURES, ids=lambda c: f"{c['dtype']}{c['shape']}")
def test_print_matches_tfjs(case, capsys):
    t = tf.tensor([_value(v) for v in case['values']], case['shape'], case['dtype'])
    assert t.to_string() == case['text']
    assert t.toString(True) == case['verbose']
    t.print()
    assert capsys.readouterr().out == case['text'] + '\n'
