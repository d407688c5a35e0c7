// Plain SVG charts for the dashboard. Every label is set with textContent: nothing from the data is parsed as markup.
"use strict";

const SVG_NS = "http://www.w3.org/2000/svg";

function svgEl(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    node.setAttribute(k, String(v));
  }
  return node;
}

// A fixed colour per known error class (server-side faults warm, client population cool, noise grey), so a class
// keeps its colour on every page; an unknown class gets one from its name.
const KNOWN_COLOURS = {
  cert_expired: "#d1495b", cert_untrusted: "#e07a5f", cert_bad: "#9c2a3f", cert_revoked: "#7f1d1d",
  no_shared_cipher: "#edae49", protocol_version: "#00798c", inappropriate_fallback: "#3d9970",
  sni_unrecognized: "#b5651d", no_application_protocol: "#8d6e63", client_cert_required: "#6a4c93",
  client_cert_rejected: "#8e44ad", proxy_protocol_mismatch: "#c2185b", tps_limit: "#e65100",
  not_tls: "#94a3b8", sslv2_hello: "#64748b", peer_abort: "#30638e", timeout: "#457b9d",
  decode_error: "#a0522d", internal_error: "#5d4037", other_alert: "#78909c", unclassified: "#b0bec5"};
const CLASS_COLOURS = ["#2a9d8f", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e", "#9467bd"];
function classColour(name) {
  if (KNOWN_COLOURS[name]) {
    return KNOWN_COLOURS[name];
  }
  let h = 0;
  for (const ch of String(name)) {
    h = (h * 31 + ch.codePointAt(0)) >>> 0;
  }
  return CLASS_COLOURS[h % CLASS_COLOURS.length];
}

// A sparkline: failures per step as a red area (own scale), attempts as a grey line (own scale).
function sparkline(points, title) {
  const w = 140, h = 30, pad = 2;
  const svg = svgEl("svg", {width: w, height: h, viewBox: `0 0 ${w} ${h}`, class: "spark", role: "img"});
  const t = svgEl("title");
  t.textContent = title;
  svg.appendChild(t);
  if (!points.length) {
    return svg;
  }
  const n = points.length;
  const x = i => pad + (n === 1 ? 0 : i * (w - 2 * pad) / (n - 1));
  const maxA = Math.max(1, ...points.map(p => p.attempts || 0));
  const maxF = Math.max(1, ...points.map(p => p.failures || 0));
  if (points.some(p => p.attempts != null)) {
    const line = points.map((p, i) => `${x(i).toFixed(1)},${(h - pad - (p.attempts || 0) * (h - 2 * pad) / maxA).toFixed(1)}`);
    svg.appendChild(svgEl("polyline", {points: line.join(" "), class: "spark-attempts"}));
  }
  const area = [`${x(0).toFixed(1)},${h - pad}`];
  points.forEach((p, i) => area.push(`${x(i).toFixed(1)},${(h - pad - (p.failures || 0) * (h - 2 * pad) / maxF).toFixed(1)}`));
  area.push(`${x(n - 1).toFixed(1)},${h - pad}`);
  svg.appendChild(svgEl("polygon", {points: area.join(" "), class: points.some(p => p.failures > 0) ? "spark-failures" : "spark-none"}));
  return svg;
}

// The VIP page's chart: failures per bucket stacked by class (bars), attempts as a line, time along the bottom.
function seriesChart(points, classes, width) {
  const w = Math.max(320, width), h = 240, left = 48, right = 12, top = 12, bottom = 28;
  const svg = svgEl("svg", {width: w, height: h, viewBox: `0 0 ${w} ${h}`, class: "chart", role: "img"});
  const title = svgEl("title");
  title.textContent = "Failed handshakes per bucket by class, and attempts";
  svg.appendChild(title);
  const n = points.length;
  if (!n) {
    return svg;
  }
  const max = Math.max(1, ...points.map(p => Math.max(p.attempts || 0, p.failures + p.scanner_failures)));
  const plotW = w - left - right, plotH = h - top - bottom;
  const step = plotW / n;
  const y = v => top + plotH - v * plotH / max;
  // grid and y labels: 0, half, max
  for (const v of [0, max / 2, max]) {
    svg.appendChild(svgEl("line", {x1: left, x2: w - right, y1: y(v), y2: y(v), class: "grid"}));
    const label = svgEl("text", {x: left - 6, y: y(v) + 4, class: "axis", "text-anchor": "end"});
    label.textContent = formatCount(Math.round(v));
    svg.appendChild(label);
  }
  points.forEach((p, i) => {
    let base = 0;
    for (const c of classes) {
      const v = (p.by_class && p.by_class[c]) || 0;
      if (v > 0) {
        const r = svgEl("rect", {x: left + i * step + step * 0.1, width: Math.max(1, step * 0.8),
          y: y(base + v), height: Math.max(1, y(base) - y(base + v)), fill: classColour(c)});
        const tip = svgEl("title");
        tip.textContent = `${timeOfDay(p.t)}  ${c}: ${v}`;
        r.appendChild(tip);
        svg.appendChild(r);
        base += v;
      }
    }
  });
  const withAttempts = points.map((p, i) => [i, p.attempts]).filter(([, a]) => a != null);
  if (withAttempts.length) {
    const line = withAttempts.map(([i, a]) => `${(left + i * step + step / 2).toFixed(1)},${y(a).toFixed(1)}`);
    svg.appendChild(svgEl("polyline", {points: line.join(" "), class: "attempts-line"}));
  }
  // x labels: about five times of day
  const every = Math.max(1, Math.round(n / 5));
  for (let i = 0; i < n; i += every) {
    const x = left + i * step + step / 2;
    // a label near an edge is anchored to it, not cut by it
    const anchor = x < left + 40 ? "start" : x > w - right - 40 ? "end" : "middle";
    const label = svgEl("text", {x: anchor === "start" ? left : anchor === "end" ? w - right : x, y: h - 8,
      class: "axis", "text-anchor": anchor});
    label.textContent = timeOfDay(points[i].t);
    svg.appendChild(label);
  }
  return svg;
}

function timeOfDay(ms) {
  return new Date(ms).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit", second: "2-digit"});
}

function formatCount(n) {
  return n == null ? "–" : Number(n).toLocaleString();
}
