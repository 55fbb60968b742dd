// Reference values from real tfjs-vis 1.5.1 (and the vega-lite 4.13 / vega 5.20 it draws with)
// for tests/vis/tfjs_vis_fixtures.json. Not run by the tests: run it by hand after
//   npm install --prefix /tmp/tfvis @tensorflow/tfjs-vis@1.5.1 @tensorflow/tfjs-core@4.22.0 @tensorflow/tfjs-backend-cpu@4.22.0
//   node tests/vis/tfjs_vis_reference.js /tmp/tfvis/node_modules > tests/vis/tfjs_vis_fixtures.json
const path = require("path");
const modules = process.argv[2];
const need = (name) => require(path.join(modules, name));
const tf = need("@tensorflow/tfjs-core");
need("@tensorflow/tfjs-backend-cpu");
// tfjs-core's Node bundle leaves out the chained ops tfjs-vis calls
for (const op of ["equal", "mean", "cast", "max", "sum"]) {
  tf.Tensor.prototype[op] = function (...args) { return tf[op](this, ...args); };
}
tf.setBackend("cpu");
const math = need("@tensorflow/tfjs-vis/dist/util/math.js");
const vegaLite = need("vega-lite");
const vega = need("vega");
const { format } = need("d3-format");

async function histogram(values, maxBins) {
  // the spec tfjs-vis's render.histogram builds (data, bin and count encodings), run headless
  const spec = {
    data: { values: values.filter((v) => v != null && isFinite(v)).map((value) => ({ value })) },
    mark: "bar",
    encoding: { x: { bin: { maxbins: maxBins }, field: "value", type: "quantitative" },
      y: { aggregate: "count", type: "quantitative" } },
  };
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  await view.runAsync();
  const rows = view.data("data_0").map((r) => [r.bin_maxbins_12_value ?? r[`bin_maxbins_${maxBins}_value`],
    r[`bin_maxbins_${maxBins}_value_end`], r.__count]);
  rows.sort((a, b) => a[0] - b[0]);
  return rows;
}

(async () => {
  const t = (x) => tf.tensor1d(x);
  const out = { metrics: [], stats: [], formats: [], histograms: [] };
  const cases = [
    [[0, 0, 1, 2, 2, 2], [0, 0, 0, 2, 1, 1], undefined, undefined],
    [[1, 2, 4], [2, 2, 4], undefined, undefined],
    [[0, 1, 1, 0], [1, 1, 0, 0], 3, [0.5, 2, 1, 0.25]],
    [[2.7, 0, 1], [2.2, 0.9, 1], undefined, undefined],
  ];
  for (const [labels, predictions, numClasses, weights] of cases) {
    out.metrics.push({
      labels, predictions, numClasses: numClasses ?? null, weights: weights ?? null,
      accuracy: await math.accuracy(t(labels), t(predictions)),
      confusionMatrix: await math.confusionMatrix(t(labels), t(predictions), numClasses, weights && t(weights)),
      perClassAccuracy: Number.isInteger(labels[0]) ? await math.perClassAccuracy(t(labels), t(predictions), numClasses) : null,
    });
  }
  for (const values of [[1, 0, -3, 0, NaN, Infinity, -Infinity, 2.5], [NaN, NaN], [], [0.1, 0.2]]) {
    const stats = math.arrayStats(values);
    out.stats.push({ values: values.map(String), stats: Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, v === undefined ? null : String(v)])) });
  }
  for (const value of [0, 1, 1234567.891, 0.123456, -2.5, 1e-7, 3.14159265]) {
    out.formats.push({ value, number: format(",.4~f")(value), percent: format(".4~p")(value) });
  }
  const rng = (seed) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const random = rng(7);
  const samples = {
    uniform: Array.from({ length: 200 }, () => random() * 100 - 50),
    small: [0.011, 0.012, 0.0135, 0.019, 0.02],
    integers: [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 10],
    withSpecials: [1, 2, NaN, Infinity, 3, 0],
    single: [5, 5, 5],
  };
  for (const [name, values] of Object.entries(samples)) {
    for (const maxBins of [12, 5]) {
      out.histograms.push({ name, values: values.map(String), maxBins, bins: await histogram(values, maxBins) });
    }
  }
  console.log(JSON.stringify(out, null, 1));
})();
