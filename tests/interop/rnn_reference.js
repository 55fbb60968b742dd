// Real TensorFlow.js 4.22 as the reference for the recurrent layers, wrappers and embedding.
//
//   node tests/interop/rnn_reference.js < jobs.json
//
// A layer is described as {"factory": "lstm", "args": {...TF.js options...}}; an option that is
// itself a layer description (Bidirectional's `layer`, RNN's `cell`, or a list of them) is built
// first. The tests build the same description in Python with the same names and options.
// Jobs (a JSON list), each answered by one entry of the printed JSON list:
//   {"kind": "apply", "layer": desc, "weights": [arrays], "inputs": [calls]}: builds the layer
//     on the first call, sets the weights, then applies it eagerly once per call
//     {"x": array, "dtype"?: "int32", "initialState"?: [arrays], "mask"?: array, "reset"?: true};
//     answers {"weightNames", "weightShapes", "config" (getConfig()), "outputs": [[arrays] per call]}.
//   {"kind": "save", "layers": [desc], "weights": [arrays], "x": array, "dtype"?, "folder": path}:
//     a Sequential of those layers with the weights, saved as model.json + weights.bin in
//     folder; answers {"weightNames": [...], "prediction": array}.
//   {"kind": "load", "modelJson": path, "x": array, "dtype"?}: loads a model tfjs_lab saved;
//     answers {"weightNames": [...], "prediction": array}.
const {tf, fileHandler, folderHandler, serve} = require('./tfjs_node');

function build(desc) {
  const args = {...desc.args};
  for (const key of ['layer', 'cell']) {
    if (args[key] == null) continue;
    args[key] = Array.isArray(args[key]) ? args[key].map(build) : build(args[key]);
  }
  return tf.layers[desc.factory](args);
}

const tensor = (x, dtype) => tf.tensor(x, undefined, dtype || 'float32');

function setWeights(weights, values) {
  weights.forEach((w, i) => w.write(tf.tensor(values[i], w.shape)));
}

const asList = y => (Array.isArray(y) ? y : [y]);

async function apply(job) {
  const layer = build(job.layer);
  const outputs = [];
  for (const [index, call] of job.inputs.entries()) {
    // Fresh options for every apply: Bidirectional.call writes into the kwargs it is given.
    const kwargs = () => {
      const options = {};
      if (call.initialState) options.initialState = call.initialState.map(s => tensor(s));
      if (call.mask) options.mask = tensor(call.mask, 'bool');
      if (call.training) options.training = true;
      return options;
    };
    if (index === 0) {
      layer.apply(tensor(call.x, call.dtype), kwargs());
      setWeights(layer.weights, job.weights);
      if (layer.stateful) layer.resetStates();
    }
    if (call.reset) layer.resetStates();
    outputs.push(asList(layer.apply(tensor(call.x, call.dtype), kwargs())).map(t => t.arraySync()));
  }
  return {weightNames: layer.weights.map(w => w.originalName), weightShapes: layer.weights.map(w => w.shape),
          config: layer.getConfig(), outputs};
}

async function save(job) {
  const model = tf.sequential({layers: job.layers.map(build)});
  setWeights(model.weights, job.weights);
  await model.save(folderHandler(job.folder));
  return {weightNames: model.weights.map(w => w.originalName),
          prediction: model.predict(tensor(job.x, job.dtype)).arraySync()};
}

async function load(job) {
  const model = await tf.loadLayersModel(fileHandler(job.modelJson));
  return {weightNames: model.weights.map(w => w.originalName),
          prediction: model.predict(tensor(job.x, job.dtype)).arraySync()};
}

serve(job => ({apply, save, load})[job.kind](job));
