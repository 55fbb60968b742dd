"""binder/: repo2docker turns it into an image (checked with its --no-build dry run, which needs
no Docker), and exactly what binder/ lists, installed into a fresh virtual environment, runs
every lesson."""
import json
import os
import pathlib
import re
import shutil
import subprocess
import tomllib
import venv

import pytest

ROOT = pathlib.Path(__file__).parents[1]
BINDER = ROOT / 'binder'
NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))


@pytest.fixture(scope='module')
def dockerfile(policy):
    """The Dockerfile repo2docker would build from this repository."""
    if shutil.which('repo2docker') is None:
        policy.missing_tool('repo2docker is not installed (pip install jupyter-repo2docker)')
    done = subprocess.run(['repo2docker', '--no-build', '--debug', str(ROOT)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


def test_repo2docker_installs_the_package_from_binder_requirements(dockerfile):
    assert 'Building conda environment for python=3.11' in dockerfile
    # The requirements name the repository itself, so they are installed after it is copied in.
    copy_repository = dockerfile.index('COPY --chown=0:0 src/ ${REPO_DIR}/')
    install = dockerfile.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert copy_repository < install
    assert './binder/postBuild' in dockerfile[install:]


def test_binder_files_agree_with_the_package():
    runtime = (BINDER / 'runtime.txt').read_text().strip()
    assert re.fullmatch(r'python-3\.\d+', runtime), runtime
    requires = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['requires-python']
    assert requires == '>=3.10' and int(runtime.split('.')[1]) >= 10
    requirements = [line for line in (BINDER / 'requirements.txt').read_text().splitlines()
                    if line.strip() and not line.startswith('#')]
    assert requirements == ['.[lab]']
    assert os.access(BINDER / 'postBuild', os.X_OK)


def test_the_readme_badge_opens_the_quickstart_in_jupyterlab():
    readme = (ROOT / 'README.md').read_text()
    [url] = re.findall(r'\(https://mybinder\.org/v2/gh/[^)]+\)', readme)
    path = re.search(r'urlpath=lab/tree/(\S+)\)', url).group(1)
    assert (ROOT / path).is_file(), path
    assert path == 'notebooks/01_quickstart.ipynb'


def test_a_fresh_environment_with_what_binder_lists_runs_every_lesson(tmp_path):
    environment = tmp_path / 'env'
    venv.create(environment, with_pip=True)
    scripts = environment / ('Scripts' if os.name == 'nt' else 'bin')
    python = str(scripts / 'python')
    home = tmp_path / 'home'
    home.mkdir()
    # The environment activated; nothing of this checkout or of the test's own Python may leak in.
    env = {key: value for key, value in os.environ.items() if not key.startswith(('PYTHON', 'JUPYTER'))}
    env.update(PATH=os.pathsep.join([str(scripts), env['PATH']]), VIRTUAL_ENV=str(environment), HOME=str(home), JUPYTER_PATH=str(environment / 'share' / 'jupyter'),
               JUPYTER_DATA_DIR=str(home / 'jupyter-data'), JUPYTER_CONFIG_DIR=str(home / '.jupyter'))

    # As repo2docker does: the requirements from the repository root, then postBuild.
    install = subprocess.run([python, '-m', 'pip', 'install', '-q', '-r', 'binder/requirements.txt'], cwd=ROOT,
                             env=env, capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    subprocess.run([str(BINDER / 'postBuild')], env=env, check=True, timeout=60)
    assert "c.ServerApp.default_url = '/lab/tree/notebooks/01_quickstart.ipynb'" in \
        (home / '.jupyter' / 'jupyter_server_config.py').read_text()

    lessons = tmp_path / 'lessons'
    lessons.mkdir()
    probe = {'cells': [{'cell_type': 'code', 'execution_count': None, 'id': 'probe', 'metadata': {}, 'outputs': [],
                        'source': 'import sys, tfjs_lab\nprint(sys.prefix)\nprint(tfjs_lab.__file__)'}],
             'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}},
             'nbformat': 4, 'nbformat_minor': 5}
    (lessons / '00_probe.ipynb').write_text(json.dumps(probe))
    for notebook in NOTEBOOKS:
        shutil.copy(notebook, lessons)
    env.update(TFJS_LAB_STORE_DIR=str(tmp_path / 'stores'), TFJS_LAB_DOWNLOADS_DIR=str(tmp_path / 'downloads'),
               TFJS_LAB_DATA_DIR=str(tmp_path / 'data'))
    run = subprocess.run([python, '-m', 'nbconvert', '--to', 'notebook', '--execute',
                          '--output-dir', str(tmp_path / 'executed'), '--ExecutePreprocessor.timeout=120',
                          *sorted(path.name for path in lessons.glob('*.ipynb'))],
                         cwd=lessons, env=env, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-5000:]

    executed = sorted(path.name for path in (tmp_path / 'executed').glob('*.ipynb'))
    assert executed == ['00_probe.ipynb'] + [path.name for path in NOTEBOOKS]
    probe_output = json.loads((tmp_path / 'executed' / '00_probe.ipynb').read_text())['cells'][0]['outputs'][0]['text']
    prefix, module = ''.join(probe_output).split()
    assert pathlib.Path(prefix) == environment
    assert pathlib.Path(module).is_relative_to(environment), module
