"""``tf.train``: optimizer factories, and the string names ``compile()`` accepts."""
from .._naming import add_camel_aliases, takes_options
from .adam import AdamOptimizer
from .optimizer import REGISTRY, Optimizer
from .sgd import SGDOptimizer

__all__ = ['sgd', 'adam', 'Optimizer', 'SGDOptimizer', 'AdamOptimizer', 'get']


def sgd(learning_rate):
    """Stochastic gradient descent.

    >>> import tfjs_lab as tf
    >>> tf.train.sgd(0.1)
    SGD(learningRate=0.1)
    """
    return SGDOptimizer(learning_rate)


def adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=None):
    """Adam (epsilon defaults to 1e-7, as in TF.js)."""
    return AdamOptimizer(learning_rate, beta1, beta2, epsilon)


# The defaults compile() uses for strings, as TF.js's getOptimizer does.
_COMPILE_STRINGS = {
    'sgd': lambda: sgd(0.01),
    'adam': lambda: adam(0.001, 0.9, 0.999, 1e-7),
}


def get(identifier):
    """An optimizer from a compile() string (``'adam'``, ``'sgd'``, ...) or an optimizer."""
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str):
        key = identifier.lower()
        if key in _COMPILE_STRINGS:
            return _COMPILE_STRINGS[key]()
        raise ValueError(f"Unknown optimizer {identifier!r}. Known optimizer strings: "
                         f"{', '.join(repr(k) for k in _COMPILE_STRINGS)}; or pass an optimizer "
                         f"such as tf.train.adam(0.01)")
    raise TypeError(f'optimizer must be a string or an optimizer; received {type(identifier).__name__}')


def deserialize(config):
    """An optimizer from ``{'className': ..., 'config': {...}}`` (model.json trainingConfig)."""
    cls = REGISTRY.get(config.get('className'))
    if cls is None:
        raise ValueError(f"Unknown optimizer class {config.get('className')!r}; known: {', '.join(REGISTRY)}")
    return cls.from_config(config.get('config', {}))


add_camel_aliases(globals())
