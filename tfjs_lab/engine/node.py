"""The pieces of a model graph: ``SymbolicTensor`` (what ``tf.input`` and a layer applied to
symbolic inputs return) and ``Node`` (one application of a layer), as in tfjs-layers."""
import itertools

from .._naming import CamelAliases

_ids = itertools.count()


class SymbolicTensor(CamelAliases):
    """A placeholder for a tensor that a model will compute: it knows its shape (``None`` for
    the batch and any unknown dimension), dtype and the layer that produces it.

    >>> import tfjs_lab as tf
    >>> x = tf.input(shape=[3])
    >>> y = tf.layers.dense(units=2).apply(x)
    >>> y.shape
    [None, 2]
    """

    def __init__(self, dtype, shape, source_layer, node_index, tensor_index, name):
        self.id = next(_ids)
        self.dtype = dtype
        self.shape = list(shape)
        self.source_layer = source_layer
        self.node_index = node_index
        self.tensor_index = tensor_index
        self.name = name

    @property
    def rank(self):
        return len(self.shape)

    @property
    def node(self):
        return self.source_layer.inbound_nodes[self.node_index]

    def __repr__(self):
        shape = ','.join('null' if d is None else str(d) for d in self.shape)
        return f'SymbolicTensor(name={self.name!r}, shape=[{shape}], dtype={self.dtype})'


class Node:
    """One call of ``layer`` on symbolic inputs: which tensors went in and which came out."""

    def __init__(self, layer, input_tensors, output_tensors, call_kwargs, list_input=False):
        self.layer = layer
        self.list_input = list_input  # the layer was called with a list (merge layers)
        self.input_tensors = list(input_tensors)
        self.output_tensors = list(output_tensors)
        self.call_kwargs = dict(call_kwargs)
