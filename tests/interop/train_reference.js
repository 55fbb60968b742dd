// Real TensorFlow.js 4.22 training models that tfjs_lab saved, as the reference for
// tfjs_lab's training loop: same initial weights, same data, no shuffling.
//
//   node tests/interop/train_reference.js < jobs.json
//
// jobs.json is a list of {"modelJson": path of a model.json tfjs_lab wrote, "compile": {...},
// "x": [[...]], "y": [[...]], "fit": {...}}; the script prints, for each job, its
// history.history (per-epoch loss and metrics) as a JSON list.
const {tf, fileHandler, serve} = require('./tfjs_node');

async function run(job) {
  const model = await tf.loadLayersModel(fileHandler(job.modelJson));
  model.compile(job.compile);
  const history = await model.fit(tf.tensor2d(job.x), tf.tensor2d(job.y), {...job.fit, shuffle: false, verbose: 0});
  return history.history;
}

serve(run);
