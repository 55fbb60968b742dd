"""Cost of training from a tf.data pipeline: the seed model's ``fit_dataset`` against ``fit``
on the same in-memory data and the same batches, measured in one run. Target: at most 1.3x.

    python benchmarks/bench_data.py [--epochs 5] [--repeats 9] [--check]

Pipelines, each ending in ``batch(32)``, as TF.js tutorials build them:

* ``array of {xs, ys} lists``: ``tf.data.array`` of per-sample dicts of plain lists;
* ``zip of arrays of rows``: ``tf.data.zip({xs: tf.data.array(x_rows), ys: tf.data.array(y_rows)})``
  over NumPy rows;
* the same zip with ``prefetch(2)``, batching on a background thread while training. Shown
  for information, outside the target: the batching is Python code, and the GIL lets only one
  of the two threads run it at a time, so prefetching pays off for sources that wait (files,
  http, async generators), not here.

Fits alternate with the pipelines in every repeat, so drifts in machine speed hit all alike;
the ratio is of the best times (the least disturbed on a busy machine). ``--check`` exits
with 1 when a ratio is over the target.
"""
import argparse
import pathlib
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import tfjs_lab as tf  # noqa: E402 -- the worktree's package, first on the path
from seed_model import seed_model  # noqa: E402

SAMPLES, BATCH_SIZE, TARGET = 4096, 32, 1.3


def pipelines(x, y):
    dict_rows = [{'xs': list(map(float, xi)), 'ys': [float(yi[0])]} for xi, yi in zip(x, y)]
    zipped = tf.data.zip({'xs': tf.data.array(list(x)), 'ys': tf.data.array(list(y))})
    return {
        'array of {xs, ys} lists': tf.data.array(dict_rows).batch(BATCH_SIZE),
        'zip of arrays of rows': zipped.batch(BATCH_SIZE),
        'zip of rows, prefetch(2)': zipped.batch(BATCH_SIZE).prefetch(2),
    }


def timed(train):
    tf.set_seed(0)
    model = seed_model(tf)
    start = time.perf_counter()
    history = train(model)
    return time.perf_counter() - start, history.history['loss']


def measure(epochs, repeats):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(SAMPLES, 10)).astype(np.float32)
    y = (x[:, :1] + x[:, 1:2] > 0).astype(np.float32)
    datasets = pipelines(x, y)
    runs = {'fit': lambda m: m.fit(x, y, batch_size=BATCH_SIZE, epochs=epochs, shuffle=False, verbose=0),
            **{name: (lambda m, ds=ds: m.fit_dataset(ds, epochs=epochs, verbose=0)) for name, ds in datasets.items()}}
    for train in runs.values():
        timed(train)  # warm-up
    seconds = {name: [] for name in runs}
    losses = {}
    for repeat in range(repeats):
        names = list(runs) if repeat % 2 == 0 else list(runs)[::-1]
        for name in names:
            elapsed, losses[name] = timed(runs[name])
            seconds[name].append(elapsed)
    base = min(seconds['fit'])
    print(f'seed model (dense 10->32 relu->1 sigmoid, adam), {SAMPLES} samples, batch {BATCH_SIZE}, '
          f'{epochs} epochs, best of {repeats}')
    print(f'  {"fit (no shuffle)":40s} {base * 1000:8.1f} ms')
    worst = 0.0
    for name in datasets:
        ratio = min(seconds[name]) / base
        if 'prefetch' not in name:
            worst = max(worst, ratio)
        same = 'same losses' if losses[name] == losses['fit'] else 'LOSSES DIFFER'
        print(f'  {"fit_dataset, " + name:40s} {min(seconds[name]) * 1000:8.1f} ms   '
              f'{ratio:.2f}x fit   ({same})')
    verdict = 'met' if worst <= TARGET else 'MISSED'
    print(f'  worst ratio without prefetch {worst:.2f}x (target <= {TARGET}x: {verdict})')
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--epochs', type=int, default=5)
    parser.add_argument('--repeats', type=int, default=9)
    parser.add_argument('--check', action='store_true', help='exit with 1 when over the target')
    args = parser.parse_args()
    worst = measure(args.epochs, args.repeats)
    if args.check and worst > TARGET:
        sys.exit(1)


if __name__ == '__main__':
    main()
