"""TextData and Table on small inputs: the errors name what was expected and what was received."""
import numpy as np
import pytest

from tfjs_lab.datasets import Table, TextData


def test_text_round_trip_and_examples():
    text = TextData('hello world', name='greeting')
    assert text.vocabulary == [' ', 'd', 'e', 'h', 'l', 'o', 'r', 'w']
    assert text.decode(text.encode('world hello')) == 'world hello'
    examples = text.examples(5, sample_length=10, seed=0)
    # 'hello world' has one window of 10 characters with a character after it.
    assert [text.decode(w) for w in examples.features.argmax(axis=2)] == ['hello worl'] * 5
    assert text.decode(examples.labels) == 'ddddd'
    assert repr(text) == "TextData('greeting': 11 characters, 8 distinct)"


def test_text_errors():
    text = TextData('abc', name='abc')
    with pytest.raises(ValueError, match=r"characters \['x', 'z'\] are not in the vocabulary 'abc'"):
        text.encode('zax')
    with pytest.raises(ValueError, match=r'indices must be integers in \[0, 3\); received \[0, 3\]'):
        text.decode([0, 3])
    with pytest.raises(ValueError, match=r'indices must be integers in \[0, 3\); received \[0.5\]'):
        text.decode(np.array([0.5]))
    with pytest.raises(ValueError, match=r'sample_length must be an integer from 1 to 2 \(the text has 3 '
                                         r'characters\); received 3'):
        text.examples(1, sample_length=3)
    with pytest.raises(ValueError, match='count must be a positive integer; received 0'):
        text.examples(0, sample_length=2)
    with pytest.raises(ValueError, match='at least 2 characters; received'):
        TextData('a')


def test_table_records_must_be_dicts():
    with pytest.raises(TypeError, match='records must be dicts of column values; record 1 is list'):
        Table('bad', [{'a': 1}, [1, 2]])


def test_table_columns_in_first_seen_order_and_missing_keys_as_none():
    table = Table('t', [{'b': 1, 'a': 'x'}, {'c': 2.5}])
    assert table.column_names == ['b', 'a', 'c'] and repr(table) == "Table('t': 2 rows, columns ['b', 'a', 'c'])"
    np.testing.assert_array_equal(table.column('c'), np.array([np.nan, 2.5], dtype=np.float32))
    assert table.column('a').tolist() == ['x', None] and not table.is_numeric('a')
    with pytest.raises(ValueError, match=r"no feature columns; pass features=\[...\] from the numeric columns \['c'\]"):
        table.labeled('b', [])
