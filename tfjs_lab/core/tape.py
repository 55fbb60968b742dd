"""Reverse-mode autodiff: primitives with forward and backward side by side, and the tape.

A primitive's forward maps NumPy arrays to one array; its backward maps the output's
gradient to one gradient per input (``None`` where an input is not differentiable).
Gradients of broadcast inputs are summed back to the input's shape here, centrally, so
each binary backward stays one line.

Nothing is recorded unless a tape is active (inside ``grad``, ``variable_grads``,
``optimizer.minimize`` or training) and an input is watched by it or derives from one that
is: inference and data preparation pay no autodiff cost.
"""
import contextlib
import operator
import time

import numpy as np

from .tensor import Tensor, accounts

_array_of = operator.attrgetter('_data')

_active = None  # the innermost Tape, or None


class Primitive:
    """A differentiable NumPy function. Define the backward with ``@prim.defgrad``::

        @Primitive
        def exp(x):
            return np.exp(x)

        @exp.defgrad
        def _(g, out, x):
            return g * out
    """
    __slots__ = ('forward', 'backward', 'name', 'backward_takes_needs')
    every = []  # all primitives, so tests can require a gradient check for each

    def __init__(self, forward, name=None):
        self.forward = forward
        self.backward = None
        self.backward_takes_needs = False
        self.name = name or forward.__name__
        Primitive.every.append(self)

    def defgrad(self, backward=None, *, takes_needs=False):
        """Set the backward. ``@prim.defgrad(takes_needs=True)``: it also receives ``needs``, one
        bool per input, False where no gradient is wanted (a layer's input data), so that it
        can skip that work and return None there."""
        if backward is None:
            return lambda fn: self.defgrad(fn, takes_needs=takes_needs)
        self.backward = backward
        self.backward_takes_needs = takes_needs
        return backward

    def __call__(self, *inputs, **attrs):
        """Apply to tensors; ``attrs`` are non-tensor arguments passed to forward and backward."""
        arrays = tuple(map(_array_of, inputs))
        out = self.forward(*arrays, **attrs) if attrs else self.forward(*arrays)
        if type(out) is not np.ndarray:  # NumPy returns scalars from 0-d computations
            out = np.asarray(out)
        result = Tensor(out)
        tape = _active
        if tape is not None and self.backward is not None:
            for t in inputs:
                if tape.tracks(t):
                    result._node = Node(self, inputs, arrays, out, attrs, tape)
                    break
        return result

    def __repr__(self):
        return f'<primitive {self.name}>'

    # Observers (tf.profile, tf.time, debug mode) see every primitive applied. Observing costs
    # nothing while nobody observes: the class swaps in the observed call only meanwhile.
    _observers = []

    @classmethod
    def observe(cls, observer):
        """Call ``observer(primitive, inputs, result, bytes_before, tensors_before, elapsed_ms)``
        after every primitive applied until ``Primitive.unobserve(observer)`` (once, however
        often it is observed)."""
        if observer not in cls._observers:
            cls._observers.append(observer)
        cls.__call__ = _observed_call

    @classmethod
    def unobserve(cls, observer):
        if observer in cls._observers:
            cls._observers.remove(observer)
        if not cls._observers:
            cls.__call__ = _plain_call


_plain_call = Primitive.__call__


def _observed_call(self, *inputs, **attrs):
    bytes_before, tensors_before = accounts.bytes, accounts.tensors
    start = time.perf_counter()
    result = _plain_call(self, *inputs, **attrs)
    elapsed_ms = (time.perf_counter() - start) * 1000
    for observer in tuple(Primitive._observers):
        observer(self, inputs, result, bytes_before, tensors_before, elapsed_ms)
    return result


class Node:
    __slots__ = ('primitive', 'inputs', 'arrays', 'out', 'attrs', 'tape')

    def __init__(self, primitive, inputs, arrays, out, attrs, tape):
        self.primitive, self.inputs, self.arrays = primitive, inputs, arrays
        self.out, self.attrs, self.tape = out, attrs, tape

    def input_grads(self, g):
        needs = tuple(map(self.tape.tracks, self.inputs)) if self.primitive.backward_takes_needs else None
        return input_gradients(self.primitive, g, self.out, self.arrays, self.attrs, needs)


def input_gradients(primitive, g, out, arrays, attrs, needs=None):
    """A primitive's gradient for each input array (None where there is none), each summed to
    its input's shape; ``needs`` (one bool per input) lets the backward skip unwanted ones.
    The tape's step, also for callers that walk a known chain of primitives on arrays."""
    if primitive.backward_takes_needs:
        attrs = {**attrs, 'needs': needs or (True,) * len(arrays)}
    grads = primitive.backward(g, out, *arrays, **attrs)
    if len(arrays) == 1:
        grads = (grads,)
    return [None if gi is None else _sum_to_shape(gi, a.shape) for gi, a in zip(grads, arrays)]


def _sum_to_shape(g, shape):
    """Sum a broadcast gradient back to ``shape``."""
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra:
        g = g.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, (gd, sd) in enumerate(zip(g.shape, shape)) if sd == 1 and gd != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return g.reshape(shape)


class Tape:
    """Records ops on tensors derived from ``watched`` tensors while it is active."""

    def __init__(self, watched):
        self.watched = list(watched)  # kept alive so their ids stay unique
        self._watched_ids = {id(t) for t in self.watched}
        self._outer = None

    def tracks(self, t):
        node = t._node
        return (node is not None and node.tape is self) or id(t) in self._watched_ids

    def __enter__(self):
        global _active
        self._outer, _active = _active, self
        return self

    def __exit__(self, *exc):
        global _active
        _active = self._outer

    def gradients(self, result, sources, seed=None):
        """d(sum(result * seed))/d(source) for each source; ``None`` where unconnected."""
        grads = {id(result): np.ones_like(result._data) if seed is None else seed}
        for t in self._backward_order(result):
            g = grads.pop(id(t), None)
            if g is None:
                continue
            node = t._node
            for inp, gi in zip(node.inputs, node.input_grads(g)):
                if gi is not None and self.tracks(inp):
                    key = id(inp)
                    grads[key] = grads[key] + gi if key in grads else gi
        # What is left in ``grads`` belongs to leaves: the watched tensors.
        return [_as_dtype(grads.get(id(s)), s) for s in sources]

    def _backward_order(self, result):
        """Tensors with nodes on this tape, result first, each before its inputs."""
        order, seen, stack = [], set(), [(result, False)]
        while stack:
            t, expanded = stack.pop()
            if expanded:
                order.append(t)
                continue
            if id(t) in seen or t._node is None or t._node.tape is not self:
                continue
            seen.add(id(t))
            stack.append((t, True))
            stack.extend((inp, False) for inp in t._node.inputs)
        order.reverse()
        return order


def _as_dtype(g, source):
    if g is None:
        return None
    return g.astype(source._data.dtype, copy=False)


@contextlib.contextmanager
def paused():
    """Record nothing inside this block, whatever tape is active."""
    global _active
    outer, _active = _active, None
    try:
        yield
    finally:
        _active = outer


def recording():
    """Whether a tape is active (ops may record)."""
    return _active is not None


def active():
    """The innermost active tape, or None."""
    return _active
