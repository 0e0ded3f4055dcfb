/* The actor page's interaction network: a radial layout with the actor in the middle and its
 * counterparts around it (most events first, clockwise from the top). Edges out of the centre:
 * what the actor does to the counterpart; edges into it: what the counterpart does to it. */
(function () {
  "use strict";

  const TL = window.Threatline;
  const MAX_NODES = 24;

  function summarise(counterparts) {
    const byCode = new Map();
    for (const c of counterparts) {
      if (!byCode.has(c.code)) byCode.set(c.code, { code: c.code, name: c.name, out: 0, in: 0, outTypes: [], inTypes: [] });
      const row = byCode.get(c.code);
      row[c.direction] += c.events;
      row[c.direction === "out" ? "outTypes" : "inTypes"].push(c.type + " " + c.events);
    }
    return Array.from(byCode.values()).sort((a, b) => b.out + b.in - (a.out + a.in) || a.code.localeCompare(b.code));
  }

  function edge(from, to, bend, rFrom, rTo) {
    const dx = to[0] - from[0];
    const dy = to[1] - from[1];
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const a = [from[0] + ux * rFrom, from[1] + uy * rFrom];
    const b = [to[0] - ux * rTo, to[1] - uy * rTo];
    const c = [(a[0] + b[0]) / 2 - uy * bend, (a[1] + b[1]) / 2 + ux * bend];
    return "M" + a[0].toFixed(1) + "," + a[1].toFixed(1) + " Q" + c[0].toFixed(1) + "," + c[1].toFixed(1) + " " + b[0].toFixed(1) + "," + b[1].toFixed(1);
  }

  function draw(container, actor) {
    const rows = summarise(actor.counterparts).slice(0, MAX_NODES);
    if (!rows.length) {
      container.replaceChildren(TL.el("p", { class: "empty" }, "No counterparts in the matching events."));
      return;
    }
    const size = 560;
    const c = [size / 2, size / 2];
    const radius = size / 2 - 70;
    const maxTotal = Math.max(...rows.map((r) => r.out + r.in));
    const maxEdge = Math.max(...rows.map((r) => Math.max(r.out, r.in)));
    const svg = TL.svg("svg", { viewBox: "0 0 " + size + " " + size, role: "img", "aria-label": "Interactions of " + actor.code });
    const defs = TL.svg("defs");
    for (const dir of ["out", "in"]) {
      const marker = TL.svg("marker", { id: "arrow-" + dir, viewBox: "0 0 10 10", refX: 8, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
      marker.appendChild(TL.svg("path", { d: "M0,0 L10,5 L0,10 z", class: "edge-head " + dir, fill: dir === "out" ? "#a50f15" : "#1d4ed8" }));
      defs.appendChild(marker);
    }
    svg.appendChild(defs);
    const edges = TL.svg("g");
    const nodes = TL.svg("g");
    const centreR = 30;
    const base = TL.filters();
    base.delete("actor");
    rows.forEach((row, i) => {
      const angle = -Math.PI / 2 + (i * 2 * Math.PI) / rows.length;
      const p = [c[0] + radius * Math.cos(angle), c[1] + radius * Math.sin(angle)];
      const r = 8 + 14 * Math.sqrt((row.out + row.in) / maxTotal);
      if (row.out) {
        const path = TL.svg("path", { class: "edge out", d: edge(c, p, 14, centreR, r + 2), "stroke-width": (1.5 + (7 * row.out) / maxEdge).toFixed(1), "marker-end": "url(#arrow-out)" });
        path.appendChild(TL.svg("title", {}, actor.code + " → " + row.code + ": " + row.outTypes.join(", ")));
        edges.appendChild(path);
      }
      if (row.in) {
        const path = TL.svg("path", { class: "edge in", d: edge(p, c, 14, r + 2, centreR + 2), "stroke-width": (1.5 + (7 * row.in) / maxEdge).toFixed(1), "marker-end": "url(#arrow-in)" });
        path.appendChild(TL.svg("title", {}, row.code + " → " + actor.code + ": " + row.inTypes.join(", ")));
        edges.appendChild(path);
      }
      const group = TL.svg("g");
      group.appendChild(TL.svg("circle", { class: "node", cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: r.toFixed(1) }));
      const below = Math.sin(angle) > -0.2;
      group.appendChild(TL.svg("text", { class: "node-label", x: p[0].toFixed(1), y: (p[1] + (below ? r + 13 : -r - 5)).toFixed(1), "text-anchor": "middle" }, row.code));
      const tip = (row.name || row.code) + ": " + row.code + " → " + actor.code + " " + row.in + " events, " + actor.code + " → " + row.code + " " + row.out + " events";
      nodes.appendChild(TL.svgLink(TL.url("/actors/" + encodeURIComponent(row.code), base), group, tip));
    });
    nodes.appendChild(TL.svg("circle", { class: "node center", cx: c[0], cy: c[1], r: centreR }));
    nodes.appendChild(TL.svg("text", { class: "node-label center", x: c[0], y: c[1] + 4, "text-anchor": "middle" }, actor.code));
    svg.append(edges, nodes);
    container.replaceChildren(svg);
  }

  async function init() {
    const container = document.getElementById("network");
    if (!container) return;
    const code = container.getAttribute("data-code") || "";
    const params = TL.filters();
    params.delete("actor");
    params.set("limit", "1");
    try {
      draw(container, await TL.getJSON("/api/actors/" + encodeURIComponent(code), params));
    } catch (error) {
      TL.fail(container, error);
    }
  }

  init();
})();
