"""The stateful streams behind the combinators whose order or timing matters: TF.js's shuffle
buffer (element for element, with seedrandom's alea), a prefetch buffer filled by a background
thread, and zip."""
import queue
import threading

from ..core import random
from ..core.format import js_number

_DONE = object()


class AleaStream:
    """seedrandom's ``alea(seed)`` with its ``random()`` and ``int32()`` draws. TF.js seeds it
    with ``seed || now()``; an unseeded (or zero) seed here comes from tfjs_lab's global
    generator instead, so ``tf.set_seed`` makes it reproducible."""
    _CHUNK = 64  # alea's numbers come one after another, so drawing them in chunks changes none

    def __init__(self, seed):
        if not seed:
            seed = int(random.generator().integers(2 ** 52))
        self._alea = random.Alea(seed if isinstance(seed, str) else js_number(seed))
        self._numbers, self._next = [], 0

    def random(self):
        if self._next == len(self._numbers):
            self._numbers, self._next = self._alea.take(self._CHUNK).tolist(), 0
        self._next += 1
        return self._numbers[self._next - 1]

    def int32(self):
        value = int(self.random() * 0x100000000)  # JS's (x * 2**32) | 0
        return value - 0x100000000 if value >= 0x80000000 else value


def shuffled(upstream, window_size, seed_text):
    """TF.js's ShuffleIterator: keep ``window_size`` pending reads, emit a uniformly chosen one
    and move the last into its place. Reads past the end count as pending "done" marks, and the
    buffer refills after every element, exactly as TF.js does, so a seed gives TF.js's order."""
    alea = AleaStream(seed_text)
    buffer = []
    exhausted = False

    def refill():
        while len(buffer) < window_size:
            buffer.append(next(upstream, _DONE))

    while True:
        if not exhausted:
            refill()
        while buffer:
            chosen_index = int(alea.random() * len(buffer))
            chosen = buffer[chosen_index]
            last = buffer.pop()
            if chosen_index < len(buffer):
                buffer[chosen_index] = last
            if chosen is _DONE:
                exhausted = True
            else:
                refill()
                yield chosen
                break
        else:
            return


def prefetched(upstream, buffer_size):
    """Elements of ``upstream``, read up to ``buffer_size`` ahead by a background thread that
    starts with the first read. Errors reach the reader at the element where they happened;
    abandoning the iteration stops the thread."""
    pending = queue.Queue(maxsize=buffer_size)
    stop = threading.Event()

    def put(entry):
        while not stop.is_set():
            try:
                pending.put(entry, timeout=0.05)
                return True
            except queue.Full:
                pass
        return False

    def fill():
        try:
            for element in upstream:
                if not put((True, element)):
                    return
            put((False, None))
        except BaseException as error:  # handed to the reader, which raises it
            put((False, error))

    threading.Thread(target=fill, name='tfjs_lab-data-prefetch', daemon=True).start()
    try:
        while True:
            is_element, value = pending.get()
            if is_element:
                yield value
            elif value is None:
                return
            else:
                raise value
    finally:
        stop.set()


def zipped(streams, structure):
    """Elements built like ``structure`` from one element of each stream in ``streams`` (the
    flattened leaves of ``structure``, in order); ends with the shortest stream."""
    return map(_builder(structure), zip(*streams))  # (builtins: no Python frame per element)


def _builder(structure):
    """A function from the list of leaf values to ``structure`` filled with them; flat lists
    and dicts, the usual ``{xs, ys}``, take a shortcut."""
    if isinstance(structure, dict) and not any(isinstance(v, (dict, list, tuple)) for v in structure.values()):
        keys = list(structure)
        if len(keys) == 2:  # {xs, ys}: a dict display costs a third of dict(zip(...))
            first, second = keys
            return lambda values: {first: values[0], second: values[1]}
        return lambda values: dict(zip(keys, values))
    if isinstance(structure, (list, tuple)) and not any(isinstance(v, (dict, list, tuple)) for v in structure):
        return list
    return lambda values: fill_structure(structure, iter(values))


def fill_structure(structure, leaves):
    """``structure`` (nested lists, tuples and dicts) with its leaves replaced, in order."""
    if isinstance(structure, dict):
        return {key: fill_structure(value, leaves) for key, value in structure.items()}
    if isinstance(structure, (list, tuple)):
        return [fill_structure(value, leaves) for value in structure]
    return next(leaves)
