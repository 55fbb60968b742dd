// Live training curves for tfjs_lab's FitPlot widget (see tfjs_lab/vis/fit_plot.py for the
// message protocol and the data-* attributes). Plain ES module, no dependencies: SVG by hand.
const SVG = "http://www.w3.org/2000/svg";
const BATCH_PREFIX = "batch ";
const COLORS = { epoch: "#1f77b4", val: "#ff7f0e", batch: "#9ecae1" };
const MARGIN = { left: 52, right: 12, top: 26, bottom: 30 };

function colorOf(series) {
  if (series.startsWith(BATCH_PREFIX)) return COLORS.batch;
  return series.startsWith("val_") ? COLORS.val : COLORS.epoch;
}

function chartOf(series) {
  const name = series.startsWith(BATCH_PREFIX) ? series.slice(BATCH_PREFIX.length) : series;
  return name.startsWith("val_") ? name.slice(4) : name;
}

function node(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

// About five round tick values covering [lo, hi].
function ticks(lo, hi) {
  const span = hi - lo;
  const step0 = Math.pow(10, Math.floor(Math.log10(span / 5)));
  const step = [1, 2, 5, 10].map((m) => m * step0).find((s) => span / s <= 6);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

function yDomain(model, chart, values) {
  const fixed = model.get("y_axis_domain");
  if (fixed && fixed.length === 2) return fixed;
  if (chart.unit_range && !model.get("zoom_to_fit")) return [0, 1];
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values), hi = Math.max(...values);
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

function drawChart(model, chart, seriesPoints, width) {
  const height = model.get("height");
  const svg = node("svg", { width, height, class: "tfjs-lab-fit-chart", "data-chart": chart.name });
  const mine = [...seriesPoints].filter(([series]) => chartOf(series) === chart.name);
  const values = mine.flatMap(([, pts]) => pts.map((p) => p[1]).filter((y) => y !== null));
  const xMax = Math.max(1, model.get("total_epochs"), ...mine.flatMap(([, pts]) => pts.map((p) => p[0])));
  const [yLo, yHi] = yDomain(model, chart, values);
  const w = width - MARGIN.left - MARGIN.right, h = height - MARGIN.top - MARGIN.bottom;
  const sx = (x) => MARGIN.left + (x / xMax) * w;
  const sy = (y) => MARGIN.top + (1 - (y - yLo) / (yHi - yLo)) * h;

  svg.append(node("text", { x: MARGIN.left, y: 16, class: "title" }, chart.name));
  svg.append(node("rect", { x: MARGIN.left, y: MARGIN.top, width: w, height: h, class: "frame" }));
  for (const y of ticks(yLo, yHi)) {
    svg.append(node("line", { x1: MARGIN.left, x2: MARGIN.left + w, y1: sy(y), y2: sy(y), class: "grid" }));
    svg.append(node("text", { x: MARGIN.left - 4, y: sy(y) + 4, class: "tick", "text-anchor": "end" }, String(y)));
  }
  for (const x of ticks(0, xMax).filter((x) => Number.isInteger(x))) {
    svg.append(node("text", { x: sx(x), y: MARGIN.top + h + 14, class: "tick", "text-anchor": "middle" }, String(x)));
  }
  svg.append(node("text", { x: MARGIN.left + w, y: height - 2, class: "tick", "text-anchor": "end" }, "epoch"));

  let legendX = MARGIN.left + 90;
  // Batch curves first, so the epoch curves are drawn on top of them.
  mine.sort(([a], [b]) => Number(!a.startsWith(BATCH_PREFIX)) - Number(!b.startsWith(BATCH_PREFIX)));
  for (const [series, pts] of mine) {
    const d = pts.filter((p) => p[1] !== null)
      .map((p, i) => `${i ? "L" : "M"}${sx(p[0]).toFixed(1)},${sy(Math.min(Math.max(p[1], yLo), yHi)).toFixed(1)}`)
      .join("");
    svg.append(node("path", { d, "data-series": series, stroke: colorOf(series), class: "series" }));
    svg.append(node("text", { x: legendX, y: 16, fill: colorOf(series), class: "legend" }, series));
    legendX += 8 * series.length + 24;
  }
  return svg;
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

  let points = [];
  let frame = null;

  function draw() {
    frame = null;
    const bySeries = new Map();
    for (const [series, x, y] of points) {
      if (!bySeries.has(series)) bySeries.set(series, []);
      bySeries.get(series).push([x, y]);
    }
    const width = Math.max(320, Math.min(720, el.getBoundingClientRect().width || 600));
    charts.replaceChildren(...model.get("charts").map((chart) => drawChart(model, chart, bySeries, width)));
    heading.textContent = model.get("title");
    const latest = [...bySeries].filter(([s]) => !s.startsWith(BATCH_PREFIX))
      .map(([s, pts]) => `${s} ${pts[pts.length - 1][1]?.toPrecision(4)}`);
    const total = model.get("total_epochs");
    status.textContent = [`epoch ${model.get("epochs")}${total ? " / " + total : ""}`, ...latest,
      model.get("message")].filter(Boolean).join("   ");
    root.dataset.state = model.get("state");
    root.dataset.epochs = String(model.get("epochs"));
    root.dataset.points = String(points.length);
  }

  function schedule() {
    if (frame === null) frame = requestAnimationFrame(draw);
  }

  function onMessage(message) {
    if (message.type === "append") points.push(...message.points);
    else if (message.type === "snapshot") points = message.points.slice();
    else return;
    schedule();
  }

  model.on("msg:custom", onMessage);
  const traits = ["change:state", "change:epochs", "change:charts", "change:message", "change:title",
    "change:total_epochs", "change:height", "change:zoom_to_fit", "change:y_axis_domain"];
  for (const event of traits) model.on(event, schedule);
  model.send({ type: "snapshot-request" });
  draw();
  return () => {
    model.off("msg:custom", onMessage);
    for (const event of traits) model.off(event, schedule);
    if (frame !== null) cancelAnimationFrame(frame);
  };
}

export default { render };
