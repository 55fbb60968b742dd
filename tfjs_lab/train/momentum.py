import numpy as np

from .sgd import SGDOptimizer


class MomentumOptimizer(SGDOptimizer):
    """Gradient descent with momentum (a subclass of SGD, as in TF.js)::

        accumulation = momentum * accumulation + gradient
        value = -learning_rate * accumulation + value                          (plain)
        value = -learning_rate * (gradient + accumulation * momentum) + value  (Nesterov)
    """
    class_name = 'Momentum'
    config_keys = ('learning_rate', 'momentum', 'use_nesterov')
    flag_keys = ('use_nesterov',)
    slot_names = ('momentum',)

    def __init__(self, learning_rate, momentum, use_nesterov=False):
        super().__init__(learning_rate)
        self.momentum = self._checked('momentum', momentum)
        self.use_nesterov = self._checked('use_nesterov', use_nesterov)

    def set_momentum(self, momentum):
        """Change the momentum for the following steps (TF.js ``setMomentum``, which in TF.js
        4.22 leaves the steps unchanged: it updates the config but not the cached scalar)."""
        self.momentum = self._checked('momentum', momentum)

    def _begin_step(self):
        super()._begin_step()
        self._m = np.float32(self.momentum)

    def _update(self, value, grad, slots):
        accumulation, = slots
        new_accumulation = self._m * accumulation + grad
        if self.use_nesterov:
            value += self._c * (grad + new_accumulation * self._m)
        else:
            value += self._c * new_accumulation
        accumulation[...] = new_accumulation
