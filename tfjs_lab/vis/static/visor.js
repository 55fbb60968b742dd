// The visor of tfjs_lab's tf.vis: named tabs, each holding named surfaces whose HTML the kernel
// draws (tfjs_lab/vis/render.py). Protocol and data-* attributes: tfjs_lab/vis/visor.py.
// The named export is for the unit tests (tests/vis/visor.test.mjs); anywidget uses the default.

// [{tab, name, html}] -> Map(tab -> [surfaces]) in order of first appearance.
export function groupByTab(surfaces) {
  const tabs = new Map();
  for (const surface of surfaces) {
    if (!tabs.has(surface.tab)) tabs.set(surface.tab, []);
    tabs.get(surface.tab).push(surface);
  }
  return tabs;
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "tfjs-lab-visor";
  root.dataset.tfjsLabWidget = "visor";
  const bar = document.createElement("div");
  bar.className = "tabs";
  const body = document.createElement("div");
  body.className = "body";
  root.append(bar, body);
  el.append(root);
  const drawn = new Map(); // "tab\u0000name" -> [element, html]: unchanged surfaces are not redrawn

  function draw() {
    const tabs = groupByTab(model.get("surfaces"));
    let active = model.get("active_tab");
    if (!tabs.has(active)) active = tabs.keys().next().value ?? "";
    root.dataset.activeTab = active;
    root.dataset.state = model.get("opened") ? "open" : "closed";
    root.classList.toggle("full-screen", model.get("full_screen"));
    bar.replaceChildren(...[...tabs.keys()].map((tab) => {
      const button = document.createElement("button");
      button.textContent = tab;
      button.dataset.tab = tab;
      button.className = tab === active ? "tab active" : "tab";
      button.addEventListener("click", () => {
        model.set("active_tab", tab);
        model.save_changes();
      });
      return button;
    }));
    const shown = [];
    for (const [tab, surfaces] of tabs) {
      for (const surface of surfaces) {
        const key = `${tab}\u0000${surface.name}`;
        let [node, html] = drawn.get(key) ?? [null, null];
        if (node === null) {
          node = document.createElement("div");
          node.className = "surface";
          node.dataset.surface = surface.name;
          node.dataset.tab = tab;
          const label = document.createElement("div");
          label.className = "label";
          label.textContent = surface.name;
          node.append(label, document.createElement("div"));
        }
        if (html !== surface.html) node.children[1].innerHTML = surface.html;
        node.hidden = tab !== active;
        drawn.set(key, [node, surface.html]);
        shown.push(node);
      }
    }
    body.replaceChildren(...shown);
    body.hidden = !model.get("opened");
  }

  const events = ["change:surfaces", "change:active_tab", "change:opened", "change:full_screen"];
  for (const event of events) model.on(event, draw);
  draw();
  return () => { for (const event of events) model.off(event, draw); };
}

export default { render };
