"""``Layer``: the base of every layer and model, as in tfjs-layers.

Subclasses declare their options as keyword-only ``__init__`` parameters; registration (for
``tf.layers.<name>`` factories and for deserialization by class name) and TF.js options-dict
handling happen in ``__init_subclass__``, once for all layers.
"""
import collections
import inspect

from .._naming import CamelAliases, takes_options, to_snake
from ..core.tensor import Variable
from ..core.convert import as_tensor
from ..serialization import Registry

REGISTRY = Registry('layer')
BASE_OPTIONS = ('name', 'trainable', 'input_shape', 'batch_input_shape', 'batch_size', 'dtype',
                'weights', 'input_dtype')
_uids = collections.Counter()


def unique_layer_name(class_name):
    """TF.js's default layer names: ``dense_Dense1``, ``dense_Dense2``, ..."""
    _uids[class_name] += 1
    return f'{to_snake(class_name)}_{class_name}{_uids[class_name]}'


def shape_str(shape):
    """A shape as TF.js prints it: ``[null,10]``."""
    return '[' + ','.join('null' if d is None else str(d) for d in shape) + ']'


class LayerVariable(Variable):
    """A layer weight: unique ``name`` in the process, ``original_name`` as saved in model.json."""
    __slots__ = ('original_name',)

    def __init__(self, data, trainable, original_name):
        super().__init__(data, trainable, Variable.unique_name(original_name))
        self.original_name = original_name


def _takes_only_options(init):
    params = list(inspect.signature(init).parameters.values())[1:]
    return all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in params)


class Layer(CamelAliases):
    """Base class of layers. Subclasses implement ``build``, ``call``,
    ``compute_output_shape`` and ``get_config``.

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.dense(units=2, input_shape=[3])
    >>> layer.apply(tf.ones([1, 3])).shape
    [1, 2]
    """
    class_name = 'Layer'

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if 'class_name' not in vars(cls):
            cls.class_name = cls.__name__
        init = vars(cls).get('__init__')
        if init is not None and _takes_only_options(init):
            cls.__init__ = takes_options(init, extra=BASE_OPTIONS)
        REGISTRY.register(cls)

    @takes_options
    def __init__(self, *, name=None, trainable=True, input_shape=None, batch_input_shape=None,
                 batch_size=None, dtype=None, weights=None, input_dtype=None):
        self.name = name or unique_layer_name(self.class_name)
        self._trainable = bool(trainable)
        self.built = False
        self._weights = []
        self._initial_weights = weights
        self.batch_input_shape = None
        if batch_input_shape is not None:
            self.batch_input_shape = [None if d is None else int(d) for d in batch_input_shape]
        elif input_shape is not None:
            self.batch_input_shape = [batch_size] + [None if d is None else int(d) for d in input_shape]
        self.dtype = dtype
        if self.batch_input_shape is not None and dtype is None:
            self.dtype = input_dtype or 'float32'

    # --- weights ------------------------------------------------------------------------
    def add_weight(self, name, shape, dtype='float32', initializer=None, trainable=True):
        from .. import initializers
        init = initializers.get(initializer or 'glorotUniform')
        variable = LayerVariable(init(shape, dtype), trainable, f'{self.name}/{name}')
        self._weights.append(variable)
        return variable

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    @property
    def trainable_weights(self):
        return [w for w in self._weights if w.trainable] if self._trainable else []

    @property
    def non_trainable_weights(self):
        if self._trainable:
            return [w for w in self._weights if not w.trainable]
        return list(self._weights)

    def count_params(self):
        return sum(w.size for w in self.weights)

    def get_weights(self):
        """Copies of the weights' values, as tensors."""
        return [w.clone() for w in self.weights]

    def set_weights(self, weights):
        """Replace the weights' values; shapes must match, in the order of ``weights``."""
        weights = list(weights)
        if len(weights) != len(self.weights):
            raise ValueError(f'You called setWeights(weights) on layer "{self.name}" with a weight list '
                             f'of length {len(weights)}, but the layer was expecting '
                             f'{len(self.weights)} weights.')
        for variable, value in zip(self.weights, weights):
            value = as_tensor(value)._data
            if list(value.shape) != variable.shape:
                raise ValueError(f'Layer weight shape {shape_str(variable.shape)} not compatible with '
                                 f'provided weight shape {shape_str(value.shape)} ({variable.original_name})')
            variable._data = value.astype(variable._data.dtype, copy=True)

    # --- building and calling -------------------------------------------------------------
    def build(self, input_shape):
        self.built = True

    def ensure_built(self, input_shape):
        if not self.built:
            self.build(list(input_shape))
            self.built = True
            if self._initial_weights is not None:
                self.set_weights(self._initial_weights)
                self._initial_weights = None

    def compute_output_shape(self, input_shape):
        return list(input_shape)

    def check_input_shape(self, input_shape):
        """Raise if the layer cannot take inputs of ``input_shape`` (overridden by layers with
        fixed input dimensions)."""

    def apply(self, inputs, training=False):
        """Run the layer eagerly on a tensor (builds it on first use).

        ``kwargs`` of TF.js's ``apply`` (``{training: true}``) are accepted as ``training``.
        """
        if isinstance(training, dict):
            training = bool(training.get('training', False))
        x = as_tensor(inputs)
        self.check_input_shape(x.shape)
        self.ensure_built(x.shape)
        return self.call(x, training=training)

    __call__ = apply

    def call(self, inputs, training=False):
        return inputs

    # --- serialization --------------------------------------------------------------------
    def get_config(self):
        config = {'name': self.name, 'trainable': self.trainable}
        if self.batch_input_shape is not None:
            config['batch_input_shape'] = list(self.batch_input_shape)
        if self.dtype is not None:
            config['dtype'] = self.dtype
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**{to_snake(k): v for k, v in config.items()})

    def serialized_class_name(self):
        return self.class_name

    def __repr__(self):
        return f'<{self.class_name} {self.name!r}>'
