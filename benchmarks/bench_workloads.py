"""Training speed on the models people teach with, against PyTorch's eager CPU mode and a
hand-written NumPy loop, measured in one run (issue 9).

    python benchmarks/bench_workloads.py [--repeats 7] [--rounds 2] [--threads 1] [--only seed,mlp] [--out DIR]

Workloads (adam, learning rate 1e-3, shuffled, float32; one epoch per timing):

- seed: dense 10 -> 32 relu -> 1 sigmoid, binaryCrossentropy, batch 32, 4,096 samples
- mlp: 784 -> 256 relu -> 128 relu -> 10 softmax, categoricalCrossentropy, batch 128, 8,192 samples
- cnn: 28x28x1, conv2d 16 3x3 relu, maxPooling 2, conv2d 32 3x3 relu, maxPooling 2, flatten,
  dense 10 softmax, categoricalCrossentropy, batch 64, 2,048 samples
- lstm: sequences 20 x 8, lstm 32, dense 1, meanSquaredError, batch 32, 2,048 samples
- predict1: one-sample predict on the seed model (latency)

Every repeat runs every variant of a workload once, in turn, and the best repeat counts, so a
burst of load from other processes cannot favour one side; the whole list of workloads runs
``--rounds`` times, as this shared machine has slow spells of several seconds that would
otherwise spoil every repeat of the workload they fall on. BLAS (and PyTorch) use ``--threads``
threads: on a shared 2-core machine one thread is the steady choice, since a multithreaded BLAS
on busy cores makes small matmuls many times slower. PyTorch is optional; without it the
ratios are left out and the output says so. tfjs_lab's peak memory per workload is measured in
a separate epoch under ``tracemalloc`` (which NumPy reports its buffers to); for mlp it is set
against the bytes the run must hold: data, weights, optimizer slots and one batch of activations.

Writes ``bench_workloads.json`` and ``bench_workloads.png`` (a bar chart) to ``--out``
(``benchmarks/results/`` by default).
"""
import argparse
import json
import os
import pathlib
import sys
import time


def _set_threads_before_numpy():
    """BLAS reads its thread count when NumPy loads, so it is set from argv before any import."""
    threads = '1'
    for i, arg in enumerate(sys.argv):
        if arg == '--threads' and i + 1 < len(sys.argv):
            threads = sys.argv[i + 1]
        elif arg.startswith('--threads='):
            threads = arg.split('=', 1)[1]
    for name in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
        os.environ[name] = threads


_set_threads_before_numpy()

import tracemalloc  # noqa: E402

import numpy as np  # noqa: E402

start_import = time.perf_counter()
import tfjs_lab as tf  # noqa: E402
IMPORT_SECONDS = time.perf_counter() - start_import
from seed_model import seed_layers  # noqa: E402

LEARNING_RATE = 1e-3
# (workload, minimum ratio) where ratio = tfjs_lab speed / PyTorch speed; for predict1 it is
# tfjs_lab latency / PyTorch latency and must stay at or under the target.
TARGETS = {'seed': 3.0, 'mlp': 1.0, 'cnn': 0.7, 'lstm': 0.7, 'predict1': 0.5}
MEMORY_LIMIT = 1.5  # mlp peak / bytes it must hold


# --- workloads ----------------------------------------------------------------------------
class Workload:
    """Data and model shapes of one workload; ``layers()`` gives fresh tfjs_lab layers."""

    def __init__(self, name, samples, batch, x_shape, classes, loss, layers, torch_net, dense_sizes=None):
        self.name, self.samples, self.batch, self.loss = name, samples, batch, loss
        self.layers, self.torch_net, self.dense_sizes = layers, torch_net, dense_sizes
        rng = np.random.default_rng(0)
        self.x = rng.normal(size=(samples, *x_shape)).astype(np.float32)
        if classes == 1 and loss == 'binaryCrossentropy':
            self.y = (self.x.reshape(samples, -1).sum(1, keepdims=True) > 0).astype(np.float32)
        elif classes == 1:
            self.y = (self.x.reshape(samples, -1).sum(1, keepdims=True) / 10).astype(np.float32)
        else:
            self.y = np.eye(classes, dtype=np.float32)[rng.integers(0, classes, samples)]


def _mlp_layers():
    return [tf.layers.dense({'units': 256, 'activation': 'relu', 'inputShape': [784]}),
            tf.layers.dense({'units': 128, 'activation': 'relu'}),
            tf.layers.dense({'units': 10, 'activation': 'softmax'})]


def _cnn_layers():
    return [tf.layers.conv2d({'filters': 16, 'kernelSize': 3, 'activation': 'relu', 'inputShape': [28, 28, 1]}),
            tf.layers.maxPooling2d({'poolSize': 2}),
            tf.layers.conv2d({'filters': 32, 'kernelSize': 3, 'activation': 'relu'}),
            tf.layers.maxPooling2d({'poolSize': 2}),
            tf.layers.flatten(),
            tf.layers.dense({'units': 10, 'activation': 'softmax'})]


def _lstm_layers():
    return [tf.layers.lstm({'units': 32, 'inputShape': [20, 8]}), tf.layers.dense({'units': 1})]


def _torch_seed(nn):
    return nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 1), nn.Sigmoid())


def _torch_mlp(nn):
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10),
                         nn.Softmax(dim=-1))


def _torch_cnn(nn):
    class ChannelsLast(nn.Module):  # the data is NHWC as in TF.js; PyTorch's conv wants NCHW
        def forward(self, x):
            return x.permute(0, 3, 1, 2)
    return nn.Sequential(ChannelsLast(), nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3),
                         nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * 5 * 5, 10), nn.Softmax(dim=-1))


def _torch_lstm(nn):
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(8, 32, batch_first=True)
            self.dense = nn.Linear(32, 1)

        def forward(self, x):
            return self.dense(self.lstm(x)[1][0][-1])
    return Net()


WORKLOADS = {
    'seed': lambda: Workload('seed', 4096, 32, (10,), 1, 'binaryCrossentropy', lambda: seed_layers(tf), _torch_seed,
                             dense_sizes=[10, 32, 1]),
    'mlp': lambda: Workload('mlp', 8192, 128, (784,), 10, 'categoricalCrossentropy', _mlp_layers, _torch_mlp,
                            dense_sizes=[784, 256, 128, 10]),
    'cnn': lambda: Workload('cnn', 2048, 64, (28, 28, 1), 10, 'categoricalCrossentropy', _cnn_layers, _torch_cnn),
    'lstm': lambda: Workload('lstm', 2048, 32, (20, 8), 1, 'meanSquaredError', _lstm_layers, _torch_lstm),
}


# --- the three implementations: each returns a function that trains one epoch --------------
def tfjs_lab_model(workload):
    model = tf.sequential({'layers': workload.layers()})
    model.compile({'optimizer': tf.train.adam(LEARNING_RATE), 'loss': workload.loss})
    return model


def tfjs_lab_epoch(workload):
    model = tfjs_lab_model(workload)
    xs, ys = tf.tensor(workload.x), tf.tensor(workload.y)
    options = {'batchSize': workload.batch, 'epochs': 1, 'verbose': 0, 'shuffle': True}
    return lambda: model.fit(xs, ys, options)


def torch_epoch(workload, torch):
    torch.manual_seed(0)
    net = workload.torch_net(torch.nn)
    optimizer = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    loss_fn = {'binaryCrossentropy': torch.nn.functional.binary_cross_entropy,
               'meanSquaredError': torch.nn.functional.mse_loss,
               # the model ends in softmax, as the TF.js one does
               'categoricalCrossentropy': lambda p, y: -(y * torch.log(p.clamp(1e-7, 1 - 1e-7))).sum(-1).mean(),
               }[workload.loss]
    xs, ys, batch = torch.from_numpy(workload.x), torch.from_numpy(workload.y), workload.batch

    def epoch():
        order = torch.randperm(len(xs))
        for start in range(0, len(xs), batch):
            index = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(net(xs[index]), ys[index])
            loss.backward()
            optimizer.step()
    return epoch


def numpy_epoch(workload):
    """Straight-line NumPy for dense nets (relu hidden layers; sigmoid or softmax output with
    its cross-entropy), with a naive Adam: what a careful person writes by hand."""
    sizes, f32 = workload.dense_sizes, np.float32
    rng = np.random.default_rng(1)
    weights = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        weights += [(rng.normal(size=(fan_in, fan_out)) * np.sqrt(2 / (fan_in + fan_out))).astype(f32),
                    np.zeros(fan_out, f32)]
    m = [np.zeros_like(w) for w in weights]
    v = [np.zeros_like(w) for w in weights]
    step = [0]
    softmax = sizes[-1] > 1
    x_all, y_all, batch = workload.x, workload.y, workload.batch

    def train_step(x, y):
        activations = [x]
        for i in range(0, len(weights) - 2, 2):
            activations.append(np.maximum(activations[-1] @ weights[i] + weights[i + 1], 0))
        logits = activations[-1] @ weights[-2] + weights[-1]
        if softmax:
            e = np.exp(logits - logits.max(1, keepdims=True))
            grad = e / e.sum(1, keepdims=True) - y
        else:
            grad = 1 / (1 + np.exp(-logits)) - y
        grad /= f32(len(x))
        grads = [None] * len(weights)
        for i in range(len(weights) - 2, -1, -2):
            grads[i], grads[i + 1] = activations[i // 2].T @ grad, grad.sum(0)
            if i:
                grad = (grad @ weights[i].T) * (activations[i // 2] > 0)
        step[0] += 1
        correction1, correction2 = f32(1 - 0.9 ** step[0]), f32(1 - 0.999 ** step[0])
        for w, g, mi, vi in zip(weights, grads, m, v):
            mi[...] = f32(0.9) * mi + f32(0.1) * g
            vi[...] = f32(0.999) * vi + f32(0.001) * g * g
            w -= f32(LEARNING_RATE) * (mi / correction1) / (np.sqrt(vi / correction2) + f32(1e-7))

    def epoch():
        order = np.random.permutation(len(x_all))
        for start in range(0, len(x_all), batch):
            index = order[start:start + batch]
            train_step(x_all[index], y_all[index])
    return epoch


# --- measuring -------------------------------------------------------------------------------
def best_of(variants, repeats):
    """{name: best seconds}; every repeat runs every variant once, in turn."""
    for run in variants.values():
        run()  # warm-up: lazy slots, caches, first-call costs
    best = {name: float('inf') for name in variants}
    for _ in range(repeats):
        for name, run in variants.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def predict_latency(torch, repeats, calls=2000):
    """{name: best seconds per one-sample predict} on the seed model."""
    workload = WORKLOADS['seed']()
    model = tfjs_lab_model(workload)
    one = tf.tensor(workload.x[:1])

    def tfjs_lab_calls():
        for _ in range(calls):
            model.predict(one)
    variants = {'tfjs_lab': tfjs_lab_calls}
    if torch is not None:
        net = workload.torch_net(torch.nn).eval()
        one_torch = torch.from_numpy(workload.x[:1])

        def torch_calls():
            with torch.no_grad():
                for _ in range(calls):
                    net(one_torch)
        variants['pytorch'] = torch_calls
    return {name: seconds / calls for name, seconds in best_of(variants, repeats).items()}


def peak_memory(workload):
    """Bytes a tfjs_lab epoch of ``workload`` holds at its peak: its data plus the most
    ``tracemalloc`` saw allocated during a second epoch (NumPy reports its buffers to it)."""
    fit = tfjs_lab_epoch(workload)
    fit()  # optimizer slots and caches exist, as in the timed runs
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    fit()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return 4 * (workload.x.size + workload.y.size) + peak - base


def needed_memory(workload):
    """What a dense workload's training must hold: data, weights, Adam's two slots per weight
    and one batch of activations, in float32 bytes."""
    sizes = workload.dense_sizes
    weights = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))
    return 4 * (workload.x.size + workload.y.size + 3 * weights + workload.batch * sum(sizes))


def run(names, repeats, rounds):
    try:
        import torch
        torch.set_num_threads(int(os.environ['OPENBLAS_NUM_THREADS']))
    except ImportError:
        torch = None
    built, best = {}, {}
    # Whole passes over the workloads, apart in time: a slow spell of this shared machine
    # spoils the repeats of one pass, not the best over all of them.
    for _ in range(rounds):
        for name in names:
            if name == 'predict1':
                seconds = predict_latency(torch, repeats)
            else:
                if name not in built:
                    workload = WORKLOADS[name]()
                    variants = {'tfjs_lab': tfjs_lab_epoch(workload)}
                    if torch is not None:
                        variants['pytorch'] = torch_epoch(workload, torch)
                    if workload.dense_sizes:
                        variants['numpy'] = numpy_epoch(workload)
                    built[name] = workload, variants
                seconds = best_of(built[name][1], repeats)
            best[name] = {k: min(v, best.get(name, {}).get(k, float('inf'))) for k, v in seconds.items()}
    results = {}
    for name in names:
        if name == 'predict1':
            results[name] = {'seconds_per_predict': best[name]}
            continue
        workload = built[name][0]
        results[name] = {'samples_per_second': {k: workload.samples / s for k, s in best[name].items()},
                         'tfjs_lab_peak_bytes': peak_memory(workload)}
        if name == 'mlp':
            results[name]['needed_bytes'] = needed_memory(workload)
    return results, torch is not None


def ratio(name, result):
    """tfjs_lab / PyTorch (speed; latency for predict1), or None without PyTorch."""
    key = 'seconds_per_predict' if name == 'predict1' else 'samples_per_second'
    values = result[key]
    return values['tfjs_lab'] / values['pytorch'] if 'pytorch' in values else None


def meets(name, value):
    return value <= TARGETS[name] if name == 'predict1' else value >= TARGETS[name]


def report(results, have_torch):
    lines = [f'import tfjs_lab: {IMPORT_SECONDS:.3f} s (target < 0.3 s)', '']
    if not have_torch:
        lines.append('PyTorch is not installed: no reference ratios (pip install torch to measure them).')
    lines.append(f"{'workload':10s}{'tfjs_lab':>12s}{'pytorch':>12s}{'numpy':>12s}{'ratio':>8s}"
                 f"{'target':>9s}  {'verdict':8s}{'peak MiB':>9s}")
    for name, result in results.items():
        if name == 'predict1':
            values = {k: v * 1e6 for k, v in result['seconds_per_predict'].items()}
            unit, sign = ' µs', '<='
        else:
            values, unit, sign = result['samples_per_second'], '/s', '>='
        value = ratio(name, result)
        cells = [f"{values[k]:>10,.0f}{unit}" if k in values else f"{'-':>12s}" for k in ('tfjs_lab', 'pytorch', 'numpy')]
        verdict = 'n/a' if value is None else 'meets' if meets(name, value) else 'MISSES'
        shown = '-' if value is None else f'{value:.2f}x'
        peak = result.get('tfjs_lab_peak_bytes')
        lines.append(f"{name:10s}{''.join(cells)}{shown:>8s}{sign + f'{TARGETS[name]}x':>9s}  {verdict:8s}"
                     + ('' if peak is None else f'{peak / 2**20:9.1f}'))
        result['ratio'], result['target'] = value, TARGETS[name]
    if 'needed_bytes' in results.get('mlp', {}):
        peak, needed = results['mlp']['tfjs_lab_peak_bytes'], results['mlp']['needed_bytes']
        share = peak / needed
        lines += ['', f'mlp peak memory: {peak / 2**20:.1f} MiB, against {needed / 2**20:.1f} MiB of data, weights, '
                  f'slots and one batch: {share:.2f}x (target < {MEMORY_LIMIT}x) '
                  f"{'meets' if share < MEMORY_LIMIT else 'MISSES'}"]
    return '\n'.join(lines)


def bar_chart(results, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = [n for n in results if results[n].get('ratio') is not None]
    if not names:
        return False
    fig, ax = plt.subplots(figsize=(7, 3.5))
    values = [results[n]['ratio'] for n in names]
    colors = ['tab:green' if meets(n, v) else 'tab:red' for n, v in zip(names, values)]
    ax.bar(names, values, color=colors)
    ax.scatter(names, [TARGETS[n] for n in names], marker='_', s=900, color='black', label='target', zorder=3)
    ax.set_ylabel('tfjs_lab / PyTorch\n(speed; latency for predict1)')
    ax.set_title('tfjs_lab against PyTorch CPU, same run')
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repeats', type=int, default=7)
    parser.add_argument('--rounds', type=int, default=2, help='passes over all workloads; the best counts')
    parser.add_argument('--threads', type=int, default=1, help='BLAS and PyTorch threads')
    parser.add_argument('--only', default=','.join([*WORKLOADS, 'predict1']),
                        help='comma-separated workloads')
    parser.add_argument('--out', default=str(pathlib.Path(__file__).parent / 'results'),
                        help='folder for bench_workloads.json and .png (default benchmarks/results, not tracked)')
    args = parser.parse_args(argv)
    names = args.only.split(',')
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        parser.error(f'unknown workload(s) {unknown}; choose from {list(TARGETS)}')
    results, have_torch = run(names, args.repeats, args.rounds)
    print(report(results, have_torch))
    os.makedirs(args.out, exist_ok=True)
    summary = {'threads': args.threads, 'repeats': args.repeats, 'rounds': args.rounds, 'import_seconds': IMPORT_SECONDS,
               'pytorch': have_torch, 'workloads': results}
    with open(os.path.join(args.out, 'bench_workloads.json'), 'w') as f:
        json.dump(summary, f, indent=1)
    chart = os.path.join(args.out, 'bench_workloads.png')
    print(f"\nwrote {os.path.join(args.out, 'bench_workloads.json')}"
          + (f' and {chart}' if bar_chart(results, chart) else ''))


if __name__ == '__main__':
    main()
