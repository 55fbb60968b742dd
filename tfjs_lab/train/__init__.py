"""``tf.train``: the seven TF.js optimizer factories, and the strings ``compile()`` accepts.

Every optimizer computes in float32 with TF.js 4.22's operation order, so a training run gives
TF.js's numbers; ``epsilon=None`` means TF.js's backend epsilon, 1e-7.
"""
from .._naming import add_camel_aliases
from .adadelta import AdadeltaOptimizer
from .adagrad import AdagradOptimizer
from .adam import AdamOptimizer
from .adamax import AdamaxOptimizer
from .momentum import MomentumOptimizer
from .optimizer import BACKEND_EPSILON, REGISTRY, Optimizer
from .rmsprop import RMSPropOptimizer
from .sgd import SGDOptimizer

__all__ = ['sgd', 'momentum', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop', 'get', 'deserialize',
           'Optimizer', 'SGDOptimizer', 'MomentumOptimizer', 'AdagradOptimizer', 'AdadeltaOptimizer',
           'AdamOptimizer', 'AdamaxOptimizer', 'RMSPropOptimizer']


def sgd(learning_rate):
    """Stochastic gradient descent.

    >>> import tfjs_lab as tf
    >>> tf.train.sgd(0.1)
    SGD(learningRate=0.1)
    """
    return SGDOptimizer(learning_rate)


def momentum(learning_rate, momentum, use_nesterov=False):
    """Gradient descent with momentum, optionally Nesterov's.

    >>> import tfjs_lab as tf
    >>> w = tf.variable(tf.scalar(1.0))
    >>> opt = tf.train.momentum(0.1, 0.9, True)
    >>> for _ in range(2): opt.minimize(lambda: w.square())
    >>> round(float(w), 4)
    0.2224
    """
    return MomentumOptimizer(learning_rate, momentum, use_nesterov)


def adagrad(learning_rate, initial_accumulator_value=0.1):
    """Adagrad; the squared-gradient accumulators start at ``initial_accumulator_value``.

    >>> import tfjs_lab as tf
    >>> tf.train.adagrad(0.1).get_config()
    {'learningRate': 0.1, 'initialAccumulatorValue': 0.1}
    """
    return AdagradOptimizer(learning_rate, initial_accumulator_value)


def adadelta(learning_rate=0.001, rho=0.95, epsilon=None):
    """Adadelta (TF.js's variant: see ``AdadeltaOptimizer``).

    >>> import tfjs_lab as tf
    >>> tf.train.adadelta().get_config()
    {'learningRate': 0.001, 'rho': 0.95, 'epsilon': 1e-07}
    """
    return AdadeltaOptimizer(learning_rate, rho, epsilon)


def adam(learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=None):
    """Adam.

    >>> import tfjs_lab as tf
    >>> w = tf.variable(tf.scalar(1.0))
    >>> opt = tf.train.adam(0.1)
    >>> opt.minimize(lambda: w.square()); round(float(w), 4)
    0.9
    """
    return AdamOptimizer(learning_rate, beta1, beta2, epsilon)


def adamax(learning_rate=0.002, beta1=0.9, beta2=0.999, epsilon=None, decay=0):
    """Adamax; ``decay`` shrinks the learning rate as ``lr / (1 + decay * iterations)``.

    >>> import tfjs_lab as tf
    >>> tf.train.adamax(0.01, decay=0.1)
    Adamax(learningRate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-07, decay=0.1)
    """
    return AdamaxOptimizer(learning_rate, beta1, beta2, epsilon, decay)


def rmsprop(learning_rate, decay=0.9, momentum=0, epsilon=None, centered=False):
    """RMSProp, with optional momentum; ``centered`` normalises by the gradient's variance.

    >>> import tfjs_lab as tf
    >>> tf.train.rmsprop(0.01, centered=True).get_weights()[0]['name']
    'iter'
    """
    return RMSPropOptimizer(learning_rate, decay, momentum, epsilon, centered)


# compile()'s strings and the optimizers they make: TF.js's getOptimizer, keys case-sensitive.
_COMPILE_STRINGS = {
    'Adagrad': lambda: adagrad(0.01),
    'Adadelta': lambda: adadelta(1, 0.95, BACKEND_EPSILON),
    'Adam': lambda: adam(0.001, 0.9, 0.999, BACKEND_EPSILON),
    'Adamax': lambda: adamax(0.002, 0.9, 0.999, BACKEND_EPSILON, 0),
    'RMSProp': lambda: rmsprop(0.001, 0.9, 0, BACKEND_EPSILON),
    'SGD': lambda: sgd(0.01),
}
_COMPILE_STRINGS.update({name.lower(): make for name, make in list(_COMPILE_STRINGS.items())})


def get(identifier):
    """The optimizer ``compile()`` uses for a string (``'adam'``, ``'SGD'``, ...) or an optimizer.

    >>> import tfjs_lab as tf
    >>> tf.train.get('rmsprop')
    RMSProp(learningRate=0.001, decay=0.9, momentum=0, epsilon=1e-07, centered=False)
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str):
        if identifier in _COMPILE_STRINGS:
            return _COMPILE_STRINGS[identifier]()
        hint = " ('momentum' is not a compile string in TF.js: pass tf.train.momentum(...))" \
            if identifier.lower() == 'momentum' else ''
        raise ValueError(f'Unknown Optimizer {identifier}. Known optimizer strings: '
                         f"{', '.join(_COMPILE_STRINGS)}; or pass an optimizer such as "
                         f'tf.train.adam(0.01){hint}')
    raise TypeError('User-defined optimizer must be an instance of tf.Optimizer; received '
                    f'{type(identifier).__name__}')


def deserialize(config):
    """An optimizer from ``{'className': 'Adam', 'config': {...}}`` (either key spelling).

    >>> import tfjs_lab as tf
    >>> tf.train.deserialize({'className': 'Momentum', 'config': {'learningRate': 0.1, 'momentum': 0.9}})
    Momentum(learningRate=0.1, momentum=0.9, useNesterov=False)
    """
    return REGISTRY.deserialize(config)


add_camel_aliases(globals())
