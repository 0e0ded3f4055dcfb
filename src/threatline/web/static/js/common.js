/* Threatline dashboard: helpers shared by every page.
 *
 * Safety rule for all scripts: data from the API only ever reaches the page through
 * textContent, setAttribute (never on-* or style attributes) and URL-encoded links; no
 * innerHTML, no insertAdjacentHTML, no document.write.
 */
(function () {
  "use strict";

  const TL = (window.Threatline = window.Threatline || {});
  const SVG_NS = "http://www.w3.org/2000/svg";

  TL.TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
  ];
  TL.FILTER_KEYS = [
    "actor", "source", "target", "type", "status", "since", "until", "place", "text",
    "historical", "threat_status",
  ];
  TL.DAY = 86400000;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (/^on/i.test(key) || key === "style") throw new Error("refusing attribute " + key);
      node.setAttribute(key, String(value));
    }
    return node;
  }

  /** An HTML element with attributes and text (set as text, never parsed). */
  TL.el = function (tag, attrs, text) {
    const node = setAttrs(document.createElement(tag), attrs);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  /** An SVG element with attributes and text. */
  TL.svg = function (tag, attrs, text) {
    const node = setAttrs(document.createElementNS(SVG_NS, tag), attrs);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  /** An SVG link wrapping a child, with a tooltip. */
  TL.svgLink = function (href, child, tooltip) {
    const link = TL.svg("a", { href: href });
    if (tooltip) child.appendChild(TL.svg("title", {}, tooltip));
    link.appendChild(child);
    return link;
  };

  /** The shared filters of the current page's query string (non-empty ones). */
  TL.filters = function () {
    const here = new URLSearchParams(window.location.search);
    const out = new URLSearchParams();
    for (const key of TL.FILTER_KEYS) {
      const value = (here.get(key) || "").trim();
      if (value) out.set(key, value);
    }
    return out;
  };

  /** `path?query` from a base query and overrides (null or "" removes a key). */
  TL.url = function (path, base, changes) {
    const params = new URLSearchParams(base || "");
    for (const [key, value] of Object.entries(changes || {})) {
      if (value === null || value === undefined || value === "") params.delete(key);
      else params.set(key, String(value));
    }
    const query = params.toString();
    return query ? path + "?" + query : path;
  };

  TL.getJSON = async function (path, params) {
    const response = await fetch(TL.url(path, params), { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let message = response.status + " " + response.statusText;
      try {
        const body = await response.json();
        if (body && body.error && body.error.message) message = body.error.message;
      } catch (_ignored) {
        /* not JSON */
      }
      throw new Error(message);
    }
    return response.json();
  };

  /** Show a failure inside a view instead of leaving it blank. */
  TL.fail = function (container, error) {
    container.replaceChildren(TL.el("p", { class: "error" }, "Could not load: " + error.message));
  };

  /** [start, end) in ms (UTC) of a YYYY, YYYY-MM or YYYY-MM-DD date. */
  TL.period = function (text) {
    const parts = String(text).split("-").map(Number);
    if (parts.length === 1) return [Date.UTC(parts[0], 0, 1), Date.UTC(parts[0] + 1, 0, 1)];
    if (parts.length === 2) return [Date.UTC(parts[0], parts[1] - 1, 1), Date.UTC(parts[0], parts[1], 1)];
    const start = Date.UTC(parts[0], parts[1] - 1, parts[2]);
    return [start, start + TL.DAY];
  };

  TL.isoDay = function (ms) {
    return new Date(ms).toISOString().slice(0, 10);
  };

  TL.formatTick = function (ms, unit) {
    const d = new Date(ms);
    if (unit === "year") return String(d.getUTCFullYear());
    if (unit === "month") return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  };

  /** Calendar-aligned ticks over [t0, t1] aiming at about `count` of them. */
  TL.timeTicks = function (t0, t1, count) {
    const span = Math.max(t1 - t0, 1);
    const steps = [
      ["day", 1], ["day", 2], ["day", 7], ["day", 14], ["month", 1], ["month", 3],
      ["month", 6], ["year", 1], ["year", 2], ["year", 5], ["year", 10],
    ];
    const approx = { day: TL.DAY, month: 30.44 * TL.DAY, year: 365.25 * TL.DAY };
    let [unit, step] = steps[steps.length - 1];
    for (const [u, s] of steps) {
      if (span / (approx[u] * s) <= count) {
        unit = u;
        step = s;
        break;
      }
    }
    const ticks = [];
    const d = new Date(t0);
    let cursor;
    if (unit === "day") {
      cursor = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      while (cursor <= t1) {
        if (cursor >= t0) ticks.push(cursor);
        cursor += step * TL.DAY;
      }
    } else {
      let year = d.getUTCFullYear();
      let month = unit === "month" ? d.getUTCMonth() - (d.getUTCMonth() % step) : 0;
      if (unit === "year") year -= year % step;
      for (;;) {
        cursor = Date.UTC(year, month, 1);
        if (cursor > t1) break;
        if (cursor >= t0) ticks.push(cursor);
        if (unit === "month") month += step;
        else year += step;
      }
    }
    return { unit: unit === "day" && step >= 7 ? "day" : unit, ticks: ticks };
  };

  /** A legend of event types; each entry links to the page filtered by that type. */
  TL.typeLegend = function (container, types) {
    if (!container) return;
    container.replaceChildren();
    for (const type of types) {
      const link = TL.el("a", { href: TL.url(window.location.pathname, TL.filters(), { type: type, offset: null }) });
      link.appendChild(TL.el("span", { class: "key t-" + type }));
      link.appendChild(document.createTextNode(type));
      container.appendChild(link);
    }
  };

  /**
   * Wheel zoom, drag pan, keyboard and buttons for an SVG view. `handlers`: zoom(factor,
   * fx, fy) with the focus as a fraction of the view, pan(dx, dy) in view fractions, reset().
   * A drag never counts as a click on the links inside.
   */
  TL.panZoom = function (svgNode, focusNode, panel, handlers) {
    let drag = null;
    let dragged = false;
    svgNode.classList.add("pannable");
    const frac = (event) => {
      const box = svgNode.getBoundingClientRect();
      return [(event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height];
    };
    svgNode.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const [fx, fy] = frac(event);
        handlers.zoom(Math.exp(event.deltaY * 0.0015), fx, fy);
      },
      { passive: false },
    );
    svgNode.addEventListener("mousedown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY };
      dragged = false;
    });
    window.addEventListener("mousemove", (event) => {
      if (!drag) return;
      const box = svgNode.getBoundingClientRect();
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) return;
      dragged = true;
      svgNode.classList.add("dragging");
      handlers.pan(dx / box.width, dy / box.height);
      drag = { x: event.clientX, y: event.clientY };
    });
    window.addEventListener("mouseup", () => {
      drag = null;
      svgNode.classList.remove("dragging");
    });
    svgNode.addEventListener(
      "click",
      (event) => {
        if (dragged) {
          event.preventDefault();
          event.stopPropagation();
          dragged = false;
        }
      },
      true,
    );
    if (focusNode) {
      focusNode.addEventListener("keydown", (event) => {
        const keys = {
          "+": () => handlers.zoom(0.7, 0.5, 0.5),
          "=": () => handlers.zoom(0.7, 0.5, 0.5),
          "-": () => handlers.zoom(1 / 0.7, 0.5, 0.5),
          "0": () => handlers.reset(),
          ArrowLeft: () => handlers.pan(0.1, 0),
          ArrowRight: () => handlers.pan(-0.1, 0),
          ArrowUp: () => handlers.pan(0, 0.1),
          ArrowDown: () => handlers.pan(0, -0.1),
        };
        if (keys[event.key]) {
          event.preventDefault();
          keys[event.key]();
        }
      });
    }
    if (panel) {
      for (const button of panel.querySelectorAll("[data-zoom]")) {
        button.addEventListener("click", () => {
          const what = button.getAttribute("data-zoom");
          if (what === "in") handlers.zoom(0.6, 0.5, 0.5);
          else if (what === "out") handlers.zoom(1 / 0.6, 0.5, 0.5);
          else handlers.reset();
        });
      }
    }
  };

  /** Filter forms: leave empty fields out of the URL; suggest actor codes on first focus. */
  function setupFilters() {
    for (const form of document.querySelectorAll("form.filters")) {
      form.addEventListener("submit", () => {
        for (const field of form.querySelectorAll("input, select")) {
          if (!field.value) field.disabled = true;
        }
      });
    }
    const input = document.querySelector("form.filters input[name=actor]");
    const list = document.getElementById("actor-codes");
    if (!input || !list) return;
    let loaded = false;
    input.addEventListener("focus", async () => {
      if (loaded) return;
      loaded = true;
      try {
        const page = await TL.getJSON("/api/actors", new URLSearchParams({ limit: "300" }));
        for (const actor of page.items) {
          const option = TL.el("option", { value: actor.code });
          option.textContent = (actor.name || actor.code) + " (" + actor.events + ")";
          list.appendChild(option);
        }
      } catch (_error) {
        loaded = false;
      }
    });
  }

  setupFilters();
})();
