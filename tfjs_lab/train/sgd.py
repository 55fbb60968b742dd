import numpy as np

from .optimizer import Optimizer


class SGDOptimizer(Optimizer):
    """Plain gradient descent: ``value += -learning_rate * gradient``."""
    class_name = 'SGD'
    config_keys = ('learning_rate',)

    def __init__(self, learning_rate):
        super().__init__()
        self.learning_rate = self._check_number('learning_rate', learning_rate)

    def _update(self, value, grad, slots):
        value += np.float32(-self.learning_rate) * grad
