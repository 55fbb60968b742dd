// Unit tests of vis/static/training_panel.js and vis/static/visor.js under Node's own test
// runner, with a minimal stand-in for the DOM and anywidget's model (as fit_plot.test.mjs).
// Run by tests/vis/test_front_end.py.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const load = async (name) => {
  const source = readFileSync(new URL(`../../tfjs_lab/vis/static/${name}`, import.meta.url));
  return import(`data:text/javascript;base64,${source.toString("base64")}`);
};
const panel = await load("training_panel.js");
const visor = await load("visor.js");

class FakeElement {
  constructor(tag) {
    Object.assign(this, { tag, dataset: {}, children: [], textContent: "", style: {}, hidden: false, disabled: false,
      listeners: {}, innerHTML: "" });
    this.classList = { toggle: (name, on) => { this.classes = { ...this.classes, [name]: on }; } };
  }
  append(...nodes) { this.children.push(...nodes); }
  replaceChildren(...nodes) { this.children = nodes; }
  addEventListener(event, callback) { this.listeners[event] = callback; }
  *descendants() {
    for (const child of this.children) {
      yield child;
      yield* child.descendants();
    }
  }
  find(predicate) { return [...this.descendants()].filter(predicate); }
}
globalThis.document = { createElement: (tag) => new FakeElement(tag) };
let frames = [];
globalThis.requestAnimationFrame = (callback) => frames.push(callback);
globalThis.cancelAnimationFrame = () => {};
const runFrames = () => { const pending = frames; frames = []; pending.forEach((f) => f()); };

class FakeModel {
  constructor(traits) { Object.assign(this, { traits, listeners: {}, sent: [], saved: 0 }); }
  get(name) { return this.traits[name]; }
  set(name, value) { this.traits[name] = value; (this.listeners[`change:${name}`] ?? []).forEach((f) => f()); }
  save_changes() { this.saved++; }
  on(event, callback) { (this.listeners[event] ??= []).push(callback); }
  off(event, callback) { this.listeners[event] = this.listeners[event].filter((c) => c !== callback); }
  send(content) { this.sent.push(content); }
}

test("durations and statistics are written briefly", () => {
  assert.deepEqual([5, 59.6, 65, 3723, null].map(panel.formatDuration), ["5 s", "1:00", "1:05", "1:02:03", ""]);
  assert.deepEqual([0, 0.123456, 12345.6, 1e-7, null, [3, 4]].map(panel.formatStat),
    ["0", "0.1235", "12350", "1.00e-7", "–", "[3,4]"]);
});

test("progress lines show the running epoch, the batch and the ETA until done", () => {
  const p = { epoch: 1, epochs: 4, batch: 3, batches: 8, elapsed: 12, eta: 30 };
  assert.deepEqual(panel.progressText(p, "training"), ["Epoch 2 / 4", "batch 3 / 8", "elapsed 12 s   ETA 30 s"]);
  assert.deepEqual(panel.progressText({ ...p, epoch: 4, batch: 0 }, "done"), ["Epoch 4 / 4", "batch 0 / 8", "elapsed 12 s"]);
});

test("the panel draws progress and statistics and Stop sends one message", () => {
  const model = new FakeModel({ progress: { epoch: 0, epochs: 2, batch: 4, batches: 8, elapsed: 1, eta: 3 },
    stats: [["dense", "kernel", [2, 3], 0.5, 0.1, 0, 1, 0.01, 0.02]], state: "training", stopped: false,
    stop_requested: false });
  const el = new FakeElement("div");
  panel.default.render({ model, el });
  const root = el.children[0];
  assert.deepEqual([root.dataset.tfjsLabWidget, root.dataset.state, root.dataset.epoch, root.dataset.batch],
    ["training-panel", "training", "0", "4"]);
  assert.equal(root.find((n) => n.tag === "td").map((n) => n.textContent).join(" "), "dense kernel [2,3] 0.5 0.1 0 1 0.01 0.02");
  const bars = root.find((n) => n.className === "bar").map((n) => n.children[0].style.width);
  assert.deepEqual(bars, ["25%", "50%"]);
  const stop = root.find((n) => n.className === "stop")[0];
  stop.listeners.click();
  assert.deepEqual(model.sent, [{ type: "stop" }]);
  assert.equal(stop.disabled, true);
  model.set("state", "done");
  model.set("stopped", true);
  runFrames();
  assert.deepEqual([root.dataset.state, root.dataset.stopped, stop.hidden], ["done", "true", true]);
});

test("surfaces are grouped by tab in order of appearance", () => {
  const tabs = visor.groupByTab([{ tab: "B", name: "x" }, { tab: "A", name: "y" }, { tab: "B", name: "z" }]);
  assert.deepEqual([...tabs.keys()], ["B", "A"]);
  assert.deepEqual(tabs.get("B").map((s) => s.name), ["x", "z"]);
});

test("the visor shows the active tab's surfaces and a click switches tabs", () => {
  const model = new FakeModel({ surfaces: [{ tab: "Charts", name: "Bars", html: "<svg/>" },
    { tab: "Model", name: "Summary", html: "<table/>" }], active_tab: "Charts", opened: true, full_screen: false });
  const el = new FakeElement("div");
  visor.default.render({ model, el });
  const root = el.children[0];
  const surfaces = () => Object.fromEntries(root.find((n) => n.dataset.surface).map((n) => [n.dataset.surface, n.hidden]));
  assert.equal(root.dataset.activeTab, "Charts");
  assert.deepEqual(surfaces(), { Bars: false, Summary: true });
  const bars = root.find((n) => n.dataset.surface === "Bars")[0];
  assert.equal(bars.children[1].innerHTML, "<svg/>");
  root.find((n) => n.dataset.tab === "Model" && n.tag === "button")[0].listeners.click();
  assert.equal(model.saved, 1);
  assert.deepEqual([root.dataset.activeTab, surfaces()], ["Model", { Bars: true, Summary: false }]);
  // a redraw keeps unchanged surfaces' nodes, so what the user opened in them stays open
  model.set("surfaces", [...model.get("surfaces"), { tab: "Model", name: "Layer", html: "<p/>" }]);
  assert.equal(root.find((n) => n.dataset.surface === "Bars")[0], bars);
  model.set("opened", false);
  assert.equal(root.children[1].hidden, true);
});
