import numpy as np

from .optimizer import BACKEND_EPSILON, Optimizer


class AdagradOptimizer(Optimizer):
    """Adagrad: ``accumulator += gradient**2`` (starting at ``initial_accumulator_value``), then
    ``value = gradient / sqrt(accumulator + 1e-7) * -learning_rate + value``. The epsilon is
    TF.js's backend epsilon, not a hyperparameter."""
    class_name = 'Adagrad'
    config_keys = ('learning_rate', 'initial_accumulator_value')
    slot_names = ('accumulator',)

    def __init__(self, learning_rate, initial_accumulator_value=0.1):
        super().__init__(learning_rate=learning_rate, initial_accumulator_value=initial_accumulator_value)

    def _new_slot(self, like):
        return np.full_like(like, np.float32(self.initial_accumulator_value))

    def _update(self, value, grad, slots):
        accumulator, = slots
        accumulator += grad * grad
        value += grad / np.sqrt(accumulator + np.float32(BACKEND_EPSILON)) * np.float32(-self.learning_rate)
