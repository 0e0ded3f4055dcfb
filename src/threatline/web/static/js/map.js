/* The map: bundled Natural Earth 110m countries (world-atlas TopoJSON, decoded with the vendored
 * topojson-client) in an equirectangular projection, shaded by events per country, with a
 * circle per place (area proportional to its events). Zoom and pan move the SVG viewBox. */
(function () {
  "use strict";

  const TL = window.Threatline;
  const K = 960 / 360;
  const TOP = 85;
  const BOTTOM = -60;
  const W = 960;
  const H = (TOP - BOTTOM) * K;
  const LOW = [244, 239, 233];
  const HIGH = [165, 15, 21];

  function project(lon, lat) {
    return [(lon + 180) * K, (TOP - lat) * K];
  }

  function ringPath(ring, shift) {
    let d = "";
    ring.forEach((pt, i) => {
      const [x, y] = project(pt[0] + shift, pt[1]);
      d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
    });
    return d + "Z";
  }

  /** A ring cut at the antimeridian is made continuous (longitudes past ±180), then drawn
   * once more shifted by 360° so both sides of the map show their part. */
  function ringPaths(ring) {
    const out = [];
    let previous = null;
    let offset = 0;
    for (const [lon, lat] of ring) {
      if (previous !== null && Math.abs(lon + offset - previous) > 180) offset += lon + offset > previous ? -360 : 360;
      previous = lon + offset;
      out.push([previous, lat]);
    }
    const lons = out.map((p) => p[0]);
    let d = ringPath(out, 0);
    if (Math.max(...lons) > 180) d += ringPath(out, -360);
    if (Math.min(...lons) < -180) d += ringPath(out, 360);
    return d;
  }

  function geometryPath(geometry) {
    if (!geometry) return "";
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    return polygons.map((rings) => rings.map(ringPaths).join("")).join("");
  }

  function shade(n, max) {
    if (!n) return "#e3e7ec";
    const f = Math.log1p(n) / Math.log1p(max);
    const rgb = LOW.map((lo, i) => Math.round(lo + (HIGH[i] - lo) * (0.15 + 0.85 * f)));
    return "rgb(" + rgb.join(",") + ")";
  }

  function legend(container, max) {
    if (!container) return;
    container.replaceChildren(document.createTextNode("events per country: "));
    const steps = [1, Math.round(Math.sqrt(max)), max].filter((v, i, a) => v > 0 && a.indexOf(v) === i);
    for (const v of steps) {
      const swatch = TL.svg("svg", { class: "ramp", viewBox: "0 0 18 11", width: 18, height: 11 });
      swatch.appendChild(TL.svg("rect", { width: 18, height: 11, fill: shade(v, max) }));
      container.appendChild(swatch);
      container.appendChild(document.createTextNode(" " + v + " "));
    }
  }

  function countryTable(stats, base) {
    const body = document.querySelector("#country-table tbody");
    if (!body) return;
    body.replaceChildren();
    for (const c of stats.by_country) {
      const row = TL.el("tr");
      const cell = TL.el("td");
      cell.appendChild(TL.el("a", { href: TL.url("/events", base, { place: c.country }) }, (c.name || c.country) + " (" + c.country + ")"));
      row.appendChild(cell);
      row.appendChild(TL.el("td", { class: "num" }, c.events));
      body.appendChild(row);
    }
    if (!stats.by_country.length) {
      const row = TL.el("tr");
      row.appendChild(TL.el("td", { colspan: 2, class: "empty" }, "No located events match these filters."));
      body.appendChild(row);
    }
  }

  function draw(container, world, stats) {
    const base = TL.filters();
    const counts = new Map(stats.by_country.filter((c) => c.numeric).map((c) => [c.numeric, c]));
    const max = Math.max(1, ...stats.by_country.map((c) => c.events));
    const svg = TL.svg("svg", { viewBox: "0 0 " + W + " " + H.toFixed(1), role: "img", "aria-label": "Map of events" });
    svg.appendChild(TL.svg("rect", { class: "sphere", x: 0, y: 0, width: W, height: H }));
    const countries = TL.svg("g");
    const features = window.topojson.feature(world, world.objects.countries).features;
    for (const f of features) {
      const hit = counts.get(String(f.id));
      const name = (f.properties && f.properties.name) || String(f.id);
      const path = TL.svg("path", { class: "country", d: geometryPath(f.geometry), fill: shade(hit ? hit.events : 0, max), "data-id": f.id });
      path.appendChild(TL.svg("title", {}, name + ": " + (hit ? hit.events : 0) + " events"));
      countries.appendChild(hit ? TL.svgLink(TL.url("/events", base, { place: hit.country }), path) : path);
    }
    svg.appendChild(countries);
    const located = stats.places.filter((p) => p.lat !== null && p.lon !== null);
    const maxPlace = Math.max(1, ...located.map((p) => p.events));
    const circles = [];
    const dots = TL.svg("g");
    for (const p of located) {
      const [x, y] = project(p.lon, p.lat);
      const r = 2.5 + 11 * Math.sqrt(p.events / maxPlace);
      const circle = TL.svg("circle", { class: "place", cx: x.toFixed(1), cy: y.toFixed(1), r: r.toFixed(2) });
      circles.push([circle, r]);
      const label = p.name + (p.country ? " (" + p.country + ")" : "") + ": " + p.events + " events";
      dots.appendChild(TL.svgLink(TL.url("/events", base, { place: p.name }), circle, label));
    }
    svg.appendChild(dots);
    container.replaceChildren(svg);
    legend(document.getElementById("map-legend"), max);
    const note = document.getElementById("map-note");
    if (note) note.textContent = stats.by_country.reduce((a, c) => a + c.events, 0) + " located events of " + stats.filtered_events;

    let view = [0, 0, W, H];
    function apply() {
      svg.setAttribute("viewBox", view.map((v) => v.toFixed(2)).join(" "));
      const scale = W / view[2];
      for (const [circle, r] of circles) circle.setAttribute("r", (r / Math.sqrt(scale)).toFixed(2));
    }
    TL.panZoom(svg, container, container.closest(".panel"), {
      zoom(factor, fx, fy) {
        const w = Math.min(Math.max(view[2] * factor, W / 40), W);
        const h = (w * H) / W;
        const ax = view[0] + fx * view[2];
        const ay = view[1] + fy * view[3];
        view = [ax - fx * w, ay - fy * h, w, h];
        apply();
      },
      pan(dx, dy) {
        view = [view[0] - dx * view[2], view[1] - dy * view[3], view[2], view[3]];
        apply();
      },
      reset() {
        view = [0, 0, W, H];
        apply();
      },
    });
  }

  async function init() {
    const container = document.getElementById("map");
    if (!container) return;
    const params = TL.filters();
    params.set("places", "500");
    params.set("bucket", "month");
    try {
      const [world, stats] = await Promise.all([
        TL.getJSON(container.getAttribute("data-world"), null),
        TL.getJSON("/api/stats", params),
      ]);
      draw(container, world, stats);
      countryTable(stats, TL.filters());
    } catch (error) {
      TL.fail(container, error);
    }
  }

  init();
})();
