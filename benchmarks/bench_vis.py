"""Cost of live plotting: the seed model's fit with and without ``tf.vis.show.fit_callbacks``,
measured in the same run (issue target: at most 5% of training time).

    python benchmarks/bench_vis.py [--epochs 10] [--repeats 5]
"""
import argparse
import statistics
import time

import numpy as np

import tfjs_lab as tf


def seed_model():
    model = tf.sequential(layers=[tf.layers.dense(units=32, input_shape=[10], activation='relu'),
                                  tf.layers.dense(units=1, activation='sigmoid')])
    model.compile(optimizer='adam', loss='binaryCrossentropy', metrics=['accuracy'])
    return model


def time_fit(xs, ys, epochs, with_plot):
    tf.set_seed(0)
    model = seed_model()
    callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc']) if with_plot else None
    start = time.perf_counter()
    model.fit(xs, ys, epochs=epochs, batch_size=32, callbacks=callbacks)
    return time.perf_counter() - start


def time_callbacks_alone(epochs, steps):
    """The callbacks' own time for the same fit, with the model's work taken out: the logs of
    ``epochs`` x ``steps`` batches replayed through fit's callback list. Steadier than the
    difference of two fits on a busy machine."""
    from tfjs_lab.callbacks import CallbackList
    callbacks = tf.vis.show.fit_callbacks('Training', ['loss', 'acc'])
    replay = CallbackList([callbacks], None, {'epochs': epochs, 'samples': steps * 32, 'batchSize': 32})
    start = time.perf_counter()
    replay.call('on_train_begin', {})
    for epoch in range(epochs):
        replay.call('on_epoch_begin', epoch, {})
        for batch in range(steps):
            replay.call('on_batch_begin', batch, {'batch': batch, 'size': 32})
            replay.call('on_batch_end', batch, {'batch': batch, 'size': 32, 'loss': 0.5, 'acc': 0.75})
        replay.call('on_epoch_end', epoch, {'loss': 0.5, 'acc': 0.75})
    replay.call('on_train_end', {})
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--epochs', type=int, default=10)
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4096, 10)).astype(np.float32)
    xs, ys = tf.tensor2d(x), tf.tensor2d((x.sum(axis=1, keepdims=True) > 0).astype(np.float32))
    time_fit(xs, ys, 1, True)  # warm-up: imports, first widget
    plain, plotted = [], []
    for repeat in range(args.repeats):
        # interleaved, alternating which goes first, so drifts in machine speed hit both alike
        for with_plot in ((False, True) if repeat % 2 == 0 else (True, False)):
            (plotted if with_plot else plain).append(time_fit(xs, ys, args.epochs, with_plot))
    base, with_plot = statistics.median(plain), statistics.median(plotted)
    overhead = with_plot / base - 1
    print(f'seed model, 4096 samples, batch 32, {args.epochs} epochs, median of {args.repeats}')
    print(f'  fit alone            {base * 1000:8.1f} ms')
    print(f'  fit + fit_callbacks  {with_plot * 1000:8.1f} ms')
    print(f'  plotting overhead    {overhead:+8.1%}  (target <= +5%: {"met" if overhead <= 0.05 else "MISSED"})')
    alone = statistics.median(time_callbacks_alone(args.epochs, 4096 // 32) for _ in range(args.repeats))
    print(f'  callbacks alone      {alone * 1000:8.1f} ms = {alone / base:.1%} of the fit '
          f'(target <= 5%: {"met" if alone / base <= 0.05 else "MISSED"})')


if __name__ == '__main__':
    main()
