import numpy as np

from .optimizer import Optimizer


class AdamaxOptimizer(Optimizer):
    """Adamax (Adam with the infinity norm), with TF.js's learning-rate decay
    ``learning_rate / (1 + decay * iteration)``."""
    class_name = 'Adamax'
    config_keys = ('learning_rate', 'beta1', 'beta2', 'epsilon', 'decay')
    slot_names = ('m', 'v')

    def __init__(self, learning_rate=0.002, beta1=0.9, beta2=0.999, epsilon=None, decay=0.0):
        super().__init__()
        self.learning_rate = self._check_number('learning_rate', learning_rate)
        self.beta1 = self._check_number('beta1', beta1)
        self.beta2 = self._check_number('beta2', beta2)
        self.epsilon = self._epsilon_or_default(epsilon)
        self.decay = self._check_number('decay', decay)
        self._acc_beta1 = np.float32(beta1)

    def _begin_step(self):
        f32 = np.float32
        rate = f32(-self.learning_rate) / (f32(self.iterations) * f32(self.decay) + f32(1))
        self._step_scale = rate / (f32(1) - self._acc_beta1)

    def _end_step(self):
        super()._end_step()
        self._acc_beta1 = self._acc_beta1 * np.float32(self.beta1)

    def _update(self, value, grad, slots):
        m, v = slots
        f32 = np.float32
        m *= f32(self.beta1)
        m += grad * f32(1 - self.beta1)
        v *= f32(self.beta2)
        np.maximum(v, np.abs(grad), out=v)
        step = m / (v + f32(self.epsilon))
        step *= self._step_scale
        value += step

    def set_weights(self, weight_values):
        super().set_weights(weight_values)
        self._acc_beta1 = np.float32(self.beta1) ** np.float32(self.iterations + 1)
