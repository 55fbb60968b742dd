"""The docs: the API reference in docs/api/ is what docs/build_api_reference.py builds from
today's docstrings, covers every TF.js name tfjs_lab has, and every relative link in the docs
and the README points at a file that exists."""
import pathlib
import re
import runpy
import subprocess
import sys

import pytest

from tfjs_lab import api_coverage

ROOT = pathlib.Path(__file__).parents[1]
DOCS = ROOT / 'docs'
BUILDER = DOCS / 'build_api_reference.py'


@pytest.fixture(scope='module')
def builder():
    return runpy.run_path(str(BUILDER))


@pytest.fixture(scope='module')
def pages(builder):
    return builder['pages']()


def test_the_committed_reference_is_up_to_date(tmp_path):
    done = subprocess.run([sys.executable, str(BUILDER), '--check'], capture_output=True, text=True,
                          env={'PYTHONPATH': str(ROOT), 'PATH': ''}, timeout=300)
    assert done.returncode == 0, done.stderr


def test_check_names_the_stale_and_the_extra_pages(tmp_path, builder):
    assert builder['main'](['--out', str(tmp_path)]) == 0
    assert builder['main'](['--check', '--out', str(tmp_path)]) == 0
    (tmp_path / 'layers.md').write_text('edited by hand')
    (tmp_path / 'old.md').write_text('')
    assert builder['main'](['--check', '--out', str(tmp_path)]) == 1
    assert builder['main'](['--out', str(tmp_path)]) == 0
    assert not (tmp_path / 'old.md').exists()
    assert builder['main'](['--check', '--out', str(tmp_path)]) == 0


def test_every_tfjs_name_that_tfjs_lab_has_is_documented(builder, pages):
    for category, names in api_coverage.report().items():
        file_name = builder['TITLES'][category][0] + '.md'
        assert f'({file_name})' in pages['README.md']
        headings = re.findall(r'^### `([^`]+)`', pages[file_name], re.M)
        assert sorted(heading.rsplit('.', 1)[-1] for heading in headings) == sorted(names['present'], key=str)
        assert f"{len(names['present'])} TF.js names" in pages[file_name]
        for name in names['left_out']:
            assert f'- `{name}`: ' in pages[file_name]


def test_pages_show_signatures_docstrings_and_examples(pages):
    dense = pages['layers.md'].split('### `tf.layers.dense`')[1].split('### ')[0]
    assert 'tf.layers.dense(*, units, activation=None, use_bias=True' in dense
    assert 'A densely connected layer' in dense
    assert "```python\n>>> import tfjs_lab as tf" in dense
    assert 'Python spelling: `tf.layers.alpha_dropout`.' in pages['layers.md']
    assert '### `tf.vis.show.fit_callbacks`' in pages['vis.md']
    assert '### `tf.datasets.load_iris`' in pages['datasets.md']
    assert not re.search(r' at 0x[0-9a-f]+', ''.join(pages.values()))


def test_docstring_examples_become_fenced_blocks(builder):
    def documented():
        """Adds one.

        >>> 1 + 1
        2

        Then more prose.
        """
    assert builder['docstring_markdown'](documented) == \
        'Adds one.\n\n```python\n>>> 1 + 1\n2\n```\n\nThen more prose.'
    assert builder['docstring_markdown'](lambda: None) == '*(no docstring)*'


@pytest.mark.parametrize('document', sorted(DOCS.glob('*.md')) + [ROOT / 'README.md'],
                         ids=lambda path: path.name)
def test_relative_links_point_at_files_that_exist(document):
    for target in re.findall(r'\]\((?!https?://|#)([^)#\s]+)', document.read_text()):
        assert (document.parent / target).exists(), f'{document.name} links to missing {target}'


def test_the_porting_guide_covers_every_api_family_and_links_the_differences():
    guide = (DOCS / 'PORTING.md').read_text()
    for family in ('tf.tensor', 'tf.variable', 'tf.grad', 'tf.tidy', 'tf.train', 'tf.sequential', 'tf.layers',
                   'model.compile', 'tf.losses', 'tf.metrics', 'tf.initializers', 'tf.callbacks', 'tf.data',
                   'model.save', 'tf.io', 'tfvis', 'tf.datasets', 'tf.browser', 'tf.util'):
        assert f'`{family}' in guide, family
    assert '[DIFFERENCES.md](DIFFERENCES.md)' in guide and '[STORES.md](STORES.md)' in guide
