"""LSTM training speed: sequences of 20 steps x 8 features, an LSTM of 32 units and a dense
output, batches of 32, one optimizer step per batch (forward, backward, adam), through
``model.fit``; against PyTorch's ``nn.LSTM`` doing the same when torch is installed (target:
tfjs_lab at least 0.7x PyTorch's speed).

    python benchmarks/bench_lstm.py [--samples 1024] [--epochs 3] [--repeats 5]

Also times tfjs_lab with the LSTM's fused recurrence switched off (the op-by-op loop), to show
what the fused primitive buys. Each repeat runs every variant once, in turn; the best counts.
"""
import argparse
import time

import numpy as np

import tfjs_lab as tf
from tfjs_lab.layers.recurrent import LSTMCell, RNNCell

STEPS, FEATURES, UNITS, BATCH = 20, 8, 32, 32


def data(samples):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(samples, STEPS, FEATURES)).astype(np.float32)
    return x, x.sum(axis=(1, 2))[:, None].astype(np.float32) / 10


def tfjs_lab_fit(x, y, epochs, fused=True):
    model = tf.sequential({'layers': [tf.layers.lstm({'units': UNITS, 'inputShape': [STEPS, FEATURES]}),
                                      tf.layers.dense({'units': 1})]})
    model.compile({'optimizer': 'adam', 'loss': 'meanSquaredError'})
    xs, ys = tf.tensor(x), tf.tensor(y)
    fused_run = LSTMCell.run
    if not fused:
        LSTMCell.run = RNNCell.run
    try:
        start = time.perf_counter()
        model.fit(xs, ys, {'epochs': epochs, 'batchSize': BATCH, 'shuffle': False, 'verbose': 0})
        return time.perf_counter() - start
    finally:
        LSTMCell.run = fused_run


def torch_fit(x, y, epochs):
    import torch
    torch.manual_seed(0)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(FEATURES, UNITS, batch_first=True)
            self.dense = torch.nn.Linear(UNITS, 1)

        def forward(self, inputs):
            _, (h, _) = self.lstm(inputs)
            return self.dense(h[-1])

    net = Net()
    optimizer = torch.optim.Adam(net.parameters(), lr=0.001)
    xs, ys = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for _ in range(epochs):
        for i in range(0, len(xs), BATCH):
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(net(xs[i:i + BATCH]), ys[i:i + BATCH])
            loss.backward()
            optimizer.step()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--samples', type=int, default=1024)
    parser.add_argument('--epochs', type=int, default=3)
    parser.add_argument('--repeats', type=int, default=5)
    args = parser.parse_args()
    x, y = data(args.samples)
    variants = {'tfjs_lab (fused LSTM loop)': lambda: tfjs_lab_fit(x, y, args.epochs),
                'tfjs_lab (op-by-op loop)': lambda: tfjs_lab_fit(x, y, args.epochs, fused=False)}
    try:
        import torch
        torch.set_num_threads(2)
        variants['PyTorch nn.LSTM'] = lambda: torch_fit(x, y, args.epochs)
    except ImportError:
        print('PyTorch is not installed: tfjs_lab timings only (pip install torch for the ratio).')
    best = {name: float('inf') for name in variants}
    for _ in range(args.repeats):
        for name, run in variants.items():
            best[name] = min(best[name], run())
    batches = args.epochs * -(-args.samples // BATCH)
    for name, seconds in best.items():
        print(f'{name:30s} {seconds * 1000 / batches:7.2f} ms per batch')
    if 'PyTorch nn.LSTM' in best:
        ratio = best['PyTorch nn.LSTM'] / best['tfjs_lab (fused LSTM loop)']
        print(f'tfjs_lab speed / PyTorch speed: {ratio:.2f} (target 0.7)')


if __name__ == '__main__':
    main()
