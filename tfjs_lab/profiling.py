"""TF.js's performance API: ``tf.time(f)`` and ``tf.profile(f)``.

A kernel here is a primitive (core/tape.py): its name in TF.js's style (``_mat_mul`` ->
``MatMul``). Ops that only move or view data without a primitive do not show. Both observe the
primitives with ``Primitive.observe``, which costs nothing while nobody observes.
"""
import inspect
import time as _clock

from ._naming import to_camel
from .core.tape import Primitive
from .core.tensor import Awaitable, Record, accounts

class _Result(Record, Awaitable):
    """A TF.js result object (read by key or attribute) that ``await`` also accepts."""


def kernel_name(primitive):
    """TF.js's spelling of a primitive's name: ``_mat_mul`` -> ``MatMul``."""
    camel = to_camel(primitive.name.lstrip('_'))
    return camel[:1].upper() + camel[1:]


def _check_function(f, name):
    if not callable(f):
        raise TypeError(f'{name}() takes a function to run; received {type(f).__name__}')


def _run(f, name):
    result = f()
    if inspect.iscoroutine(result):
        result.close()
        raise TypeError(f'{name}() runs its function synchronously; received an async function (its '
                        'coroutine). Await inside the function is not supported here: pass a plain function.')
    return result


def time(f):
    """Run ``f`` and return ``{'kernelMs', 'wallMs'}`` in milliseconds (awaitable, as TF.js's
    promise). As on TF.js's CPU backend, ``kernelMs`` is the time of ``f`` itself and ``wallMs``
    includes the bookkeeping around it.

    >>> import tfjs_lab as tf
    >>> timing = tf.time(lambda: tf.ones([10, 10]).square())
    >>> sorted(timing), timing['wallMs'] >= timing['kernelMs'] >= 0
    (['kernelMs', 'wallMs'], True)
    """
    _check_function(f, 'time')
    start = _clock.perf_counter()
    _run(f, 'time')
    kernel_ms = (_clock.perf_counter() - start) * 1000
    return _Result(kernelMs=kernel_ms, wallMs=(_clock.perf_counter() - start) * 1000)


def profile(f):
    """Run ``f`` and report its memory use and kernels, as TF.js's ``tf.profile``: ``newBytes``
    and ``newTensors`` (still allocated at the end), ``peakBytes`` (the most allocated after any
    kernel; ``-inf`` when none ran, as TF.js's ``Math.max()``), ``kernels`` (one record per
    kernel: ``name``, ``bytesAdded``, ``totalBytesSnapshot``, ``tensorsAdded``,
    ``totalTensorsSnapshot``, ``inputShapes``, ``outputShapes``, ``kernelTimeMs``,
    ``extraInfo``), ``kernelNames`` (each name once) and ``result`` (what ``f`` returned).
    Awaitable, as TF.js's promise.

    >>> import tfjs_lab as tf
    >>> x = tf.tensor1d([1, 2, 3])
    >>> info = tf.profile(lambda: x.square())
    >>> info['newTensors'], info['newBytes'], [k['name'] for k in info['kernels']]
    (1, 12, ['Square'])
    """
    _check_function(f, 'profile')
    kernels = []

    def record(primitive, inputs, result, bytes_before, tensors_before, elapsed_ms):
        kernels.append(Record(
            name=kernel_name(primitive), bytesAdded=accounts.bytes - bytes_before, totalBytesSnapshot=accounts.bytes,
            tensorsAdded=accounts.tensors - tensors_before, totalTensorsSnapshot=accounts.tensors,
            inputShapes=[t.shape for t in inputs], outputShapes=[result.shape], kernelTimeMs=elapsed_ms,
            extraInfo=''))

    start_bytes, start_tensors = accounts.bytes, accounts.tensors
    Primitive.observe(record)
    try:
        result = _run(f, 'profile')
    finally:
        Primitive.unobserve(record)
    return _Result(newBytes=accounts.bytes - start_bytes, newTensors=accounts.tensors - start_tensors,
                   peakBytes=max((k['totalBytesSnapshot'] for k in kernels), default=float('-inf')),
                   kernels=kernels, result=result, kernelNames=list(dict.fromkeys(k['name'] for k in kernels)))
