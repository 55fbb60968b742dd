// Real TensorFlow.js 4.22 builds, saves and runs the architectures of test_architectures.py, so
// that tfjs_lab can be checked on models TF.js made (the TF.js -> tfjs_lab direction).
//
//   echo '{"folder": "/tmp/out"}' | node tests/interop/architectures_reference.js
//
// Writes <folder>/<name>/model.json + weights.bin (tfjs-node's file layout) for every
// architecture and prints {name: {x, predictions, multiInput}}.
const path = require('path');
const {tf, folderHandler, serve} = require('./tfjs_node');
const L = tf.layers;

const N = 6;
const normal = (...shape) => tf.randomNormal([N, ...shape], 0, 1, 'float32', 7);
const ids = (length, vocabulary) => tf.floor(tf.randomUniform([N, length], 0, vocabulary, 'float32', 8));
const seq = layers => tf.sequential({layers});

const ARCHITECTURES = {
  'dense-mlp': () => [seq([L.dense({units: 8, inputShape: [5], activation: 'relu'}),
                           L.dense({units: 3, activation: 'softmax'})]), normal(5)],
  'conv1d-pooling': () => [seq([L.conv1d({filters: 4, kernelSize: 3, inputShape: [10, 2], activation: 'relu'}),
                                L.maxPooling1d({poolSize: 2}), L.globalAveragePooling1d({}), L.dense({units: 1})]),
                           normal(10, 2)],
  'conv2d-cnn': () => [seq([L.conv2d({filters: 4, kernelSize: 3, inputShape: [8, 8, 1], activation: 'relu',
                                      padding: 'same'}),
                            L.maxPooling2d({poolSize: 2}), L.conv2d({filters: 3, kernelSize: 2, strides: 2}),
                            L.flatten(), L.dense({units: 3, activation: 'softmax'})]), normal(8, 8, 1)],
  // depthMultiplier stays 1 here: TF.js 4.22 leaves it out of the saved config, so its own
  // models with another multiplier do not load back (in TF.js either); see docs/DIFFERENCES.md.
  'separable-depthwise': () => [seq([L.separableConv2d({filters: 4, kernelSize: 3, inputShape: [7, 7, 2]}),
                                     L.depthwiseConv2d({kernelSize: 2, activation: 'tanh'}),
                                     L.averagePooling2d({poolSize: 2}), L.globalMaxPooling2d({}), L.dense({units: 2})]),
                                normal(7, 7, 2)],
  'conv2d-transpose-autoencoder': () => {
    const image = tf.input({shape: [6, 6, 1]});
    const code = L.conv2d({filters: 3, kernelSize: 3, activation: 'relu'}).apply(image);
    const out = L.conv2dTranspose({filters: 1, kernelSize: 3, activation: 'sigmoid'}).apply(code);
    return [tf.model({inputs: image, outputs: out}), normal(6, 6, 1)];
  },
  'batch-normalization': () => {
    const model = seq([L.dense({units: 6, inputShape: [4]}), L.batchNormalization(), L.activation({activation: 'relu'}),
                       L.dense({units: 1, activation: 'sigmoid'})]);
    // Non-trivial moving statistics, so that inference-mode normalization is really compared.
    const bn = model.layers[1];
    bn.setWeights([tf.randomUniform([6], 0.5, 2, 'float32', 1), tf.randomNormal([6], 0, 1, 'float32', 2),
                   tf.randomNormal([6], 0, 1, 'float32', 3), tf.randomUniform([6], 0.5, 2, 'float32', 4)]);
    return [model, normal(4)];
  },
  'layer-normalization': () => [seq([L.dense({units: 6, inputShape: [4], activation: 'relu'}),
                                     L.layerNormalization(), L.dense({units: 2})]), normal(4)],
  'embedding-simple-rnn': () => [seq([L.embedding({inputDim: 12, outputDim: 4, inputLength: 6}),
                                      L.simpleRNN({units: 5}), L.dense({units: 1})]), ids(6, 12)],
  'lstm-sequences-time-distributed': () => [seq([L.lstm({units: 4, returnSequences: true, inputShape: [5, 3]}),
                                                 L.timeDistributed({layer: L.dense({units: 2})})]), normal(5, 3)],
  'gru': () => [seq([L.gru({units: 4, inputShape: [6, 2]}), L.dense({units: 1, activation: 'sigmoid'})]),
                normal(6, 2)],
  'bidirectional-lstm': () => [seq([L.bidirectional({layer: L.lstm({units: 3}), inputShape: [5, 2]}),
                                    L.dense({units: 2})]), normal(5, 2)],
  'multi-input-functional': () => {
    const numbers = tf.input({shape: [4], name: 'numbers'});
    const words = tf.input({shape: [5], name: 'words'});
    const dense = L.dense({units: 6, activation: 'relu'}).apply(numbers);
    const embedded = L.lstm({units: 3}).apply(L.embedding({inputDim: 10, outputDim: 4}).apply(words));
    const merged = L.concatenate().apply([dense, embedded]);
    const score = L.dense({units: 1, name: 'score'}).apply(merged);
    const label = L.dense({units: 3, activation: 'softmax', name: 'label'}).apply(merged);
    return [tf.model({inputs: [numbers, words], outputs: [score, label]}), [normal(4), ids(5, 10)]];
  },
};

serve(async ({folder}) => {
  const out = {};
  for (const [name, build] of Object.entries(ARCHITECTURES)) {
    const [model, x] = build();
    await model.save(folderHandler(path.join(folder, name)));
    const predictions = model.predict(x);
    out[name] = {
      multiInput: Array.isArray(x),
      x: Array.isArray(x) ? x.map(t => t.arraySync()) : x.arraySync(),
      predictions: Array.isArray(predictions) ? predictions.map(t => t.arraySync()) : predictions.arraySync(),
    };
  }
  return out;
});
