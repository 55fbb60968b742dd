"""tf.data.csv: TF.js's parsing and options, streaming from files and http, and errors that
give the file, line and column."""
import asyncio
import functools
import http.server
import subprocess
import sys
import textwrap
import threading

import pytest

import tfjs_lab as tf

LABELLED = {'columnConfigs': {'label': {'isLabel': True}}}


@pytest.fixture
def write_csv(tmp_path):
    def write(text, name='data.csv'):
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip('\n'))
        return str(path)
    return write


@pytest.fixture
def http_folder(tmp_path):
    """``tmp_path`` served over http on 127.0.0.1; yields the base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{server.server_address[1]}'
    server.shutdown()
    server.server_close()


def test_rows_become_dicts_of_numbers_and_strings(write_csv):
    path = write_csv("""
        a,b,name
        1,2.5,x
        -3,1e3,"y, z"
    """)
    assert tf.data.csv(path).to_array() == [{'a': 1, 'b': 2.5, 'name': 'x'}, {'a': -3, 'b': 1000, 'name': 'y, z'}]


def test_label_columns_make_xs_ys_elements_that_batch_for_training(write_csv):
    path = write_csv("""
        a,b,label
        1,2,0
        3,4,1
        5,6,1
    """)
    ds = tf.data.csv(path, LABELLED)
    assert ds.to_array()[0] == {'xs': {'a': 1, 'b': 2}, 'ys': {'label': 0}}
    batch = ds.map(lambda e: {'xs': list(e['xs'].values()), 'ys': list(e['ys'].values())}).batch(2).to_array()[0]
    assert batch['xs'].array_sync() == [[1, 2], [3, 4]] and batch['ys'].shape == [2, 1]


def test_column_configs_dtype_default_required_and_configured_only(write_csv):
    path = write_csv("""
        f,i,flag,text,skip
        1.5,2.7,true,007,9
        ,-2.2,0,abc,9
    """)
    configs = {'f': {'default': 0.25}, 'i': {'dtype': 'int32'}, 'flag': {'dtype': 'bool'},
               'text': {'dtype': 'string'}}
    ds = tf.data.csv(path, column_configs=configs, configured_columns_only=True)
    assert ds.to_array() == [{'f': 1.5, 'i': 2, 'flag': 1, 'text': '007'},
                             {'f': 0.25, 'i': -3, 'flag': 0, 'text': 'abc'}]
    assert ds.column_names == ['f', 'i', 'flag', 'text']
    unconfigured_f = tf.data.csv(path, column_configs={'text': {'dtype': 'string'}}).to_array()[1]['f']
    assert unconfigured_f is None  # empty and optional: TF.js's undefined


def test_column_names_are_a_property_and_tfjs_awaitable_method(write_csv):
    path = write_csv('x;y\n1;2\n')
    ds = tf.data.csv(path, {'delimiter': ';'})
    assert ds.column_names == ['x', 'y'] and ds.columnNames() == ['x', 'y']

    async def cell():
        return await ds.columnNames()
    assert asyncio.run(cell()) == ['x', 'y']
    assert ds.to_array() == [{'x': 1, 'y': 2}]


def test_given_column_names_without_a_header(write_csv):
    path = write_csv('1,2\n3,4\n')
    assert tf.data.csv(path, has_header=False, column_names=['p', 'q']).to_array() == [
        {'p': 1, 'q': 2}, {'p': 3, 'q': 4}]


def test_whitespace_delimited_rows_collapse_spaces(write_csv):
    path = write_csv('a b  c\n1   2 3\n')
    assert tf.data.csv(path, delim_whitespace=True).to_array() == [{'a': 1, 'b': 2, 'c': 3}]
    with pytest.raises(ValueError, match='Delimiter should not be provided when delimWhitespace is true'):
        tf.data.csv(path, delim_whitespace=True, delimiter=',')


def test_quotes_follow_tfjs_parser():
    from tfjs_lab.data.csv_dataset import split_quoted
    assert split_quoted('"a,b",c', ',') == ['a,b', 'c']
    assert split_quoted('"say ""hi""",2', ',') == ['say ""hi""', '2']  # TF.js keeps doubled quotes
    assert split_quoted('1,"",3', ',') == ['1', '', '3']
    assert split_quoted('x,"open', ',') == ['x', 'open']


def test_windows_line_ends_and_file_urls(write_csv, tmp_path):
    path = tmp_path / 'crlf.csv'
    path.write_bytes(b'a,b\r\n1,2\r\n')
    assert tf.data.csv('file://' + str(path)).to_array() == [{'a': 1, 'b': 2}]


def test_http_urls_are_streamed(write_csv, http_folder):
    write_csv('a,label\n1,0\n2,1\n', name='served.csv')
    ds = tf.data.csv(f'{http_folder}/served.csv', LABELLED)
    assert ds.column_names == ['a', 'label']
    assert ds.to_array() == [{'xs': {'a': 1}, 'ys': {'label': 0}}, {'xs': {'a': 2}, 'ys': {'label': 1}}]
    with pytest.raises(OSError, match='Request for .*/absent.csv failed with status code 404'):
        tf.data.csv(f'{http_folder}/absent.csv').to_array()


def test_reading_is_lazy(write_csv):
    path = write_csv('a\n1\n')
    ds = tf.data.csv(path + '.missing')  # nothing is opened until the data is needed
    with pytest.raises(FileNotFoundError, match='data.csv.missing'):
        ds.to_array()


@pytest.mark.parametrize('text, options, error', [
    ('a,b\n1\n', {}, r"Invalid row in csv file .*data.csv, line 2\. Should have 2 elements in a row, but got 1"),
    ('a,label\n1,\n', LABELLED, r"Required column label is empty in .*data.csv, line 2, column 2 \('label'\): 1,"),
    ('a,b\n1,2\n3,x\n', {}, r"Bad number in .*data.csv, line 3, column 2 \('b'\): 'x' is not a number, and the column "
                           r"holds numbers from its first value on\. Declare \{'dtype': 'string'\}"),
    ('a\n1\nnan\n', {'columnConfigs': {'a': {'dtype': 'float32'}}}, r"line 3, column 1 \('a'\): 'nan' is not a number, "
                                                                    r'and the column holds declared float32'),
    ('a,b\n1,2\n', {'columnConfigs': {'label': {'isLabel': True}}},
     r'The key "label" provided in columnConfigs does not match any of the column names \(a,b\)'),
    ('1,2\n', {'hasHeader': False}, 'Column names must be provided if there is no header line'),
    ('a,b\n1,2\n', {'columnNames': ['x']}, r'length of provided columnNames \(1\) does not match .* \(2\)'),
    ('a,a\n1,2\n', {}, 'Duplicate column names found: a'),
    ('', {}, 'No data was found for CSV parsing'),
    ('a\n1\n', {'columnConfigs': {'a': {'dtype': 'float64'}}}, "dtype must be one of float32, int32, bool, string"),
])
def test_bad_files_and_configs_say_where_and_what(write_csv, text, options, error):
    path = write_csv(text)
    with pytest.raises(ValueError, match=error):
        tf.data.csv(path, options).to_array()


def test_unknown_options_are_named(write_csv):
    with pytest.raises(TypeError, match="unknown option 'header'"):
        tf.data.csv('x.csv', {'header': True})
    with pytest.raises(TypeError, match=r"columnConfigs\['a'\]: unknown option 'label'"):
        tf.data.csv(write_csv('a\n1\n'), {'columnConfigs': {'a': {'label': True}}}).to_array()


def test_js_number_parsing():
    from tfjs_lab.data.csv_dataset import js_number
    assert [js_number(t) for t in ['0b11', '0o7', '-0x1', '+Infinity', '-Infinity', '1e999', '.5', '5.', '١']] == [
        3, 7, None, float('inf'), float('-inf'), float('inf'), 0.5, 5, None]


MEMORY_SCRIPT = """
import resource, sys
import tfjs_lab as tf
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
ds = tf.data.csv(sys.argv[1], {'columnConfigs': {'label': {'isLabel': True}}})
ds = ds.map(lambda e: {'xs': [e['xs']['a'], e['xs']['b']], 'ys': [e['ys']['label']]}).batch(1000)
rows = sum(batch['ys'].shape[0] for batch in ds)
print(rows, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - baseline) * 1024)
"""


def test_a_million_rows_stream_in_little_memory(tmp_path):
    path = tmp_path / 'big.csv'
    with open(path, 'w') as f:
        f.write('a,b,label\n')
        for start in range(0, 1_000_000, 100_000):
            f.write(''.join(f'{i * 0.5},{i % 7},{i % 2}\n' for i in range(start, start + 100_000)))
    done = subprocess.run([sys.executable, '-c', MEMORY_SCRIPT, str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    rows, peak_growth = map(int, done.stdout.split())
    assert rows == 1_000_000
    print(f"\n1,000,000 CSV rows streamed: peak RSS grew {peak_growth / 2 ** 20:.1f} MiB")
    assert peak_growth < 100 * 2 ** 20  # bytes: the script scales ru_maxrss (kB on Linux) by 1024
