"""Running TF.js-style asynchronous user code (async generators, ``mapAsync`` transforms,
``func`` returning promises) from tfjs_lab's synchronous iteration.

A plain script has no running event loop, so each thread keeps one of its own and runs the
coroutine there. In a notebook the kernel's loop is running in the main thread and cannot be
re-entered, so the coroutine runs on a helper thread's loop while the caller waits.
"""
import asyncio
import inspect
import threading

from ..core.tensor import Awaitable

_per_thread = threading.local()
_helper = {}
_helper_lock = threading.Lock()


def is_pending(value):
    """True for a coroutine, future or other awaitable that still has to run; tfjs_lab's own
    awaitable results (lists, tensors' data, ...) are values already."""
    return inspect.isawaitable(value) and not isinstance(value, Awaitable)


def resolve(value):
    """``value`` itself, or what it resolves to if it is a pending awaitable."""
    if not is_pending(value):
        return value
    return run(_awaited(value))


async def _awaited(awaitable):
    return await awaitable


def run(coroutine):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        loop = getattr(_per_thread, 'loop', None)
        if loop is None:
            loop = _per_thread.loop = asyncio.new_event_loop()
        return loop.run_until_complete(coroutine)
    loop = _helper_loop()
    if threading.current_thread() is _helper['thread']:
        coroutine.close()
        raise RuntimeError('A tf.data dataset with asynchronous parts was iterated from inside one of its own '
                           'async functions; iterate it outside, or make the inner step synchronous')
    return asyncio.run_coroutine_threadsafe(coroutine, loop).result()


def _helper_loop():
    with _helper_lock:
        if 'loop' not in _helper:
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name='tfjs_lab-data-async', daemon=True)
            thread.start()
            _helper.update(loop=loop, thread=thread)
        return _helper['loop']


def iterate(source, what):
    """A Python iterator over ``source``: an iterable, an async iterable, or a TF.js-style
    iterator whose ``next()`` returns ``{'value', 'done'}`` (or an awaitable of one)."""
    if hasattr(source, '__iter__'):
        return iter(source)
    if hasattr(source, '__aiter__'):
        return _async_items(source.__aiter__())
    if callable(getattr(source, 'next', None)):
        return _js_items(source.next, f'{what}.next()')
    raise TypeError(f'{what} must be an iterable, an async iterable or an iterator with next(); '
                    f'received {type(source).__name__}')


def _async_items(async_iterator):
    while True:
        try:
            item = run(_awaited(async_iterator.__anext__()))
        except StopAsyncIteration:
            return
        yield item


def _js_items(next_result, what):
    while True:
        value, done = iterator_result(resolve(next_result()), what)
        if done:
            return
        yield value


def iterator_result(result, what):
    """(value, done) from a TF.js iterator result ``{'value': ..., 'done': bool}``."""
    if not isinstance(result, dict) or 'done' not in result:
        raise TypeError(f"{what} must return {{'value': ..., 'done': bool}} as a TF.js iterator does; "
                        f'received {result!r}'[:300])
    return result.get('value'), bool(result['done'])
