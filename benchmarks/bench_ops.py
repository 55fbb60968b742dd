"""Op dispatch overhead: an element-wise op on a small tensor through tfjs_lab, without a
tape and with a recording tape, against the bare NumPy call, measured in the same run (issue
target: at most 4 µs over NumPy without a tape, 8 µs with the tape recording).

    python benchmarks/bench_ops.py [--size 10] [--calls 10000] [--repeats 25] [--check]

Each repeat times every variant of every op once, in turn, and the best repeat counts, so a
burst of load on the machine cannot favour one variant or one op. ``x.add(1)`` is shown for information: its Python
number becomes a tensor first, as in TF.js, which the target does not cover.
"""
import argparse
import time

import numpy as np

import tfjs_lab as tf
from tfjs_lab.core.tape import Tape

TARGETS_US = (4.0, 8.0)  # over NumPy: without a tape, with a recording tape


def cases(size):
    """(name, counts for the target, NumPy call, tfjs_lab call, the tensors a tape watches)."""
    a = np.linspace(-1, 1, size, dtype=np.float32)
    x = tf.tensor1d(a)
    return [
        ('add', True, lambda: np.add(a, a), lambda: tf.add(x, x), [x]),
        ('x + x', True, lambda: a + a, lambda: x + x, [x]),
        ('exp', True, lambda: np.exp(a), lambda: tf.exp(x), [x]),
        ('x.add(1)', False, lambda: np.add(a, np.float32(1)), lambda: x.add(1), [x]),
    ]


def _run(fn, calls, tape):
    if tape is None:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        return time.perf_counter() - start
    with tape:  # every call records a node, as inside tf.grad
        return _run(fn, calls, None)


def measure(size, calls, repeats):
    """``[(name, counts, numpy µs, no-tape µs, tape µs)]``, best of ``repeats`` per call."""
    runs = [(fn, tape) for _, _, numpy_call, tfjs_call, watched in cases(size)
            for fn, tape in ((numpy_call, None), (tfjs_call, None), (tfjs_call, Tape(watched)))]
    best = [float('inf')] * len(runs)
    for _ in range(repeats):
        for i, (fn, tape) in enumerate(runs):
            best[i] = min(best[i], _run(fn, calls, tape))
    per_call = [b / calls * 1e6 for b in best]
    return [(name, counts, *per_call[3 * i:3 * i + 3]) for i, (name, counts, *_) in enumerate(cases(size))]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size', type=int, default=10, help='elements in the tensor')
    parser.add_argument('--calls', type=int, default=10000)
    parser.add_argument('--repeats', type=int, default=25)
    parser.add_argument('--check', action='store_true', help='exit with 1 when over the target')
    args = parser.parse_args(argv)
    rows = measure(args.size, args.calls, args.repeats)
    print(f'float32 tensor of {args.size} elements; µs per call (best of {args.repeats} x {args.calls})')
    print(f"{'op':<10}{'numpy':>8}{'no tape':>9}{'over':>7}{'tape':>8}{'over':>7}")
    over_target = False
    for name, counts, numpy_us, plain_us, taped_us in rows:
        plain_over, taped_over = plain_us - numpy_us, taped_us - numpy_us
        if counts:
            over_target |= plain_over > TARGETS_US[0] or taped_over > TARGETS_US[1]
        print(f'{name:<10}{numpy_us:>8.2f}{plain_us:>9.2f}{plain_over:>+7.2f}{taped_us:>8.2f}{taped_over:>+7.2f}'
              + ('' if counts else '   (information)'))
    print(f'target for the element-wise ops: at most +{TARGETS_US[0]:g} µs without a tape, +{TARGETS_US[1]:g} µs '
          f"with one -> {'OVER' if over_target else 'met'}")
    return 1 if args.check and over_target else 0


if __name__ == '__main__':
    raise SystemExit(main())
