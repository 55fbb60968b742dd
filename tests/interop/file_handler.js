// Plain @tensorflow/tfjs has no file:// handler in Node: read model.json and its weight files as
// the HTTP handler would fetch them.
const fs = require('fs');
const path = require('path');

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

module.exports = {fileHandler};
