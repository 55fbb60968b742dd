"""The optimizer base class: gradients in, variable updates out, in TF.js's float32 order.

State follows TF.js's layout. An optimizer keeps one set of slots (Adam's ``m`` and ``v``, ...)
per *position* in the gradient list, not per variable name: TF.js does, and that is what lets
``set_weights`` restore a saved optimizer onto a model whose variables have other names (a model
loaded in a new session). Each set remembers the name TF.js gives it, ``'<variable>/<slot>'``.
"""
import numbers
import re

import numpy as np

from .._naming import CamelAliases, normalize_keys, to_camel
from ..core.gradients import variable_grads
from ..core.tensor import Awaitable, Tensor, Variable, _AwaitableList
from ..serialization import Registry

REGISTRY = Registry('optimizer')  # TF.js class names ('Adam', 'RMSProp', ...) for from_config

BACKEND_EPSILON = 1e-7  # TF.js's ENGINE.backend.epsilon() for float32 backends
_ARRAY_INDEX = re.compile(r'0|[1-9][0-9]*')


def js_key_order(names):
    """The order JS gives an object's keys: integer-like keys (array indices such as the default
    variable names '0', '12') first in numeric order, then the others as inserted.

    >>> js_key_order(['w', '12', 'b', '3'])
    ['3', '12', 'w', 'b']
    """
    def is_index(name):
        return _ARRAY_INDEX.fullmatch(name) is not None and int(name) < 2 ** 32 - 1
    return sorted((n for n in names if is_index(n)), key=int) + [n for n in names if not is_index(n)]


def _shape(array):
    return f"[{','.join(map(str, np.shape(array)))}]"


class _SlotSet:
    """The state kept for one position of the gradient list: one array per slot kind, each with
    the name TF.js's getWeights reports."""
    __slots__ = ('names', 'arrays')

    def __init__(self, names, arrays):
        self.names, self.arrays = names, arrays


class Optimizer(CamelAliases, Awaitable):
    """Base of the TF.js optimizers.

    A subclass defines ``class_name`` (TF.js's, used in configs), ``config_keys`` (its
    hyperparameters in TF.js's getConfig order, snake_case), ``slot_names`` (the suffixes of its
    per-variable state in getWeights order) and ``_update(value, grad, slots)``, which updates the
    NumPy arrays ``value`` (a fresh copy of the variable's values) and ``slots`` in place.
    ``_begin_step`` / ``_end_step`` run around each round of updates.
    """
    class_name = None
    config_keys = ()
    flag_keys = ()  # the config keys that are booleans; the others are numbers
    slot_names = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        REGISTRY.register(cls)

    def __init__(self, **config):
        for key, value in config.items():
            if key == 'epsilon' and value is None:
                value = BACKEND_EPSILON
            setattr(self, key, self._checked(key, value))
        self._iterations = 0
        self._slots = []  # one _SlotSet per position in the gradient list, created on first use
        self._position = 0
        self._scratch_buffers = {}  # (shape, dtype) -> work arrays (see _scratch)
        self._flat = None  # the flat slot layout of apply_gradient_list

    def _checked(self, key, value):
        """``value`` if it is a valid ``key`` hyperparameter; a TypeError naming both otherwise."""
        if key in self.flag_keys:
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f'{type(self).__name__}: {to_camel(key)} must be a boolean; '
                                f'received {type(value).__name__} {value!r}')
            return bool(value)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
            raise TypeError(f'{type(self).__name__}: {to_camel(key)} must be a number; '
                            f'received {type(value).__name__} {value!r}')
        return value if type(value) in (int, float) else float(value)

    @property
    def iterations(self):
        """How many times the optimizer has applied gradients."""
        return self._iterations

    def get_class_name(self):
        return self.class_name

    # --- TF.js API --------------------------------------------------------------------
    def minimize(self, f, return_cost=False, var_list=None):
        """Run ``f`` (returning a scalar loss), then take one step on its gradients. Returns the
        loss tensor when ``return_cost`` is true, else None. ``var_list`` defaults to every
        trainable variable.

        >>> import tfjs_lab as tf
        >>> w = tf.variable(tf.scalar(1.0), name='min_doc_w')
        >>> opt = tf.train.sgd(0.1)
        >>> float(opt.minimize(lambda: w.square(), True))
        1.0
        >>> round(float(w), 4)
        0.8
        """
        result = self.compute_gradients(f, var_list)
        grads = result['grads']
        if var_list is None:
            self.apply_gradients(grads)
        else:
            # As TF.js: every listed variable takes its place, with or without a gradient.
            self.apply_gradients([{'name': v.name, 'tensor': grads.get(v.name)} for v in var_list])
        for gradient in grads.values():
            gradient.dispose()
        if return_cost:
            return result['value']
        result['value'].dispose()
        return None

    def compute_gradients(self, f, var_list=None):
        """``{'value': f(), 'grads': {variable name: gradient}}`` (TF.js ``computeGradients``)."""
        return variable_grads(f, var_list)

    def apply_gradients(self, variable_gradients):
        """Update variables from ``{name: gradient}`` or a list of ``{'name', 'tensor'}``.

        A map is taken in JS key order, as TF.js does; its position in that order decides which
        optimizer state a variable uses. A gradient of None updates nothing but takes its place.

        >>> import tfjs_lab as tf
        >>> w = tf.variable(tf.tensor1d([1, 2]), name='apply_doc_w')
        >>> tf.train.sgd(0.5).apply_gradients({'apply_doc_w': tf.tensor1d([1, 1])})
        >>> w.print()
        Tensor
            [0.5, 1.5]
        """
        pairs = self._gradient_pairs(variable_gradients)
        self._begin_step()
        for variable, grad in pairs:
            self.apply_gradient_arrays(variable, grad)
        self._end_step()

    def _gradient_pairs(self, variable_gradients):
        """(variable, float32 ndarray or None) pairs, checked, in TF.js's order."""
        if isinstance(variable_gradients, dict):
            named = [(name, variable_gradients[name]) for name in js_key_order(list(variable_gradients))]
        elif isinstance(variable_gradients, (list, tuple)):
            named = []
            for item in variable_gradients:
                if not isinstance(item, dict) or 'name' not in item or 'tensor' not in item:
                    raise TypeError("apply_gradients: a list must hold {'name': ..., 'tensor': ...} "
                                    f'dicts; received {item!r}')
                named.append((item['name'], item['tensor']))
        else:
            raise TypeError('apply_gradients takes {variable name: gradient} or a list of '
                            f"{{'name', 'tensor'}} dicts; received {type(variable_gradients).__name__}")
        pairs = []
        for name, grad in named:
            variable = Variable.registry.get(name)
            if variable is None:
                raise ValueError(f'Cannot apply a gradient to {name!r}: no live variable has that name')
            if grad is not None:
                grad = np.asarray(grad._data if isinstance(grad, Tensor) else grad, dtype=np.float32)
                if grad.shape != variable._data.shape:
                    raise ValueError(f'The gradient for variable {name!r} has shape {_shape(grad)}; '
                                     f'the variable has shape {_shape(variable._data)}')
            pairs.append((variable, grad))
        return pairs

    def apply_gradient_arrays(self, variable, grad):
        """Update ``variable`` from an ndarray gradient (or None): the training fast path.

        Call ``_begin_step()`` before a round of these and ``_end_step()`` after it; the calls in
        between take positions 0, 1, ... (see the module docstring).
        """
        position = self._position
        self._position += 1
        slots = self._slots_for(position, variable)
        if grad is None:
            return
        # A new buffer, as TF.js's assign makes: tensors that share the old one (a reshape of
        # the variable, say) keep their values.
        value = variable._data.copy()
        self._update(value, grad, slots.arrays)
        variable._data = value

    def apply_gradient_list(self, variables, grads):
        """``apply_gradient_arrays`` for each (variable, gradient) pair in order, between
        ``_begin_step()`` and ``_end_step()``: the training step's call.

        Every update is element-wise, so one ``_update`` on all variables laid end to end gives
        the same float32 values as one per variable, for one Python round of NumPy calls instead
        of one per variable (what bounds small models). The slots then live in one flat array per
        kind, each position's slot a view of its part; state that set_weights replaced is copied in.
        """
        layout = self._flat_layout(variables, grads)
        if layout is None:
            for variable, grad in zip(variables, grads):
                self.apply_gradient_arrays(variable, grad)
            return
        bounds, flat_slots, gradient = layout
        np.concatenate([g.reshape(-1) for g in grads], out=gradient)
        values = np.concatenate([v._data.reshape(-1) for v in variables])
        self._update(values, gradient, flat_slots)
        for variable, (start, end) in zip(variables, bounds):
            # a buffer of its own per variable, as TF.js's assign gives (and tf.memory() counts)
            variable._data = values[start:end].reshape(variable._data.shape).copy()
        self._position = len(variables)

    def _flat_layout(self, variables, grads):
        """(bounds per variable, flat slot arrays, flat gradient buffer) for a round of updates
        of ``variables`` from position 0, or None where the per-variable path must run."""
        if self._position or len(variables) < 2:
            return None
        for v, g in zip(variables, grads):
            if g is None or v._data.dtype != np.float32 or g.shape != v._data.shape:
                return None
        flat = self._flat
        if flat is not None and len(flat[0]) == len(variables) == len(self._slots):
            for slots, views, variable, (start, end) in zip(self._slots, flat[3], variables, flat[0]):
                if variable._data.size != end - start or any(a is not b for a, b in zip(slots.arrays, views)):
                    break
            else:
                return flat[:3]
        if self._slots and (len(self._slots) != len(variables) or any(
                s.arrays and s.arrays[0].shape != v._data.shape for s, v in zip(self._slots, variables))):
            return None  # the per-variable path explains the mismatch
        for position, variable in enumerate(variables):
            self._slots_for(position, variable)
        sizes = [v._data.size for v in variables]
        ends = np.cumsum(sizes).tolist()
        bounds = list(zip([0] + ends[:-1], ends))
        flat_slots = [np.concatenate([s.arrays[kind].reshape(-1) for s in self._slots]).astype(np.float32, copy=False)
                      for kind in range(len(self.slot_names))]
        views = []
        for s, variable, (start, end) in zip(self._slots, variables, bounds):
            s.arrays = [flat_slots[kind][start:end].reshape(variable._data.shape) for kind in range(len(self.slot_names))]
            views.append(s.arrays)
        self._flat = (bounds, flat_slots, np.empty(ends[-1], np.float32), views)
        return self._flat[:3]

    def _slots_for(self, position, variable):
        if position == len(self._slots):
            self._slots.append(_SlotSet([f'{variable.name}/{kind}' for kind in self.slot_names],
                                        [self._new_slot(variable._data) for _ in self.slot_names]))
        slots = self._slots[position]
        if slots.arrays and slots.arrays[0].shape != variable._data.shape:
            raise ValueError(
                f'{self.class_name} optimizer: the state at position {position} ({slots.names[0]!r}, '
                f'shape {_shape(slots.arrays[0])}) does not fit variable {variable.name!r} of shape '
                f'{_shape(variable._data)}. An optimizer keeps its state by position, so give it '
                'the same variables in the same order every step (or use a new optimizer).')
        return slots

    def _scratch(self, like, count):
        """``count`` work arrays shaped like ``like``, allocated once per shape and reused by
        every update, so that a step makes no temporaries."""
        key = (like.shape, like.dtype)
        buffers = self._scratch_buffers.get(key)
        if buffers is None or len(buffers) < count:
            buffers = self._scratch_buffers[key] = [np.empty_like(like) for _ in range(count)]
        return buffers[:count]

    def _new_slot(self, like):
        return np.zeros_like(like)

    def _begin_step(self):
        self._position = 0

    def _end_step(self):
        self._iterations += 1

    def _restore_step_state(self):
        """Recompute counters derived from ``iterations`` after ``set_weights``."""

    # --- serialization ----------------------------------------------------------------
    def get_config(self):
        """The hyperparameters, camelCase keys as TF.js's getConfig (epsilon resolved)."""
        return {to_camel(k): getattr(self, k) for k in self.config_keys}

    @classmethod
    def from_config(cls, config):
        """An optimizer from a config in either spelling (missing keys take their defaults)."""
        return cls(**normalize_keys(config, set(cls.config_keys), cls.class_name))

    def get_weights(self):
        """``[{'name': 'iter', 'tensor': int32 scalar}, {'name': '<var>/<slot>', 'tensor': ...}, ...]``
        in TF.js's order: the iteration count first, then each slot kind for every variable.
        The tensors are copies. Awaitable, as TF.js's ``getWeights`` is async.

        >>> import tfjs_lab as tf
        >>> w = tf.variable(tf.tensor1d([1, 2]), name='gw_doc_w')
        >>> opt = tf.train.momentum(0.1, 0.9)
        >>> opt.minimize(lambda: w.square().sum())
        >>> [(x['name'], x['tensor'].shape) for x in opt.get_weights()]
        [('iter', []), ('gw_doc_w/momentum', [2])]
        """
        weights = [{'name': 'iter', 'tensor': Tensor(np.asarray(self._iterations, np.int32))}]
        for kind in range(len(self.slot_names)):
            weights += [{'name': s.names[kind], 'tensor': Tensor(s.arrays[kind].copy())} for s in self._slots]
        return _AwaitableList(weights)

    def set_weights(self, weight_values):
        """Restore state from ``get_weights()``'s layout (TF.js ``setWeights``). Names and
        shapes are checked; the state then applies by position. Returns the optimizer, so that
        ``await optimizer.setWeights(w)`` ports from TF.js."""
        weight_values = list(weight_values)
        names = [self._weight_name(item) for item in weight_values]
        if not names or names[0] != 'iter':
            raise ValueError(f"{self.class_name}.set_weights: expected the iteration count named 'iter' "
                             f'first; received {names}')
        iterations = np.asarray(weight_values[0]['tensor'])
        if iterations.shape != ():
            raise ValueError(f"{self.class_name}.set_weights: 'iter' must be a scalar; received shape "
                             f'{_shape(iterations)}')
        arrays = [np.array(item['tensor'], dtype=np.float32) for item in weight_values[1:]]
        slots = self._slot_sets(names, arrays)
        if self._slots:
            held = self.get_weights()
            if [w['tensor'].shape for w in held[1:]] != [list(a.shape) for a in arrays]:
                raise ValueError(f'{self.class_name}.set_weights: this optimizer holds weights '
                                 f"{[w['name'] for w in held]} with shapes {[_shape(w['tensor']) for w in held[1:]]}; "
                                 f'received {names[1:]} with shapes {[_shape(a) for a in arrays]}')
        self._iterations, self._slots = int(iterations), slots
        self._restore_step_state()
        return self

    def _slot_sets(self, names, arrays):
        """``arrays`` (getWeights order: each slot kind for every variable) grouped by position,
        after checking the count, the names and that a variable's slots share one shape."""
        kinds = len(self.slot_names)
        if kinds == 0 and arrays:
            raise ValueError(f'{self.class_name} optimizer does not have settable weights: expected '
                             f"['iter']; received {names}")
        if kinds and len(arrays) % kinds:
            raise ValueError(f"{self.class_name}.set_weights: expected 'iter' then {kinds} weights per "
                             f"variable ({', '.join(repr('<var>/' + k) for k in self.slot_names)}); "
                             f'received {len(arrays)} after iter: {names[1:]}')
        count = len(arrays) // kinds if kinds else 0
        prefixes = [n.rpartition('/')[0] for n in names[1:1 + count]]
        expected = ['iter'] + [f'{p}/{kind}' for kind in self.slot_names for p in prefixes]
        if names != expected:
            raise ValueError(f'{self.class_name}.set_weights: expected names {expected}; received {names}')
        slots = [_SlotSet(names[1 + i::count], arrays[i::count]) for i in range(count)]
        for s in slots:
            for name, array in zip(s.names[1:], s.arrays[1:]):
                if array.shape != s.arrays[0].shape:
                    raise ValueError(f'{self.class_name}.set_weights: {name!r} has shape {_shape(array)}, '
                                     f'but {s.names[0]!r} has {_shape(s.arrays[0])}')
        return slots

    def _weight_name(self, item):
        if not isinstance(item, dict) or 'name' not in item or 'tensor' not in item:
            raise TypeError(f"{self.class_name}.set_weights takes a list of {{'name', 'tensor'}} dicts "
                            f'as get_weights() returns; received {item!r}')
        return item['name']

    def dispose(self):
        """Drop the state (TF.js frees its state variables); the next step starts afresh."""
        self._slots = []

    def __repr__(self):
        return f'{self.class_name}({", ".join(f"{k}={v!r}" for k, v in self.get_config().items())})'
