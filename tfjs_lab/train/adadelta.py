import numpy as np

from .optimizer import Optimizer


class AdadeltaOptimizer(Optimizer):
    """Adadelta as TF.js computes it::

        accum_grad' = accum_grad * rho + gradient**2 * (1 - rho)
        update      = sqrt(accum_var + epsilon) / sqrt(accum_grad + epsilon) * gradient
        accum_var'  = accum_var * rho + update**2 * (1 - rho)
        value       = update * -learning_rate + value

    The update divides by the accumulated gradient from *before* this step (TF.js's quirk). From
    zero state both accumulators then stay equal, so every update is exactly the gradient and
    the steps are SGD's; only state restored with set_weights can make them differ.
    """
    class_name = 'Adadelta'
    config_keys = ('learning_rate', 'rho', 'epsilon')
    slot_names = ('accum_grad', 'accum_var')

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=None):
        super().__init__(learning_rate=learning_rate, rho=rho, epsilon=epsilon)

    def _update(self, value, grad, slots):
        accum_grad, accum_var = slots
        f32 = np.float32
        rho, one_minus_rho, epsilon = f32(self.rho), f32(1 - self.rho), f32(self.epsilon)
        new_accum_grad = accum_grad * rho + (grad * grad) * one_minus_rho
        update = np.sqrt(accum_var + epsilon) / np.sqrt(accum_grad + epsilon) * grad
        accum_var *= rho
        accum_var += (update * update) * one_minus_rho
        accum_grad[...] = new_accum_grad
        value += update * f32(-self.learning_rate)
