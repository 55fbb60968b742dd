// The StoreBrowser widget: a table of the models in the emulated browser stores with their
// actions. Protocol and data-* attributes are described in tfjs_lab/vis/store_browser.py.
// Plain ES module, no dependencies; anywidget uses the default export.

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

function render({ model, el }) {
  const root = element("div", { class: "tfjs-lab-store-browser", dataset: { tfjsLabWidget: "store-browser" } });
  el.append(root);
  let editing = null; // {url, action} of a row whose copy/move destination is being typed
  let confirming = null; // url of a row whose Delete asks for confirmation

  function send(type, url, dest) {
    root.dataset.busy = "true";
    model.send({ type, url, dest });
  }

  function actions(row) {
    const cell = element("td", { class: "actions" });
    if (editing && editing.url === row.url) {
      const input = element("input", { type: "text", class: "dest", value: `indexeddb://${row.path}-copy` });
      const ok = element("button", { class: "ok", onclick: () => { send(editing.action, row.url, input.value); editing = null; } },
        editing.action === "copy" ? "Copy" : "Move");
      const cancel = element("button", { class: "cancel", onclick: () => { editing = null; draw(); } }, "Cancel");
      cell.append(`${editing.action} to `, input, ok, cancel);
      return cell;
    }
    const button = (label, action, onclick) => element("button", { class: action, title: `${label} ${row.url}`, onclick }, label);
    cell.append(
      button("Load", "load", () => send("load", row.url)),
      button("Download", "download", () => send("download", row.url)),
      button("Copy…", "copy", () => { editing = { url: row.url, action: "copy" }; draw(); }),
      button("Move…", "move", () => { editing = { url: row.url, action: "move" }; draw(); }),
      confirming === row.url
        ? button("Confirm delete", "confirm-delete", () => { confirming = null; send("delete", row.url); })
        : button("Delete", "delete", () => { confirming = row.url; draw(); }),
    );
    return cell;
  }

  function draw() {
    const rows = model.get("models");
    const usage = model.get("usage");
    const head = element("tr", {}, ...["Model", "Saved", "Topology", "Weight specs", "Weights", "Total", ""]
      .map((title) => element("th", {}, title)));
    const body = rows.map((row) => element("tr", { dataset: { url: row.url } },
      element("td", { class: "url" }, row.url),
      element("td", { class: "date" }, row.date_saved.replace("T", " ").slice(0, 19)),
      ...[row.topology_bytes, row.weight_specs_bytes, row.weight_data_bytes, row.total_bytes]
        .map((n) => element("td", { class: "bytes" }, formatBytes(n))),
      actions(row)));
    const table = rows.length
      ? element("table", {}, element("thead", {}, head), element("tbody", {}, ...body))
      : element("p", { class: "empty" }, "No models in localstorage:// or indexeddb://");
    // The quota counts UTF-16 code units of keys and values, as browsers do.
    const percent = usage.quota ? +(100 * usage.used / usage.quota).toPrecision(2) : 0;
    const footer = element("div", { class: "usage", dataset: { used: usage.used, quota: usage.quota } },
      `localStorage: ${usage.used.toLocaleString("en")} of ${usage.quota.toLocaleString("en")} characters used (${percent}%)  `,
      element("button", { class: "refresh", onclick: () => send("refresh") }, "Refresh"));
    const links = model.get("links").map((link) => element("a", { href: link.href, download: link.name, target: "_blank" }, link.name));
    const status = element("div", { class: model.get("error") ? "status error" : "status" },
      model.get("error") || model.get("message"), ...(links.length && !model.get("error") ? [" ", ...links] : []));
    root.replaceChildren(element("div", { class: "title" }, "Stored models"), table, footer, status);
    root.dataset.models = String(rows.length);
    root.dataset.busy = "false";
  }

  const events = ["change:models", "change:usage", "change:message", "change:error", "change:links"];
  for (const event of events) model.on(event, draw);
  draw();
  return () => { for (const event of events) model.off(event, draw); };
}

export default { render };
