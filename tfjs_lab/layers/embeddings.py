"""``Embedding``: integer indices to dense vectors, as TF.js 4.22's layer."""
from .. import constraints, initializers, ops, regularizers
from ..engine.base_layer import Layer, shape_str
from .core import weight_options
from .recurrent import _check_positive_int


class Embedding(Layer):
    """Looks up a row of ``embeddings`` [input_dim, output_dim] for each index.

    >>> import tfjs_lab as tf
    >>> layer = tf.layers.embedding({'inputDim': 10, 'outputDim': 3, 'inputLength': 4})
    >>> layer.apply(tf.tensor2d([[1, 2, 3, 0]], None, 'int32')).shape
    [1, 4, 3]
    """

    def __init__(self, *, input_dim, output_dim, embeddings_initializer='randomUniform',
                 embeddings_regularizer=None, activity_regularizer=None, embeddings_constraint=None,
                 mask_zero=None, input_length=None, **base):
        super().__init__(**base)
        if self.batch_input_shape is None:
            # TF.js: inputs are [batch, input_length] (or [batch, None]) unless a shape is given.
            length = list(input_length) if isinstance(input_length, (list, tuple)) else [input_length]
            self.batch_input_shape = [base.get('batch_size')] + length
        self.input_dim = _check_positive_int(input_dim, 'inputDim')
        self.output_dim = _check_positive_int(output_dim, 'outputDim')
        self.embeddings_initializer = initializers.get(embeddings_initializer or 'randomUniform')
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = mask_zero
        self.supports_masking = bool(mask_zero)
        self.input_length = input_length
        self.embeddings = None

    def build(self, input_shape):
        self.embeddings = self.add_weight('embeddings', [self.input_dim, self.output_dim],
                                          initializer=self.embeddings_initializer,
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, ops.zeros_like(inputs))

    def compute_output_shape(self, input_shape):
        if self.input_length is None:
            return [*input_shape, self.output_dim]
        lengths = list(self.input_length) if isinstance(self.input_length, (list, tuple)) else [self.input_length]
        if len(lengths) != len(input_shape) - 1 or any(
                a is not None and b is not None and a != b for a, b in zip(lengths, input_shape[1:])):
            raise ValueError(f'"inputLength" is {self.input_length}, but received input shape has shape '
                             f'{shape_str(input_shape)}')
        return [input_shape[0], *(b if a is None else a for a, b in zip(lengths, input_shape[1:])), self.output_dim]

    def call(self, inputs):
        indices = ops.cast(inputs, 'int32')
        flat = indices.reshape([indices.size])
        bad = (flat._data < 0) | (flat._data >= self.input_dim)
        if bad.any():
            raise ValueError(f'Embedding {self.name}: input index {flat._data[bad][0]} is outside '
                             f'[0, {self.input_dim}) (inputDim is {self.input_dim})')
        return ops.reshape(ops.gather(self.embeddings, flat), self.compute_output_shape(inputs.shape))

    def output_dtype(self, input_dtype):
        return 'float32'

    def get_config(self):
        config = {
            'input_dim': self.input_dim,
            'output_dim': self.output_dim,
            **weight_options(self, embeddings_initializer=self.embeddings_initializer,
                             embeddings_regularizer=self.embeddings_regularizer,
                             activity_regularizer=self.activity_regularizer,
                             embeddings_constraint=self.embeddings_constraint),
        }
        # Options TF.js leaves undefined are absent from its JSON.
        if self.mask_zero is not None:
            config['mask_zero'] = self.mask_zero
        if self.input_length is not None:
            config['input_length'] = self.input_length
        return {**config, **super().get_config()}

