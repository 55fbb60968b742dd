"""The ``tfjs-lab`` command (also ``python -m tfjs_lab``).

``tfjs-lab lab [FOLDER] [--no-launch]`` copies the lessons into FOLDER (default
``tfjs_lab_lessons``) without overwriting the ones already there, then opens JupyterLab on the
quickstart.

>>> main(['--version'])   # doctest: +ELLIPSIS
tfjs_lab ...
0
"""
import argparse
import sys

from . import lessons
from .version import __version__


def _parser():
    parser = argparse.ArgumentParser(prog='tfjs-lab', description='TensorFlow.js lessons in Jupyter.')
    parser.add_argument('--version', action='store_true', help="print tfjs_lab's version")
    commands = parser.add_subparsers(dest='command', metavar='COMMAND')
    lab = commands.add_parser('lab', help='copy the lessons into a folder and open JupyterLab there')
    lab.add_argument('folder', nargs='?', default=lessons.DEFAULT_FOLDER,
                     help=f'where the lessons go (default: ./{lessons.DEFAULT_FOLDER}); your edits are kept')
    lab.add_argument('--no-launch', action='store_true', help='copy the lessons only; do not start JupyterLab')
    return parser


def main(argv=None):
    """Run the command line ``argv`` (default: the process's arguments); returns the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.version:
        print('tfjs_lab', __version__)
        return 0
    if arguments.command != 'lab':
        parser.print_help()
        return 2
    try:
        result = lessons.copy_lessons(arguments.folder)
    except OSError as err:
        print(f'tfjs-lab: {err}', file=sys.stderr)
        return 1
    print(result.report())
    if arguments.no_launch:
        return 0
    try:
        return lessons.launch_lab(result.folder)
    except ModuleNotFoundError as err:
        print(f'tfjs-lab: {err}', file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main())
