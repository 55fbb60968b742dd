"""The lessons command: `tfjs-lab lab` / `python -m tfjs_lab lab` copies the notebooks without
overwriting the user's edits and opens JupyterLab there (the launcher is replaced here, so no
server starts); the wheel ships the notebooks and the console script."""
import os
import pathlib
import subprocess
import sys
import venv

import pytest

from tfjs_lab import __main__ as cli
from tfjs_lab import lessons

ROOT = pathlib.Path(__file__).parents[1]
NOTEBOOKS = sorted(path.name for path in (ROOT / 'notebooks').glob('[0-9][0-9]_*.ipynb'))


@pytest.fixture
def launches(monkeypatch):
    """The JupyterLab launches that would have happened: (command, working folder) pairs."""
    calls = []
    monkeypatch.setattr(lessons.subprocess, 'call', lambda command, cwd: calls.append((command, cwd)) or 0)
    return calls


def test_lab_copies_every_lesson_and_opens_jupyterlab_on_the_quickstart(tmp_path, launches, capsys):
    folder = tmp_path / 'my lessons'
    assert cli.main(['lab', str(folder)]) == 0

    assert sorted(os.listdir(folder)) == NOTEBOOKS
    for name in NOTEBOOKS:
        assert (folder / name).read_bytes() == (ROOT / 'notebooks' / name).read_bytes()
    [(command, cwd)] = launches
    assert command == [sys.executable, '-m', 'jupyterlab', f'--ServerApp.root_dir={folder}', '01_quickstart.ipynb']
    assert cwd == folder
    assert f'Lessons in {folder}: copied 01_quickstart.ipynb, 02_' in capsys.readouterr().out


def test_lab_keeps_the_users_edits_and_only_adds_missing_lessons(tmp_path, launches, capsys):
    (tmp_path / '01_quickstart.ipynb').write_text('my answers')
    (tmp_path / 'notes.txt').write_text('mine')
    assert cli.main(['lab', str(tmp_path), '--no-launch']) == 0

    assert (tmp_path / '01_quickstart.ipynb').read_text() == 'my answers'
    assert (tmp_path / 'notes.txt').read_text() == 'mine'
    assert sorted(os.listdir(tmp_path)) == sorted(NOTEBOOKS + ['notes.txt'])
    out = capsys.readouterr().out
    assert "Kept your own copy of 01_quickstart.ipynb (delete it to get this version's)." in out
    assert launches == []

    assert cli.main(['lab', str(tmp_path), '--no-launch']) == 0
    assert 'copied none (all were there)' in capsys.readouterr().out


def test_only_the_numbered_lessons_are_copied(tmp_path, monkeypatch, launches):
    """A notebook of the user's own in a checkout's notebooks/ is not a lesson."""
    checkout = tmp_path / 'checkout'
    (checkout / 'notebooks').mkdir(parents=True)
    (checkout / 'pyproject.toml').write_text('')
    for name in ('01_first.ipynb', '02_second.ipynb', 'scratch.ipynb', 'notes.md'):
        (checkout / 'notebooks' / name).write_text(name)
    monkeypatch.setattr(lessons, '_SOURCE_ROOT', checkout)
    assert [path.name for path in lessons.lesson_files()] == ['01_first.ipynb', '02_second.ipynb']
    (checkout / 'notebooks' / '01_first.ipynb').unlink()
    (checkout / 'notebooks' / '02_second.ipynb').unlink()
    with pytest.raises(FileNotFoundError, match='The tfjs_lab lessons are missing from this installation'):
        lessons.lesson_files()


def test_lab_defaults_to_a_lessons_folder_in_the_current_directory(tmp_path, monkeypatch, launches):
    monkeypatch.chdir(tmp_path)
    assert cli.main(['lab', '--no-launch']) == 0
    assert sorted(os.listdir(tmp_path / 'tfjs_lab_lessons')) == NOTEBOOKS


def test_a_file_in_place_of_the_folder_is_a_clear_error(tmp_path, launches, capsys):
    (tmp_path / 'taken').write_text('')
    assert cli.main(['lab', str(tmp_path / 'taken')]) == 1
    assert capsys.readouterr().err == f"tfjs-lab: The lessons need a folder; {str(tmp_path / 'taken')!r} is a file.\n"
    assert launches == []


def test_without_jupyterlab_the_command_says_how_to_install_it(tmp_path, monkeypatch, launches, capsys):
    monkeypatch.setattr(lessons.importlib.util, 'find_spec', lambda name: None)
    assert cli.main(['lab', str(tmp_path)]) == 1
    assert "JupyterLab is not installed in this Python; install it with `pip install 'tfjs_lab[lab]'`." in \
        capsys.readouterr().err
    assert launches == []


def test_no_command_prints_the_usage(capsys):
    assert cli.main([]) == 2
    assert 'lab' in capsys.readouterr().out
    with pytest.raises(SystemExit):
        cli.main(['lesson'])
    assert "invalid choice: 'lesson'" in capsys.readouterr().err


def test_python_dash_m_runs_the_command(tmp_path):
    done = subprocess.run([sys.executable, '-m', 'tfjs_lab', 'lab', str(tmp_path / 'lessons'), '--no-launch'],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(tmp_path / 'lessons')) == NOTEBOOKS


def test_the_installed_wheel_ships_the_lessons_and_the_console_script(tmp_path):
    """Built and installed as pip users get it, away from this checkout: the lessons come from
    the installation (the runtime dependencies from this environment; the build, as pip does it,
    in an isolated environment with the setuptools pyproject.toml asks for)."""
    env = {key: value for key, value in os.environ.items() if key != 'PYTHONPATH'}
    wheels = tmp_path / 'wheels'
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '-q', '-w',
                    str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    environment = tmp_path / 'env'
    venv.create(environment, system_site_packages=True, with_pip=False)
    bin_dir = environment / ('Scripts' if os.name == 'nt' else 'bin')
    # --force-reinstall: a tfjs_lab in the shared site-packages must not count as installed here
    subprocess.run([sys.executable, '-m', 'pip', '--python', str(bin_dir / 'python'), 'install', '-q',
                    '--no-deps', '--force-reinstall', str(next(wheels.glob('*.whl')))],
                   check=True, capture_output=True, env=env, timeout=300)

    done = subprocess.run([str(bin_dir / 'tfjs-lab'), 'lab', 'lessons', '--no-launch'], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=120)

    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(tmp_path / 'lessons')) == NOTEBOOKS
    assert (tmp_path / 'lessons' / '01_quickstart.ipynb').read_bytes() == \
        (ROOT / 'notebooks' / '01_quickstart.ipynb').read_bytes()
    located = subprocess.run([str(bin_dir / 'python'), '-c', 'import tfjs_lab.lessons as l; print(l.lesson_files()[0])'],
                             cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert located.stdout.strip() == str((environment / 'share' / 'tfjs_lab' / 'notebooks' /
                                          '01_quickstart.ipynb').resolve())
