import numpy as np

from .sgd import SGDOptimizer


class MomentumOptimizer(SGDOptimizer):
    """Gradient descent with momentum (optionally Nesterov's):
    ``accumulation = momentum * accumulation + gradient``, then
    ``value -= learning_rate * accumulation`` (Nesterov: ``* (gradient + momentum * accumulation)``)."""
    class_name = 'Momentum'
    config_keys = ('learning_rate', 'momentum', 'use_nesterov')
    slot_names = ('momentum',)

    def __init__(self, learning_rate, momentum, use_nesterov=False):
        super().__init__(learning_rate)
        self.momentum = self._check_number('momentum', momentum)
        self.use_nesterov = bool(use_nesterov)

    def _update(self, value, grad, slots):
        accumulation, = slots
        f32 = np.float32
        accumulation *= f32(self.momentum)
        accumulation += grad
        step = grad + accumulation * f32(self.momentum) if self.use_nesterov else accumulation.copy()
        step *= f32(-self.learning_rate)
        value += step
