// Real TensorFlow.js 4.22 as the reference for the convolution, pooling and padding layers.
//
//   node tests/layers/conv_reference.js < jobs.json
//
// Each job is
//   {"layer": factory name, "args": {...}, "x": {shape, values}, "weights": [{shape, values}...],
//    "seed": {shape, values}}
//     -> {config, x, seed, inputShape, outputShape, output, grads}: the layer built on x with
//        these weights, its getConfig(), computeOutputShape, output, and the gradients of
//        sum(output * seed) with respect to x and then to each weight (null, and gradError,
//        where TF.js has none).
//
// (Whole saved models are compared by tests/interop/layers_reference.js.)
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

const tensor = t => tf.tensor(t.values, t.shape, 'float32');
const plain = t => ({shape: t.shape, values: Array.from(t.dataSync())});

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

async function main() {
  await tf.setBackend('cpu');
  const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  for (const job of jobs) results.push(runLayer(job));
  process.stdout.write(JSON.stringify(results));
}

main().catch(err => { console.error(err); process.exit(1); });
