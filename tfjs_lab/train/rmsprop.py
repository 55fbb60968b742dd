import numpy as np

from .optimizer import Optimizer


class RMSPropOptimizer(Optimizer):
    """RMSProp with optional momentum; ``centered`` also tracks the mean gradient and, as in
    TF.js, subtracts epsilon inside the root: ``sqrt(ms - (mg² + epsilon))``."""
    class_name = 'RMSProp'
    config_keys = ('learning_rate', 'decay', 'momentum', 'epsilon', 'centered')

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=None, centered=False):
        super().__init__()
        if learning_rate is None:
            raise ValueError('learningRate for RMSPropOptimizer must be defined.')
        self.learning_rate = self._check_number('learning_rate', learning_rate)
        self.decay = self._check_number('decay', decay)
        self.momentum = self._check_number('momentum', momentum)
        self.epsilon = self._epsilon_or_default(epsilon)
        self.centered = bool(centered)
        self.slot_names = ('rms', 'momentum', 'mg') if self.centered else ('rms', 'momentum')

    def _update(self, value, grad, slots):
        f32 = np.float32
        mean_square, moment = slots[0], slots[1]
        mean_square *= f32(self.decay)
        mean_square += (grad * grad) * f32(1 - self.decay)
        if self.centered:
            mean_grad = slots[2]
            mean_grad *= f32(self.decay)
            mean_grad += grad * f32(1 - self.decay)
            denominator = mean_square - (mean_grad * mean_grad + f32(self.epsilon))
        else:
            denominator = mean_square + f32(self.epsilon)
        moment *= f32(self.momentum)
        moment += (grad * f32(self.learning_rate)) / np.sqrt(denominator)
        value -= moment
