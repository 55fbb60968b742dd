// What every Node reference script shares: real TF.js 4.22 on its CPU backend, file handlers in
// tfjs-node's layout (plain @tensorflow/tfjs has no file:// handler in Node), and the run loop
// that reads a JSON request on stdin and prints a JSON answer.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, 'node_modules', '@tensorflow', 'tfjs'));

// Loads model.json and its weight files as the HTTP handler would fetch them.
function fileHandler(modelJsonPath) {
  return {
    async load() {
      const modelJson = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8'));
      const folder = path.dirname(modelJsonPath);
      const groups = modelJson.weightsManifest;
      const joined = Buffer.concat(groups.flatMap(g => g.paths).map(p => fs.readFileSync(path.join(folder, p))));
      return {
        modelTopology: modelJson.modelTopology,
        weightSpecs: groups.flatMap(g => g.weights),
        weightData: joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength),
      };
    },
  };
}

// Saves model.json + weights.bin into a folder, as tfjs-node's file:// handler does.
function folderHandler(folder) {
  return {
    async save(artifacts) {
      fs.mkdirSync(folder, {recursive: true});
      fs.writeFileSync(path.join(folder, 'model.json'), JSON.stringify({
        modelTopology: artifacts.modelTopology, format: artifacts.format || 'layers-model',
        generatedBy: artifacts.generatedBy, convertedBy: artifacts.convertedBy,
        weightsManifest: [{paths: ['weights.bin'], weights: artifacts.weightSpecs}],
      }));
      fs.writeFileSync(path.join(folder, 'weights.bin'), Buffer.from(artifacts.weightData));
      return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
    },
  };
}

// run(request) -> answer; a list request is answered job by job, in order.
function serve(run) {
  (async () => {
    await tf.setBackend('cpu');
    const request = JSON.parse(fs.readFileSync(0, 'utf8'));
    let answer;
    if (Array.isArray(request)) {
      answer = [];
      for (const job of request) answer.push(await run(job));
    } else {
      answer = await run(request);
    }
    process.stdout.write(JSON.stringify(answer));
  })().catch(err => { console.error(err); process.exit(1); });
}

module.exports = {tf, fileHandler, folderHandler, serve};
