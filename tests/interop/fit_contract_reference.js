// Real TensorFlow.js 4.22's fit contract on models tfjs_lab saved: the sequence of callback calls
// with their log keys and values, with validation data, class weights and early stopping.
//
//   node tests/interop/fit_contract_reference.js < jobs.json
//
// Each job: {"modelJson", "x", "y", "compile": {...}, "fit": {...}, "validationData": [x, y] | null,
// "earlyStopping": {...} | null}. Prints per job {"events": [[hook, index, logs]...], "history": {...}}.
const {tf, fileHandler, serve} = require('./tfjs_node');

async function run(job) {
  const model = await tf.loadLayersModel(fileHandler(job.modelJson));
  model.compile(job.compile);
  const events = [];
  const record = hook => async (...args) => {
    const logs = args[args.length - 1];
    events.push([hook, args.length > 1 ? args[0] : null, logs == null ? null : {...logs}]);
  };
  const hooks = ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd'];
  const recorder = new tf.CustomCallback(Object.fromEntries(hooks.map(h => [h, record(h)])));
  const callbacks = [recorder];
  if (job.earlyStopping) callbacks.push(tf.callbacks.earlyStopping(job.earlyStopping));
  const fitArgs = {...job.fit, shuffle: false, verbose: 0, callbacks};
  if (job.validationData) fitArgs.validationData = job.validationData.map(v => tf.tensor(v));
  const history = await model.fit(tf.tensor(job.x), tf.tensor(job.y), fitArgs);
  return {events, history: history.history, params: history.params};
}

serve(run);
