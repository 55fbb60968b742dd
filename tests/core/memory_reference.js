// tf.memory() counts in real TF.js 4.22 for the scenarios of tests/core/test_memory.py, which
// compares its own counts with this script's output.
//
//   node tests/core/memory_reference.js
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

// Growth from the point where the scenario calls mark() (after its setup) to its end.
function grownBy(scenario) {
  let start = tf.memory();
  scenario(() => { start = tf.memory(); });
  const end = tf.memory();
  return {numTensors: end.numTensors - start.numTensors, numDataBuffers: end.numDataBuffers - start.numDataBuffers,
          numBytes: end.numBytes - start.numBytes};
}

tf.setBackend('cpu').then(() => {
  const results = {
    leakyLoop: grownBy(mark => {
      const x = tf.tensor1d([1, 2]);
      mark();
      for (let i = 0; i < 5; i++) x.square().add(1);
    }),
    reshape: grownBy(() => { const x = tf.tensor1d([1, 2, 3, 4]); x.reshape([2, 2]); }),
    ops: grownBy(mark => {
      const x = tf.tensor1d([1, 2, 3, 4]);
      const condition = x.greater(2);
      const zeros = tf.zerosLike(x);  // tfjs_lab takes the number 0 there and frees its tensor itself
      mark();
      x.add(1);
      tf.where(condition, x, zeros);
      tf.grad(v => v.square().sum().mul(2))(x);
    }),
    minimize: grownBy(mark => {
      const w = tf.variable(tf.scalar(1));
      const optimizer = tf.train.sgd(0.1);
      const xs = tf.tensor2d([[1, 2], [3, 4]]);
      optimizer.minimize(() => w.square());  // SGD makes its learning-rate scalar on first use
      mark();
      for (let i = 0; i < 3; i++) optimizer.minimize(() => w.square().add(xs.sum()).mul(2));
    }),
    variable: grownBy(() => { const t = tf.tensor1d([1, 2, 3]); tf.variable(t); }),
  };
  process.stdout.write(JSON.stringify(results));
});
