import numpy as np

from .optimizer import Optimizer


class AdadeltaOptimizer(Optimizer):
    """Adadelta. As in TF.js, the step is scaled with the squared-gradient accumulator from
    *before* this step's gradient is added (Zeiler's paper uses the updated one)."""
    class_name = 'Adadelta'
    config_keys = ('learning_rate', 'rho', 'epsilon')
    slot_names = ('accum_grad', 'accum_var')

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=None):
        super().__init__()
        self.learning_rate = self._check_number('learning_rate', learning_rate)
        self.rho = self._check_number('rho', rho)
        self.epsilon = self._epsilon_or_default(epsilon)

    def _update(self, value, grad, slots):
        accum_grad, accum_var = slots
        f32, eps = np.float32, np.float32(self.epsilon)
        updates = np.sqrt(accum_var + eps) / np.sqrt(accum_grad + eps) * grad
        accum_grad *= f32(self.rho)
        accum_grad += (grad * grad) * f32(1 - self.rho)
        accum_var *= f32(self.rho)
        accum_var += (updates * updates) * f32(1 - self.rho)
        updates *= f32(-self.learning_rate)
        value += updates
