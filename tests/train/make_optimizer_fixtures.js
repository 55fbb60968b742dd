// Writes tests/train/optimizer_fixtures.json: real TF.js 4.22 optimizers taking 20 minimize()
// steps on a small linear regression (and the TF.js docs' polynomial lesson), with the
// variables after every step and the optimizer's getWeights() at the end.
//
//   node tests/train/make_optimizer_fixtures.js > tests/train/optimizer_fixtures.json
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

const X = [[1, 2, -1], [0.5, -1, 2], [3, 0, 1], [-2, 1, 0.5], [1, 1, 1], [0, -3, 2]];
const Y = [1, -2, 3, 0.5, 2, -1];
const CASES = [
  ['sgd', [0.05]], ['momentum', [0.05, 0.9]], ['momentum', [0.02, 0.5, true]],
  ['adagrad', [0.3]], ['adagrad', [0.1, 0.5]], ['adadelta', [0.1]], ['adadelta', [0.05, 0.8, 1e-4]],
  ['adam', [0.05]], ['adam', [0.1, 0.8, 0.9, 1e-3]], ['adamax', [0.1]], ['adamax', [0.05, 0.8, 0.9, 1e-5, 0.1]],
  ['rmsprop', [0.01]], ['rmsprop', [0.02, 0.8, 0.5]], ['rmsprop', [0.01, 0.9, 0.3, 1e-5, true]],
];

async function linearRegression(name, args) {
  const w = tf.variable(tf.tensor1d([0.1, -0.2, 0.3]), true, `w_${name}`);
  const b = tf.variable(tf.scalar(0.05), true, `b_${name}`);
  const x = tf.tensor2d(X), y = tf.tensor1d(Y);
  const optimizer = tf.train[args.name](...args.args);
  const steps = [];
  for (let i = 0; i < 20; i++) {
    const cost = optimizer.minimize(() => x.mul(w).sum(1).add(b).sub(y).square().mean(), true);
    steps.push({cost: cost.dataSync()[0], w: Array.from(w.dataSync()), b: b.dataSync()[0]});
  }
  let weights = null;
  if (args.name !== 'adamax') {  // TF.js 4.22: getWeights() is not implemented for Adamax
    weights = await Promise.all((await optimizer.getWeights()).map(async ({name, tensor}) =>
      ({name, shape: tensor.shape, values: Array.from(await tensor.data())})));
  }
  return {optimizer: args.name, args: args.args, steps, weights};
}

function polynomialLesson() {
  // The TF.js docs' example: y = a x^2 + b x + c fitted with sgd(0.01).
  const xs = tf.tensor1d([0, 1, 2, 3]);
  const ys = tf.tensor1d([1.1, 5.9, 16.8, 33.9]);
  const [a, b, c] = [0.1, 0.2, 0.3].map(v => tf.scalar(v).variable());
  const f = x => a.mul(x.square()).add(b.mul(x)).add(c);
  const optimizer = tf.train.sgd(0.01);
  for (let i = 0; i < 100; i++) optimizer.minimize(() => f(xs).sub(ys).square().mean());
  return {a: a.dataSync()[0], b: b.dataSync()[0], c: c.dataSync()[0], predictions: Array.from(f(xs).dataSync())};
}

async function main() {
  await tf.setBackend('cpu');
  const cases = [];
  for (const [i, [name, args]] of CASES.entries()) cases.push(await linearRegression(`${name}${i}`, {name, args}));
  process.stdout.write(JSON.stringify({x: X, y: Y, cases, polynomial: polynomialLesson()}, null, 1) + '\n');
}

main();
