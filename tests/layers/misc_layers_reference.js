// Real TF.js 4.22 applying single layers, for the misc layer tests (tests/layers/misc_checks.py).
//
//   node tests/layers/misc_layers_reference.js < cases.json
//
// Each case is {"factory": "batchNormalization", "config": {...}, "inputs": [{"values", "dtype"}],
// "multi": true for a list of inputs, "kwargs": {"training": true}, "weights": [values...] set
// after a first build, "seed": [...] to also return gradients of sum(output * seed)}.
// Prints per case {"output", "shape", "dtype", "config", "mask", "weights", "inputGrads",
// "weightGrads"} or {"error": message}.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

function run(c) {
  const layer = tf.layers[c.factory](c.config);
  const inputs = c.inputs.map(i => tf.tensor(i.values, undefined, i.dtype));
  const input = xs => (c.multi ? xs : xs[0]);
  const kwargs = c.kwargs || {};
  if (c.weights) {
    layer.apply(input(inputs));
    layer.setWeights(c.weights.map(w => tf.tensor(w)));
  }
  const y = layer.apply(input(inputs), kwargs);
  const result = {
    output: y.arraySync(), shape: y.shape, dtype: y.dtype, config: layer.getConfig(),
    weights: layer.weights.map(w => w.read().arraySync()),
  };
  if (c.mask) {
    const mask = layer.computeMask(input(inputs), c.mask === true ? undefined : c.mask.map(m => m && tf.tensor(m, undefined, 'bool')));
    result.mask = mask == null ? null : mask.arraySync();
  }
  if (c.seed) {
    const seed = tf.tensor(c.seed);
    const f = (...xs) => tf.sum(tf.mul(layer.apply(input(xs), kwargs), seed));
    result.inputGrads = tf.grads(f)(inputs).map(g => g.arraySync());
    result.weightGrads = [];
    if (layer.trainableWeights.length) {
      const {grads} = tf.variableGrads(() => f(...inputs));
      result.weightGrads = layer.trainableWeights.map(w => grads[w.name].arraySync());
    }
  }
  return result;
}

tf.setBackend('cpu').then(() => {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  // A failing case is reported in its own result, not by ending the run.
  process.stdout.write(JSON.stringify(cases.map(c => { try { return run(c); } catch (err) { return {error: String(err.message || err)}; } })));
});
