"""``model.summary()`` in TF.js's layout (tfjs-layers' printSummary, sequential form)."""
import json


def _row(fields, positions):
    line = ''
    for i, field in enumerate(fields):
        if i > 0:
            line = line[:-1] + ' '
        line = (line + field)[:positions[i]]
        line += ' ' * (positions[i] - len(line))
    return line


def _json_shape(shape):
    return json.dumps(shape, separators=(',', ':'))


def print_summary(model, line_length=None, positions=None, print_fn=print):
    line_length = line_length or 90
    positions = positions or [0.32, 0.61, 0.89, 1]
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    print_fn('_' * line_length)
    print_fn(_row(['Layer (type)', 'Input Shape', 'Output shape', 'Param #'], positions))
    print_fn('=' * line_length)
    layers = model.layers
    for i, (layer, in_shape, out_shape) in enumerate(model.layer_shapes()):
        print_fn(_row([f'{layer.name} ({layer.class_name})', _json_shape([in_shape]),
                       _json_shape(out_shape), str(layer.count_params())], positions))
        print_fn(('=' if i == len(layers) - 1 else '_') * line_length)
    trainable = sum(w.size for w in model.trainable_weights)
    non_trainable = sum(w.size for w in model.non_trainable_weights)
    print_fn(f'Total params: {trainable + non_trainable}')
    print_fn(f'Trainable params: {trainable}')
    print_fn(f'Non-trainable params: {non_trainable}')
    print_fn('_' * line_length)
