"""``tf.train``: optimizer factories, and the string names ``compile()`` accepts."""
from .._naming import add_camel_aliases
from .adadelta import AdadeltaOptimizer
from .adagrad import AdagradOptimizer
from .adam import AdamOptimizer
from .adamax import AdamaxOptimizer
from .momentum import MomentumOptimizer
from .optimizer import REGISTRY, Optimizer
from .rmsprop import RMSPropOptimizer
from .sgd import SGDOptimizer

__all__ = ['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop', 'Optimizer',
           'SGDOptimizer', 'MomentumOptimizer', 'AdagradOptimizer', 'AdadeltaOptimizer',
           'AdamOptimizer', 'AdamaxOptimizer', 'RMSPropOptimizer', 'get', 'deserialize']


def sgd(learning_rate):
    """Stochastic gradient descent.

    >>> import tfjs_lab as tf
    >>> tf.train.sgd(0.1)
    SGD(learningRate=0.1)
    """
    return SGDOptimizer(learning_rate)


def momentum(learning_rate, momentum, use_nesterov=False):
    """Gradient descent with momentum.

    >>> import tfjs_lab as tf
    >>> tf.train.momentum(0.1, 0.9, True)
    Momentum(learningRate=0.1, momentum=0.9, useNesterov=True)
    """
    return MomentumOptimizer(learning_rate, momentum, use_nesterov)


def adagrad(learning_rate, initial_accumulator_value=0.1):
    """Adagrad; accumulators start at ``initial_accumulator_value``.

    >>> import tfjs_lab as tf
    >>> tf.train.adagrad(0.1)
    Adagrad(learningRate=0.1, initialAccumulatorValue=0.1)
    """
    return AdagradOptimizer(learning_rate, initial_accumulator_value)


def adadelta(learning_rate=0.001, rho=0.95, epsilon=None):
    """Adadelta (epsilon defaults to 1e-7, as in TF.js).

    >>> import tfjs_lab as tf
    >>> tf.train.adadelta(1.0)
    Adadelta(learningRate=1.0, rho=0.95, epsilon=1e-07)
    """
    return AdadeltaOptimizer(learning_rate, rho, epsilon)


def adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=None):
    """Adam (epsilon defaults to 1e-7, as in TF.js).

    >>> import tfjs_lab as tf
    >>> tf.train.adam(0.01)
    Adam(learningRate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-07)
    """
    return AdamOptimizer(learning_rate, beta1, beta2, epsilon)


def adamax(learning_rate=0.002, beta1=0.9, beta2=0.999, epsilon=None, decay=0.0):
    """Adamax, with TF.js's optional learning-rate ``decay``.

    >>> import tfjs_lab as tf
    >>> tf.train.adamax(0.1)
    Adamax(learningRate=0.1, beta1=0.9, beta2=0.999, epsilon=1e-07, decay=0.0)
    """
    return AdamaxOptimizer(learning_rate, beta1, beta2, epsilon, decay)


def rmsprop(learning_rate, decay=0.9, momentum=0.0, epsilon=None, centered=False):
    """RMSProp, optionally with momentum and centered.

    >>> import tfjs_lab as tf
    >>> tf.train.rmsprop(0.1, 0.9, 0.5, None, True)
    RMSProp(learningRate=0.1, decay=0.9, momentum=0.5, epsilon=1e-07, centered=True)
    """
    return RMSPropOptimizer(learning_rate, decay, momentum, epsilon, centered)


# The defaults compile() uses for strings, as tfjs-layers' getOptimizer does. 'momentum' is
# not among them in TF.js either: it has no default momentum.
_COMPILE_STRINGS = {
    'sgd': lambda: sgd(0.01),
    'adagrad': lambda: adagrad(0.01),
    'adadelta': lambda: adadelta(1, 0.95),
    'adam': lambda: adam(0.001, 0.9, 0.999),
    'adamax': lambda: adamax(0.002, 0.9, 0.999, None, 0),
    'rmsprop': lambda: rmsprop(0.001, 0.9, 0),
}


def get(identifier):
    """An optimizer from a compile() string (``'adam'``, ``'sgd'``, ...) or an optimizer.

    >>> import tfjs_lab as tf
    >>> tf.train.get('rmsprop')
    RMSProp(learningRate=0.001, decay=0.9, momentum=0.0, epsilon=1e-07, centered=False)
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str):
        key = identifier.lower()
        if key in _COMPILE_STRINGS:
            return _COMPILE_STRINGS[key]()
        raise ValueError(f"Unknown optimizer {identifier!r}. Known optimizer strings: "
                         f"{', '.join(repr(k) for k in _COMPILE_STRINGS)}; or pass an optimizer "
                         f"such as tf.train.momentum(0.01, 0.9)")
    raise TypeError(f'optimizer must be a string or an optimizer; received {type(identifier).__name__}')


def deserialize(config):
    """An optimizer from ``{'className': ..., 'config': {...}}`` (model.json trainingConfig).

    >>> import tfjs_lab as tf
    >>> tf.train.deserialize({'className': 'Momentum', 'config': {'learningRate': 0.1, 'momentum': 0.9}})
    Momentum(learningRate=0.1, momentum=0.9, useNesterov=False)
    """
    cls = REGISTRY.get(config.get('className'))
    if cls is None:
        raise ValueError(f"Unknown optimizer class {config.get('className')!r}; known: {', '.join(REGISTRY)}")
    return cls.from_config(config.get('config', {}))


add_camel_aliases(globals())
