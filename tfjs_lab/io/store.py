"""The persistent store behind ``localstorage://`` and ``indexeddb://``: one SQLite file
per user holding an emulated browser localStorage (string keys and values) and IndexedDB
(records in named object stores of named databases).

Every save is one SQLite transaction, so a failed save leaves the previous value in place,
and writers in several processes wait for each other (busy timeout) instead of corrupting
the file. A transaction opened inside another one on the same thread joins it (as a
savepoint), so several saves and removals can be made all-or-nothing. The file lives in
``$TFJS_LAB_STORE_DIR`` if set (``:memory:`` gives a store that lasts as long as the
process), else in the user's data directory.

>>> store = Store(':memory:')
>>> with store.transaction() as tx:
...     tx.set_item('greeting', 'hello')
>>> with store.read() as tx:
...     tx.keys(), tx.get_item('greeting')
(['greeting'], 'hello')
"""
import contextlib
import datetime
import json
import os
import sqlite3
import sys
import threading

from ..errors import ModelFormatError

STORE_DIR_ENV = 'TFJS_LAB_STORE_DIR'
LOCAL_STORAGE_QUOTA_ENV = 'TFJS_LAB_LOCAL_STORAGE_QUOTA'
INDEXED_DB_QUOTA_ENV = 'TFJS_LAB_INDEXED_DB_QUOTA'
# Chrome and Firefox allow 5 MiB of UTF-16 code units of localStorage keys and values per
# origin; IndexedDB gets a share of the disk, here a fixed 2 GiB of stored record bytes.
DEFAULT_LOCAL_STORAGE_QUOTA = 5 * 1024 * 1024
DEFAULT_INDEXED_DB_QUOTA = 2 * 1024 ** 3
STORE_FILE_NAME = 'store.sqlite'
MEMORY = ':memory:'
BUSY_TIMEOUT_SECONDS = 60.0

_SCHEMA = (
    # `size` is the length of key + value in UTF-16 code units: what browsers count against
    # the localStorage quota. It is stored so the quota check never rereads the values.
    'CREATE TABLE IF NOT EXISTS local_storage (key TEXT PRIMARY KEY, value TEXT NOT NULL, '
    'size INTEGER NOT NULL)',
    'CREATE TABLE IF NOT EXISTS indexed_db (database TEXT NOT NULL, object_store TEXT NOT NULL, '
    'key TEXT NOT NULL, value TEXT NOT NULL, binary BLOB NOT NULL, '
    'PRIMARY KEY (database, object_store, key))',
)
# Markers for the values JSON cannot hold in an IndexedDB record (structured clone keeps
# ArrayBuffers and Dates). The NUL makes a clash with a user's key practically impossible.
_BYTES_TAG = '\x00bytes'
_DATE_TAG = '\x00date'


class Store:
    """An emulated browser storage area in one SQLite file (or in memory with ``':memory:'``)."""

    def __init__(self, path):
        self.path = str(path)
        self._memory = self.path == MEMORY
        self._active = threading.local()  # .connection: this thread's open write transaction
        if self._memory:
            # One shared connection: SQLite's shared-cache mode would fail fast on contention
            # between threads instead of waiting, so threads take turns on a lock instead.
            self._lock = threading.RLock()
            self._shared = sqlite3.connect(MEMORY, isolation_level=None, check_same_thread=False)
        else:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        try:
            with self.transaction() as tx:
                for statement in _SCHEMA:
                    tx.connection.execute(statement)
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError):  # locked, unreadable: not about the format
                raise
            raise ModelFormatError(f'{self.path} is not a tfjs_lab model store ({err}). Move it '
                                   f'away to start with an empty store.') from None

    def __repr__(self):
        return f'Store({self.path!r})'

    def describe(self):
        """Where this store is, for error messages: its file, or this process's memory."""
        return "this process's memory" if self._memory else self.path

    @contextlib.contextmanager
    def transaction(self):
        """A write transaction: all its changes are committed together, or none if the block
        raises. Inside another transaction of this thread it is a savepoint of that one."""
        active = getattr(self._active, 'connection', None)
        if active is not None:
            with _savepoint(active) as tx:
                yield tx
            return
        with self._connection() as connection:
            connection.execute('BEGIN IMMEDIATE')
            self._active.connection = connection
            try:
                yield Transaction(connection)
                connection.execute('COMMIT')
            except BaseException:
                if connection.in_transaction:
                    connection.execute('ROLLBACK')
                raise
            finally:
                self._active.connection = None

    @contextlib.contextmanager
    def read(self):
        """A read transaction: a consistent snapshot for several reads (inside a write
        transaction, that transaction's view)."""
        active = getattr(self._active, 'connection', None)
        if active is not None:
            yield Transaction(active)
            return
        with self._connection() as connection:
            connection.execute('BEGIN')
            try:
                yield Transaction(connection)
            finally:
                connection.execute('ROLLBACK')

    @contextlib.contextmanager
    def _connection(self):
        if self._memory:
            with self._lock:
                yield self._shared
            return
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            yield connection
        finally:
            connection.close()


@contextlib.contextmanager
def _savepoint(connection):
    connection.execute('SAVEPOINT nested')
    try:
        yield Transaction(connection)
    except BaseException:
        connection.execute('ROLLBACK TO nested')
        connection.execute('RELEASE nested')
        raise
    connection.execute('RELEASE nested')


def utf16_length(text):
    """Length of a string in UTF-16 code units, as JavaScript's ``length`` counts it.

    >>> utf16_length('abc'), utf16_length('\\N{GRINNING FACE}')
    (3, 2)
    """
    return len(text.encode('utf-16-le', 'surrogatepass')) // 2


class Transaction:
    """localStorage and IndexedDB operations inside one SQLite transaction."""

    def __init__(self, connection):
        self.connection = connection

    # --- localStorage --------------------------------------------------------------
    def get_item(self, key):
        """``localStorage.getItem``: the string value, or ``None``."""
        row = self.connection.execute('SELECT value FROM local_storage WHERE key = ?', (key,)).fetchone()
        return None if row is None else row[0]

    def set_item(self, key, value):
        """``localStorage.setItem``."""
        self.connection.execute('INSERT OR REPLACE INTO local_storage (key, value, size) VALUES (?, ?, ?)',
                                (key, value, utf16_length(key) + utf16_length(value)))

    def remove_item(self, key):
        """``localStorage.removeItem``."""
        self.connection.execute('DELETE FROM local_storage WHERE key = ?', (key,))

    def keys(self, prefix=''):
        """All localStorage keys starting with ``prefix``, sorted."""
        rows = self.connection.execute(
            'SELECT key FROM local_storage WHERE substr(key, 1, ?) = ? ORDER BY key',
            (len(prefix), prefix))
        return [key for key, in rows]

    def local_storage_length(self):
        """UTF-16 code units in all keys and values: what browsers count against the quota."""
        return self.connection.execute('SELECT COALESCE(SUM(size), 0) FROM local_storage').fetchone()[0]

    # --- IndexedDB -----------------------------------------------------------------
    def get_record(self, database, object_store, key):
        """The record at ``key``, or ``None``; ``bytes`` and ``datetime`` values come back
        as they were put."""
        row = self.connection.execute(
            'SELECT value, binary FROM indexed_db WHERE database = ? AND object_store = ? AND key = ?',
            (database, object_store, key)).fetchone()
        return None if row is None else _decode_record(*row)

    def put_record(self, database, object_store, key, record):
        """``IDBObjectStore.put``: insert or replace the record at ``key``."""
        value, binary = _encode_record(record)
        self.connection.execute(
            'INSERT OR REPLACE INTO indexed_db (database, object_store, key, value, binary) '
            'VALUES (?, ?, ?, ?, ?)', (database, object_store, key, value, binary))

    def delete_record(self, database, object_store, key):
        """``IDBObjectStore.delete``."""
        self.connection.execute('DELETE FROM indexed_db WHERE database = ? AND object_store = ? AND key = ?',
                                (database, object_store, key))

    def indexed_db_size(self):
        """Bytes of all IndexedDB records (their JSON text and binary parts)."""
        return self.connection.execute(
            'SELECT COALESCE(SUM(length(CAST(value AS BLOB)) + length(binary)), 0) FROM indexed_db').fetchone()[0]

    def records(self, database, object_store):
        """``IDBObjectStore.getAll``: every record, in key order."""
        rows = self.connection.execute(
            'SELECT value, binary FROM indexed_db WHERE database = ? AND object_store = ? ORDER BY key',
            (database, object_store))
        return [_decode_record(*row) for row in rows]


def _encode_record(record):
    chunks, offset = [], 0

    def default(value):
        nonlocal offset
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
            chunks.append(data)
            offset += len(data)
            return {_BYTES_TAG: [offset - len(data), len(data)]}
        if isinstance(value, datetime.datetime):
            return {_DATE_TAG: value.isoformat()}
        raise TypeError(f'Cannot store a {type(value).__name__} in an IndexedDB record')

    return json.dumps(record, default=default), b''.join(chunks)


def _decode_record(value, binary):
    def hook(obj):
        if len(obj) == 1:
            if _BYTES_TAG in obj:
                start, length = obj[_BYTES_TAG]
                return binary[start:start + length]
            if _DATE_TAG in obj:
                return datetime.datetime.fromisoformat(obj[_DATE_TAG])
        return obj

    return json.loads(value, object_hook=hook)


def quota(env_var, default):
    """A store's quota: ``$env_var`` if set (a whole number), else ``default``.

    >>> quota('TFJS_LAB_NO_SUCH_QUOTA', 5)
    5
    """
    text = os.environ.get(env_var)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(f'${env_var} must be a whole number of units (0 or more); found {text!r}')
    return value


def check_model_path(path, store_name):
    """Refuse a model path that is empty, holds control characters or ``.``/``..`` segments: a
    path names a model, it never walks around the store.

    >>> check_model_path('demo/model-1', 'local storage')
    'demo/model-1'
    >>> check_model_path('../model', 'IndexedDB')
    Traceback (most recent call last):
    ...
    ValueError: Invalid IndexedDB model path '../model': '.' and '..' segments are not allowed
    """
    if not isinstance(path, str) or not path:
        raise ValueError(f'For {store_name}, modelPath must not be null, undefined or empty.')
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise ValueError(f'Invalid {store_name} model path {path!r}: control characters are not allowed')
    if any(segment in ('.', '..') for segment in path.split('/')):
        raise ValueError(f"Invalid {store_name} model path {path!r}: '.' and '..' segments are not allowed")
    return path


def user_data_dir():
    """Where per-user application data lives on this platform."""
    if sys.platform == 'win32':
        base = os.environ.get('LOCALAPPDATA') or os.path.expanduser(r'~\AppData\Local')
    elif sys.platform == 'darwin':
        base = os.path.expanduser('~/Library/Application Support')
    else:
        base = os.environ.get('XDG_DATA_HOME') or os.path.expanduser('~/.local/share')
    return os.path.join(base, 'tfjs_lab')


_stores = {}
_stores_lock = threading.Lock()
_override = None


def default_store():
    """The store ``localstorage://`` and ``indexeddb://`` use: the one set with
    :func:`set_default_store`, else the one ``$TFJS_LAB_STORE_DIR`` names, else the user's.

    >>> os.path.basename(default_store().path)
    'store.sqlite'
    """
    if _override is not None:
        return _override
    directory = os.environ.get(STORE_DIR_ENV) or user_data_dir()
    path = MEMORY if directory == MEMORY else os.path.join(os.path.abspath(directory), STORE_FILE_NAME)
    with _stores_lock:
        if path not in _stores:
            _stores[path] = Store(path)
        return _stores[path]


def set_default_store(store):
    """Use ``store`` (a :class:`Store`, a path, ``':memory:'``, or ``None`` to go back to
    the default) for the browser stores; returns the previous override.

    >>> previous = set_default_store(':memory:')
    >>> _ = set_default_store(previous)
    """
    global _override
    previous = _override
    _override = store if store is None or isinstance(store, Store) else Store(store)
    return previous
