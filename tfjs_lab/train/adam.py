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
        # this step's float32 constants as 0-d arrays (a ufunc's fast path; a NumPy scalar is
        # converted at every call), from the hyperparameters as they are now
        self._constants = [np.array(c, np.float32) for c in (
            self.beta1, 1 - self.beta1, self.beta2, 1 - self.beta2, np.float32(1) - self._acc_beta1,
            np.float32(1) - self._acc_beta2, self.epsilon, -self.learning_rate)]

    def _end_step(self):
        super()._end_step()
        self._acc_beta1 = self._acc_beta1 * np.float32(self.beta1)
        self._acc_beta2 = self._acc_beta2 * np.float32(self.beta2)

    def _update(self, value, grad, slots):
        m, v = slots
        beta1, one_minus_beta1, beta2, one_minus_beta2, correction1, correction2, epsilon, rate = self._constants
        step, denominator = self._scratch(value, 2)  # in place: no temporaries per step
        m *= beta1
        m += np.multiply(grad, one_minus_beta1, out=step)
        v *= beta2
        np.multiply(grad, grad, out=step)
        step *= one_minus_beta2
        v += step
        # value += m_hat / (sqrt(v_hat) + epsilon) * -learning_rate, in TF.js's order
        np.divide(v, correction2, out=denominator)
        np.sqrt(denominator, out=denominator)
        denominator += epsilon
        np.divide(m, correction1, out=step)
        step /= denominator
        step *= rate
        value += step

    def _restore_step_state(self):
        self._acc_beta1 = np.float32(self.beta1) ** np.float32(self.iterations + 1)
        self._acc_beta2 = np.float32(self.beta2) ** np.float32(self.iterations + 1)
