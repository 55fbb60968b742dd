// Regenerate creation_fixtures.json from real TensorFlow.js: every expression in
// creation_cases.json is valid JavaScript and Python; record its result or its error message.
//   NODE_PATH=tests/interop/node_modules node tests/core/make_creation_fixtures.js > tests/core/creation_fixtures.json
const tf = require('@tensorflow/tfjs');
const cases = require('./creation_cases.json');

function result(value) {
  if (value instanceof tf.Tensor) {
    const values = Array.from(value.dataSync(), v => (Number.isFinite(v) ? v : String(v)));
    return {dtype: value.dtype, shape: value.shape, values};
  }
  if (value instanceof tf.TensorBuffer) {
    return {dtype: value.dtype, shape: value.shape, values: Array.from(value.values)};
  }
  return {value: value === undefined ? null : value};
}

const out = cases.map(expr => {
  try {
    return {expr, ...result(eval(expr))};
  } catch (e) {
    return {expr, error: e.message};
  }
});
console.log('[\n' + out.map(c => JSON.stringify(c)).join(',\n') + '\n]');  // one case per line
