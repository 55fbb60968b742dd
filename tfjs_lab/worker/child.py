"""The worker process's side (``python -m tfjs_lab.worker.child``): messages arrive on stdin
and answers leave on the original stdout; anything the program prints goes to stderr.

Messages in: ``{'type': 'fit', 'artifacts', 'training_config', 'optimizer_weights',
'random_state', 'x', 'y', 'options'}`` and ``{'type': 'stop'}``. Messages out: ``train_begin``
(params), ``epoch_begin``, ``batch_begin``, ``batch_end``, ``epoch_end`` (index and logs),
``train_end``, then ``done`` (weights, optimizer weights, random state) or ``error``.
"""
import os
import sys
import threading
import traceback

from .messages import read_message, write_message


class _Channel:
    def __init__(self):
        self.incoming = sys.stdin.buffer
        self.outgoing = os.fdopen(os.dup(sys.stdout.fileno()), 'wb')
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # prints must not corrupt the message stream
        self._lock = threading.Lock()

    def post(self, message):
        with self._lock:
            write_message(self.outgoing, message)


def _fit(channel, message):
    import tfjs_lab as tf
    from tfjs_lab.core import random

    class Reporter(tf.Callback):
        def on_train_begin(self, logs=None):
            channel.post({'type': 'train_begin', 'params': self.params})

        def on_epoch_begin(self, epoch, logs=None):
            channel.post({'type': 'epoch_begin', 'epoch': epoch, 'logs': logs})

        def on_batch_begin(self, batch, logs=None):
            channel.post({'type': 'batch_begin', 'batch': batch, 'logs': logs})

        def on_batch_end(self, batch, logs=None):
            channel.post({'type': 'batch_end', 'batch': batch, 'logs': logs})

        def on_epoch_end(self, epoch, logs=None):
            channel.post({'type': 'epoch_end', 'epoch': epoch, 'logs': logs})

        def on_train_end(self, logs=None):
            channel.post({'type': 'train_end', 'logs': logs})

    model = tf.load_layers_model(tf.io.from_memory(message['artifacts']))
    model.load_training_config(message['training_config'])
    model.optimizer.set_weights([{'name': w['name'], 'tensor': tf.tensor(w['tensor'])}
                                 for w in message['optimizer_weights']])
    random.generator().bit_generator.state = message['random_state']
    threading.Thread(target=_listen_for_stop, args=(channel, model), daemon=True).start()
    model.fit(message['x'], message['y'], **message['options'], verbose=0, callbacks=[Reporter()])
    channel.post({'type': 'done', 'weights': [w.numpy() for w in model.get_weights()],
                  'optimizer_weights': [{'name': w['name'], 'tensor': w['tensor'].numpy()}
                                        for w in model.optimizer.get_weights()],
                  'random_state': random.generator().bit_generator.state})


def _listen_for_stop(channel, model):
    while True:
        message = read_message(channel.incoming)
        if message is None:  # the parent has gone: nobody wants the result
            os._exit(1)
        if message.get('type') == 'stop':
            model.stop_training = True


def main():
    channel = _Channel()
    message = read_message(channel.incoming)
    if message is None:
        return
    try:
        if message.get('type') != 'fit':
            raise ValueError(f"A worker's first message must be of type 'fit'; received {message.get('type')!r}")
        _fit(channel, message)
    except Exception as err:  # noqa: BLE001 - every failure is reported to the parent
        channel.post({'type': 'error', 'error': type(err).__name__, 'message': str(err),
                      'traceback': traceback.format_exc()})


if __name__ == '__main__':
    main()
