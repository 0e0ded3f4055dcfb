/* Zoomable timeline (events on a time axis, one lane per type) and the events-per-period chart. */
(function () {
  "use strict";

  const TL = window.Threatline;
  const M = { left: 96, right: 16, top: 6, lane: 24, axis: 26 };

  function jitter(id) {
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
    return ((Math.abs(h) % 100) / 100 - 0.5) * (M.lane - 12);
  }

  function describe(ev) {
    const src = ev.source ? ev.source.code || ev.source.name : "?";
    const tgt = ev.target ? ev.target.code || ev.target.name : "?";
    const text = ev.mentions.length ? ev.mentions[0].text : "";
    return ev.date + " " + ev.type + " (" + ev.status + ") " + src + " → " + tgt + ": " + text;
  }

  function drawTimeline(container, events, total) {
    const dated = events.filter((e) => e.date);
    const note = document.getElementById("timeline-note");
    if (note) {
      const undated = events.length - dated.length;
      let text = "Showing " + dated.length + " of " + total + " events";
      if (events.length < total) text += " (the most recent; narrow the filters to see others)";
      if (undated) text += "; " + undated + " undated not drawn";
      note.textContent = text + ".";
    }
    if (!dated.length) {
      container.replaceChildren(TL.el("p", { class: "empty" }, "No dated events match these filters."));
      return;
    }
    const lanes = TL.TYPES.filter((t) => dated.some((e) => e.type === t));
    TL.typeLegend(document.getElementById("timeline-legend"), lanes);
    const width = Math.max(container.clientWidth || 900, 400);
    const plotW = width - M.left - M.right;
    const lanesH = lanes.length * M.lane;
    const height = M.top + lanesH + M.axis;
    const items = dated.map((e) => ({ ev: e, span: TL.period(e.date) }));
    let full0 = Math.min(...items.map((i) => i.span[0]));
    let full1 = Math.max(...items.map((i) => i.span[1]));
    if (full1 - full0 < 30 * TL.DAY) {
      const mid = (full0 + full1) / 2;
      full0 = mid - 15 * TL.DAY;
      full1 = mid + 15 * TL.DAY;
    }
    const pad = (full1 - full0) * 0.03;
    full0 -= pad;
    full1 += pad;
    let v0 = full0;
    let v1 = full1;

    const svg = TL.svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Timeline of events by type" });
    const clipId = "tl-clip-" + Math.random().toString(36).slice(2);
    const defs = TL.svg("defs");
    const clip = TL.svg("clipPath", { id: clipId });
    clip.appendChild(TL.svg("rect", { x: M.left, y: 0, width: plotW, height: M.top + lanesH }));
    defs.appendChild(clip);
    svg.appendChild(defs);
    lanes.forEach((type, i) => {
      const y = M.top + i * M.lane;
      svg.appendChild(TL.svg("rect", { class: "lane-bg" + (i % 2 ? " odd" : ""), x: 0, y: y, width: width, height: M.lane }));
      svg.appendChild(TL.svg("text", { class: "lane-label", x: 6, y: y + M.lane / 2 + 4 }, type));
    });
    const grid = TL.svg("g", { "clip-path": "url(#" + clipId + ")" });
    const marks = TL.svg("g", { "clip-path": "url(#" + clipId + ")" });
    const axis = TL.svg("g", { class: "axis", transform: "translate(0," + (M.top + lanesH) + ")" });
    svg.append(grid, marks, axis);

    const nodes = items.map((item) => {
      const lane = lanes.indexOf(item.ev.type);
      const cy = M.top + lane * M.lane + M.lane / 2 + jitter(item.ev.id);
      const isDay = item.ev.date_precision === "day" || item.ev.date.length === 10;
      const cls = "t-" + item.ev.type + " s-" + item.ev.status;
      const shape = isDay
        ? TL.svg("circle", { class: "dot " + cls, r: 5, cy: cy, "data-id": item.ev.id })
        : TL.svg("rect", { class: "period " + cls, y: cy - 3, height: 6, "data-id": item.ev.id });
      marks.appendChild(TL.svgLink("/events/" + encodeURIComponent(item.ev.id), shape, describe(item.ev)));
      return { item: item, shape: shape, isDay: isDay };
    });

    function x(t) {
      return M.left + ((t - v0) / (v1 - v0)) * plotW;
    }

    function redraw() {
      for (const n of nodes) {
        if (n.isDay) {
          n.shape.setAttribute("cx", x((n.item.span[0] + n.item.span[1]) / 2).toFixed(1));
        } else {
          const a = x(n.item.span[0]);
          n.shape.setAttribute("x", a.toFixed(1));
          n.shape.setAttribute("width", Math.max(3, x(n.item.span[1]) - a).toFixed(1));
        }
      }
      grid.replaceChildren();
      axis.replaceChildren(TL.svg("line", { class: "domain", x1: M.left, x2: width - M.right, y1: 0, y2: 0 }));
      const ticks = TL.timeTicks(v0, v1, Math.max(2, Math.floor(plotW / 110)));
      for (const t of ticks.ticks) {
        const tx = x(t);
        grid.appendChild(TL.svg("line", { class: "gridline", x1: tx, x2: tx, y1: M.top, y2: M.top + lanesH }));
        axis.appendChild(TL.svg("line", { x1: tx, x2: tx, y1: 0, y2: 5 }));
        axis.appendChild(TL.svg("text", { x: tx, y: 18, "text-anchor": "middle" }, TL.formatTick(t, ticks.unit)));
      }
    }

    container.replaceChildren(svg);
    redraw();
    TL.panZoom(svg, container, container.closest(".panel"), {
      zoom(factor, fx) {
        const span = Math.min(Math.max((v1 - v0) * factor, TL.DAY * 2), (full1 - full0) * 4);
        const f = Math.min(Math.max((fx * width - M.left) / plotW, 0), 1);
        const anchor = v0 + f * (v1 - v0);
        v0 = anchor - f * span;
        v1 = v0 + span;
        redraw();
      },
      pan(dx) {
        const shift = (dx * width * (v1 - v0)) / plotW;
        v0 -= shift;
        v1 -= shift;
        redraw();
      },
      reset() {
        v0 = full0;
        v1 = full1;
        redraw();
      },
    });
  }

  function drawChart(container, stats) {
    const bucketLabel = document.getElementById("chart-bucket");
    if (bucketLabel) bucketLabel.textContent = stats.bucket;
    const rows = stats.per_day;
    if (!rows.length) {
      container.replaceChildren(TL.el("p", { class: "empty" }, "No dated events match these filters."));
      return;
    }
    const types = TL.TYPES.filter((t) => rows.some((r) => r.type === t));
    TL.typeLegend(document.getElementById("chart-legend"), types);
    const byDate = new Map();
    for (const r of rows) {
      if (!byDate.has(r.date)) byDate.set(r.date, {});
      byDate.get(r.date)[r.type] = r.events;
    }
    const dates = Array.from(byDate.keys()).sort();
    const step = { day: TL.DAY, week: 7 * TL.DAY, month: 30.44 * TL.DAY }[stats.bucket];
    const t0 = TL.period(dates[0])[0];
    const t1 = TL.period(dates[dates.length - 1])[0] + step;
    const totals = dates.map((d) => Object.values(byDate.get(d)).reduce((a, b) => a + b, 0));
    const maxTotal = Math.max(...totals, 1);
    const width = Math.max(container.clientWidth || 900, 400);
    const height = 220;
    const L = 44;
    const R = 12;
    const T = 8;
    const B = 26;
    const plotW = width - L - R;
    const plotH = height - T - B;
    const x = (t) => L + ((t - t0) / (t1 - t0)) * plotW;
    const y = (v) => T + plotH - (v / maxTotal) * plotH;
    const svg = TL.svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": "Events per " + stats.bucket + " by type" });
    const axis = TL.svg("g", { class: "axis" });
    for (const v of [0, Math.round(maxTotal / 2), maxTotal]) {
      axis.appendChild(TL.svg("line", { class: "gridline", x1: L, x2: width - R, y1: y(v), y2: y(v) }));
      axis.appendChild(TL.svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, v));
    }
    const ticks = TL.timeTicks(t0, t1, Math.max(2, Math.floor(plotW / 110)));
    for (const t of ticks.ticks) {
      axis.appendChild(TL.svg("text", { x: x(t), y: height - 8, "text-anchor": "middle" }, TL.formatTick(t, ticks.unit)));
    }
    svg.appendChild(axis);
    const base = TL.filters();
    const bars = TL.svg("g");
    dates.forEach((date) => {
      const start = TL.period(date)[0];
      const barW = Math.max(1, x(start + step) - x(start) - (stats.bucket === "day" ? 0.5 : 1));
      let acc = 0;
      for (const type of types) {
        const n = byDate.get(date)[type] || 0;
        if (!n) continue;
        const rect = TL.svg("rect", { class: "bar t-" + type, x: x(start).toFixed(1), width: barW.toFixed(1), y: y(acc + n).toFixed(1), height: Math.max(0.5, y(acc) - y(acc + n)).toFixed(1) });
        const until = TL.isoDay(start + step - TL.DAY);
        const href = TL.url("/events", base, { type: type, since: date, until: stats.bucket === "month" ? TL.isoDay(TL.period(date.slice(0, 7))[1] - TL.DAY) : until });
        bars.appendChild(TL.svgLink(href, rect, date + " " + type + ": " + n));
        acc += n;
      }
    });
    svg.appendChild(bars);
    container.replaceChildren(svg);
  }

  async function init() {
    const timeline = document.getElementById("timeline");
    const chart = document.getElementById("chart");
    const base = TL.filters();
    if (timeline) {
      const params = new URLSearchParams(base);
      params.set("sort", "-date");
      params.set("limit", timeline.getAttribute("data-limit") || "500");
      const actor = timeline.getAttribute("data-actor");
      if (actor) params.set("actor", actor);
      try {
        const page = await TL.getJSON("/api/events", params);
        drawTimeline(timeline, page.items, page.total);
      } catch (error) {
        TL.fail(timeline, error);
      }
    }
    if (chart) {
      const params = new URLSearchParams(base);
      params.set("places", "0");
      try {
        drawChart(chart, await TL.getJSON("/api/stats", params));
      } catch (error) {
        TL.fail(chart, error);
      }
    }
  }

  init();
})();
