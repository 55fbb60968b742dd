"""Activation functions by TF.js name (``tf.layers.dense({activation: 'relu'})``)."""
from . import ops
from ._naming import to_camel, to_snake


def _selu(x):
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    return ops.mul(scale, ops.where(ops.greater(x, 0), x, ops.mul(alpha, ops.elu(x))))


_ACTIVATIONS = {
    'linear': lambda x: x,
    'relu': ops.relu,
    'sigmoid': ops.sigmoid,
    'tanh': ops.tanh,
    'softmax': ops.softmax,
    'elu': ops.elu,
    'softplus': ops.softplus,
    'relu6': lambda x: ops.clip_by_value(x, 0, 6),
    'softsign': lambda x: ops.div(x, ops.add(ops.abs(x), 1)),
    'selu': _selu,
    'hard_sigmoid': lambda x: ops.clip_by_value(ops.add(ops.mul(x, 0.2), 0.5), 0, 1),
    'swish': lambda x: ops.mul(x, ops.sigmoid(x)),
}


class Activation:
    """A named activation function; serializes as its TF.js name."""

    def __init__(self, name):
        key = to_snake(name)
        if key not in _ACTIVATIONS:
            raise ValueError(f'Unknown activation {name!r}. Known activations: '
                             f'{", ".join(to_camel(k) for k in _ACTIVATIONS)}')
        self.name = to_camel(key)
        self._fn = _ACTIVATIONS[key]

    def __call__(self, x):
        return self._fn(x)

    def __repr__(self):
        return f'Activation({self.name!r})'


def get(identifier):
    """An activation from a name, a callable, or None (linear)."""
    if identifier is None:
        return Activation('linear')
    if isinstance(identifier, Activation):
        return identifier
    if isinstance(identifier, str):
        return Activation(identifier)
    if callable(identifier):
        return identifier
    raise TypeError(f'activation must be a name or a function; received {type(identifier).__name__}')


def serialize(activation):
    if isinstance(activation, Activation):
        return activation.name
    raise ValueError(f'Only named activations can be saved; {activation!r} is a Python function. '
                     'Use a Layer subclass to save custom behaviour.')
