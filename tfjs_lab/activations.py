"""Activation functions by TF.js name (``tf.layers.dense({activation: 'relu'})``): the sixteen
of tfjs-layers 4.22's activations.js, with its formulas."""
import math

from . import ops
from ._naming import to_snake

_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


def _gelu(x):
    """The exact GELU: ``x * Phi(x)`` with the normal CDF written through erf."""
    return ops.mul(x, ops.mul(0.5, ops.add(1, ops.erf(ops.div(x, math.sqrt(2))))))


def _gelu_new(x):
    """GELU's tanh approximation (TF.js's ``gelu_new``)."""
    inner = ops.mul(_SQRT_2_OVER_PI, ops.add(x, ops.mul(0.044715, ops.pow(x, 3))))
    return ops.mul(0.5, ops.mul(x, ops.add(1, ops.tanh(inner))))


# TF.js's names, exactly as model.json stores them (note ``gelu_new``).
_ACTIVATIONS = {
    'elu': ops.elu,
    'selu': ops.selu,
    'relu': ops.relu,
    'relu6': lambda x: ops.minimum(6, ops.relu(x)),
    'linear': lambda x: x,
    'sigmoid': ops.sigmoid,
    # Keras' piecewise-linear sigmoid: 0 below -2.5, 1 above 2.5, 0.2 x + 0.5 between.
    'hardSigmoid': lambda x: ops.clip_by_value(ops.add(0.5, ops.mul(0.2, x)), 0, 1),
    'softplus': ops.softplus,
    'softsign': lambda x: ops.div(x, ops.add(1, ops.abs(x))),
    'tanh': ops.tanh,
    'softmax': ops.softmax,
    'logSoftmax': ops.log_softmax,
    'gelu': _gelu,
    'gelu_new': _gelu_new,
    'mish': lambda x: ops.mul(x, ops.tanh(ops.softplus(x))),
    'swish': lambda x: ops.mul(ops.sigmoid(x), x),
}
# Python spellings (hard_sigmoid, log_softmax) find the same functions.
_BY_SNAKE_NAME = {to_snake(name): name for name in _ACTIVATIONS}


class Activation:
    """A named activation function; serializes as its TF.js name.

    >>> import tfjs_lab as tf
    >>> from tfjs_lab import activations
    >>> activations.get('hardSigmoid')(tf.tensor1d([-3, 0, 1])).print()
    Tensor
        [0, 0.5, 0.7]
    """

    def __init__(self, name):
        key = name if name in _ACTIVATIONS else _BY_SNAKE_NAME.get(to_snake(name))
        if key is None:
            raise ValueError(f'Unknown activation {name!r}. Known activations: {", ".join(_ACTIVATIONS)}')
        self.name = key
        self._fn = _ACTIVATIONS[key]

    def __call__(self, x):
        return self._fn(x)

    def __eq__(self, other):
        return isinstance(other, Activation) and other.name == self.name

    def __hash__(self):
        return hash(self.name)

    def __repr__(self):
        return f'Activation({self.name!r})'


def get(identifier):
    """An activation from a name, a ``{'className': name}`` config, a callable, or None (linear)."""
    if identifier is None:
        return Activation('linear')
    if isinstance(identifier, Activation):
        return identifier
    if isinstance(identifier, str):
        return Activation(identifier)
    if isinstance(identifier, dict) and isinstance(identifier.get('className', identifier.get('class_name')), str):
        return Activation(identifier.get('className', identifier.get('class_name')))
    if callable(identifier):
        return identifier
    raise TypeError(f'activation must be a name or a function; received {type(identifier).__name__}')


def serialize(activation):
    if isinstance(activation, Activation):
        return activation.name
    raise ValueError(f'Only named activations can be saved; {activation!r} is a Python function. '
                     'Use a Layer subclass to save custom behaviour.')
