"""Merge layers, which combine a list of inputs: ``Add``, ``Multiply``, ``Average``,
``Maximum``, ``Minimum`` (element-wise, with broadcasting), ``Concatenate`` and ``Dot``.

They are applied to a list: ``tf.layers.add().apply([a, b])``, eagerly on tensors or on
``tf.input`` symbolic tensors in a functional model."""
import functools
import json

from .. import ops
from ..engine.base_layer import Layer, is_shape_list

_EPSILON = 1e-7  # TF.js's backend epsilon, the floor of Dot's l2 normalization


def _json(shapes):
    return json.dumps([None if s is None else list(s) for s in shapes]).replace(' ', '')


def _check_shape_list(layer_name, input_shape, least, exactly=None):
    """Raise unless ``input_shape`` is a list of ``exactly`` (or at least ``least``) shapes."""
    count = len(input_shape) if is_shape_list(input_shape) else 1
    if (exactly is not None and count != exactly) or count < least:
        wanted = f'exactly {exactly}' if exactly is not None else f'at least {least}'
        raise ValueError(f'A `{layer_name}` layer should be called on a list of {wanted} inputs; '
                         f'received {count} input(s).')


class Merge(Layer):
    """Base of the element-wise merge layers: subclasses define ``merge(inputs)``. Inputs of
    lower rank get axes of size 1 after the batch axis, then broadcast as in TF.js."""
    abstract = True
    supports_masking = True

    def merge(self, inputs):
        raise NotImplementedError

    @staticmethod
    def _broadcast_shape(shape1, shape2):
        """The shape two samples broadcast to (None for unknown), or a clear error."""
        if shape1 is None or shape2 is None:
            return None
        if len(shape1) < len(shape2):
            shape1, shape2 = shape2, shape1
        out = list(shape1[:len(shape1) - len(shape2)])
        for i, j in zip(shape1[len(shape1) - len(shape2):], shape2):
            if i is None or j is None:
                out.append(None)
            elif i == 1 or j == 1 or i == j:
                out.append(j if i == 1 else i)
            else:
                raise ValueError(f'Operands could not be broadcast together with shapes {_json([shape1])[1:-1]} '
                                 f'{_json([shape2])[1:-1]}')
        return out

    def build(self, input_shape):
        _check_shape_list(self.class_name, input_shape, least=2)
        self.compute_output_shape(input_shape)

    def call(self, inputs):
        rank = max(x.rank for x in inputs)
        return self.merge([_expand_to_rank(x, rank) for x in inputs])

    def compute_output_shape(self, input_shape):
        batch_sizes = {shape[0] for shape in input_shape if shape is not None and shape[0] is not None}
        if len(batch_sizes) > 1:
            raise ValueError(f'Can not merge tensors with different batch sizes. Got tensors with shapes: '
                             f'{_json(input_shape)}.')
        samples = [None if shape is None else list(shape[1:]) for shape in input_shape]
        output = functools.reduce(self._broadcast_shape, samples)
        return [batch_sizes.pop() if batch_sizes else None] + output

    def compute_mask(self, inputs, mask=None):
        masks = [m for m in (mask or []) if m is not None]
        if not masks:
            return None
        if len(mask) != len(inputs):
            raise ValueError(f"The Array 'inputs' and 'mask' are expected to have the same length, but have "
                             f"different lengths ({len(inputs)} vs {len(mask)})")
        return functools.reduce(ops.logical_and, masks)


def _expand_to_rank(x, rank):
    for _ in range(rank - x.rank):
        x = ops.expand_dims(x, 1)
    return x


def _elementwise(name, op, doc):
    def merge(self, inputs):
        return functools.reduce(op, inputs)
    return type(name, (Merge,), {'__doc__': doc, 'merge': merge, '__module__': __name__})


Add = _elementwise('Add', ops.add, """The sum of the inputs.

    >>> import tfjs_lab as tf
    >>> tf.layers.add().apply([tf.tensor2d([[1, 2]]), tf.ones([1, 2])]).array_sync()
    [[2.0, 3.0]]
    """)
Multiply = _elementwise('Multiply', ops.mul, """The element-wise product of the inputs.

    >>> import tfjs_lab as tf
    >>> tf.layers.multiply().apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]])]).array_sync()
    [[3.0, 8.0]]
    """)
Maximum = _elementwise('Maximum', ops.maximum, """The element-wise maximum of the inputs.

    >>> import tfjs_lab as tf
    >>> tf.layers.maximum().apply([tf.tensor2d([[1, 5]]), tf.tensor2d([[3, 4]])]).array_sync()
    [[3.0, 5.0]]
    """)
Minimum = _elementwise('Minimum', ops.minimum, """The element-wise minimum of the inputs.

    >>> import tfjs_lab as tf
    >>> tf.layers.minimum().apply([tf.tensor2d([[1, 5]]), tf.tensor2d([[3, 4]])]).array_sync()
    [[1.0, 4.0]]
    """)


class Average(Merge):
    """The element-wise mean of the inputs.

    >>> import tfjs_lab as tf
    >>> tf.layers.average().apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 6]])]).array_sync()
    [[2.0, 4.0]]
    """

    def merge(self, inputs):
        return ops.mul(1 / len(inputs), functools.reduce(ops.add, inputs))


class Concatenate(Merge):
    """Joins the inputs along ``axis`` (the last by default); the other axes must match.

    >>> import tfjs_lab as tf
    >>> tf.layers.concatenate().apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3]])]).array_sync()
    [[1.0, 2.0, 3.0]]
    """

    def __init__(self, *, axis=-1, **base):
        super().__init__(**base)
        self.axis = axis

    def build(self, input_shape):
        _check_shape_list(self.class_name, input_shape, least=2)
        rank = len(input_shape[0])
        if not -rank <= self.axis < rank:
            raise ValueError(f'Concatenate: axis {self.axis} is out of range for inputs of rank {rank}; '
                             f'got input shapes: {_json(input_shape)}')
        others = set()
        for shape in input_shape:
            rest = list(shape)
            del rest[self.axis]
            others.add(tuple(rest))
        if len(others) > 1 or len({len(shape) for shape in input_shape}) > 1:
            raise ValueError('A `Concatenate` layer requires inputs with matching shapes except for the concat '
                             f'axis. Got input shapes: {_json(input_shape)}')

    def call(self, inputs):
        return ops.concat(inputs, self.axis)

    def compute_output_shape(self, input_shape):
        output = list(input_shape[0])
        axis = self.axis % len(output)
        sizes = [shape[axis] for shape in input_shape]
        output[axis] = None if None in sizes else sum(sizes)
        return output

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        if len(mask) != len(inputs):
            raise ValueError(f'Mismatch in the length of mask ({len(mask)}) and the length of inputs ({len(inputs)})')
        # Per-step masks get a trailing axis; an input without one counts as all kept. (TF.js
        # uses ones of the input's full shape there, which cannot be concatenated with the
        # others unless the axis is the last.)
        full = []
        for x, m in zip(inputs, mask):
            if m is None:
                m = ops.ones(x.shape[:-1] + [1], 'bool')
            elif m.rank < x.rank:
                m = ops.expand_dims(m, -1)
            full.append(m)
        return ops.all(ops.concat(full, self.axis), -1, False)

    def get_config(self):
        return {'axis': self.axis, **super().get_config()}


def _resolve(axis, rank):
    return axis % rank if axis < 0 else axis


def _l2_normalize(x, axis):
    return ops.div(x, ops.sqrt(ops.maximum(ops.sum(ops.square(x), axis, True), _EPSILON)))


def _batch_dot(x, y, axes):
    """TF.js's batchDot for rank-2 and rank-3 samples: the dot product of each pair of samples
    over ``axes`` (one per input), as a matrix product with the batch axis kept."""
    x_rank, y_rank = x.rank, y.rank
    diff = abs(x_rank - y_rank)
    if x_rank > y_rank:
        y = ops.reshape(y, y.shape + [1] * diff)
    elif y_rank > x_rank:
        x = ops.reshape(x, x.shape + [1] * diff)
    if x.rank == 2 and y.rank == 2:
        if axes[0] == axes[1]:
            out = ops.sum(ops.mul(x, y), axes[0])
        else:
            out = ops.sum(ops.mul(ops.transpose(x, [1, 0]), y), axes[1])
    else:
        out = ops.mat_mul(x, y, axes[0] != x.rank - 1, axes[1] == y.rank - 1)
    if diff:
        start = x_rank + y_rank - 3 if x_rank > y_rank else x_rank - 1
        out = ops.squeeze(out, list(range(start, start + diff)))
    return ops.expand_dims(out, 1) if out.rank == 1 else out


class Dot(Merge):
    """The dot product of two inputs' samples over ``axes`` (one axis for both, or one per input),
    optionally of their l2-normalized values (``normalize``: the cosine similarity). Samples
    of rank 1 or 2 (TF.js's limit).

    >>> import tfjs_lab as tf
    >>> tf.layers.dot({'axes': -1}).apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]])]).array_sync()
    [[11.0]]
    """

    def __init__(self, *, axes, normalize=False, **base):
        super().__init__(**base)
        valid = (isinstance(axes, int) and not isinstance(axes, bool)) or (
            isinstance(axes, (list, tuple)) and len(axes) == 2 and all(isinstance(a, int) for a in axes))
        if not valid:
            raise TypeError(f'Dot: axes must be an integer or a list of two integers; received {axes!r}')
        self.axes = list(axes) if isinstance(axes, (list, tuple)) else axes
        self.normalize = bool(normalize)

    def _axes(self, shapes):
        axes = self.axes if isinstance(self.axes, list) else [self.axes, self.axes]
        return [_resolve(axis, len(shape)) for axis, shape in zip(axes, shapes)]

    def build(self, input_shape):
        self.compute_output_shape(input_shape)

    def compute_output_shape(self, input_shape):
        _check_shape_list(self.class_name, input_shape, least=2, exactly=2)
        shape1, shape2 = (list(s) for s in input_shape)
        if len(shape1) > 3 or len(shape2) > 3:
            raise NotImplementedError('Dot layer does not support tensors of 4D or higher rank yet.')
        axis1, axis2 = self._axes([shape1, shape2])
        if shape1[axis1] != shape2[axis2]:
            raise ValueError(f'Dimension incompatibility: {shape1[axis1]} !== {shape2[axis2]} (layer {self.name}, '
                             f'axes {[axis1, axis2]} of input shapes {_json(input_shape)})')
        del shape1[axis1], shape2[axis2]
        output = shape1 + shape2[1:]
        return output + [1] if len(output) == 1 else output

    def call(self, inputs):
        x1, x2 = inputs
        axes = self._axes([x1.shape, x2.shape])
        if self.normalize:
            x1, x2 = _l2_normalize(x1, axes[0]), _l2_normalize(x2, axes[1])
        return _batch_dot(x1, x2, axes)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        return {'axes': self.axes, 'normalize': self.normalize, **super().get_config()}
