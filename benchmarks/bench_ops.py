"""Op dispatch overhead: an element-wise op on a small tensor in tfjs_lab against the bare NumPy
call, measured in the same run, with no tape and with a tape recording (issue 3's targets: at
most 4 µs over NumPy without a tape, 8 µs with one).

    python benchmarks/bench_ops.py
"""
import timeit

import numpy as np

import tfjs_lab as tf
from tfjs_lab.core.tape import Tape

REPEATS, NUMBER = 7, 20000
TARGETS = {'no tape': 4.0, 'recording': 8.0}


def best_microseconds(statement):
    return min(timeit.repeat(statement, number=NUMBER, repeat=REPEATS)) / NUMBER * 1e6


def main():
    a_np, b_np = np.arange(10, dtype=np.float32), np.ones(10, np.float32)
    a, b = tf.tensor(a_np), tf.tensor(b_np)
    rows = []
    for name, numpy_call, tfjs_call in [
        ('add', lambda: np.add(a_np, b_np), lambda: tf.add(a, b)),
        ('a + b', lambda: a_np + b_np, lambda: a + b),
        ('exp', lambda: np.exp(a_np), lambda: tf.exp(a)),
    ]:
        numpy_us = best_microseconds(numpy_call)
        plain_us = best_microseconds(tfjs_call)
        with Tape([a, b]):  # a and b watched: every call records a node
            recording_us = best_microseconds(tfjs_call)
        rows.append((name, numpy_us, plain_us - numpy_us, recording_us - numpy_us))
    print(f'element-wise op on 10 float32 values, best of {REPEATS} x {NUMBER} calls')
    print(f"{'op':8} {'numpy µs':>9} {'+no tape':>9} {'+recording':>11}")
    for name, numpy_us, plain, recording in rows:
        print(f'{name:8} {numpy_us:9.2f} {plain:+9.2f} {recording:+11.2f}')
    worst = {'no tape': max(r[2] for r in rows), 'recording': max(r[3] for r in rows)}
    for kind, target in TARGETS.items():
        verdict = 'met' if worst[kind] <= target else 'MISSED'
        print(f'worst overhead {kind}: {worst[kind]:+.2f} µs (target <= {target:g} µs: {verdict})')


if __name__ == '__main__':
    main()
