"""Cost of tf.vis during training: the seed model's fit (10 -> 32 -> 1, batch 32, 4,096
samples) plain, with ``tf.vis.show.fit_callbacks`` (every batch and epoch) and with
``tf.vis.dashboard()`` (curves, progress, weight and gradient statistics each epoch), measured
in the same run. Target: under 5% of training time for each.

    python benchmarks/bench_vis.py [--epochs 50] [--repeats 5] [--here]

By default the measurement runs in an IPython kernel started for it, so the widget is
displayed and its messages are serialized and sent as in a notebook; ``--here`` runs it in this
process, where a widget has no front end and sending costs almost nothing.

Two numbers: the difference of paired fits (alternating which goes first), and the time spent
plotting (making and showing the widget, and inside its callbacks) as a share of that same fit. The second
is the steadier one on a busy machine, where two fits of the same model can differ by 20%.
"""
import argparse
import pathlib
import statistics
import sys
import time

import numpy as np

from seed_model import seed_model

SAMPLES, BATCH_SIZE = 4096, 32
VARIANTS = ('plain', 'fit_callbacks', 'dashboard')
HOOKS = ('on_train_begin', 'on_epoch_begin', 'on_batch_end', 'on_epoch_end', 'on_train_end')


def timed_hooks(callbacks):
    """Wrap ``callbacks``' hooks so that the time spent in them adds up in the returned list."""
    spent = [0.0]
    for hook in HOOKS:
        def timed(*args, run=getattr(callbacks, hook)):
            start = time.perf_counter()
            run(*args)
            spent[0] += time.perf_counter() - start
        setattr(callbacks, hook, timed)
    return spent


def make_callbacks(tf, variant):
    if variant == 'fit_callbacks':
        return tf.vis.show.fit_callbacks('Training', ['loss', 'acc'])
    return tf.vis.dashboard('Training')


def fit_once(tf, xs, ys, epochs, variant):
    """(seconds for the fit, seconds spent in tf.vis in it). With a tf.vis variant, both
    include making and showing the widget."""
    tf.set_seed(0)
    model = seed_model(tf)
    start = time.perf_counter()
    if variant == 'plain':
        model.fit(xs, ys, epochs=epochs, batch_size=BATCH_SIZE, verbose=0)
        return time.perf_counter() - start, 0.0
    callbacks = make_callbacks(tf, variant)
    spent = timed_hooks(callbacks)
    spent[0] += time.perf_counter() - start
    model.fit(xs, ys, epochs=epochs, batch_size=BATCH_SIZE, callbacks=callbacks, verbose=0)
    return time.perf_counter() - start, spent[0]


def measure(epochs, repeats):
    import tfjs_lab as tf
    x = np.random.default_rng(0).normal(size=(SAMPLES, 10)).astype(np.float32)
    xs, ys = tf.tensor2d(x), tf.tensor2d((x.sum(axis=1, keepdims=True) > 0).astype(np.float32))
    for variant in VARIANTS[1:]:
        fit_once(tf, xs, ys, 1, variant)  # warm-up: imports, the first widgets
    seconds = {v: [] for v in VARIANTS}
    shares = {v: [] for v in VARIANTS}
    for repeat in range(repeats):
        # rotating which goes first, so drifts in machine speed hit all alike
        order = VARIANTS[repeat % 3:] + VARIANTS[:repeat % 3]
        for variant in order:
            total, spent = fit_once(tf, xs, ys, epochs, variant)
            seconds[variant].append(total)
            shares[variant].append(spent / total)
    base = statistics.median(seconds['plain'])
    where = 'in an IPython kernel' if 'ipykernel' in sys.modules else 'in a plain process (no front end)'
    print(f'seed model 10 -> 32 -> 1, {SAMPLES} samples, batch {BATCH_SIZE}, {epochs} epochs, {where}, '
          f'median of {repeats}')
    print(f'  fit without tf.vis    {base * 1000:8.1f} ms')
    for variant in VARIANTS[1:]:
        total, share = statistics.median(seconds[variant]), statistics.median(shares[variant])
        print(f'  fit with {variant:13s}{total * 1000:8.1f} ms   ({total / base - 1:+.1%}, difference of two fits); '
              f'spent in tf.vis {share * total * 1000:7.1f} ms = {share:.2%} of the fit '
              f'(target < 5%: {"met" if share < 0.05 else "MISSED"})')


def measure_in_kernel(args):
    from jupyter_client.manager import start_new_kernel
    manager, client = start_new_kernel(kernel_name='python3', cwd=str(pathlib.Path(__file__).parents[1]))
    try:
        reply = client.execute_interactive(
            f'%run {pathlib.Path(__file__).resolve()} --here --epochs {args.epochs} --repeats {args.repeats}',
            output_hook=print_output, timeout=3600)
        if reply['content']['status'] != 'ok':
            sys.exit(f"benchmark failed in the kernel: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def print_output(message):
    if message['msg_type'] == 'stream':
        print(message['content']['text'], end='')
    elif message['msg_type'] == 'error':
        print('\n'.join(message['content']['traceback']), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--epochs', type=int, default=50)
    parser.add_argument('--repeats', type=int, default=5)
    parser.add_argument('--here', action='store_true', help='measure in this process instead of a kernel')
    args = parser.parse_args()
    if args.here:
        measure(args.epochs, args.repeats)
    else:
        measure_in_kernel(args)


if __name__ == '__main__':
    main()
