import numpy as np

from .optimizer import Optimizer


class AdamOptimizer(Optimizer):
    """Adam, with TF.js's float32 operation order (bias corrections from running powers of
    the betas, epsilon added to the root of the corrected second moment)."""
    class_name = 'Adam'
    config_keys = ('learning_rate', 'beta1', 'beta2', 'epsilon')
    slot_names = ('m', 'v')

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=None):
        super().__init__(learning_rate=learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon)
        self._acc_beta1 = np.float32(beta1)
        self._acc_beta2 = np.float32(beta2)

    def _begin_step(self):
        super()._begin_step()
        self._one_minus_acc = (np.float32(1) - self._acc_beta1, np.float32(1) - self._acc_beta2)

    def _end_step(self):
        super()._end_step()
        self._acc_beta1 = self._acc_beta1 * np.float32(self.beta1)
        self._acc_beta2 = self._acc_beta2 * np.float32(self.beta2)

    def _update(self, value, grad, slots):
        m, v = slots
        f32 = np.float32
        m *= f32(self.beta1)
        m += grad * f32(1 - self.beta1)
        v *= f32(self.beta2)
        v += (grad * grad) * f32(1 - self.beta2)
        m_hat = m / self._one_minus_acc[0]
        v_hat = v / self._one_minus_acc[1]
        # Not in place: for a scalar variable m_hat and v_hat are NumPy scalars, not arrays.
        value += m_hat / (np.sqrt(v_hat) + f32(self.epsilon)) * f32(-self.learning_rate)

    def _restore_step_state(self):
        self._acc_beta1 = np.float32(self.beta1) ** np.float32(self.iterations + 1)
        self._acc_beta2 = np.float32(self.beta2) ** np.float32(self.iterations + 1)
