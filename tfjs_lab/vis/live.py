"""``LiveWidget``: the one piece of machinery every tf.vis widget runs on.

- Throttling: data is recorded in Python as it comes; :meth:`LiveWidget.changed` pushes it
  to the browser at most once per ``throttle_ms`` (the first push waits one period too, so the
  browser has time to create the view), and :meth:`LiveWidget.flush` pushes at once (at the end
  of an epoch, of a fit).
- State: a widget's whole state lives in synced traits or in columns it can re-send, so a view
  opened later draws everything; :meth:`LiveWidget.finish` pushes the last update and sets
  ``state='done'`` in the same message, so a view never shows "done" without the final data.
- Messages from the front end (``{'type': ...}``) go to ``on_<type>`` methods. Messages named
  in ``URGENT_MESSAGES`` (the Stop button) must act while a cell is still running, when the
  kernel handles no widget messages; ipykernel 7 reads every shell message on its own thread
  first and asks the comm where to route it, which is where such messages are seen early.
"""
import pathlib
import time

import anywidget
import traitlets

STATIC = pathlib.Path(__file__).parent / 'static'


class LiveWidget(anywidget.AnyWidget):
    """Base class: subclasses set ``_esm``/``_css`` and implement :meth:`_push` (send what is
    new) and, if they have one, :meth:`_finalize` (store the complete state in traits)."""
    state = traitlets.Unicode('waiting').tag(sync=True)   # waiting | training | done
    URGENT_MESSAGES = ()

    def __init__(self, *, throttle_ms=200, clock=time.monotonic, **traits):
        if not isinstance(throttle_ms, (int, float)) or isinstance(throttle_ms, bool) or throttle_ms < 0:
            raise ValueError(f'throttleMs must be a number of milliseconds >= 0; received {throttle_ms!r}')
        super().__init__(**traits)
        self._throttle = throttle_ms / 1000
        self._clock = clock
        self._next_flush = clock() + self._throttle
        self.on_msg(self._on_front_end_message)
        self._watch_shell_channel()

    def changed(self):
        """New data was recorded: push it if the throttle period has passed."""
        if self._clock() >= self._next_flush:
            self.flush()

    def flush(self):
        """Push what the browser does not have yet, now."""
        self._next_flush = self._clock() + self._throttle
        with self.hold_sync():
            self._push()

    def flush_at_epoch_end(self):
        """An epoch ended: push now, unless the last push is under a quarter of the throttle
        period old (epochs of a few milliseconds: their ends arrive with the next push and the
        fit's end, instead of one message each)."""
        if self._clock() >= self._next_flush - 0.75 * self._throttle:
            self.flush()

    def finish(self):
        """The data is complete: push it, keep it in traits for later views, mark done."""
        self.flush()
        with self.hold_sync():  # one update: "done" arrives with the data it describes
            self._finalize()
            self.state = 'done'

    def _push(self):
        pass

    def _finalize(self):
        pass

    def _on_front_end_message(self, widget, content, buffers):
        kind = content.get('type') if isinstance(content, dict) else None
        handler = getattr(self, f"on_{str(kind).replace('-', '_')}", None)
        if handler is not None:
            handler(content)

    def _watch_shell_channel(self):
        comm = getattr(self, 'comm', None)
        route = getattr(comm, '_reply_subshell_for', None)
        if route is None or not self.URGENT_MESSAGES:
            return

        def peek(data, default):
            content = data.get('content') if isinstance(data, dict) and data.get('method') == 'custom' else None
            if isinstance(content, dict) and content.get('type') in self.URGENT_MESSAGES:
                self._on_front_end_message(self, content, [])  # handlers of urgent messages only set flags
            return route(data, default)
        comm._reply_subshell_for = peek
