"""The optimizer base class: gradients in, in-place variable updates out."""
import numbers

import numpy as np

from .._naming import CamelAliases
from ..core.gradients import variable_grads
from ..core.tensor import Tensor, Variable

REGISTRY = {}  # TF.js class name -> optimizer class, for compile() strings and from_config


class Optimizer(CamelAliases):
    """Base of the TF.js optimizers. Subclasses define ``config_keys`` (TF.js config names in
    snake_case), ``slot_names`` and ``_update(value, grad, slots)`` on NumPy arrays."""
    class_name = None
    config_keys = ()
    slot_names = ()
    backend_epsilon = 1e-7  # TF.js's ENGINE.backend.epsilon() on CPU backends

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        REGISTRY[cls.class_name] = cls

    def __init__(self):
        self.iterations = 0
        self._slots = {}  # variable name -> list of slot arrays, created on first use

    def _check_number(self, name, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            from .._naming import to_camel
            raise TypeError(f'{to_camel(name)} of {type(self).__name__} must be a number; '
                            f'received {value!r} ({type(value).__name__})')
        return float(value)

    def _epsilon_or_default(self, epsilon):
        return self.backend_epsilon if epsilon is None else self._check_number('epsilon', epsilon)

    # --- TF.js API --------------------------------------------------------------------
    def minimize(self, f, return_cost=False, var_list=None):
        """Run ``f`` (returning a scalar loss), then take one step on its gradients.

        >>> import tfjs_lab as tf
        >>> w = tf.variable(tf.scalar(1.0), name='min_doc_w')
        >>> opt = tf.train.sgd(0.1)
        >>> float(opt.minimize(lambda: w.square(), True))
        1.0
        >>> round(float(w), 4)
        0.8
        """
        result = self.compute_gradients(f, var_list)
        self.apply_gradients(result['grads'])
        return result['value'] if return_cost else None

    def compute_gradients(self, f, var_list=None):
        return variable_grads(f, var_list)

    def apply_gradients(self, variable_gradients):
        """``variable_gradients``: ``{name: gradient}`` or a list of ``{'name', 'tensor'}``."""
        if isinstance(variable_gradients, dict):
            pairs = variable_gradients.items()
        else:
            pairs = [(item['name'], item['tensor']) for item in variable_gradients]
        self._begin_step()
        for name, grad in pairs:
            if grad is None:
                continue
            variable = Variable.registry.get(name)
            if variable is None:
                raise ValueError(f'Cannot apply a gradient to {name!r}: no live variable has that name')
            self.apply_gradient_arrays(variable, grad._data if isinstance(grad, Tensor) else np.asarray(grad))
        self._end_step()

    def apply_gradient_arrays(self, variable, grad):
        """One update of ``variable`` in place, from an ndarray gradient (the training fast path;
        call ``_begin_step``/``_end_step`` around a round of these)."""
        value = variable._data
        slots = self._slots.get(variable.name)
        if slots is None:
            slots = self._slots[variable.name] = self._new_slots(value)
        if value.ndim == 0:  # NumPy turns 0-d results into scalars; 1-element views stay arrays
            value, grad, slots = value.reshape(1), np.reshape(grad, 1), [s.reshape(1) for s in slots]
        self._update(value, grad, slots)

    def _new_slots(self, value):
        return [np.zeros_like(value) for _ in self.slot_names]

    def _begin_step(self):
        pass

    def _end_step(self):
        self.iterations += 1

    # --- serialization ----------------------------------------------------------------
    def get_config(self):
        from .._naming import to_camel
        return {to_camel(k): getattr(self, k) for k in self.config_keys}

    @classmethod
    def from_config(cls, config):
        from .._naming import normalize_keys
        return cls(**normalize_keys(config, set(cls.config_keys), cls.class_name))

    def get_weights(self):
        """``[{'name': 'iter', 'tensor': ...}, {'name': '<var>/<slot>', 'tensor': ...}, ...]``
        in TF.js's order: the iteration count first, then each slot kind for every variable."""
        weights = [{'name': 'iter', 'tensor': Tensor(np.asarray(self.iterations, np.int32))}]
        for i, slot in enumerate(self.slot_names):
            weights += [{'name': f'{name}/{slot}', 'tensor': Tensor(arrays[i].copy())}
                        for name, arrays in self._slots.items()]
        return weights

    def set_weights(self, weight_values):
        """Restore what :meth:`get_weights` returned (also from another optimizer instance or a
        saved model). Every variable must have every slot, with one shape."""
        weight_values = list(weight_values)
        if not weight_values or weight_values[0].get('name') != 'iter':
            received = weight_values[0].get('name') if weight_values else 'nothing'
            raise ValueError("Optimizer weights must start with the iteration count named 'iter'; "
                             f'received {received!r}')
        self.iterations = int(np.asarray(weight_values[0]['tensor']))
        slots = {}
        for item in weight_values[1:]:
            var_name, _, slot = item['name'].rpartition('/')
            if slot not in self.slot_names:
                raise ValueError(f"Unknown slot {slot!r} in optimizer weight {item['name']!r}; "
                                 f"{self.class_name} has slots {list(self.slot_names)}")
            arrays = slots.setdefault(var_name, [None] * len(self.slot_names))
            arrays[self.slot_names.index(slot)] = np.array(item['tensor'], dtype=np.float32)
        for var_name, arrays in slots.items():
            missing = [s for s, a in zip(self.slot_names, arrays) if a is None]
            if missing:
                raise ValueError(f"Optimizer weights for {var_name!r} lack the slots {missing}; "
                                 f"{self.class_name} needs {list(self.slot_names)} for every variable")
            if len({a.shape for a in arrays}) > 1:
                raise ValueError(f'Optimizer weights for {var_name!r} have different shapes: '
                                 f'{[list(a.shape) for a in arrays]}')
        self._slots = slots

    def dispose(self):
        self._slots = {}

    def __repr__(self):
        return f'{self.class_name}({", ".join(f"{k}={v!r}" for k, v in self.get_config().items())})'
