"""The front ends' own unit tests (fit_plot.test.mjs, panels.test.mjs), under Node's built-in runner."""
import pathlib
import subprocess

import pytest


@pytest.mark.parametrize('name', ['fit_plot.test.mjs', 'panels.test.mjs'])
def test_front_end_unit_tests_pass_under_node(policy, name):
    node = policy.require_executable('node')
    tests = pathlib.Path(__file__).with_name(name)
    done = subprocess.run([node, '--test', str(tests)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
