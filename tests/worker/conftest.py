"""Fixtures for the worker tests: ``cells`` runs code in a real kernel and keeps every IOPub message."""
import collections
import queue
import time

import pytest

Ran = collections.namedtuple('Ran', 'seconds stdout msg_id')


class Cells:
    def __init__(self, client):
        self.client = client
        self.messages = []   # every IOPub message seen, in arrival order, with '_time' added

    def run(self, code, timeout=120):
        """Execute ``code``; return ``Ran(seconds until the kernel was idle again, stdout, msg_id)``.
        A cell that raises fails the test with the kernel's traceback."""
        started = time.perf_counter()
        msg_id = self.client.execute(code)
        while True:
            message = self.next_message(timeout)
            if message['parent_header'].get('msg_id') != msg_id:
                continue
            if message['msg_type'] == 'error':
                raise AssertionError('\n'.join(message['content']['traceback']))
            if message['msg_type'] == 'status' and message['content']['execution_state'] == 'idle':
                return Ran(time.perf_counter() - started, self.stdout(msg_id), msg_id)

    def next_message(self, timeout):
        message = self.client.get_iopub_msg(timeout=timeout)
        message['_time'] = time.perf_counter()
        self.messages.append(message)
        return message

    def drain(self, seconds):
        """Collect the messages that arrive within ``seconds`` while no cell runs."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            try:
                self.next_message(max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                pass

    def of(self, msg_id=None, msg_type=None):
        return [m for m in self.messages
                if (msg_id is None or m['parent_header'].get('msg_id') == msg_id)
                and (msg_type is None or m['msg_type'] == msg_type)]

    def stdout(self, msg_id):
        return ''.join(m['content']['text'] for m in self.of(msg_id, 'stream') if m['content']['name'] == 'stdout')


@pytest.fixture
def cells(kernel):
    """:class:`Cells` over the ``kernel`` fixture (a real IPython kernel)."""
    return Cells(kernel)
