// Real TensorFlow.js 4.22 as the reference for the convolution, pooling and padding layers.
//
//   node tests/layers/conv_reference.js < jobs.json
//
// Each job is one of
//   {"layer": factory name, "args": {...}, "x": {shape, values}, "weights": [{shape, values}...],
//    "seed": {shape, values}}
//     -> {config, x, seed, inputShape, outputShape, output, grads}: the layer built on x with these weights, its
//        getConfig(), computeOutputShape, output, and the gradients of sum(output * seed) with
//        respect to x and then to each weight (null, and gradError, where TF.js has none);
//   {"modelJson": path of a model.json tfjs_lab saved, "x": {...}, "y": {...}, "compile": {...},
//    "fit": {...}}
//     -> {prediction, history, weights}: the model's predictions on x before training, then
//        its fit history (unshuffled) and its final weights.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

const tensor = t => tf.tensor(t.values, t.shape, 'float32');
const plain = t => ({shape: t.shape, values: Array.from(t.dataSync())});

function fileHandler(modelJsonPath) {
  return {
    async load() {
      const modelJson = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
      const folder = path.dirname(modelJsonPath);
      const groups = modelJson.weightsManifest;
      const joined = Buffer.concat(groups.flatMap(g => g.paths).map(p => fs.readFileSync(path.join(folder, p))));
      return {
        modelTopology: modelJson.modelTopology,
        weightSpecs: groups.flatMap(g => g.weights),
        weightData: joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength),
      };
    },
  };
}

function runLayer(job) {
  const layer = tf.layers[job.layer](job.args);
  const x = tf.variable(tensor(job.x));
  layer.apply(x);
  layer.setWeights(job.weights.map(tensor));
  const output = layer.apply(x);
  const seed = tensor(job.seed);
  const sources = [x, ...layer.trainableWeights.map(w => w.val)];
  let grads = null, gradError = null;
  try {
    const result = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), seed)), sources);
    grads = sources.map(v => plain(result.grads[v.name]));
  } catch (err) {  // TF.js cannot differentiate dilated convolutions
    gradError = err.message;
  }
  return {
    config: layer.getConfig(),
    x: job.x,
    seed: job.seed,
    inputShape: job.x.shape,
    outputShape: layer.computeOutputShape([null, ...job.x.shape.slice(1)]),
    output: plain(output),
    grads,
    gradError,
  };
}

async function runModel(job) {
  const model = await tf.loadLayersModel(fileHandler(job.modelJson));
  const x = tensor(job.x);
  const prediction = plain(model.predict(x));
  model.compile(job.compile);
  const history = await model.fit(x, tensor(job.y), {...job.fit, shuffle: false, verbose: 0});
  return {prediction, history: history.history, weights: model.getWeights().map(plain)};
}

async function main() {
  await tf.setBackend('cpu');
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  for (const job of jobs) results.push(job.layer ? runLayer(job) : await runModel(job));
  process.stdout.write(JSON.stringify(results));
}

main().catch(err => { console.error(err); process.exit(1); });
