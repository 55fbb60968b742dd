// Real TensorFlow.js 4.22 saving and loading models in Node, as the reference for tfjs_lab's
// localstorage://, indexeddb://, downloads://, http:// and model.json formats.
//
// TF.js routes localstorage://, indexeddb:// and downloads:// only in a browser, so this script
// gives it a Map-backed window.localStorage, a small in-memory window.indexedDB (records kept
// by structured clone, as a browser does) and a document whose download links capture the
// files, and sets the IS_BROWSER flag after loading (loading TF.js as a browser would pick
// browser backends). http:// uses Node's own fetch and FormData.
//
// Models are named architectures (ARCHITECTURES below, mirrored in tests/io/architectures.py)
// whose every weight is set to exact binary fractions, so both sides hold the same values.
//
//   save [ARCH]                  saves ARCH (default classifier) to localstorage://fixture/model-1,
//                                indexeddb://fixture/model-1 and downloads://fixture-model; prints
//                                {"localStorage": {key: value}, "indexedDB": {store: record},
//                                "downloads": {file: text or base64}, "input", "predictions"}
//                                (tests/io/fixtures/tfjs_saved.json is `save`'s output)
//   load-local-storage PATH [ARCH] < items.json     loads localstorage://PATH; prints predictions
//   load-model-json FILE [ARCH]  loads a model.json and the weight files it lists (as
//                                tf.loadLayersModel does over HTTP); prints predictions
//   load-url URL [ARCH]          tf.loadLayersModel(URL); prints predictions
//   save-url URL [ARCH]          model.save(URL) (TF.js's multipart POST for http://)
//   save-converted DIR [ARCH]    writes ARCH as tensorflowjs_converter lays a Keras model out:
//                                one weight group per layer, shards of SHARD_BYTES named
//                                group<i>-shard<j>of<n>.bin, the first layer's weights quantized
//                                to uint8, the second to float16, the rest to uint16; prints what
//                                TF.js predicts after loading it
//   train-and-save               fits the classifier one epoch with Adam, saves it with its
//                                optimizer to localStorage and IndexedDB; prints the stores and
//                                the weights, then resumes one more epoch and prints those too
//   resume-local-storage PATH < items.json   loads localstorage://PATH with its optimizer, fits
//                                one more epoch; prints the weights
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'interop', 'node_modules', '@tensorflow', 'tfjs'));

const ARCHITECTURES = {
  classifier: {
    input: [[1, 2, 3, 4], [-1, 0.5, 0, 2]],
    layers: () => [
      tf.layers.dense({units: 3, inputShape: [4], activation: 'relu', name: 'hidden'}),
      tf.layers.dense({units: 1, activation: 'sigmoid', name: 'output'}),
    ],
  },
  'flatten-softmax': {
    input: [[[1, 2], [3, 4], [0, 1]], [[-1, 0.5], [0, 2], [1, -1]]],
    layers: () => [
      tf.layers.flatten({inputShape: [3, 2], name: 'flat'}),
      tf.layers.dense({units: 4, activation: 'elu', name: 'wide'}),
      tf.layers.dense({units: 3, activation: 'softmax', name: 'probs'}),
    ],
  },
  'activation-stack': {
    input: [[1, 2, 3, 4], [-1, 0.5, 0, 2]],
    layers: () => [
      tf.layers.dense({units: 5, inputShape: [4], useBias: false, name: 'linear'}),
      tf.layers.activation({activation: 'tanh', name: 'squash'}),
      tf.layers.dense({units: 2, kernelInitializer: 'heNormal', name: 'logits'}),
      tf.layers.activation({activation: 'softmax', name: 'softmax'}),
    ],
  },
};
const TRAIN_X = [[1, 2, 3, 4], [-1, 0.5, 0, 2], [0.25, -0.5, 1, 0], [2, 1, -1, 0.5], [0, 0, 1, 1], [-2, 1, 0.5, -0.25]];
const TRAIN_Y = [[1], [0], [1], [0], [1], [0]];
const SHARD_BYTES = 8;

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
  const indexedDB = fakeIndexedDB();
  globalThis.window = {localStorage, indexedDB,
                       URL: {createObjectURL: blob => { blobs.set(String(blobs.size), blob); return String(blobs.size - 1); }}};
  globalThis.MouseEvent = class { constructor(type) { this.type = type; } };
  globalThis.document = {
    createElement: () => ({
      dispatchEvent() { downloads[this.download] = blobs.get(this.href); },
    }),
  };
  tf.env().set('IS_BROWSER', true);
  return {items, downloads, indexedDB};
}

// The part of IndexedDB tfjs-core uses: open (with an upgrade for a new database), one
// transaction per object store, put/get/delete requests answering asynchronously.
function fakeIndexedDB() {
  const databases = new Map();
  const later = callback => setTimeout(callback, 0);
  function request(compute) {
    const req = {};
    later(() => { req.result = compute(); if (req.onsuccess) req.onsuccess({target: req}); });
    return req;
  }
  function objectStore(stores, name) {
    const store = stores.get(name);
    return {
      put: record => request(() => { store.records.set(record[store.keyPath], structuredClone(record)); }),
      get: key => request(() => structuredClone(store.records.get(key))),
      delete: key => request(() => { store.records.delete(key); }),
      getAll: () => request(() => [...store.records.values()].map(r => structuredClone(r))),
    };
  }
  return {
    databases,
    open(name) {
      const req = {};
      later(() => {
        const created = !databases.has(name);
        if (created) databases.set(name, new Map());
        const stores = databases.get(name);
        req.result = {
          createObjectStore: (storeName, {keyPath}) => stores.set(storeName, {keyPath, records: new Map()}),
          transaction() {
            const tx = {objectStore: storeName => objectStore(stores, storeName)};
            setTimeout(() => { if (tx.oncomplete) tx.oncomplete(); }, 5);
            return tx;
          },
          close() {},
        };
        if (created && req.onupgradeneeded) req.onupgradeneeded();
        req.onsuccess();
      });
      return req;
    },
  };
}

// JSON for structured-clone values: ArrayBuffers as {"$bytes": base64}, Dates as {"$date": ISO}.
function cloneToJson(value) {
  if (value instanceof ArrayBuffer) return {$bytes: Buffer.from(value).toString('base64')};
  if (value instanceof Date) return {$date: value.toISOString()};
  if (Array.isArray(value)) return value.map(cloneToJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneToJson(v)]));
  }
  return value;
}

function indexedDBContents(indexedDB) {
  const contents = {};
  for (const [database, stores] of indexedDB.databases) {
    for (const [store, {records}] of stores) {
      for (const [key, record] of records) contents[`${database}/${store}/${key}`] = cloneToJson(record);
    }
  }
  return contents;
}

function weightValues(count, offset) {
  return Array.from({length: count}, (_, i) => ((i * 5 + offset) % 9 - 4) / 8);
}

function buildModel(arch = 'classifier') {
  if (!(arch in ARCHITECTURES)) throw new Error(`unknown architecture ${arch}`);
  const model = tf.sequential({name: arch, layers: ARCHITECTURES[arch].layers()});
  model.setWeights(model.weights.map((w, i) => tf.tensor(weightValues(w.shape.reduce((a, b) => a * b, 1), i), w.shape)));
  return model;
}

async function predictions(model, arch = 'classifier') {
  return model.predict(tf.tensor(ARCHITECTURES[arch].input)).array();
}

async function save(arch) {
  const browser = pretendToBeABrowser({});
  const model = buildModel(arch);
  await model.save('localstorage://fixture/model-1');
  await model.save('indexeddb://fixture/model-1');
  await model.save('downloads://fixture-model');
  const downloads = {};
  for (const [name, blob] of Object.entries(browser.downloads)) {
    const bytes = Buffer.from(await blob.arrayBuffer());
    downloads[name] = name.endsWith('.json') ? bytes.toString('utf8') : bytes.toString('base64');
  }
  return {localStorage: Object.fromEntries(browser.items), indexedDB: indexedDBContents(browser.indexedDB), downloads,
          input: ARCHITECTURES[arch || 'classifier'].input, predictions: await predictions(model, arch)};
}

async function loadLocalStorage(modelPath, arch) {
  pretendToBeABrowser(JSON.parse(fs.readFileSync(0, 'utf8')));
  return {predictions: await predictions(await tf.loadLayersModel(`localstorage://${modelPath}`), arch)};
}

async function modelJsonArtifacts(file) {
  const modelJson = JSON.parse(fs.readFileSync(file, 'utf8'));
  return tf.io.getModelArtifactsForJSON(modelJson, async manifest => {
    const paths = manifest.flatMap(group => group.paths);
    const buffers = paths.map(p => fs.readFileSync(path.join(path.dirname(file), p)));
    return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers.map(b => new Uint8Array(b).buffer))];
  });
}

async function loadModelJson(file, arch) {
  return {predictions: await predictions(await tf.loadLayersModel(tf.io.fromMemory(await modelJsonArtifacts(file))), arch)};
}

async function loadUrl(url, arch) {
  return {predictions: await predictions(await tf.loadLayersModel(url), arch)};
}

async function saveUrl(url, arch) {
  const result = await buildModel(arch).save(url);
  return {modelArtifactsInfo: result.modelArtifactsInfo};
}

// tensorflowjs_converter's quantization (quantization.py): affine uint8/uint16 with
// scale = (max - min) / (2^bits - 1) and values round((w - min) / scale); float16 as is.
function quantize(values, dtype) {
  if (dtype === 'float16') {
    return {bytes: Buffer.from(new Uint16Array(values.map(float16Bits)).buffer), quantization: {dtype}};
  }
  const levels = dtype === 'uint8' ? 255 : 65535;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const scale = max > min ? (max - min) / levels : 1;
  const q = values.map(v => Math.round((v - min) / scale));
  const array = dtype === 'uint8' ? new Uint8Array(q) : new Uint16Array(q);
  return {bytes: Buffer.from(array.buffer), quantization: {dtype, min, scale}};
}

function float16Bits(value) {  // exact for the binary fractions used here
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = (bits >>> 13) & 0x3ff;
  if (value === 0) return sign;
  return sign | (exponent << 10) | mantissa;
}

async function saveConverted(dir, arch) {
  const model = buildModel(arch);
  const artifacts = {};
  await model.save(tf.io.withSaveHandler(async a => { Object.assign(artifacts, a); return {modelArtifactsInfo: {}}; }));
  const values = await Promise.all(model.weights.map(w => w.read().data()));
  const layerOf = name => name.split('/')[0];
  const layerNames = [...new Set(artifacts.weightSpecs.map(s => layerOf(s.name)))];
  const kinds = ['uint8', 'float16', 'uint16'];
  fs.mkdirSync(dir, {recursive: true});
  const weightsManifest = layerNames.map((layer, g) => {
    const weights = [];
    const chunks = [];
    artifacts.weightSpecs.forEach((spec, i) => {
      if (layerOf(spec.name) !== layer) return;
      const {bytes, quantization} = quantize(Array.from(values[i]), kinds[Math.min(g, 2)]);
      weights.push({name: spec.name, shape: spec.shape, dtype: spec.dtype, quantization});
      chunks.push(bytes);
    });
    const data = Buffer.concat(chunks);
    const count = Math.max(1, Math.ceil(data.length / SHARD_BYTES));
    const paths = Array.from({length: count}, (_, j) => `group${g + 1}-shard${j + 1}of${count}.bin`);
    paths.forEach((p, j) => fs.writeFileSync(path.join(dir, p), data.subarray(j * SHARD_BYTES, (j + 1) * SHARD_BYTES)));
    return {paths, weights};
  });
  const modelJson = {format: 'layers-model', generatedBy: 'keras v2.15.0', convertedBy: 'TensorFlow.js Converter v4.22.0',
                     modelTopology: artifacts.modelTopology, weightsManifest};
  fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
  return loadModelJson(path.join(dir, 'model.json'), arch);
}

async function weightsOf(model) {
  return Promise.all(model.getWeights().map(w => w.array()));
}

async function fitOneEpoch(model) {
  const history = await model.fit(tf.tensor2d(TRAIN_X), tf.tensor2d(TRAIN_Y), {epochs: 1, batchSize: 4, shuffle: false, verbose: 0});
  return history.history.loss[0];
}

async function trainAndSave() {
  const browser = pretendToBeABrowser({});
  const model = buildModel();
  model.compile({optimizer: tf.train.adam(0.01), loss: 'meanSquaredError', metrics: ['accuracy']});
  await fitOneEpoch(model);
  await model.save('localstorage://trained', {includeOptimizer: true});
  await model.save('indexeddb://trained', {includeOptimizer: true});
  const saved = {localStorage: Object.fromEntries(browser.items), indexedDB: indexedDBContents(browser.indexedDB),
                 weights: await weightsOf(model)};
  const loss = await fitOneEpoch(model);
  return Object.assign(saved, {resumed: {loss, weights: await weightsOf(model)}});
}

async function resumeLocalStorage(modelPath) {
  pretendToBeABrowser(JSON.parse(fs.readFileSync(0, 'utf8')));
  const model = await tf.loadLayersModel(`localstorage://${modelPath}`);
  const loss = await fitOneEpoch(model);
  return {loss, weights: await weightsOf(model)};
}

const COMMANDS = {
  'save': save, 'load-local-storage': loadLocalStorage, 'load-model-json': loadModelJson, 'load-url': loadUrl,
  'save-url': saveUrl, 'save-converted': saveConverted, 'train-and-save': trainAndSave,
  'resume-local-storage': resumeLocalStorage,
};

async function main([command, ...args]) {
  if (!(command in COMMANDS)) {
    throw new Error(`usage: node ${path.basename(__filename)} ${Object.keys(COMMANDS).join(' | ')} (see the comment at the top)`);
  }
  process.stdout.write(JSON.stringify(await COMMANDS[command](...args), null, 1) + '\n');
}

main(process.argv.slice(2)).catch(err => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
