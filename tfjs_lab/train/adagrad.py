import numpy as np

from .optimizer import Optimizer


class AdagradOptimizer(Optimizer):
    """Adagrad: ``accumulator += gradient²`` (starting from ``initial_accumulator_value``),
    ``value -= learning_rate * gradient / sqrt(accumulator + epsilon)``."""
    class_name = 'Adagrad'
    config_keys = ('learning_rate', 'initial_accumulator_value')
    slot_names = ('accumulator',)

    def __init__(self, learning_rate, initial_accumulator_value=0.1):
        super().__init__()
        self.learning_rate = self._check_number('learning_rate', learning_rate)
        self.initial_accumulator_value = self._check_number('initial_accumulator_value',
                                                            initial_accumulator_value)

    def _new_slots(self, value):
        return [np.full_like(value, self.initial_accumulator_value)]

    def _update(self, value, grad, slots):
        accumulator, = slots
        accumulator += grad * grad
        step = grad / np.sqrt(accumulator + np.float32(self.backend_epsilon))
        step *= np.float32(-self.learning_rate)
        value += step
