// Live training curves for tfjs_lab's FitPlot widget. The message protocol and the data-*
// attributes are documented in tfjs_lab/vis/fit_plot.py. Plain ES module with no
// dependencies: the charts are SVG drawn by hand. The named exports are for the unit tests
// (tests/vis/fit_plot.test.mjs); anywidget uses the default export.
const SVG_NS = "http://www.w3.org/2000/svg";
const BATCH_PREFIX = "batch ";
const COLORS = { epoch: "#1f77b4", val: "#ff7f0e", batch: "#9ecae1" };
const KIND_ORDER = { batch: 0, epoch: 1, val: 2 }; // batch curves first, so epoch curves lie on top
const MARGIN = { left: 58, right: 14, top: 30, bottom: 38 };

export function seriesKind(series) {
  if (series.startsWith(BATCH_PREFIX)) return "batch";
  return series.startsWith("val_") ? "val" : "epoch";
}

export function chartOf(series) {
  const name = series.startsWith(BATCH_PREFIX) ? series.slice(BATCH_PREFIX.length) : series;
  return name.startsWith("val_") ? name.slice(4) : name;
}

// A round step giving about five ticks over [lo, hi] (lo < hi).
function tickStep(lo, hi) {
  const span = hi - lo;
  const unit = 10 ** Math.floor(Math.log10(span / 5));
  return [1, 2, 5, 10].map((m) => m * unit).find((s) => span / s <= 6);
}

export function niceTicks(lo, hi) {
  const step = tickStep(lo, hi);
  const ticks = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) {
    ticks.push(+(i * step).toPrecision(12));
  }
  return ticks;
}

// The y range of a chart: spec is [low, high], "fit" (the data's range) or "zero" (the data's
// range stretched to include 0); the last two are widened to round tick values.
export function yDomain(spec, values) {
  if (Array.isArray(spec)) return spec;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return [0, 1];
  if (spec === "zero") [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0)];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const step = tickStep(lo, hi);
  return [Math.floor(lo / step + 1e-9), Math.ceil(hi / step - 1e-9)].map((i) => +(i * step).toPrecision(12));
}

// SVG path data for [x, y] points whose x only grows. A NaN y ends a segment; values outside
// the y range are drawn at its edge. Of the points in one pixel column only the first, lowest,
// highest and last are kept: the same picture, and long runs stay quick to draw.
export function pathData(points, sx, sy, [lo, hi]) {
  let d = "", pen = "M", column = [];
  const emit = () => {
    if (column.length === 0) return;
    let low = column[0], high = column[0];
    for (const p of column) {
      if (p[1] < low[1]) low = p;
      if (p[1] > high[1]) high = p;
    }
    for (const [px, py] of [...new Set([column[0], low, high, column[column.length - 1]])].sort((a, b) => a[2] - b[2])) {
      d += `${pen}${px.toFixed(1)},${py.toFixed(1)}`;
      pen = "L";
    }
    column = [];
  };
  points.forEach(([x, y], i) => {
    if (Number.isNaN(y)) {
      emit();
      pen = "M";
      return;
    }
    const point = [sx(x), sy(Math.min(Math.max(y, lo), hi)), i];
    if (column.length && Math.round(column[0][0]) !== Math.round(point[0])) emit();
    column.push(point);
  });
  emit();
  return d;
}

// Points as the kernel sent them, by index: messages may arrive late, twice or after a gap.
export class PointStore {
  constructor() {
    this.codes = [];
    this.xs = [];
    this.ys = [];
    this.names = [];
    this.received = 0;
    this.epochs = 0;
  }

  // payload: {start, epochs, series}; columns: series codes (uint16), x and y (float64).
  receive(payload, [codes, xs, ys]) {
    const [c, x, y] = [column(codes, Uint16Array), column(xs, Float64Array), column(ys, Float64Array)];
    this.names = payload.series;
    for (let i = 0; i < c.length; i++) {
      const at = payload.start + i;
      if (this.codes[at] === undefined) this.received++;
      this.codes[at] = c[i];
      this.xs[at] = x[i];
      this.ys[at] = y[i];
    }
    this.epochs = Math.max(this.epochs, payload.epochs);
  }

  // Some earlier points never arrived (this view opened after they were sent).
  get hasGaps() {
    return this.received < this.codes.length;
  }

  bySeries() {
    const out = new Map(this.names.map((name) => [name, []]));
    this.codes.forEach((code, i) => out.get(this.names[code]).push([this.xs[i], this.ys[i]]));
    return out;
  }
}

// A typed array over a binary buffer (a DataView from the kernel, or an ArrayBuffer); copied,
// since the buffer's offset in the message need not be aligned for the element type.
function column(buffer, Type) {
  if (ArrayBuffer.isView(buffer)) buffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  return new Type(buffer);
}

function svgNode(tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatTick(value) {
  return String(+value.toPrecision(6));
}

function drawChart(chart, seriesPoints, { width, height, xMax, xLabel, yLabel }) {
  const svg = svgNode("svg", { width, height, class: "tfjs-lab-fit-chart", "data-chart": chart.name });
  const mine = [...seriesPoints].filter(([series]) => chartOf(series) === chart.name)
    .sort(([a], [b]) => KIND_ORDER[seriesKind(a)] - KIND_ORDER[seriesKind(b)]);
  const values = mine.flatMap(([, points]) => points.map(([, y]) => y).filter(Number.isFinite));
  const [yLo, yHi] = yDomain(chart.y, values);
  const w = width - MARGIN.left - MARGIN.right, h = height - MARGIN.top - MARGIN.bottom;
  const sx = (x) => MARGIN.left + (x / xMax) * w;
  const sy = (y) => MARGIN.top + (1 - (y - yLo) / (yHi - yLo)) * h;

  svg.append(svgNode("text", { x: MARGIN.left, y: 16, class: "title" }, chart.name));
  svg.append(svgNode("rect", { x: MARGIN.left, y: MARGIN.top, width: w, height: h, class: "frame" }));
  for (const y of niceTicks(yLo, yHi)) {
    svg.append(svgNode("line", { x1: MARGIN.left, x2: MARGIN.left + w, y1: sy(y), y2: sy(y), class: "grid" }));
    svg.append(svgNode("text", { x: MARGIN.left - 5, y: sy(y) + 3.5, class: "tick", "text-anchor": "end" }, formatTick(y)));
  }
  for (const x of niceTicks(0, xMax).filter(Number.isInteger)) {
    svg.append(svgNode("line", { x1: sx(x), x2: sx(x), y1: MARGIN.top + h, y2: MARGIN.top + h + 4, class: "axis" }));
    svg.append(svgNode("text", { x: sx(x), y: MARGIN.top + h + 15, class: "tick", "text-anchor": "middle" }, formatTick(x)));
  }
  svg.append(svgNode("text", { x: MARGIN.left + w / 2, y: height - 4, class: "label", "text-anchor": "middle" }, xLabel));
  const yLabelAt = { x: 12, y: MARGIN.top + h / 2 };
  svg.append(svgNode("text", { ...yLabelAt, class: "label", "text-anchor": "middle",
    transform: `rotate(-90 ${yLabelAt.x} ${yLabelAt.y})` }, yLabel));

  for (const [series, points] of mine) {
    svg.append(svgNode("path", { d: pathData(points, sx, sy, [yLo, yHi]), stroke: COLORS[seriesKind(series)],
      class: `series ${seriesKind(series)}`, "data-series": series }));
  }
  let legendX = width - MARGIN.right; // the legend is laid out from the right
  for (const [series] of [...mine].reverse()) {
    svg.append(svgNode("text", { x: legendX, y: 16, class: "legend", "text-anchor": "end" }, series));
    legendX -= 6.5 * series.length + 4;
    svg.append(svgNode("line", { x1: legendX - 14, x2: legendX, y1: 12, y2: 12, stroke: COLORS[seriesKind(series)], class: "swatch" }));
    legendX -= 26;
  }
  return svg;
}

function statusLine(model, store, seriesPoints) {
  const total = model.get("total_epochs");
  const parts = [`epoch ${store.epochs}${total ? ` / ${total}` : ""}`];
  for (const [series, points] of seriesPoints) {
    const last = points[points.length - 1];
    if (seriesKind(series) !== "batch" && last) parts.push(`${series} ${+last[1].toPrecision(4)}`);
  }
  return [...parts, model.get("message")].filter(Boolean).join("   ");
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "tfjs-lab-fit-plot";
  root.dataset.tfjsLabWidget = "fit-plot";
  const heading = document.createElement("div");
  heading.className = "heading";
  const charts = document.createElement("div");
  const status = document.createElement("div");
  status.className = "status";
  root.append(heading, charts, status);
  el.append(root);

  const store = new PointStore();
  let frame = null;
  let snapshotRequested = false;

  function draw() {
    frame = null;
    const layout = model.get("layout");
    const seriesPoints = store.bySeries();
    let xMax = Math.max(1, model.get("total_epochs"));
    for (const x of store.xs) if (x > xMax) xMax = x;
    const width = layout.width || Math.max(320, Math.min(900, el.clientWidth || 600));
    const size = { width, height: layout.height, xMax, xLabel: layout.x_label, yLabel: layout.y_label };
    charts.replaceChildren(...model.get("charts").map((chart) => drawChart(chart, seriesPoints, size)));
    heading.textContent = model.get("title");
    status.textContent = statusLine(model, store, seriesPoints);
    root.dataset.state = model.get("state");
    root.dataset.epochs = String(store.epochs);
    root.dataset.points = String(store.received);
  }

  function schedule() {
    if (frame === null) frame = requestAnimationFrame(draw);
  }

  function take(payload, columns) {
    store.receive(payload, columns);
    if (payload.start === 0) snapshotRequested = false;
    if (store.hasGaps && !snapshotRequested) requestSnapshot();
    schedule();
  }

  function requestSnapshot() {
    snapshotRequested = true;
    model.send({ type: "snapshot-request" });
  }

  function onMessage(message, buffers) {
    if (message.type === "points") take(message, buffers);
  }

  function onFinal() {
    const final = model.get("final");
    if (final && final.series) take(final, [final.codes, final.x, final.y]);
  }

  model.on("msg:custom", onMessage);
  model.on("change:final", onFinal);
  const traits = ["change:state", "change:charts", "change:layout", "change:message", "change:title",
    "change:total_epochs"];
  for (const event of traits) model.on(event, schedule);
  const resizes = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
  resizes?.observe(el);

  onFinal(); // a finished plot: every point is in the model already
  if (model.get("state") === "training") requestSnapshot(); // opened while (or after) a fit ran
  draw();
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:final", onFinal);
    for (const event of traits) model.off(event, schedule);
    resizes?.disconnect();
    if (frame !== null) cancelAnimationFrame(frame);
  };
}

export default { render };
