// Real TF.js 4.22 evaluating awaited op expressions, for test_ops_parity_selection.py: the async
// selections (whereAsync, booleanMaskAsync, setdiff1dAsync, inTopKAsync) resolve Promises and
// setdiff1dAsync gives a list of tensors, which ops_reference.js does not handle.
//
//   node tests/interop/selection_reference.js < cases.json
//
// Each case is {"expression": "(await tf.setdiff1dAsync(x, y))[0]", "inputs": {"x": {"values",
// "shape", "dtype"}, ...}}; the expression is the body of an async function, valid Python and
// JavaScript alike. Prints, per case, [{"value", "shape", "dtype"}, ...]: one entry per tensor of
// the result (a tensor or a list of tensors), or {"error"}.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs'));

const AsyncFunction = (async () => {}).constructor;

async function run(testCase) {
  const names = Object.keys(testCase.inputs);
  const tensors = names.map(n => tf.tensor(testCase.inputs[n].values, testCase.inputs[n].shape, testCase.inputs[n].dtype));
  const f = new AsyncFunction('tf', ...names, `return ${testCase.expression};`);
  const result = await f(tf, ...tensors);
  return (Array.isArray(result) ? result : [result]).map(
    y => ({value: Array.from(y.dataSync()), shape: y.shape, dtype: y.dtype}));
}

tf.setBackend('cpu').then(async () => {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  // One failing case is reported in its own result, not by ending the run.
  for (const c of cases) {
    try { results.push(await run(c)); } catch (err) { results.push({error: String(err)}); }
  }
  process.stdout.write(JSON.stringify(results));
});
