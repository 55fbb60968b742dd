// Unit tests of vis/static/fit_plot.js under Node's own test runner, with a minimal stand-in
// for the DOM and for anywidget's model. Run by tests/vis/test_front_end.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const source = readFileSync(new URL("../../tfjs_lab/vis/static/fit_plot.js", import.meta.url));
// A data: URL, because Node reads a .js file outside a "type": "module" package as CommonJS.
const widget = await import(`data:text/javascript;base64,${source.toString("base64")}`);
const { PointStore, niceTicks, yDomain, pathData, chartOf, seriesKind } = widget;

class FakeElement {
  constructor(tag) {
    this.tag = tag;
    this.attributes = {};
    this.dataset = {};
    this.children = [];
    this.textContent = "";
    this.clientWidth = 640;
  }
  setAttribute(name, value) { this.attributes[name] = value; }
  getAttribute(name) { return this.attributes[name]; }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
  *descendants() {
    for (const child of this.children) {
      yield child;
      yield* child.descendants();
    }
  }
  paths() {
    return [...this.descendants()].filter((node) => node.tag === "path");
  }
}

globalThis.document = {
  createElement: (tag) => new FakeElement(tag),
  createElementNS: (_, tag) => new FakeElement(tag),
};
let frames = [];
globalThis.requestAnimationFrame = (callback) => frames.push(callback);
globalThis.cancelAnimationFrame = () => {};
function runFrames() {
  const pending = frames;
  frames = [];
  pending.forEach((callback) => callback());
}

class FakeModel {
  constructor(traits) {
    this.traits = traits;
    this.listeners = {};
    this.sent = [];
  }
  get(name) { return this.traits[name]; }
  on(event, callback) { (this.listeners[event] ??= []).push(callback); }
  off(event, callback) { this.listeners[event] = this.listeners[event].filter((c) => c !== callback); }
  send(content) { this.sent.push(content); }
  emit(event, ...args) { (this.listeners[event] ?? []).forEach((callback) => callback(...args)); }
  set(changes) {
    Object.assign(this.traits, changes);
    for (const name of Object.keys(changes)) this.emit(`change:${name}`);
  }
}

// The payload and buffers the kernel sends for points [series, x, y] starting at `start`.
function payload(start, points, epochs, series) {
  const codes = new Uint16Array(points.map(([name]) => series.indexOf(name)));
  const xs = new Float64Array(points.map(([, x]) => x));
  const ys = new Float64Array(points.map(([, , y]) => y));
  // As from the kernel: DataViews into one shared, unaligned buffer.
  const shared = new Uint8Array(1 + codes.byteLength + xs.byteLength + ys.byteLength);
  let offset = 1;
  const views = [codes, xs, ys].map((column) => {
    shared.set(new Uint8Array(column.buffer), offset);
    const view = new DataView(shared.buffer, offset, column.byteLength);
    offset += column.byteLength;
    return view;
  });
  return [{ type: "points", start, epochs, series }, views];
}

function makeModel(traits = {}) {
  return new FakeModel({
    title: "Training", state: "training", total_epochs: 2, message: "", final: {},
    layout: { width: 0, height: 200, x_label: "Epoch", y_label: "Value" },
    charts: [{ name: "loss", y: "zero" }, { name: "acc", y: [0, 1] }], ...traits,
  });
}

const SERIES = ["batch loss", "loss", "val_loss"];
const EPOCH_ONE = [["batch loss", 0.5, 0.9], ["batch loss", 1, 0.7], ["loss", 1, 0.8], ["val_loss", 1, 0.85]];
const EPOCH_TWO = [["batch loss", 1.5, NaN], ["batch loss", 2, 0.6], ["loss", 2, 0.55], ["val_loss", 2, 0.6]];

test("series names map to their chart and kind", () => {
  assert.equal(chartOf("batch acc"), "acc");
  assert.equal(chartOf("val_loss"), "loss");
  assert.deepEqual(["loss", "val_loss", "batch loss"].map(seriesKind), ["epoch", "val", "batch"]);
});

test("ticks are round and y domains follow the chart's rule", () => {
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(0, 50), [0, 10, 20, 30, 40, 50]);
  assert.deepEqual(yDomain([0, 1], [3]), [0, 1]);
  assert.deepEqual(yDomain("zero", [0.31, 0.72]), [0, 0.8]);
  assert.deepEqual(yDomain("fit", [0.31, 0.72]), [0.3, 0.8]);
  assert.deepEqual(yDomain("fit", [2, 2]), [1.4, 2.6]); // a flat line gets a range around it
  assert.deepEqual(yDomain("fit", []), [0, 1]);
});

test("a NaN value breaks the line", () => {
  const d = pathData([[0, 1], [1, NaN], [2, 1]], (x) => x, (y) => y, [0, 2]);
  assert.equal(d, "M0.0,1.0M2.0,1.0");
});

test("a pixel column keeps its first, lowest, highest and last point", () => {
  const points = [[0, 1], [0.1, 0], [0.2, 3], [0.3, 2], [0.4, 1.5], [1, 1]];
  assert.equal(pathData(points, (x) => x, (y) => y, [0, 5]), "M0.0,1.0L0.1,0.0L0.2,3.0L0.4,1.5L1.0,1.0");
});

test("the store keeps points by index, ignores repeats and notices gaps", () => {
  const store = new PointStore();
  store.receive(...payload(0, EPOCH_ONE.slice(0, 2), 0, SERIES));
  store.receive(...payload(0, EPOCH_ONE, 1, SERIES)); // a snapshot repeating the first two
  assert.equal(store.received, 4);
  assert.equal(store.hasGaps, false);
  store.receive(...payload(6, EPOCH_TWO.slice(2), 2, SERIES));
  assert.equal(store.hasGaps, true);
  assert.equal(store.epochs, 2);
  assert.deepEqual(store.bySeries().get("loss"), [[1, 0.8], [2, 0.55]]);
});

test("a live view draws each series and exposes the data-* contract", () => {
  const model = makeModel();
  const el = new FakeElement("div");
  widget.default.render({ model, el });
  assert.deepEqual(model.sent, [{ type: "snapshot-request" }]); // opened while training
  model.emit("msg:custom", ...payload(0, EPOCH_ONE, 1, SERIES));
  model.emit("msg:custom", ...payload(4, EPOCH_TWO, 2, SERIES));
  runFrames();
  const root = el.children[0];
  assert.equal(root.dataset.tfjsLabWidget, "fit-plot");
  assert.deepEqual([root.dataset.state, root.dataset.epochs, root.dataset.points], ["training", "2", "8"]);
  const paths = Object.fromEntries(root.paths().map((path) => [path.getAttribute("data-series"), path.getAttribute("d")]));
  assert.deepEqual(Object.keys(paths), SERIES); // batch first, so the epoch curves lie on top
  assert.equal(paths["batch loss"].split("M").length - 1, 2); // the NaN splits the batch curve
  assert.equal(model.sent.length, 1);
});

test("a view that missed the first points asks for one snapshot and fills in from it", () => {
  const model = makeModel({ state: "waiting" });
  const el = new FakeElement("div");
  widget.default.render({ model, el });
  assert.deepEqual(model.sent, []);
  model.emit("msg:custom", ...payload(4, EPOCH_TWO, 2, SERIES));
  model.emit("msg:custom", ...payload(8, [["loss", 3, 0.5]], 3, SERIES));
  assert.deepEqual(model.sent, [{ type: "snapshot-request" }]);
  runFrames();
  assert.equal(el.children[0].dataset.points, "5");
  model.emit("msg:custom", ...payload(0, [...EPOCH_ONE, ...EPOCH_TWO, ["loss", 3, 0.5]], 3, SERIES));
  runFrames();
  assert.equal(el.children[0].dataset.points, "9");
});

test("a finished plot draws from its final trait, and is done only with every point", () => {
  const [meta, [codes, x, y]] = payload(0, [...EPOCH_ONE, ...EPOCH_TWO], 2, SERIES);
  const model = makeModel({ state: "training" });
  const el = new FakeElement("div");
  widget.default.render({ model, el });
  model.set({ final: { ...meta, codes, x, y }, state: "done" });
  runFrames();
  const root = el.children[0];
  assert.deepEqual([root.dataset.state, root.dataset.points, root.dataset.epochs], ["done", "8", "2"]);

  const later = new FakeElement("div");
  const laterModel = makeModel({ state: "done", final: { ...meta, codes, x, y } });
  widget.default.render({ model: laterModel, el: later });
  assert.deepEqual(laterModel.sent, []);
  assert.deepEqual([later.children[0].dataset.state, later.children[0].dataset.points], ["done", "8"]);
});
