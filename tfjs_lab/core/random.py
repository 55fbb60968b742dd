"""Random state: the global generator behind initializers, shuffling, dropout and unseeded
random ops, and TF.js's seeded generator (seedrandom's alea) for ops given a ``seed``.

TF.js has no global seed; ``set_seed`` is tfjs_lab's addition so that a lesson gives the
same numbers every time it runs. A ``seed`` passed to a random op selects TF.js's own
generator, so ``tf.randomNormal([3], 0, 1, 'float32', 42)`` gives TF.js's numbers.
"""
import contextlib
import threading

import numpy as np

from .format import js_number

_generator = np.random.default_rng()
_thread = threading.local()  # .generator: a thread's own stream (a fit in the background)


def set_seed(seed):
    """Make initializers, shuffling, dropout and unseeded random ops reproducible from here on.

    >>> import tfjs_lab as tf
    >>> tf.set_seed(42)
    """
    global _generator
    _generator = np.random.default_rng(seed)


def generator():
    """The generator random draws of the calling thread come from."""
    return getattr(_thread, 'generator', _generator)


@contextlib.contextmanager
def own_stream():
    """Draw, on the calling thread, from a copy of the global stream as it is now, and leave the
    global stream where the copy ended: a fit in the background gets the shuffles and dropout of
    the same fit in the foreground however many random numbers other cells draw meanwhile, and
    the numbers after it are those that would follow it in the foreground."""
    own = np.random.Generator(type(_generator.bit_generator)())
    own.bit_generator.state = _generator.bit_generator.state
    _thread.generator = own
    try:
        yield
    finally:
        del _thread.generator
        _generator.bit_generator.state = own.bit_generator.state


def uniform_stream(seed=None):
    """A function ``n -> n`` doubles in [0, 1): TF.js's alea stream for ``seed`` (a number or
    a string, as TF.js turns it into a string), or the global generator when ``seed`` is None."""
    if seed is None:
        return lambda n: generator().random(n)
    return Alea(seed if isinstance(seed, str) else js_number(seed)).take


class Alea:
    """seedrandom 3.0.5's ``alea``, the generator TF.js's random ops seed from a string; the
    arithmetic is on doubles, as in JavaScript, so the numbers agree exactly."""
    _TWO_TO_MINUS_32 = 2.3283064365386963e-10

    def __init__(self, seed):
        mash = _Mash()
        s0, s1, s2 = mash(' '), mash(' '), mash(' ')
        s0, s1, s2 = (s - mash(seed) for s in (s0, s1, s2))
        self.s0, self.s1, self.s2 = (s + 1 if s < 0 else s for s in (s0, s1, s2))
        self.c = 1

    def take(self, n):
        """The next ``n`` numbers."""
        s0, s1, s2, c = self.s0, self.s1, self.s2, self.c
        out = np.empty(n)
        for i in range(n):
            t = 2091639 * s0 + c * self._TWO_TO_MINUS_32
            s0, s1 = s1, s2
            c = int(t)  # t is positive and below 2**31, so this is JS's t | 0
            s2 = out[i] = t - c
        self.s0, self.s1, self.s2, self.c = s0, s1, s2, c
        return out


class _Mash:
    """alea's seed hash; its state carries over from one call to the next."""

    def __init__(self):
        self.n = 0xefc8249d

    def __call__(self, data):
        n = self.n
        for ch in str(data):
            n += ord(ch)
            h = 0.02519603282416938 * n
            n = int(h) % 2 ** 32
            h -= n
            h *= n
            n = int(h) % 2 ** 32
            h -= n
            n += h * 0x100000000
        self.n = n
        return (int(n) % 2 ** 32) * Alea._TWO_TO_MINUS_32
