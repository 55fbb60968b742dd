"""What other code may do with a model while it trains away from the caller's thread.

Reading is allowed and always sees the weights of a batch boundary: ``predict``, ``evaluate``,
``get_weights`` and ``save`` from another thread wait (at most one batch, or one epoch end)
until the fit lets readers in between two batches. Changing the model (``set_weights``,
``compile``, another fit, ``dispose``) is refused with an error that says how to wait or stop.
Code running inside the fit (its callbacks) is not restricted at all.

The rules are enforced by methods set on the model *instance* for the duration of the fit and
removed when it ends, so the engine's classes carry no trace of them. A layer reached directly
(``model.layers[0].set_weights``) or a variable's ``assign`` is not guarded.
"""
import contextlib
import threading

from .._naming import to_camel

READING_METHODS = ('predict', 'predict_on_batch', 'evaluate', 'evaluate_dataset', 'get_weights', 'save',
                   'execute', 'apply')
CHANGING_METHODS = ('fit', 'fit_dataset', 'train_on_batch', 'compile', 'load_training_config',
                    'set_weights', 'reset_states', 'dispose')


class Gate:
    """One owner changing a model's weights and any number of readers, who take turns.

    The owner holds the weights from :meth:`own` to :meth:`release` and lets waiting readers
    in at :meth:`between_batches`; readers never see the weights halfway through a step.

    >>> gate = Gate()
    >>> with gate.reading():  # nobody owns the weights: readers go straight in
    ...     pass
    """

    def __init__(self):
        self._condition = threading.Condition()
        self._owned = False
        self._readers = 0  # waiting or reading

    @contextlib.contextmanager
    def reading(self):
        with self._condition:
            self._readers += 1
            try:
                self._condition.wait_for(lambda: not self._owned)
            except BaseException:  # KeyboardInterrupt while waiting
                self._leave()
                raise
        try:
            yield
        finally:
            with self._condition:
                self._leave()

    def _leave(self):
        self._readers -= 1
        self._condition.notify_all()

    def own(self):
        with self._condition:
            self._condition.wait_for(lambda: self._readers == 0)
            self._owned = True

    def release(self):
        with self._condition:
            self._owned = False
            self._condition.notify_all()

    def between_batches(self):
        """The owner's pause at a batch boundary: readers who are waiting read now."""
        with self._condition:
            if not self._readers:
                return
            self._owned = False
            self._condition.notify_all()
            self._condition.wait_for(lambda: self._readers == 0)
            self._owned = True


class ModelGuard:
    """Installs the rules above on ``model`` while ``trainer`` (a thread, or None when the
    weights change only at the end) runs its fit. ``describe()`` tells, for error messages,
    how far the fit has come."""

    def __init__(self, model, gate, is_trainer, describe):
        self.model = model
        self.gate = gate
        self._is_trainer = is_trainer
        self._describe = describe
        self._installed = []

    def install(self):
        for names, wrap in ((READING_METHODS, self._reader), (CHANGING_METHODS, self._refuser)):
            for name in names:
                method = getattr(self.model, name, None)
                if method is None:
                    continue
                guarded = wrap(name, method)
                for spelling in dict.fromkeys((name, to_camel(name))):
                    if hasattr(self.model, spelling):
                        self.model.__dict__[spelling] = guarded
                        self._installed.append(spelling)

    def remove(self):
        for spelling in self._installed:
            self.model.__dict__.pop(spelling, None)
        self._installed = []

    def _reader(self, name, method):
        def read(*args, **kwargs):
            if self._is_trainer():
                return method(*args, **kwargs)
            with self.gate.reading():
                return method(*args, **kwargs)
        read.__name__ = read.__qualname__ = name
        read.__doc__ = method.__doc__
        return read

    def _refuser(self, name, method):
        def refuse(*args, **kwargs):
            if self._is_trainer():
                return method(*args, **kwargs)
            raise RuntimeError(
                f"Cannot call {name}() on model '{self.model.name}': it is training in the background "
                f'({self._describe()}) and {name}() would change it under the running fit. Wait for the fit '
                'to finish (handle.wait() or await handle) or stop it (handle.stop()) first; reading '
                '(predict, evaluate, get_weights, save) is allowed meanwhile.')
        refuse.__name__ = refuse.__qualname__ = name
        refuse.__doc__ = method.__doc__
        return refuse
