// Real TF.js 4.22's error messages for bad input, for test_ops_parity_scatter.py.
//
//   node tests/interop/scatter_reference.js < cases.json
//
// Each case is {"expression": "tf.scatterND(i, u, [2])", "inputs": {"i": {"values", "shape",
// "dtype"}, ...}}, the expression written once and run here and in Python alike. Prints one
// entry per case: the message of the error it throws, or null when it does not throw.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs'));

function errorOf(testCase) {
  const names = Object.keys(testCase.inputs);
  const tensors = names.map(n => tf.tensor(testCase.inputs[n].values, testCase.inputs[n].shape, testCase.inputs[n].dtype));
  try {
    new Function('tf', ...names, `return ${testCase.expression};`)(tf, ...tensors);
    return null;
  } catch (err) {
    return err.message;
  }
}

tf.setBackend('cpu').then(() => {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(cases.map(errorOf)));
});
