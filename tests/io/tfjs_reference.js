// Real TensorFlow.js 4.22 saving and loading models in Node, as the reference for tfjs_lab's
// localstorage://, downloads:// and model.json formats.
//
// TF.js routes localstorage:// and downloads:// only in a browser, so this script gives it a
// Map-backed window.localStorage and a document whose download links capture the files, and
// sets the IS_BROWSER flag after loading (loading TF.js as a browser would pick browser backends).
//
//   node tests/io/tfjs_reference.js save
//       saves the model below to localstorage://fixture/model-1 and downloads://fixture-model
//       and prints {"localStorage": {key: value}, "downloads": {file name: text or base64},
//       "input": [...], "predictions": [...]}; tests/io/fixtures/tfjs_saved.json is this output.
//   node tests/io/tfjs_reference.js load-local-storage PATH < items.json
//       loads localstorage://PATH from the given {key: value} items; prints its predictions.
//   node tests/io/tfjs_reference.js load-model-json FILE
//       loads a model.json and the weight files it lists (as tf.loadLayersModel does over
//       HTTP); prints its predictions.
//
// The model and its weights are spelled out identically in tests/io/test_tfjs_formats.py.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

const INPUT = [[1, 2, 3, 4], [-1, 0.5, 0, 2]];

function pretendToBeABrowser(localStorageItems) {
  const items = new Map(Object.entries(localStorageItems));
  const localStorage = {
    getItem: key => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => { items.set(key, String(value)); },
    removeItem: key => { items.delete(key); },
    key: index => [...items.keys()][index] ?? null,
    get length() { return items.size; },
  };
  const blobs = new Map();
  const downloads = {};
  globalThis.window = {localStorage, URL: {createObjectURL: blob => { blobs.set(String(blobs.size), blob); return String(blobs.size - 1); }}};
  globalThis.MouseEvent = class { constructor(type) { this.type = type; } };
  globalThis.document = {
    createElement: () => ({
      dispatchEvent() { downloads[this.download] = blobs.get(this.href); },
    }),
  };
  tf.env().set('IS_BROWSER', true);
  return {items, downloads};
}

// Exact binary fractions, so that both sides hold the same float32 values.
function weightValues(count, offset) {
  return Array.from({length: count}, (_, i) => ((i * 5 + offset) % 9 - 4) / 8);
}

function buildModel() {
  const model = tf.sequential({name: 'classifier', layers: [
    tf.layers.dense({units: 3, inputShape: [4], activation: 'relu', name: 'hidden'}),
    tf.layers.dense({units: 1, activation: 'sigmoid', name: 'output'}),
  ]});
  model.setWeights([
    tf.tensor2d(weightValues(12, 0), [4, 3]), tf.tensor1d(weightValues(3, 1)),
    tf.tensor2d(weightValues(3, 2), [3, 1]), tf.tensor1d(weightValues(1, 3)),
  ]);
  return model;
}

async function predictions(model) {
  return model.predict(tf.tensor2d(INPUT)).array();
}

async function save() {
  const browser = pretendToBeABrowser({});
  const model = buildModel();
  await model.save('localstorage://fixture/model-1');
  await model.save('downloads://fixture-model');
  const downloads = {};
  for (const [name, blob] of Object.entries(browser.downloads)) {
    const bytes = Buffer.from(await blob.arrayBuffer());
    downloads[name] = name.endsWith('.json') ? bytes.toString('utf8') : bytes.toString('base64');
  }
  return {localStorage: Object.fromEntries(browser.items), downloads, input: INPUT,
          predictions: await predictions(model)};
}

async function loadLocalStorage(modelPath) {
  pretendToBeABrowser(JSON.parse(fs.readFileSync(0, 'utf8')));
  return {predictions: await predictions(await tf.loadLayersModel(`localstorage://${modelPath}`))};
}

async function loadModelJson(file) {
  const modelJson = JSON.parse(fs.readFileSync(file, 'utf8'));
  const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async manifest => {
    const paths = manifest.flatMap(group => group.paths);
    const buffers = paths.map(p => fs.readFileSync(path.join(path.dirname(file), p)));
    return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers.map(b => new Uint8Array(b).buffer))];
  });
  return {predictions: await predictions(await tf.loadLayersModel(tf.io.fromMemory(artifacts)))};
}

const COMMANDS = {'save': save, 'load-local-storage': loadLocalStorage, 'load-model-json': loadModelJson};

async function main([command, argument]) {
  if (!(command in COMMANDS)) {
    throw new Error(`usage: node ${path.basename(__filename)} save | load-local-storage PATH < items.json | load-model-json FILE`);
  }
  process.stdout.write(JSON.stringify(await COMMANDS[command](argument), null, 1) + '\n');
}

main(process.argv.slice(2)).catch(err => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
