// Real TF.js 4.22's tf.data reading the same arrays and CSV files as tfjs_lab, for
// test_data_parity.py.
//
//   node tests/interop/data_reference.js < cases.json
//
// Each case is {"expression": "tf.data.csv(url, {'hasHeader': false, ...}).batch(2)",
// "variables": {"url": "file:///.../data.csv", "items": [...]}, "passes": 2}: the expression is
// written once and run here and in Python alike. Prints, for each case, its elements for each
// pass (tensors as {shape, dtype, values}, undefined as null), or {"error": message}.
const path = require('path');
const fs = require('fs');
const tf = require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs'));

function plain(value) {
  if (value instanceof tf.Tensor) {
    return {shape: value.shape, dtype: value.dtype, values: value.arraySync()};
  }
  if (Array.isArray(value)) {
    return value.map(plain);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value === undefined ? null : value;
}

async function run(testCase) {
  const names = Object.keys(testCase.variables);
  const make = new Function('tf', ...names, `return ${testCase.expression};`);
  const dataset = make(tf, ...names.map(n => testCase.variables[n]));
  const passes = [];
  for (let i = 0; i < testCase.passes; i++) {
    passes.push(plain(await dataset.toArray()));
  }
  return {passes, size: dataset.size};
}

async function main() {
  await tf.setBackend('cpu');
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = [];
  for (const testCase of cases) {
    // One failing case is reported in its own result, not by ending the run.
    try { results.push(await run(testCase)); } catch (err) { results.push({error: String(err)}); }
  }
  process.stdout.write(JSON.stringify(results));
}

main();
