// Progress, Stop button and weight/gradient statistics of tf.vis.dashboard(). Protocol and
// data-* attributes: tfjs_lab/vis/dashboard.py. Named exports are for the unit tests
// (tests/vis/training_panel.test.mjs); anywidget uses the default export.
export const STATS_HEADERS = ["Layer", "Weight", "Shape", "Mean", "Std", "Min", "Max", "Mean |grad|", "Max |grad|"];

// "1:05", "12 s", "1:02:03" for seconds; "" when unknown.
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

export function formatStat(value) {
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return `[${value.join(",")}]`;
  if (typeof value !== "number") return String(value);
  return value === 0 ? "0" : Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? String(+value.toPrecision(4)) : value.toExponential(2);
}

// Text of the progress lines for a progress dict {epoch, epochs, batch, batches, elapsed, eta}.
export function progressText(p, state) {
  const epochs = p.epochs ?? 0;
  const epochLine = `Epoch ${Math.min((p.epoch ?? 0) + (state === "done" ? 0 : 1), epochs)} / ${epochs}`;
  const batchLine = p.batches ? `batch ${p.batch ?? 0} / ${p.batches}` : `batch ${p.batch ?? 0}`;
  const time = [`elapsed ${formatDuration(p.elapsed)}`];
  if (state !== "done" && p.eta !== null && p.eta !== undefined) time.push(`ETA ${formatDuration(p.eta)}`);
  return [epochLine, batchLine, time.join("   ")];
}

function bar(fraction) {
  const outer = document.createElement("div");
  outer.className = "bar";
  const inner = document.createElement("div");
  inner.style.width = `${Math.round(Math.min(Math.max(fraction, 0), 1) * 1000) / 10}%`;
  outer.append(inner);
  return outer;
}

function statsTable(rows) {
  const table = document.createElement("table");
  const head = document.createElement("tr");
  for (const h of STATS_HEADERS) {
    const th = document.createElement("th");
    th.textContent = h;
    head.append(th);
  }
  table.append(head);
  for (const row of rows) {
    const tr = document.createElement("tr");
    for (const cell of row) {
      const td = document.createElement("td");
      td.textContent = formatStat(cell);
      tr.append(td);
    }
    table.append(tr);
  }
  return table;
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "tfjs-lab-training-panel";
  root.dataset.tfjsLabWidget = "training-panel";
  const lines = document.createElement("div");
  lines.className = "lines";
  const stop = document.createElement("button");
  stop.className = "stop";
  stop.textContent = "Stop";
  stop.addEventListener("click", () => {
    model.send({ type: "stop" });
    stop.disabled = true;
    stop.textContent = "Stopping after this batch…";
  });
  const stats = document.createElement("div");
  stats.className = "stats";
  root.append(lines, stop, stats);
  el.append(root);
  let frame = null;

  function draw() {
    frame = null;
    const p = model.get("progress") || {};
    const state = model.get("state");
    const [epochLine, batchLine, timeLine] = progressText(p, state);
    const epochFraction = p.epochs ? ((p.epoch ?? 0) + (p.batches ? (p.batch ?? 0) / p.batches : 0)) / p.epochs : 0;
    const row = (text, fraction) => {
      const div = document.createElement("div");
      div.className = "row";
      const label = document.createElement("span");
      label.textContent = text;
      div.append(label, bar(fraction));
      return div;
    };
    const time = document.createElement("div");
    time.className = "time";
    time.textContent = model.get("stopped") ? `${timeLine}   stopped by the Stop button` : timeLine;
    lines.replaceChildren(row(epochLine, state === "done" && !model.get("stopped") ? 1 : epochFraction),
      row(batchLine, p.batches ? (p.batch ?? 0) / p.batches : 0), time);
    stop.hidden = state === "done";
    if (model.get("stop_requested")) stop.disabled = true;
    stats.replaceChildren(...(model.get("stats").length ? [statsTable(model.get("stats"))] : []));
    root.dataset.state = state;
    root.dataset.epoch = String(p.epoch ?? 0);
    root.dataset.batch = String(p.batch ?? 0);
    root.dataset.stopped = String(model.get("stopped"));
  }

  function schedule() {
    if (frame === null) frame = requestAnimationFrame(draw);
  }
  const events = ["change:progress", "change:stats", "change:state", "change:stopped", "change:stop_requested"];
  for (const event of events) model.on(event, schedule);
  draw();
  return () => {
    for (const event of events) model.off(event, schedule);
    if (frame !== null) cancelAnimationFrame(frame);
  };
}

export default { render };
