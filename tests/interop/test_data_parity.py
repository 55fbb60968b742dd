"""tf.data pipelines give TF.js 4.22's elements: arrays, zip, batch, take/skip/repeat/
concatenate, seeded shuffles (TF.js's order, pass after pass) and CSV parsing of the same
files. Each case is one expression, run verbatim in Python and in JavaScript under Node."""
import pytest

import tfjs_lab as tf

pytestmark = pytest.mark.interop

JS_NAMES = {'tf': tf, 'true': True, 'false': False, 'null': None}

CSV_FILES = {
    'labelled.csv': 'a,b,label\n1,2.5,0\n-3,1e3,1\n4,.5,1\n7,8,0\n9,0x10,1\n',
    'configs.csv': 'f,i,flag,name,skip\n1.5,2.7,true,x,9\n,-2.2,0,"y, z",9\n3,4,TRUE,"say ""hi""",9\n',
    'semicolons.csv': 'x;y\r\n1;2\r\n3;4\r\n',
    'spaces.csv': 'a b  c\n1   2 3\n 4 5 6\n',
    'headless.csv': '1,2\n3,4\n5,6\n',
    'empty_fields.csv': 'a,b\n1,\n,2\n',
}

# (expression, variables, passes)
CASES = [
    ("tf.data.array(items).batch(3)", {'items': list(range(8))}, 1),
    ("tf.data.array(items).batch(3, false)", {'items': list(range(8))}, 1),
    ("tf.data.array(items).batch(2)", {'items': [{'a': 1, 'b': [1, 2], 'c': {'d': True}},
                                                 {'a': 2, 'b': [3, 4], 'c': {'d': False}}]}, 1),
    ("tf.data.array(items).batch(2)", {'items': [[[1, 2], [3, 4]], [[5, 6], [7, 8]], [[9, 10], [11, 12]]]}, 1),
    ("tf.data.zip({'xs': tf.data.array(xs), 'ys': tf.data.array(ys)}).batch(2)",
     {'xs': [[1, 2], [3, 4], [5, 6]], 'ys': [[0], [1], [1]]}, 1),
    ("tf.data.zip([tf.data.array(xs), {'nested': tf.data.array(ys).take(2)}])",
     {'xs': [1, 2, 3], 'ys': ['a', 'b', 'c']}, 1),
    ("tf.data.array(items).skip(2).take(3).repeat(2).concatenate(tf.data.array(items).take(1))",
     {'items': list(range(10))}, 1),
    ("tf.data.array(items).shuffle(5, 42)", {'items': list(range(30))}, 3),
    ("tf.data.array(items).shuffle(50, 'a seed')", {'items': list(range(20))}, 2),
    ("tf.data.array(items).shuffle(1, 7)", {'items': list(range(5))}, 1),
    ("tf.data.array(items).shuffle(4, 3).batch(3)", {'items': [{'x': i, 'y': [i, -i]} for i in range(10)]}, 2),
    ("tf.data.array(items).repeat(3).shuffle(7, 12345)", {'items': list(range(6))}, 1),
    ("tf.data.csv(url('labelled.csv'), {'columnConfigs': {'label': {'isLabel': true}}})", {}, 1),
    ("tf.data.csv(url('labelled.csv'), {'columnConfigs': {'label': {'isLabel': true}}}).batch(2)", {}, 1),
    ("tf.data.csv(url('configs.csv'), {'columnConfigs': {'f': {'default': 0.25}, 'i': {'dtype': 'int32'}, "
     "'flag': {'dtype': 'bool'}, 'name': {'isLabel': true}}, 'configuredColumnsOnly': true})", {}, 1),
    ("tf.data.csv(url('configs.csv'))", {}, 1),
    ("tf.data.csv(url('semicolons.csv'), {'delimiter': ';'})", {}, 1),
    ("tf.data.csv(url('spaces.csv'), {'delimWhitespace': true})", {}, 1),
    ("tf.data.csv(url('headless.csv'), {'hasHeader': false, 'columnNames': ['p', 'q']}).shuffle(3, 1)", {}, 2),
    ("tf.data.csv(url('empty_fields.csv'))", {}, 1),
]
NESTED_ZIP = 5


def plain(value):
    """An element as data_reference.js prints it."""
    if isinstance(value, tf.Tensor):
        return {'shape': value.shape, 'dtype': value.dtype, 'values': value.array_sync()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@pytest.fixture(scope='module')
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp('csv')
    for name, text in CSV_FILES.items():
        (folder / name).write_bytes(text.encode())
    return folder


def js_case(expression, variables, folder):
    # url('x.csv') is a file:// URL, which TF.js under Node reads from disk
    urls = ''.join(f"'{name}': '{(folder / name).as_uri()}', " for name in CSV_FILES)
    return {'expression': expression.replace("url('", f"({{{urls}}})['").replace(".csv')", ".csv']"),
            'variables': variables}


@pytest.fixture(scope='module')
def tfjs_results(run_tfjs, folder):
    jobs = [{**js_case(expression, variables, folder), 'passes': passes} for expression, variables, passes in CASES]
    return run_tfjs('data_reference.js', jobs)


@pytest.mark.parametrize('index', range(len(CASES)), ids=[c[0][:90] for c in CASES])
def test_elements_match_tfjs(tfjs_results, folder, index):
    expression, variables, passes = CASES[index]
    expected = tfjs_results[index]
    assert 'error' not in expected, f"TF.js failed on {expression}: {expected.get('error')}"
    url = lambda name: (folder / name).as_uri()  # noqa: E731 -- the expression's url()
    dataset = eval(expression, JS_NAMES, {'url': url, **variables})
    assert [plain(dataset.to_array()) for _ in range(passes)] == expected['passes']
    if index != NESTED_ZIP:
        assert dataset.size == expected['size']
    else:  # TF.js takes the minimum over the top level only, and a nested dict has no size: NaN
        assert expected['size'] is None and dataset.size == 2

