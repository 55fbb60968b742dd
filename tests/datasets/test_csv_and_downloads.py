"""CSV tables and downloads: files served by a real HTTP server on 127.0.0.1, kept in the
cache directory that TFJS_LAB_DATA_DIR names, and clear errors when the network fails."""
import gzip
import os
import socket

import numpy as np
import pytest

from tfjs_lab import datasets
from tfjs_lab.datasets import DownloadError, load_csv, load_idx

FLOWERS = 'sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,,virginica\n4.9,1.5,setosa\n'


def test_csv_from_a_path(tmp_path):
    path = tmp_path / 'flowers.csv'
    path.write_text(FLOWERS)
    table = load_csv(path)
    assert table.column_names == ['sepal', 'petal', 'species'] and len(table) == 4
    assert table.records[2] == {'sepal': 6.3, 'petal': None, 'species': 'virginica'}
    np.testing.assert_array_equal(table.column('petal'), np.array([1.4, 4.7, np.nan, 1.5], dtype=np.float32))
    assert table.column('species').tolist() == ['setosa', 'versicolor', 'virginica', 'setosa']


def test_a_text_target_is_a_classification_without_the_incomplete_rows(tmp_path):
    path = tmp_path / 'flowers.csv'
    path.write_text(FLOWERS)
    data = load_csv(path).labeled('species')
    assert data.feature_names == ['sepal', 'petal'] and data.class_names == ['setosa', 'versicolor']
    assert data.labels.tolist() == [0, 1, 0] and data.ys.shape == [3, 2]
    assert data.description == '3 of 4 rows (1 missing a value)'
    regression = load_csv(path).labeled('sepal', ['petal'])
    assert regression.class_names is None and regression.labels.tolist() == pytest.approx([5.1, 7.0, 4.9])


def test_numeric_class_codes(tmp_path):
    path = tmp_path / 'codes.csv'
    path.write_text('x,kind\n0.5,2\n0.1,0\n0.7,2\n')
    data = load_csv(path).labeled('kind', classification=True)
    assert data.class_names == ['0', '2'] and data.labels.tolist() == [1, 0, 1]


def test_csv_without_a_header_and_with_another_delimiter(tmp_path):
    path = tmp_path / 'plain.tsv'
    path.write_text('1\t2\n3\t4\n')
    table = load_csv(path, delimiter='\t', column_names=['a', 'b'])
    assert table.records == [{'a': 1.0, 'b': 2.0}, {'a': 3.0, 'b': 4.0}]


@pytest.mark.parametrize('text, message', [
    ('', 'the CSV is empty; expected a header row'),
    ('a,b\n1,2\n\n3\n', r"line 4 has 1 fields, expected 2 \(\['a', 'b'\]\); received \['3'\]"),
    ('a,a\n1,2\n', r"column names must be unique; received \['a', 'a'\]"),
])
def test_malformed_csv(tmp_path, text, message):
    path = tmp_path / 'bad.csv'
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        load_csv(path)


def test_non_utf8_csv_names_the_encoding(tmp_path):
    path = tmp_path / 'latin.csv'
    path.write_bytes('name\ncafé\n'.encode('latin-1'))
    with pytest.raises(ValueError, match='is not utf-8 text.*pass encoding='):
        load_csv(path)
    assert load_csv(path, encoding='latin-1').records == [{'name': 'café'}]


def test_labeled_names_the_columns_it_can_use(tmp_path):
    path = tmp_path / 'flowers.csv'
    path.write_text(FLOWERS)
    with pytest.raises(KeyError, match=r"no column 'colour'; its columns are \['sepal', 'petal', 'species'\]"):
        load_csv(path).labeled('colour')
    with pytest.raises(ValueError, match=r"'species' holds text \('setosa'\).*numeric columns: \['petal'\]"):
        load_csv(path).labeled('sepal', ['species'])
    path.write_text('a,b\n1,\n,2\n')
    with pytest.raises(ValueError, match=r"no row has values in all of \['a', 'b'\]"):
        load_csv(path).labeled('b')


def test_download_once_then_from_the_cache(http_server, data_dir):
    (http_server.root / 'flowers.csv').write_text(FLOWERS)
    url = f'{http_server.url}/flowers.csv'
    first = load_csv(url)
    second = load_csv(url)
    assert first.records == second.records and len(first) == 4
    assert http_server.requests == ['/flowers.csv']
    cached = os.listdir(data_dir)
    assert len(cached) == 1 and cached[0].endswith('-flowers.csv')
    assert datasets.download(url) == str(data_dir / cached[0])


def test_refresh_downloads_again(http_server, data_dir):
    (http_server.root / 'flowers.csv').write_text(FLOWERS)
    url = f'{http_server.url}/flowers.csv'
    datasets.download(url)
    (http_server.root / 'flowers.csv').write_text('a\n1\n')
    assert len(load_csv(url)) == 4, 'the cached copy is used'
    datasets.download(url, refresh=True)
    assert load_csv(url).records == [{'a': 1.0}]
    assert http_server.requests == ['/flowers.csv', '/flowers.csv']


def test_an_explicit_cache_dir_wins_over_the_environment(http_server, data_dir, tmp_path):
    (http_server.root / 'flowers.csv').write_text(FLOWERS)
    elsewhere = tmp_path / 'elsewhere'
    load_csv(f'{http_server.url}/flowers.csv', cache_dir=str(elsewhere))
    assert len(os.listdir(elsewhere)) == 1 and not data_dir.exists()


def test_urls_with_the_same_file_name_do_not_collide(http_server, data_dir):
    for folder, text in (('a', 'x\n1\n'), ('b', 'x\n2\n')):
        (http_server.root / folder).mkdir()
        (http_server.root / folder / 'data.csv').write_text(text)
    assert load_csv(f'{http_server.url}/a/data.csv').records == [{'x': 1.0}]
    assert load_csv(f'{http_server.url}/b/data.csv').records == [{'x': 2.0}]


def test_gzipped_idx_over_http(http_server, data_dir):
    payload = bytes([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4])
    (http_server.root / 'train-images-idx3-ubyte.gz').write_bytes(gzip.compress(payload))
    assert load_idx(f'{http_server.url}/train-images-idx3-ubyte.gz').tolist() == [[1, 2], [3, 4]]


def test_a_missing_file_on_the_server(http_server, data_dir):
    url = f'{http_server.url}/missing.csv'
    with pytest.raises(DownloadError, match=f'Could not download {url}: the server answered 404'):
        load_csv(url)
    assert not data_dir.exists() or os.listdir(data_dir) == []


def test_an_unreachable_server_says_how_to_work_offline(data_dir):
    with socket.socket() as probe:  # a port nothing listens on: bound, then closed
        probe.bind(('127.0.0.1', 0))
        port = probe.getsockname()[1]
    url = f'http://127.0.0.1:{port}/cars.json'
    with pytest.raises(DownloadError, match=f'Could not download {url}: .*refused.*To work offline, put the file '
                                            f'at {data_dir}/[0-9a-f]+-cars.json') as error:
        load_csv(url)
    assert isinstance(error.value, ConnectionError)


def test_a_download_cut_short_leaves_nothing_in_the_cache(http_server, data_dir):
    url = f'{http_server.url}/short/data.csv'
    with pytest.raises(DownloadError, match=f'Could not download {url}: .*IncompleteRead'):
        load_csv(url)
    assert not data_dir.exists() or os.listdir(data_dir) == []


def test_other_schemes_are_refused():
    with pytest.raises(ValueError, match="takes an http:// or https:// URL; received 'ftp://host/a.csv'"):
        load_csv('ftp://host/a.csv')


def test_default_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv('TFJS_LAB_DATA_DIR', raising=False)
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path))
    assert datasets.data_dir() == str(tmp_path / 'tfjs_lab' / 'datasets')
