"""benchmarks/bench_ops.py runs (a few calls; tests never assert timings)."""
import importlib.util
import pathlib

SCRIPT = pathlib.Path(__file__).parents[2] / 'benchmarks' / 'bench_ops.py'


def test_the_dispatch_benchmark_runs_and_prints_its_table(capsys):
    spec = importlib.util.spec_from_file_location('bench_ops', SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(['--calls', '20', '--repeats', '2']) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in ('add', 'exp', 'x.add(1)', 'target'))
