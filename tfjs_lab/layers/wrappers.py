"""Wrappers: ``TimeDistributed`` and ``Bidirectional``, as TF.js 4.22's."""
from .. import ops
from ..engine.base_layer import REGISTRY, Layer, is_shape_list, shape_str, to_list
from .recurrent import build_in_scope

MERGE_MODES = ('sum', 'mul', 'concat', 'ave')


def _layer_from(value, owner):
    if isinstance(value, dict):
        value = REGISTRY.deserialize(value)
    if not isinstance(value, Layer):
        raise TypeError(f'{owner} expects a layer to wrap; received {type(value).__name__}')
    return value


class _Wrapper(Layer):
    """What the wrappers share: the wrapped ``layer``, whose weights and trainability are theirs."""

    def __init__(self, *, layer, **base):
        super().__init__(**base)
        self.layer = _layer_from(layer, self.class_name)

    @property
    def trainable(self):
        return self.layer.trainable

    @trainable.setter
    def trainable(self, value):
        # Layer.__init__ sets trainable before the wrapped layer exists.
        if 'layer' in vars(self):
            self.layer.trainable = value

    @property
    def trainable_weights(self):
        return self.layer.trainable_weights

    @property
    def non_trainable_weights(self):
        return self.layer.non_trainable_weights

    def regularization_losses(self):
        return self.layer.regularization_losses()

    def get_config(self):
        return {'layer': REGISTRY.serialize(self.layer), **super().get_config()}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        layer = REGISTRY.deserialize(config.pop('layer'))
        return super().from_config({**config, 'layer': layer})


class TimeDistributed(_Wrapper):
    """Applies a layer to every timestep (axis 1) of its input.

    >>> import tfjs_lab as tf
    >>> td = tf.layers.time_distributed({'layer': tf.layers.dense({'units': 2}), 'inputShape': [5, 3]})
    >>> td.apply(tf.ones([4, 5, 3])).shape
    [4, 5, 2]
    """
    supports_masking = True

    def build(self, input_shape):
        if len(input_shape) < 3:
            raise ValueError('TimeDistributed layer expects an input shape >= 3D, but received input shape '
                             f'{shape_str(input_shape)}')
        if not self.layer.built:
            build_in_scope(self.layer, self.name, [input_shape[0], *input_shape[2:]])
        self._weights = self.layer._weights

    def compute_output_shape(self, input_shape):
        child = self.layer.compute_output_shape([input_shape[0], *input_shape[2:]])
        return [child[0], input_shape[1], *child[1:]]

    def call(self, inputs, training=False):
        steps = [self.layer.invoke(x, training=training) for x in ops.unstack(inputs, 1)]
        return ops.stack(steps, 1)


class Bidirectional(_Wrapper):
    """Runs a recurrent layer forwards and backwards and merges the two outputs
    (``merge_mode``: 'concat', 'sum', 'mul', 'ave' or None for both as a list).

    >>> import tfjs_lab as tf
    >>> bi = tf.layers.bidirectional({'layer': tf.layers.lstm({'units': 3}), 'inputShape': [5, 2]})
    >>> bi.apply(tf.ones([4, 5, 2])).shape
    [4, 6]
    """
    supports_masking = True

    def __init__(self, *, layer, merge_mode='concat', **base):
        if base.get('weights') is not None:
            raise NotImplementedError('weights support is not implemented for Bidirectional layer yet.')
        self._trainable = True
        super().__init__(layer=layer, **base)
        if merge_mode is not None and merge_mode not in MERGE_MODES:
            raise ValueError(f'{merge_mode} is not a valid BidirectionalMergeMode.  Valid values are '
                             f'{",".join(MERGE_MODES)} or null/undefined.')
        self.merge_mode = merge_mode
        # Copies through the config, so the wrapped layer's own name stays as saved.
        config = self.layer.get_config()
        self.forward_layer = REGISTRY.deserialize({'class_name': self.layer.class_name, 'config': config})
        backward_config = {**config, 'go_backwards': not config.get('go_backwards')}
        self.backward_layer = REGISTRY.deserialize({'class_name': self.layer.class_name, 'config': backward_config})
        self.forward_layer.name = 'forward_' + self.forward_layer.name
        self.backward_layer.name = 'backward_' + self.backward_layer.name
        self._stateful = self.layer.stateful
        self.return_sequences = getattr(self.layer, 'return_sequences', False)
        self.return_state = getattr(self.layer, 'return_state', False)
        self.input_spec = self.layer.input_spec

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        for inner in (getattr(self, 'forward_layer', None), getattr(self, 'backward_layer', None)):
            if inner is not None:
                inner.trainable = value

    @property
    def trainable_weights(self):
        return self.forward_layer.trainable_weights + self.backward_layer.trainable_weights

    @property
    def non_trainable_weights(self):
        return self.forward_layer.non_trainable_weights + self.backward_layer.non_trainable_weights

    def regularization_losses(self):
        return self.forward_layer.regularization_losses() + self.backward_layer.regularization_losses()

    def build(self, input_shape):
        for inner in (self.forward_layer, self.backward_layer):
            build_in_scope(inner, f'{self.name}/{inner.name}', input_shape)
        self._weights = self.forward_layer._weights + self.backward_layer._weights

    def check_input_shape(self, input_shape):
        super().check_input_shape(input_shape[0] if is_shape_list(input_shape) else input_shape)

    def apply(self, inputs, kwargs=None, **options):
        """As ``Layer.apply``; ``initial_state`` holds the forward layer's states, then the
        backward layer's."""
        options = {**(kwargs or {}), **options}
        initial_state = options.pop('initial_state', options.pop('initialState', None))
        if initial_state is not None:
            states = to_list(initial_state)
            if len(states) % 2:
                raise ValueError('When passing `initialState` to a Bidrectional RNN, the state should be an '
                                 'Array containing the states of the underlying RNNs.')
            inputs = [inputs, *states]
        return super().apply(inputs, options)

    def compute_output_shape(self, input_shape):
        shapes = self.forward_layer.compute_output_shape(input_shape)
        shapes = [list(s) for s in shapes] if is_shape_list(shapes) else [list(shapes)]
        output, states = shapes[0], shapes[1:]
        if self.merge_mode == 'concat':
            output[-1] *= 2
        outputs = [output, list(output)] if self.merge_mode is None else [output]
        if self.return_state:
            return outputs + states + [list(s) for s in states]
        return outputs if len(outputs) > 1 else outputs[0]

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        output_masks = [output_mask, output_mask] if self.merge_mode is None else [output_mask]
        if self.return_state:
            return output_masks + [None] * (2 * len(self.forward_layer.cell.state_sizes))
        return output_masks if self.merge_mode is None else output_mask

    def call(self, inputs, training=False, mask=None):
        initial_state = None
        if isinstance(inputs, (list, tuple)):
            inputs, *initial_state = inputs
        half = None if initial_state is None else len(initial_state) // 2
        y = self.forward_layer.invoke(inputs, training=training, mask=mask,
                                      initial_state=None if half is None else initial_state[:half])
        y_rev = self.backward_layer.invoke(inputs, training=training, mask=mask,
                                           initial_state=None if half is None else initial_state[half:])
        states = []
        if self.return_state:
            states = y[1:] + y_rev[1:]
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = ops.reverse(y_rev, 1)
        if self.merge_mode == 'concat':
            output = [ops.concat([y, y_rev], -1)]
        elif self.merge_mode == 'sum':
            output = [ops.add(y, y_rev)]
        elif self.merge_mode == 'ave':
            output = [ops.mul(0.5, ops.add(y, y_rev))]
        elif self.merge_mode == 'mul':
            output = [ops.mul(y, y_rev)]
        else:
            output = [y, y_rev]
        output += states
        return output if len(output) > 1 else output[0]

    @property
    def stateful(self):
        return self._stateful

    def reset_states(self, states=None):
        self.forward_layer.reset_states()
        self.backward_layer.reset_states()

    def get_config(self):
        return {'merge_mode': self.merge_mode, **super().get_config()}


# The shared base is not a layer of its own: no factory or deserialization by its name.
del REGISTRY.classes[_Wrapper.class_name]
