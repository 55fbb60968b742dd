// Regenerate print_fixtures.json from real TensorFlow.js:
//   NODE_PATH=tests/interop/node_modules node tests/core/make_print_fixtures.js > tests/core/print_fixtures.json
const tf = require('@tensorflow/tfjs');
const cases = [
  {values: 5, shape: [], dtype: 'float32'},
  {values: 0.1, shape: [], dtype: 'float32'},
  {values: [1.5, 2, 3, 4], shape: [2, 2], dtype: 'float32'},
  {values: [0.123456789, 1e-9, 12345678.9, -3.25e-5, 1e21, -0], shape: [6], dtype: 'float32'},
  {values: [1, 2, 3], shape: [3], dtype: 'int32'},
  {values: [true, false, true, true], shape: [2, 2], dtype: 'bool'},
  {values: Array.from({length: 24}, (_, i) => i * 0.5 - 3), shape: [2, 3, 4], dtype: 'float32'},
  {values: Array.from({length: 25}, (_, i) => i), shape: [25], dtype: 'float32'},
  {values: Array.from({length: 75}, (_, i) => Math.sin(i) * 100), shape: [25, 3], dtype: 'float32'},
  {values: [11], shape: [1, 1], dtype: 'float32'},
  {values: [1, 2], shape: [1, 1, 2], dtype: 'float32'},
  {values: [NaN, Infinity, -Infinity, 1e-7], shape: [4], dtype: 'float32'},
  {values: Array.from({length: 16}, (_, i) => i), shape: [2, 2, 2, 2], dtype: 'int32'},
];
const out = cases.map(c => {
  const t = tf.tensor(c.values, c.shape, c.dtype);
  return {...c, values: Array.from(t.dataSync(), v => (Number.isFinite(v) ? v : String(v))),
          text: t.toString(), verbose: t.toString(true)};
});
console.log(JSON.stringify(out, null, 1));
