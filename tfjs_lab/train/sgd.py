import numpy as np

from .optimizer import Optimizer


class SGDOptimizer(Optimizer):
    """Plain gradient descent: ``value = -learning_rate * gradient + value``."""
    class_name = 'SGD'
    config_keys = ('learning_rate',)

    def __init__(self, learning_rate):
        super().__init__(learning_rate=learning_rate)

    def set_learning_rate(self, learning_rate):
        """Change the learning rate for the following steps (TF.js ``setLearningRate``)."""
        self.learning_rate = self._checked('learning_rate', learning_rate)

    def _begin_step(self):
        super()._begin_step()
        # Read every step, so that assigning learning_rate works too (TF.js caches it at
        # construction and only setLearningRate changes it).
        self._c = np.float32(-self.learning_rate)

    def _update(self, value, grad, slots):
        value += self._c * grad
