// Real TF.js 4.22 evaluating op expressions and their gradients, for test_ops_parity.py.
//
//   node tests/interop/ops_reference.js < cases.json
//
// Each case is {"expression": "tf.conv2d(x, w, 1, 'same')", "inputs": {"x": {"values", "shape",
// "dtype"}, ...}, "differentiable": ["x", "w"], "dy": [...]}: the expression is written once and
// run here and in Python alike, as a TF.js tutorial line is. Prints [{"value", "shape", "dtype",
// "grads": {name: values}}].
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs'));

function run(testCase) {
  const names = Object.keys(testCase.inputs);
  const tensors = names.map(n => tf.tensor(testCase.inputs[n].values, testCase.inputs[n].shape, testCase.inputs[n].dtype));
  const f = new Function('tf', ...names, `return ${testCase.expression};`);
  const y = f(tf, ...tensors);
  const result = {value: Array.from(y.dataSync()), shape: y.shape, dtype: y.dtype, grads: {}};
  const differentiable = testCase.differentiable;
  if (differentiable.length) {
    const wrt = differentiable.map(n => tensors[names.indexOf(n)]);
    const g = tf.grads((...xs) => f(tf, ...names.map(n => differentiable.includes(n) ? xs[differentiable.indexOf(n)] : tensors[names.indexOf(n)])));
    const grads = g(wrt, tf.tensor(testCase.dy, y.shape));
    differentiable.forEach((n, i) => { result.grads[n] = Array.from(grads[i].dataSync()); });
  }
  return result;
}

tf.setBackend('cpu').then(() => {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  // One failing case is reported in its own result, not by ending the run.
  process.stdout.write(JSON.stringify(cases.map(c => { try { return run(c); } catch (err) { return {error: String(err)}; } })));
});
