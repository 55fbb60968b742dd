import numpy as np

from .optimizer import Optimizer


class RMSPropOptimizer(Optimizer):
    """RMSProp as TF.js computes it::

        rms'      = rms * decay + gradient**2 * (1 - decay)
        momentum' = momentum_slot * momentum + gradient * learning_rate / sqrt(rms' + epsilon)
        value     = value - momentum'

    Centered, it also keeps ``mg' = mg * decay + gradient * (1 - decay)`` and the root becomes
    ``sqrt(rms' - (mg'**2 + epsilon))``: TF.js subtracts epsilon inside it.
    """
    class_name = 'RMSProp'
    config_keys = ('learning_rate', 'decay', 'momentum', 'epsilon', 'centered')
    flag_keys = ('centered',)

    def __init__(self, learning_rate, decay=0.9, momentum=0, epsilon=None, centered=False):
        super().__init__(learning_rate=learning_rate, decay=decay, momentum=momentum, epsilon=epsilon,
                         centered=centered)
        self.slot_names = ('rms', 'momentum', 'mg') if self.centered else ('rms', 'momentum')

    def _update(self, value, grad, slots):
        f32 = np.float32
        decay, one_minus_decay, epsilon = f32(self.decay), f32(1 - self.decay), f32(self.epsilon)
        rms, moment = slots[:2]
        rms *= decay
        rms += (grad * grad) * one_minus_decay
        if self.centered:
            mean_grad = slots[2]
            mean_grad *= decay
            mean_grad += grad * one_minus_decay
            with np.errstate(invalid='ignore'):  # a negative variance gives NaN, silently as in TF.js
                denominator = np.sqrt(rms - (mean_grad * mean_grad + epsilon))
        else:
            denominator = np.sqrt(rms + epsilon)
        moment *= f32(self.momentum)
        moment += (grad * f32(self.learning_rate)) / denominator
        value -= moment
