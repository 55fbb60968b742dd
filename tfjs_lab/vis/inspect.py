"""``tf.vis.inspect_layer``: what one layer does with one input sample, and what it holds.

Activations are drawn by rank, so any layer works: an image per channel for rank 4
(``[1, height, width, channels]``: conv feature maps), a heat map for rank 3, bars for rank 2.
Weights: a heat map for a rank-2 kernel (Dense: inputs x units), one image per filter for a
rank-4 kernel (``[kh, kw, in, out]``: RGB when it reads 3 channels, else their mean), bars for
biases. Images are PNGs written here (zlib only) and scaled up by the browser without smoothing.
"""
import base64
import struct
import zlib
from html import escape

import numpy as np

from . import render
from ..core.tensor import Tensor


def png(pixels):
    """PNG bytes of ``pixels``: uint8 [height, width] (grey) or [height, width, 3] (RGB)."""
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape[:2]
    color_type = 2 if pixels.ndim == 3 else 0
    rows = b''.join(b'\x00' + pixels[y].tobytes() for y in range(height))  # filter 0 on every row

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, color_type, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


def to_pixels(values):
    """Values scaled to 0..255 over their own range (a flat image is mid-grey)."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float64))
    low, high = values.min(), values.max()
    scaled = (values - low) / (high - low) if high > low else np.full(values.shape, 0.5)
    return np.rint(scaled * 255).astype(np.uint8)


def image_html(pixels, label, size=72):
    source = base64.b64encode(png(pixels)).decode('ascii')
    return (f'<figure style="display:inline-block;margin:2px;text-align:center">'
            f'<img src="data:image/png;base64,{source}" width="{size}" height="{size}" alt="{escape(label)}" '
            f'style="image-rendering:pixelated;border:1px solid #ccc"/><figcaption style="font-size:10px">'
            f'{escape(label)}</figcaption></figure>')


def activation_html(activation):
    """HTML for one sample's activation (with its batch dimension of 1)."""
    values = np.asarray(activation)[0]
    if values.ndim == 3:
        return ''.join(image_html(to_pixels(values[:, :, c]), f'channel {c}') for c in range(values.shape[-1]))
    if values.ndim == 2:
        return render.heatmap(None, {'values': values}, row_major=True).html
    if values.ndim == 1:
        return render.barchart(None, [{'index': i, 'value': float(v)} for i, v in enumerate(values)],
                               height=200).html
    return f'<p>{escape(str(values.shape))}: {render.format_number(float(values))}</p>'


def weight_html(name, values):
    if values.ndim == 4:
        filters = values.mean(axis=2) if values.shape[2] != 3 else values  # [kh, kw, (3,) out]
        return ''.join(image_html(to_pixels(filters[..., f]), f'{name} {f}') for f in range(values.shape[-1]))
    if values.ndim == 2:
        return render.heatmap(None, {'values': values}, row_major=True, x_label='unit', y_label='input').html
    if values.ndim == 1:
        return render.barchart(None, [{'index': i, 'value': float(v)} for i, v in enumerate(values)],
                               height=160).html
    return ''


def _find_layer(model, layer):
    if isinstance(layer, str):
        return model.get_layer(layer)
    if isinstance(layer, int) and not isinstance(layer, bool):
        return model.get_layer(index=layer)
    if layer in getattr(model, 'layers', ()):
        return layer
    raise TypeError(f"layer must be a layer of the model, its name or its index; received {type(layer).__name__}")


def layer_activation(model, layer, sample):
    """The output of ``layer`` for one ``sample`` (an input without its batch dimension, or a
    batch of one), as a NumPy array with a batch dimension of 1."""
    from ..engine.functional import model as functional_model
    expected = list(model.inputs[0].shape[1:])
    values = np.asarray(getattr(sample, '_data', sample), dtype=np.float32)
    if list(values.shape) == expected:
        values = values[None]
    if list(values.shape[1:]) != expected or values.shape[0] != 1:
        raise ValueError(f'inspect_layer takes one input sample of shape {expected} (or [1, ...]); received '
                         f'shape {list(values.shape)}')
    probe = functional_model(inputs=model.inputs, outputs=layer.output)
    return probe.predict(Tensor(values)).numpy()


def inspect_layer(model, layer, sample, container=None):
    """A figure of ``layer``'s activations for ``sample`` and of its weights.

    >>> import tfjs_lab as tf
    >>> model = tf.sequential(layers=[tf.layers.dense(units=3, input_shape=[2], name='hidden')])
    >>> tf.vis.inspect_layer(model, 'hidden', [1.0, 2.0])
    Figure(kind='layer_inspection', name='hidden', activation_shape=[1, 3], weights=['kernel', 'bias'])
    """
    layer = _find_layer(model, layer)
    activation = layer_activation(model, layer, sample)
    weights = [(w.original_name.split('/')[-1], w.numpy()) for w in layer.weights]
    parts = [f'<h4 style="margin:4px 0">Activations {escape(str(list(activation.shape)))}</h4>'
             f'<div data-part="activations">{activation_html(activation)}</div>']
    for name, values in weights:
        parts.append(f'<h4 style="margin:8px 0 4px">{escape(name)} {escape(str(list(values.shape)))}</h4>'
                     f'<div data-part="weight" data-weight="{escape(name)}">{weight_html(name, values)}</div>')
    return render.place(container if container is not None else layer.name, 'layer_inspection', ''.join(parts),
                        activation_shape=list(activation.shape), weights=[name for name, _ in weights])
