"""The lessons for pip users: ``tfjs-lab lab [FOLDER]`` (or ``python -m tfjs_lab lab``) copies
the notebooks that ship with tfjs_lab into ``FOLDER`` and opens JupyterLab there.

A lesson already in the folder is never overwritten: it may hold the user's edits and answers.
Delete it (or choose another folder) to get the version of the installed tfjs_lab.

>>> import os, tempfile
>>> folder = os.path.join(tempfile.mkdtemp(), 'lessons')
>>> copied = copy_lessons(folder)
>>> copied.copied[0], copied.kept
('01_quickstart.ipynb', [])
>>> copy_lessons(folder).copied
[]
"""
import dataclasses
import importlib.metadata
import importlib.util
import pathlib
import shutil
import subprocess
import sys

DEFAULT_FOLDER = 'tfjs_lab_lessons'
# Lessons are numbered; other notebooks in a checkout's notebooks/ (a user's own) are not lessons.
LESSON_PATTERN = '[0-9][0-9]_*.ipynb'
FIRST_LESSON = '01_quickstart.ipynb'
# Where the wheel installs the notebooks ([tool.setuptools.data-files] in pyproject.toml),
# relative to the installation prefix.
INSTALLED_PARTS = ('share', 'tfjs_lab', 'notebooks')
_SOURCE_ROOT = pathlib.Path(__file__).resolve().parents[1]


def lesson_files():
    """The lesson notebooks, in order: those of this source checkout when tfjs_lab runs from one
    (so that edits to the lessons show at once), else those the package installed.

    >>> [path.name for path in lesson_files()][:2]
    ['01_quickstart.ipynb', '02_tensors_and_core_api.ipynb']
    """
    if (_SOURCE_ROOT / 'pyproject.toml').is_file() and (_SOURCE_ROOT / 'notebooks').is_dir():
        found = (_SOURCE_ROOT / 'notebooks').glob(LESSON_PATTERN)
    else:
        found = _installed_lesson_files()
    lessons = sorted(found, key=lambda path: path.name)
    if not lessons:
        raise FileNotFoundError('The tfjs_lab lessons are missing from this installation; reinstall it '
                                'with `pip install --force-reinstall tfjs_lab`.')
    return lessons


def _installed_lesson_files():
    try:
        distribution = importlib.metadata.distribution('tfjs_lab')
    except importlib.metadata.PackageNotFoundError:
        return []
    return [pathlib.Path(distribution.locate_file(file)).resolve() for file in distribution.files or []
            if tuple(file.parts[-4:-1]) == INSTALLED_PARTS and pathlib.PurePath(file.name).match(LESSON_PATTERN)]


@dataclasses.dataclass
class CopiedLessons:
    """What :func:`copy_lessons` did: the ``folder``, the lessons ``copied`` into it, and those
    ``kept`` because the folder already had a file of that name."""
    folder: pathlib.Path
    copied: list
    kept: list

    def report(self):
        """A few lines for the terminal.

        >>> print(CopiedLessons(pathlib.Path('lessons'), ['01_quickstart.ipynb'], ['02_a.ipynb']).report())
        Lessons in lessons: copied 01_quickstart.ipynb
        Kept your own copy of 02_a.ipynb (delete it to get this version's).
        """
        lines = [f"Lessons in {self.folder}: copied {', '.join(self.copied) or 'none (all were there)'}"]
        if self.kept:
            lines.append(f"Kept your own copy of {', '.join(self.kept)} (delete it to get this version's).")
        return '\n'.join(lines)


def copy_lessons(folder=DEFAULT_FOLDER):
    """Copy every lesson into ``folder`` (created if missing) unless a file of its name is there
    already; returns a :class:`CopiedLessons`. See the module's example."""
    folder = pathlib.Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f'The lessons need a folder; {str(folder)!r} is a file.')
    folder.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for lesson in lesson_files():
        target = folder / lesson.name
        if target.exists():
            kept.append(lesson.name)
        else:
            shutil.copyfile(lesson, target)
            copied.append(lesson.name)
    return CopiedLessons(folder, copied, kept)


def lab_command(folder, notebook=FIRST_LESSON):
    """The command that opens JupyterLab in ``folder`` on ``notebook``, with this Python.

    >>> lab_command('lessons')[1:]
    ['-m', 'jupyterlab', '--ServerApp.root_dir=lessons', '01_quickstart.ipynb']
    """
    return [sys.executable, '-m', 'jupyterlab', f'--ServerApp.root_dir={folder}', notebook]


def launch_lab(folder, notebook=FIRST_LESSON):
    """Run JupyterLab in ``folder`` until it is stopped; returns its exit code."""
    if importlib.util.find_spec('jupyterlab') is None:
        raise ModuleNotFoundError("JupyterLab is not installed in this Python; install it with "
                                  "`pip install 'tfjs_lab[lab]'`.")
    return subprocess.call(lab_command(folder, notebook), cwd=folder)
