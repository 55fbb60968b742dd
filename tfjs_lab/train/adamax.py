import numpy as np

from .optimizer import Optimizer


class AdamaxOptimizer(Optimizer):
    """Adamax (Adam with an infinity norm) as TF.js computes it::

        m' = m * beta1 + gradient * (1 - beta1)
        v' = maximum(v * beta2, |gradient|)
        value = (lr_t / (1 - beta1**t)) * (m' / (v' + epsilon)) + value

    where ``lr_t = -learning_rate / (iterations * decay + 1)`` and ``beta1**t`` is a running
    float32 product, as in TF.js.
    """
    class_name = 'Adamax'
    config_keys = ('learning_rate', 'beta1', 'beta2', 'epsilon', 'decay')
    slot_names = ('m', 'v')

    def __init__(self, learning_rate=0.002, beta1=0.9, beta2=0.999, epsilon=None, decay=0):
        super().__init__(learning_rate=learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon, decay=decay)
        self._acc_beta1 = np.float32(self.beta1)

    def _begin_step(self):
        super()._begin_step()
        f32 = np.float32
        learning_rate = f32(-self.learning_rate) / (f32(self.iterations) * f32(self.decay) + f32(1))
        self._step_size = learning_rate / (f32(1) - self._acc_beta1)

    def _end_step(self):
        super()._end_step()
        self._acc_beta1 = self._acc_beta1 * np.float32(self.beta1)

    def _restore_step_state(self):
        # TF.js 4.22 cannot save or restore Adamax state at all; this follows Adam's rule.
        self._acc_beta1 = np.float32(self.beta1) ** np.float32(self.iterations + 1)

    def _update(self, value, grad, slots):
        m, v = slots
        f32 = np.float32
        m *= f32(self.beta1)
        m += grad * f32(1 - self.beta1)
        np.maximum(v * f32(self.beta2), np.abs(grad), out=v)
        value += self._step_size * (m / (v + f32(self.epsilon)))
