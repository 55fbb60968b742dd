// Real TensorFlow.js 4.22 running models that tfjs_lab saved: the reference for every layer.
//
//   node tests/interop/layers_reference.js < cases.json
//
// cases.json is a list of {"modelJson": path of a model.json tfjs_lab wrote, "x": input array
// (or a list of them for several inputs), and optionally "train": {"y": target(s),
// "optimizer": {"type": "sgd", "args": [0.1]}, "loss": ..., "metrics": [...], "epochs": n, "batchSize": n}}.
// For each case it prints {"predictions": [...], "history": {...}, "weights": {originalName: values}}
// (history, weights and trained_predictions after training, when "train" is given).
const {tf, fileHandler, serve} = require('./tfjs_node');

const tensors = (values, dtypes) => Array.isArray(dtypes)
  ? values.map((v, i) => tf.tensor(v, undefined, dtypes[i]))
  : tf.tensor(values, undefined, dtypes);
// compile() in TF.js takes only these metric strings (and 'accuracy', 'acc', 'crossentropy',
// 'ce'); tfjs_lab takes every tf.metrics name, so the others are passed as TF.js's functions.
const METRIC_STRINGS = new Set(['accuracy', 'acc', 'crossentropy', 'ce', 'binaryAccuracy', 'categoricalAccuracy',
  'precision', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'mse', 'MSE', 'mae', 'MAE', 'mape',
  'MAPE', 'cosine']);
const asTfjsMetric = m => METRIC_STRINGS.has(m) ? m : tf.metrics[m];
const arrays = out => Array.isArray(out) ? out.map(t => t.arraySync()) : out.arraySync();

async function run(job) {
  const model = await tf.loadLayersModel(fileHandler(job.modelJson));
  const x = tensors(job.x, job.xDtype || 'float32');
  const result = {predictions: arrays(model.predict(x, {batchSize: job.batchSize || 32}))};
  if (job.train) {
    const t = job.train;
    const optimizer = tf.train[t.optimizer.type](...(t.optimizer.args || []));
    model.compile({optimizer, loss: t.loss, metrics: t.metrics && t.metrics.map(asTfjsMetric)});
    const y = tensors(t.y, Array.isArray(t.y[0]) && t.multiOutput ? t.y.map(() => 'float32') : 'float32');
    const history = await model.fit(x, y, {epochs: t.epochs, batchSize: t.batchSize, shuffle: false, verbose: 0});
    result.history = history.history;
    result.weights = Object.fromEntries(model.weights.map(w => [w.originalName, w.read().arraySync()]));
    result.trained_predictions = arrays(model.predict(x));
  }
  return result;
}

serve(run);
