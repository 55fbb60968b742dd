// Regenerate optimizer_fixtures.json from real TensorFlow.js 4.22 (CPU backend):
//   NODE_PATH=tests/interop/node_modules node tests/train/make_optimizer_fixtures.js > tests/train/optimizer_fixtures.json
//
// Reference values:
//  * steps:  every optimizer x option sets x problems (linear regression, a quadratic with
//            minimize's varList, numeric variable names), 20 minimize() steps on tf.variables:
//            the gradients TF.js computed, the variables and the loss after each step, and the
//            optimizer's getWeights() at the end;
//  * lesson: the custom-training-loop lesson, y = a x^2 + b x + c fitted with minimize();
//  * fit:    Dense(1) on the reference problem, trained by model.fit for 2 epochs;
//  * errors: messages TF.js gives for bad optimizer input.
const tf = require('@tensorflow/tfjs');

const values = t => Array.from(t.dataSync());

const OPTIMIZERS = [
  ['sgd', [0.05]],
  ['momentum', [0.05, 0.9]],
  ['momentum', [0.02, 0.5, true]],
  ['adagrad', [0.1]],
  ['adagrad', [0.3, 0.5]],
  ['adadelta', []],
  ['adadelta', [0.05, 0.9, 1e-6]],
  ['adam', []],
  ['adam', [0.05, 0.8, 0.99, 1e-3]],
  ['adamax', []],
  ['adamax', [0.05, 0.85, 0.99, 1e-6, 0.1]],
  ['rmsprop', [0.01]],
  ['rmsprop', [0.01, 0.8, 0.5]],
  ['rmsprop', [0.005, 0.9, 0.3, 1e-6, true]],
];

// Each problem: named initial variable values, constants, and a loss built from them.
// `varList` true passes the variables to minimize() explicitly (the other code path).
const PROBLEMS = {
  linreg: {
    variables: [['w', [[0.5], [-0.3], [0.2]]], ['b', [0.1]]],
    constants: {
      x: [[1, 2, 0.5], [-1, 0.5, 2], [0.3, -0.7, 1], [2, 1, -1], [0, -2, 0.25], [1.5, 0.5, 0.5],
          [-0.5, 1, -1.5], [0.8, 0.1, 0.9]],
      y: [[1], [2], [-0.5], [0.3], [-1], [1.2], [0.7], [-0.2]],
    },
    varList: false,
    loss: (v, c) => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(c.x, v.w), v.b), c.y))),
  },
  quadratic: {
    variables: [['w', [[1, -2], [0.5, 3]]]],
    constants: {t: [[0.2, 0.4], [-1, 1]], c: [[1, 10], [0.1, 3]]},
    varList: true,
    loss: (v, c) => tf.sum(tf.mul(c.c, tf.square(tf.sub(v.w, c.t)))),
  },
  // Numeric variable names, created in this order: JS objects list integer-like keys first, in
  // numeric order, so the gradient map (and the optimizer's weight order) has 900000 first.
  numeric_names: {
    variables: [['900001', [1, 2]], ['900000', [-1]]],
    constants: {},
    varList: false,
    loss: (v, c) => tf.add(tf.sum(tf.square(v['900001'])), tf.sum(tf.square(tf.sub(v['900000'], 2)))),
  },
};

// Numeric names are used as they are (so the key-order quirk shows), others get a case prefix.
const variableName = (caseId, key) => (/^\d+$/.test(key) ? key : `${caseId}_${key}`);

async function runSteps(caseId, problemName, factory, args, steps) {
  const problem = PROBLEMS[problemName];
  const vars = {};
  const names = {};
  for (const [key, init] of problem.variables) {
    names[key] = variableName(caseId, key);
    vars[key] = tf.variable(tf.tensor(init), true, names[key]);
  }
  const consts = {};
  for (const [key, v] of Object.entries(problem.constants)) consts[key] = tf.tensor(v);
  const f = () => problem.loss(vars, consts);
  const varList = problem.varList ? problem.variables.map(([key]) => vars[key]) : undefined;
  const opt = tf.train[factory](...args);
  const record = [];
  for (let step = 0; step < steps; step++) {
    const {grads} = tf.variableGrads(f, varList);
    const gradList = Object.keys(grads).map(name => ({name, values: values(grads[name])}));
    const cost = opt.minimize(f, true, varList);
    const after = {};
    for (const key of Object.keys(vars)) after[names[key]] = values(vars[key]);
    record.push({grads: gradList, loss: cost.dataSync()[0], variables: after});
    tf.dispose([cost, grads]);
  }
  let weights;
  try {
    weights = (await opt.getWeights()).map(w => ({
      name: w.name, dtype: w.tensor.dtype, shape: w.tensor.shape, values: values(w.tensor)}));
  } catch (e) {
    weights = {error: e.message};
  }
  const out = {
    id: caseId, problem: problemName, optimizer: factory, args, className: opt.getClassName(),
    config: opt.getConfig(), iterations: opt.iterations,
    variables: problem.variables.map(([key, init]) => [names[key], init]),
    steps: record, weights,
  };
  opt.dispose();
  tf.disposeVariables();
  tf.dispose(Object.values(consts));
  return out;
}

async function runLesson() {
  const xs = [-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1];
  const ys = xs.map((x, i) => 0.5 * x * x - 0.8 * x + 0.3 + 0.05 * Math.cos(7 * i));
  const x = tf.tensor1d(xs);
  const y = tf.tensor1d(ys);
  const a = tf.variable(tf.scalar(0.1), true, 'lesson_a');
  const b = tf.variable(tf.scalar(0.1), true, 'lesson_b');
  const c = tf.variable(tf.scalar(0.1), true, 'lesson_c');
  const predict = t => a.mul(t.square()).add(b.mul(t)).add(c);
  const loss = (pred, label) => pred.sub(label).square().mean();
  const optimizer = tf.train.sgd(0.5);
  const losses = [];
  for (let i = 0; i < 100; i++) {
    losses.push(optimizer.minimize(() => loss(predict(x), y), true).dataSync()[0]);
  }
  const out = {xs, ys: values(y), learningRate: 0.5, steps: 100, losses,
               a: a.dataSync()[0], b: b.dataSync()[0], c: c.dataSync()[0]};
  tf.disposeVariables();
  return out;
}

const FIT_OPTIMIZERS = [
  ['sgd', [0.1]],
  ['momentum', [0.1, 0.9, true]],
  ['momentum', [0.05, 0.8]],
  ['adam', [0.1]],
  ['adam', [0.05, 0.7, 0.9, 1e-4]],
  ['rmsprop', [0.1]],
  ['rmsprop', [0.1, 0.9, 0.5, null, true]],
  ['rmsprop', [0.05, 0.7, 0.2]],
  ['adagrad', [0.1]],
  ['adagrad', [0.2, 1.0]],
  ['adadelta', [1.0]],
  ['adadelta', []],
  ['adamax', [0.1]],
  ['adamax', [0.05, 0.8, 0.95, 1e-5, 0.5]],
];

async function runFit(factory, args) {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 1, inputShape: [2], kernelInitializer: 'ones'}));
  const optimizer = tf.train[factory](...args);
  model.compile({optimizer, loss: 'meanSquaredError'});
  const history = await model.fit(tf.tensor2d([[1, 2], [3, -1]]), tf.tensor2d([[0], [1]]),
                                  {batchSize: 2, epochs: 2, shuffle: false, verbose: 0});
  const [kernel, bias] = model.getWeights().map(values);
  let weights;
  try {
    weights = (await optimizer.getWeights()).map(w => values(w.tensor));
  } catch (e) {
    weights = {error: e.message};
  }
  model.dispose();
  return {optimizer: factory, args, loss: history.history.loss, kernel, bias, weights};
}

async function errors() {
  const out = {};
  const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});
  try { model.compile({optimizer: 'adamw', loss: 'meanSquaredError'}); } catch (e) { out.unknown = e.message; }
  try { model.compile({optimizer: 'ADAM', loss: 'meanSquaredError'}); } catch (e) { out.wrong_case = e.message; }
  try { model.compile({optimizer: 'momentum', loss: 'meanSquaredError'}); } catch (e) { out.momentum = e.message; }
  try { model.compile({optimizer: {}, loss: 'meanSquaredError'}); } catch (e) { out.not_an_optimizer = e.message; }
  try {
    await tf.train.sgd(0.1).setWeights([{name: 'iter', tensor: tf.scalar(1, 'int32')},
                                        {name: 'x/m', tensor: tf.scalar(1)}]);
  } catch (e) { out.sgd_set_weights = e.message; }
  model.dispose();
  return out;
}

const NUMERIC_NAME_OPTIMIZERS = [['adam', [0.1]], ['rmsprop', [0.1, 0.9, 0.1, null, true]]];

async function main() {
  const steps = [];
  for (const problemName of Object.keys(PROBLEMS)) {
    const optimizers = problemName === 'numeric_names' ? NUMERIC_NAME_OPTIMIZERS : OPTIMIZERS;
    for (const [i, [factory, args]] of optimizers.entries()) {
      steps.push(await runSteps(`${problemName}_${i}`, problemName, factory, args, 20));
    }
  }
  const fit = [];
  for (const [factory, args] of FIT_OPTIMIZERS) fit.push(await runFit(factory, args));
  const problems = Object.fromEntries(Object.entries(PROBLEMS).map(
      ([name, p]) => [name, {constants: p.constants}]));
  const fixture = {tfjs: tf.version.tfjs, backend: tf.getBackend(), epsilon: tf.backend().epsilon(),
                   problems, steps, lesson: await runLesson(), fit, errors: await errors()};
  // One line per flat number array keeps the file readable and its diffs small.
  console.log(JSON.stringify(fixture, null, 1).replace(
      /\[([-\d.e+,\s]*)\]/g, (m, inner) => `[${inner.replace(/\s+/g, '')}]`));
}

main();
