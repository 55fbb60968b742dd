// Real TensorFlow.js 4.22 loading weights without a model, the reference for
// tests/io/test_weights_loading.py. Reads a job (or a list of jobs) as JSON on stdin:
//
//   {"op": "save", "dir"}                      saves a small model with tfjs-node's file layout
//                                              (model.json + weights.bin) into dir
//   {"op": "loadWeights", "manifest", "prefix", "names"}   tf.io.loadWeights over Node's fetch
//   {"op": "loaderFactory", "manifest", "prefix", "names", "files": {path: base64}}
//                                              tf.io.weightsLoaderFactory with a fetch function
//                                              serving `files`; also answers the paths it was asked
//   {"op": "decodeStream", "specs", "chunks": [base64]}    tf.io.decodeWeightsStream over a
//                                              ReadableStream of those chunks
//   {"op": "slices", "buffers": [base64], "ranges": [[start, end]]}   CompositeArrayBuffer
//
// Tensors answer as {name: {shape, dtype, values}}; a job that throws answers {"error": message}.
const path = require('path');
const {tf, folderHandler, serve} = require(path.join(__dirname, '..', 'interop', 'tfjs_node.js'));

const bytesOf = base64 => {
  const buffer = Buffer.from(base64, 'base64');
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
};
const base64Of = arrayBuffer => Buffer.from(arrayBuffer).toString('base64');

async function described(tensors) {
  const out = {};
  for (const [name, tensor] of Object.entries(tensors)) {
    out[name] = {shape: tensor.shape, dtype: tensor.dtype, values: Array.from(await tensor.data())};
  }
  return out;
}

async function save({dir}) {
  const model = tf.sequential({layers: [
    tf.layers.dense({units: 3, inputShape: [5], activation: 'relu', name: 'hidden'}),
    tf.layers.dense({units: 2, name: 'output'}),
  ]});
  await model.save(folderHandler(dir));
  return {};
}

async function loaderFactory({manifest, prefix, names, files}) {
  const asked = [];
  const load = tf.io.weightsLoaderFactory(async paths => {
    asked.push(...paths);
    return paths.map(p => bytesOf(files[p]));
  });
  return {tensors: await described(await load(manifest, prefix, names)), paths: asked};
}

async function decodeStream({specs, chunks}) {
  let next = 0;
  const stream = new ReadableStream({
    pull(controller) {
      if (next < chunks.length) controller.enqueue(new Uint8Array(bytesOf(chunks[next++])));
      else controller.close();
    },
  });
  return described(await tf.io.decodeWeightsStream(stream, specs));
}

function slices({buffers, ranges}) {
  const composite = new tf.io.CompositeArrayBuffer(buffers.map(bytesOf));
  return {byteLength: composite.byteLength, slices: ranges.map(([start, end]) => base64Of(composite.slice(start, end)))};
}

const JOBS = {
  save,
  loadWeights: async ({manifest, prefix, names}) => described(await tf.io.loadWeights(manifest, prefix, names)),
  loaderFactory,
  decodeStream,
  slices,
};

serve(async job => {
  try {
    return await JOBS[job.op](job);
  } catch (err) {
    return {error: err.message};
  }
});
