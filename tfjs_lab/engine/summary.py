"""``model.summary()`` in TF.js's layout (tfjs-layers' printSummary): four columns for models
whose graph is a chain, a fifth ("Receives inputs") for other graphs."""
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


def _is_chain(model):
    """TF.js's isModelSequentialLike: one node per depth, each with at most one input."""
    if model.class_name == 'Sequential':
        return True
    return all(len(node.input_tensors) <= 1 for node in model._nodes) and \
        len({id(n.layer) for n in model._nodes}) == len(model._nodes) and len(model.inputs) == 1 and \
        len(model.outputs) == 1 and all(len(layer.inbound_nodes) == 1 for layer in model.layers)


def _model_node(model, layer):
    own = {id(n) for n in model._nodes} | {id(t.node) for t in model.inputs}
    return next(n for n in layer.inbound_nodes if id(n) in own)


def print_summary(model, line_length=None, positions=None, print_fn=print):
    chain = _is_chain(model)
    line_length = line_length or (90 if chain else 115)
    positions = positions or ([0.32, 0.61, 0.89, 1] if chain else [0.24, 0.48, 0.70, 0.80, 1])
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    headers = ['Layer (type)', 'Input Shape', 'Output shape', 'Param #'] + ([] if chain else ['Receives inputs'])
    print_fn('_' * line_length)
    print_fn(_row(headers, positions))
    print_fn('=' * line_length)
    layers = model.layers
    for i, layer in enumerate(layers):
        node = _model_node(model, layer)
        in_shapes = [t.shape for t in node.input_tensors] or [t.shape for t in node.output_tensors]
        out_shapes = [t.shape for t in node.output_tensors]
        fields = [f'{layer.name} ({layer.class_name})', _json_shape(in_shapes),
                  _json_shape(out_shapes[0] if len(out_shapes) == 1 else out_shapes), str(layer.count_params())]
        sources = [f'{t.source_layer.name}[{t.source_layer.inbound_nodes.index(t.node)}][{t.tensor_index}]'
                   for t in node.input_tensors]
        if chain:
            print_fn(_row(fields, positions))
        else:
            print_fn(_row(fields + [sources[0] if sources else ''], positions))
            for source in sources[1:]:
                print_fn(_row(['', '', '', '', source], positions))
        print_fn(('=' if i == len(layers) - 1 else '_') * line_length)
    trainable = sum(w.size for w in model.trainable_weights)
    non_trainable = sum(w.size for w in model.non_trainable_weights)
    print_fn(f'Total params: {trainable + non_trainable}')
    print_fn(f'Trainable params: {trainable}')
    print_fn(f'Non-trainable params: {non_trainable}')
    print_fn('_' * line_length)
