// The charts, drawn as SVG by hand (no library): a radar of mastery per dimension, a line chart of
// its history, and small bars. Each chart carries a title for screen readers and a data table.
import { el, dimLabel, pct, fmtDate } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
let chartIds = 0;

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  for (const c of children) if (c) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

const round = (v) => Math.round(v * 10) / 10;

/** The rubric's order; any other dimension follows in the order given. */
export const RUBRIC = ["requirements", "estimation", "architecture", "data-model", "api", "scaling", "reliability", "communication"];
export function orderDims(names) {
  const known = RUBRIC.filter((d) => names.includes(d));
  return known.concat(names.filter((d) => !RUBRIC.includes(d)));
}

function titled(root, title) {
  const id = "chart-" + ++chartIds;
  root.setAttribute("role", "img");
  root.setAttribute("aria-labelledby", id);
  root.prepend(svg("title", { id }, title));
  return root;
}

/**
 * A radar chart of values 0-1: `values` is {dimension: value}; `compare` an optional second set.
 * `width` is the space it gets in CSS pixels, so its text is drawn at the page's size.
 */
export function radarChart(values, title, compare, width = 440) {
  const dims = orderDims(Object.keys(values));
  const W = Math.max(300, Math.min(480, width)), R = Math.min(130, W / 2 - 92), H = 2 * R + 64, cx = W / 2, cy = H / 2 + 2;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart radar" });
  const at = (i, v) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / dims.length;
    return [cx + Math.cos(a) * R * v, cy + Math.sin(a) * R * v];
  };
  for (const ring of [0.25, 0.5, 0.75, 1]) {
    const pts = dims.map((_, i) => at(i, ring).map(round).join(",")).join(" ");
    root.append(svg("polygon", { points: pts, class: "grid" }));
  }
  // Ring values just inside the rings, clear of the top axis' label.
  root.append(svg("text", { x: cx + 4, y: round(cy - R * 0.5) + 11, class: "tick" }, "0.5"));
  root.append(svg("text", { x: cx + 4, y: round(cy - R) + 11, class: "tick" }, "1"));
  dims.forEach((d, i) => {
    const [x, y] = at(i, 1);
    root.append(svg("line", { x1: cx, y1: cy, x2: round(x), y2: round(y), class: "axis" }));
    const [lx, ly] = at(i, 1.09);
    const anchor = Math.abs(lx - cx) < 8 ? "middle" : lx < cx ? "end" : "start";
    root.append(svg("text", { x: round(lx), y: round(ly + (ly > cy ? 10 : ly < cy - R * 0.9 ? -2 : 4)), "text-anchor": anchor, class: "label" },
      dimLabel(d)));
  });
  const shape = (vals, cls) => {
    const pts = dims.map((d, i) => at(i, Math.max(0, Math.min(1, vals[d] ?? 0))).map(round).join(",")).join(" ");
    root.append(svg("polygon", { points: pts, class: cls }));
  };
  if (compare) shape(compare, "area compare");
  shape(values, "area");
  dims.forEach((d, i) => {
    const [x, y] = at(i, Math.max(0, Math.min(1, values[d] ?? 0)));
    root.append(svg("circle", { cx: round(x), cy: round(y), r: 3.5, class: "dot" }, svg("title", {}, dimLabel(d) + " " + pct(values[d]))));
  });
  return titled(root, title);
}

/**
 * A line chart of series over time: `series` is [{name, points: [{at, value}]}], values 0-1.
 * Series are drawn in the colours c0..c7 of the stylesheet; `hidden` names the ones not drawn.
 */
export function lineChart(series, title, hidden = new Set(), width = 640) {
  const W = Math.max(300, Math.min(900, width)), H = W < 480 ? 220 : 260, L = 38, Rm = 12, T = 10, B = 30;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart line" });
  const times = series.flatMap((s) => s.points.map((p) => new Date(p.at).getTime())).filter((t) => !Number.isNaN(t));
  let t0 = Math.min(...times), t1 = Math.max(...times);
  if (!times.length) { t0 = Date.now() - 86400000; t1 = Date.now(); }
  if (t1 - t0 < 60000) { t0 -= 3600000; t1 += 3600000; }
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - Rm);
  const y = (v) => T + (1 - Math.max(0, Math.min(1, v))) * (H - T - B);
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    root.append(svg("line", { x1: L, x2: W - Rm, y1: round(y(v)), y2: round(y(v)), class: "grid" }));
    root.append(svg("text", { x: L - 6, y: round(y(v)) + 4, "text-anchor": "end", class: "tick" }, v.toFixed(2)));
  }
  const ticks = W < 480 ? 3 : 4;
  for (let i = 0; i < ticks; i++) {
    const t = t0 + ((t1 - t0) * i) / (ticks - 1);
    const d = new Date(t);
    const label = d.toLocaleDateString(undefined, { month: "short", day: "numeric" }) +
      (t1 - t0 < 2 * 86400000 ? " " + d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" }) : "");
    root.append(svg("text", { x: round(x(t)), y: H - 8, "text-anchor": i === 0 ? "start" : i === ticks - 1 ? "end" : "middle", class: "tick" }, label));
  }
  series.forEach((s, i) => {
    if (hidden.has(s.name) || !s.points.length) return;
    const pts = s.points.map((p) => [x(new Date(p.at).getTime()), y(p.value)]);
    const cls = "c" + (i % 8);
    if (pts.length > 1)
      root.append(svg("polyline", { points: pts.map((p) => p.map(round).join(",")).join(" "), class: "series " + cls }));
    for (const [px, py] of pts) root.append(svg("circle", { cx: round(px), cy: round(py), r: 2.6, class: "point " + cls }));
  });
  return titled(root, title);
}

/** The chart's numbers as a table inside a <details>, for screen readers and exact values. */
export function trendTable(series) {
  const tb = el("tbody");
  for (const s of series)
    for (const p of s.points) tb.append(el("tr", {}, el("td", {}, dimLabel(s.name)), el("td", {}, fmtDate(p.at)), el("td", {}, Number(p.value).toFixed(2))));
  return el("details", { class: "chart-data" }, el("summary", {}, "Show the history as a table"),
    el("div", { class: "table-scroll" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Dimension"), el("th", { scope: "col" }, "When"), el("th", { scope: "col" }, "Mastery"))), tb)));
}

/** Horizontal bars for labelled 0-1 values; the first `highlight` rows in the warning colour. */
export function barChart(rows, title, highlight = 0) {
  const W = 420, rowH = 26, L = 120, H = rows.length * rowH + 8;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart bars" });
  rows.forEach((r, i) => {
    const yTop = 4 + i * rowH;
    root.append(svg("text", { x: L - 8, y: yTop + 16, "text-anchor": "end", class: "label" }, dimLabel(r.label)));
    root.append(svg("rect", { x: L, y: yTop + 4, width: W - L - 50, height: 16, class: "track", rx: 3 }));
    root.append(svg("rect", { x: L, y: yTop + 4, width: round((W - L - 50) * Math.max(0, Math.min(1, r.value))), height: 16, class: i < highlight ? "bar weak" : "bar", rx: 3 }));
    root.append(svg("text", { x: W - 44, y: yTop + 16, class: "tick" }, Number(r.value).toFixed(2)));
  });
  return titled(root, title);
}
