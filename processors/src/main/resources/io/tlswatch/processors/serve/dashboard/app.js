// The tlswatch dashboard: fleet overview, alerts, one page per VIP; polls the API every 2 s.
// Values from the logs (SNIs, JA4, F5 lines, names) may carry markup: they are only ever set as textContent.
"use strict";

const REFRESH_MS = 2000;
const FLEET_ROWS = 300;             // the worst VIPs in the table; the count says how many there are in all
const SOURCES = {packets: "packets", events: "success logs", poller: "poller counters", none: "nothing (no ratio)"};
const HISTORY_MS = 15 * 60 * 1000; // what the page keeps of the series it has seen, beyond the stores' window
const seen = new Map();             // VIP key -> Map(bucket time -> point), least recently shown first
const MAX_SERIES = 2000;            // VIPs whose history the page keeps: a page left open for days stays small
let timer = null;

// ---- DOM helpers (text only) ---------------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "href") node.setAttribute("href", v);
    else if (k === "title") node.title = v;
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function percent(r) {
  if (r == null) return "–";
  const p = r * 100;
  return (p > 0 && p < 0.1 ? "<0.1" : p.toFixed(p >= 10 ? 0 : 1)) + " %";
}

function ago(iso) {
  if (!iso) return "";
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

function vipHref(observer, vip) {
  return `#/vip/${encodeURIComponent(observer)}/${encodeURIComponent(vip)}`;
}

function apiVipPath(observer, vip) {
  return `api/vips/${encodeURIComponent(observer)}/${encodeURIComponent(vip)}`;
}

function classChip(name, count, firing) {
  const chip = el("span", {class: "chip" + (firing ? " chip-firing" : "")},
    el("span", {class: "dot", style: null}), name, count != null ? el("b", null, " " + formatCount(count)) : null);
  chip.firstChild.style.background = classColour(name);
  return chip;
}

// ---- API ------------------------------------------------------------------------------------------------------

function token() {
  return sessionStorage.getItem("tlswatch.token");
}

async function api(path) {
  const headers = {"Accept": "application/json"};
  if (token()) headers["Authorization"] = "Bearer " + token();
  const r = await fetch(path, {headers, cache: "no-store"});
  if (r.status === 401) {
    document.getElementById("token-form").hidden = false;
    throw new Error("this server asks for its token");
  }
  const body = await r.json().catch(() => ({error: `HTTP ${r.status}`}));
  if (!r.ok) {
    const e = new Error(body.error || `HTTP ${r.status}`);
    e.status = r.status;
    throw e;
  }
  return body;
}

function problem(text) {
  const box = document.getElementById("problem");
  box.hidden = !text;
  box.textContent = text || "";
}

async function refreshHealth() {
  const pill = document.getElementById("health");
  try {
    const r = await fetch("health", {cache: "no-store"});
    const h = await r.json();
    pill.textContent = h.ready ? "pipeline running" : `pipeline ${h.state.toLowerCase()}`;
    pill.className = "pill " + (h.ready ? "pill-ok" : h.live ? "pill-warn" : "pill-bad");
  } catch (e) {
    pill.textContent = "tlswatch unreachable";
    pill.className = "pill pill-bad";
  }
}

// ---- history: the page keeps the points it has seen ------------------------------------------------------------

function remember(key, points, maxPoints) {
  let m = seen.get(key);
  if (m) {
    seen.delete(key); // re-inserted below: the most recently shown go last
  } else {
    m = new Map();
  }
  seen.set(key, m);
  if (seen.size > MAX_SERIES) seen.delete(seen.keys().next().value);
  for (const p of points) m.set(p.t, p);
  const newest = Math.max(...m.keys());
  for (const t of [...m.keys()]) {
    if (t < newest - HISTORY_MS) m.delete(t);
  }
  const all = [...m.values()].sort((a, b) => a.t - b.t);
  if (maxPoints && all.length > maxPoints) {
    all.slice(0, all.length - maxPoints).forEach(p => m.delete(p.t));
    return all.slice(all.length - maxPoints);
  }
  return all;
}

function sparkPoints(v) {
  const s = v.sparkline;
  if (!s) return [];
  const pts = s.failures.map((f, i) => ({t: s.start_ms + i * s.step_seconds * 1000, failures: f, attempts: s.attempts[i]}));
  return remember("spark:" + v.key, pts, 120); // a sparkline is 140 px wide
}

// ---- fleet view ---------------------------------------------------------------------------------------------------

// A storm's VIPs under their parent, each a line with a link: the parent's card says what they share.
function coveredList(children) {
  return el("details", {class: "covered", "data-k": "covered:" + children[0].parent_key},
    el("summary", null, `${children.length} VIP alert${children.length === 1 ? "" : "s"} covered by this storm`),
    el("ul", {class: "recent"}, children.map(c => el("li", null,
      c.vip && c.observer ? el("a", {href: vipHref(c.observer, c.vip)}, c.vip) : c.dedup_key, " ",
      el("span", {class: "muted"}, `${c.details && c.details.failures != null ? formatCount(c.details.failures) + " failures, " : ""}since ${ago(c.starts_at)}`)))));
}

// Active alerts as cards; the alerts a storm covers listed under it rather than as cards of their own.
function alertCards(active, probes) {
  const keys = new Set(active.map(a => a.dedup_key));
  const covered = new Map();
  for (const a of active) {
    if (a.inhibited && a.parent_key && keys.has(a.parent_key)) {
      if (!covered.has(a.parent_key)) covered.set(a.parent_key, []);
      covered.get(a.parent_key).push(a);
    }
  }
  return active.filter(a => !(a.inhibited && a.parent_key && keys.has(a.parent_key)))
    .map(a => alertCard(a, covered.get(a.dedup_key) || [], (probes || {})[a.dedup_key]));
}

// The latest opt-in probe of the alert's VIP (probe.enabled): what the server presented when the alert fired.
function probeLine(p) {
  if (!p) return null;
  const when = el("span", {class: "muted"}, ` (${ago(p.probed_at)})`);
  if (p.error) return el("div", {class: "probe"}, el("b", null, "Probe: "), el("span", {class: "probe-text"}, p.error), when);
  const problems = p.problems || [];
  const versions = (p.versions || []).filter(v => v.accepted).map(v => "TLS " + v.version).join(", ");
  return el("div", {class: "probe"}, el("b", null, "Probe: "),
    el("span", {class: "probe-text"}, problems.length ? problems.join("; ") : "no problem found"),
    versions ? el("span", {class: "muted"}, ` — accepts ${versions}`) : null, when);
}

function alertCard(a, children, probe) {
  const d = a.details || {};
  const lists = [
    ["Top SNIs", d.top_snis], ["Client networks", d.top_client_networks], ["JA4", d.top_ja4],
    ["Offered versions", d.offered_versions]];
  const evidence = el("div", {class: "evidence"},
    lists.filter(([, xs]) => xs && xs.length).map(([title, xs]) => el("div", {class: "tally"},
      el("h4", null, title),
      el("ul", null, xs.map(x => el("li", null, el("span", {class: "value"}, x.value), el("span", {class: "count"}, formatCount(x.count))))))));
  const figures = [];
  if (d.failures != null) figures.push(`${formatCount(d.failures)} failures`);
  if (d.attempts != null) figures.push(`of ${formatCount(d.attempts)} attempts (${percent(d.ratio)})`);
  if (d.span_seconds != null) figures.push(`in the last ${d.span_seconds} s`);
  return el("article", {class: `alert alert-${a.severity || "info"}${a.active ? "" : " alert-resolved"}`, "data-key": a.dedup_key},
    el("div", {class: "alert-head"},
      el("span", {class: `badge badge-${a.active ? (a.severity || "info") : "resolved"}`}, a.active ? a.status : "RESOLVED"),
      a.error_class ? classChip(a.error_class, null, a.active) : null,
      a.vip === "*" ? el("b", null, `several VIPs on ${a.observer}`)
        : a.vip && a.observer ? el("a", {href: vipHref(a.observer, a.vip), class: "vip-link"}, `${a.vip} on ${a.observer}`) : null,
      el("span", {class: "muted"}, a.active ? `since ${ago(a.starts_at)}` : `resolved ${ago(a.ends_at)}`),
      a.inhibited ? el("span", {class: "muted"}, "(covered by a storm alert)") : null),
    el("p", {class: "summary"}, a.summary || a.dedup_key),
    figures.length ? el("p", {class: "figures"}, figures.join(" ")) : null,
    a.hint ? el("div", {class: "hint"}, el("b", null, "What to check: "), el("span", {class: "hint-text"}, a.hint)) : null,
    d.likely_cause ? el("div", {class: "cause"}, el("b", null, "Likely cause: "),
      el("span", {class: "cause-text"}, d.likely_cause.replace(/^likely cause: /, ""))) : null,
    d.changes && d.changes.length ? changeList(a.dedup_key, d.changes) : null,
    probeLine(probe),
    evidence.childNodes.length ? evidence : null,
    children && children.length ? coveredList(children) : null,
    d.lines && d.lines.length ? el("details", {"data-k": "lines:" + a.dedup_key}, el("summary", null, `First F5 lines (${d.lines.length})`),
      el("pre", {class: "lines"}, d.lines.join("\n"))) : null);
}

// The configuration changes on the BIG-IP before the alert that touch its VIP (audit lines), newest first.
function changeList(key, changes) {
  return el("details", {"data-k": "changes:" + key, open: changes.some(c => c.likely_cause) ? "" : null},
    el("summary", null, `Configuration changes before it (${changes.length})`),
    el("ul", {class: "changes"}, changes.map(c => el("li", {class: c.likely_cause ? "likely" : null},
      el("span", {class: "muted"}, `${c.at} (${c.seconds_before} s before) `),
      `${c.user || "someone"} via ${c.origin}: ${c.verb} ${c.object_kind.replace(/_/g, " ")} ${c.object}`,
      c.aspects && c.aspects.length ? el("span", {class: "muted"}, ` [${c.aspects.join(", ")}]`) : null,
      c.command ? el("code", {class: "command"}, c.command) : null))));
}

function fleetRow(v) {
  const sw = v.short_window;
  const ratio = sw.ratio;
  const bar = el("span", {class: "bar"}, el("span", {class: "bar-fill"}));
  bar.firstChild.style.width = `${Math.min(100, (ratio || 0) * 100)}%`;
  if ((ratio || 0) >= 0.1) bar.firstChild.classList.add("bar-bad");
  const pts = sparkPoints(v);
  const failTotal = pts.reduce((n, p) => n + (p.failures || 0), 0);
  return el("tr", {class: v.firing.length ? "row-firing" : null, "data-key": v.key},
    el("td", null, el("a", {href: vipHref(v.observer, v.vip), class: "vip-link"}, v.name || v.vip),
      v.name ? el("div", {class: "muted small"}, v.vip) : null),
    el("td", {class: "nowrap"}, v.observer),
    el("td", {class: "num"}, ratio == null
      ? el("div", {class: "muted small", title: "no packets, success logs or poller readings count this VIP's attempts"}, "no attempt count")
      : [el("div", {class: "ratio"}, percent(ratio)), bar]),
    el("td", {class: "num"}, formatCount(sw.failures), el("span", {class: "muted"}, " / " + formatCount(sw.attempts)),
      sw.scanner_failures ? el("div", {class: "muted small"}, `+${formatCount(sw.scanner_failures)} from scanners`) : null),
    el("td", null, sparkline(pts, `${failTotal} failures over the last ${Math.round(pts.length * (v.sparkline ? v.sparkline.step_seconds : 1) / 60)} min`)),
    el("td", null, v.classes.length ? v.classes.map(c => classChip(c.error_class, c.failures + c.scanner_failures || c.long_failures, c.firing))
      : el("span", {class: "muted"}, "no failures")),
    el("td", null, v.firing.length ? el("span", {class: "badge badge-error"}, "FIRING") : el("span", {class: "muted"}, "ok")));
}

async function renderFleet(view) {
  // probes are optional (probe.enabled) and local to the instance that ran them: their absence is no problem
  const [vips, alerts, probes] = await Promise.all([api(`api/vips?limit=${FLEET_ROWS}`), api("api/alerts"),
    api("api/probes").catch(() => null)]);
  const partial = vips.partial || alerts.partial;
  problem(partial ? "Some instances did not answer: " + [...(vips.errors || []), ...(alerts.errors || [])].join("; ") : null);
  const failing = vips.vips.filter(v => v.short_window.failures + v.short_window.scanner_failures > 0).length;
  const windowS = vips.vips.length ? vips.vips[0].short_window.seconds : null;
  const table = el("table", {class: "fleet"},
    el("thead", null, el("tr", null,
      el("th", null, "VIP"), el("th", null, "BIG-IP"),
      el("th", {class: "num"}, `Failure ratio${windowS ? ` (last ${windowS} s)` : ""}`),
      el("th", {class: "num"}, "Failures / attempts"), el("th", null, "Trend"), el("th", null, "Classes"),
      el("th", null, "Alert"))),
    el("tbody", null, vips.vips.map(fleetRow)));
  view.replaceChildren(...[
    el("section", {class: "kpis"},
      kpi("Alerts firing", alerts.active.filter(a => !a.inhibited).length, alerts.active.length ? "bad" : "ok"),
      kpi("VIPs failing now", failing, failing ? "warn" : "ok"),
      kpi("VIPs watched", vips.total, null)),
    el("section", {id: "alerts"},
      el("h2", null, "Active alerts"),
      alerts.active.length ? alertCards(alerts.active, probes && probes.probes) : el("p", {class: "muted empty"}, "No alert fires.")),
    el("section", {id: "fleet"},
      el("h2", null, "Fleet ", el("span", {class: "muted small"}, vips.total > vips.vips.length
        ? `the ${vips.vips.length} worst of ${formatCount(vips.total)} VIPs, worst failure ratio first` : "worst failure ratio first")),
      vips.vips.length ? table : el("p", {class: "muted empty"}, "No handshakes seen yet.")),
    alerts.recent.length ? el("section", {id: "recent"},
      el("h2", null, "Recently resolved"),
      el("ul", {class: "recent"}, alerts.recent.slice(0, 10).map(a => el("li", null,
        el("span", {class: "badge badge-resolved"}, "RESOLVED"), " ",
        a.vip && a.vip !== "*" && a.observer ? el("a", {href: vipHref(a.observer, a.vip)}, a.vip) : a.dedup_key, " ",
        el("span", null, a.summary || ""), " ", el("span", {class: "muted"}, ago(a.ends_at || a.updated_at)))))) : null].filter(Boolean));
}

function kpi(label, value, tone) {
  return el("div", {class: "kpi" + (tone ? " kpi-" + tone : "")}, el("div", {class: "kpi-value"}, formatCount(value)),
    el("div", {class: "kpi-label"}, label));
}

// ---- VIP view -----------------------------------------------------------------------------------------------------

function tallyBox(title, xs, empty) {
  return el("div", {class: "tally box"}, el("h3", null, title),
    xs && xs.length ? el("ul", null, xs.map(x => el("li", null, el("span", {class: "value"}, x.value),
      el("span", {class: "count"}, formatCount(x.count))))) : el("p", {class: "muted"}, empty));
}

async function renderVip(view, observer, vip) {
  let d;
  try {
    d = await api(apiVipPath(observer, vip));
  } catch (e) {
    if (e.status === 404) {
      view.replaceChildren(el("p", null, el("a", {href: "#/"}, "← Fleet")),
        el("p", {class: "muted empty"}, `No recent handshakes of ${vip} on ${observer}.`));
      problem(null);
      return;
    }
    throw e;
  }
  problem(null);
  const s = d.summary;
  const points = remember("series:" + s.key, d.series);
  const classes = [...new Set(points.flatMap(p => Object.keys(p.by_class || {})))].sort();
  const chartBox = el("div", {class: "box chart-box"});
  const legend = el("div", {class: "legend"}, classes.map(c => classChip(c, null, false)),
    points.some(p => p.attempts != null) ? el("span", {class: "legend-attempts"}, "attempts")
      : el("span", {class: "muted small"}, "(no attempt count for this VIP: failures only)"));
  const classRows = d.classes.map(c => el("tr", {class: c.firing ? "row-firing" : null},
    el("td", null, classChip(c.error_class, null, !!c.firing)),
    el("td", null, c.kind),
    el("td", null, c.firing ? el("span", {class: "badge badge-error"}, `FIRING since ${ago(c.firing.since)}`) : el("span", {class: "muted"}, "ok")),
    el("td", {class: "num"}, formatCount(c.evidence_failures)),
    el("td", {class: "hint-text"}, c.hint)));
  const recentRows = d.recent_failures.map(f => el("tr", null,
    el("td", null, timeOfDay(f.time_ms)),
    el("td", null, classChip(f.error_class, null, false)),
    el("td", {class: "value sni"}, f.sni || "–"),
    el("td", {class: "value"}, f.client_ip || "–"),
    el("td", {class: "value mono"}, f.ja4 || "–"),
    el("td", null, f.scanner ? el("span", {class: "chip"}, "scanner: " + f.scanner) : ""),
    el("td", null, f.line ? el("details", {"data-k": `line:${f.time_ms}:${f.client_ip}`}, el("summary", null, "line"), el("pre", {class: "lines"}, f.line)) : "")));
  view.replaceChildren(...[
    el("nav", {class: "crumbs"}, el("a", {href: "#/"}, "Fleet"), " › ", observer, " › ", el("b", null, s.name || s.vip),
      s.name ? el("span", {class: "muted"}, ` (${s.vip})`) : null),
    el("section", {class: "kpis"},
      kpi2(`Failure ratio, last ${s.short_window.seconds} s`, s.short_window.ratio == null ? "n/a" : percent(s.short_window.ratio),
        s.short_window.ratio == null ? null : s.short_window.ratio >= 0.1 ? "bad" : "ok"),
      kpi2(`Failures, last ${s.short_window.seconds} s`, formatCount(s.short_window.failures), s.short_window.failures ? "warn" : "ok"),
      kpi2(`Attempts, last ${s.short_window.seconds} s`, s.short_window.attempts == null ? "unknown" : formatCount(s.short_window.attempts), null),
      kpi2(`Failures, last ${s.long_window.seconds} s`, formatCount(s.long_window.failures), null),
      kpi2("Attempts counted from", SOURCES[s.short_window.attempts_source] || s.short_window.attempts_source, null)),
    el("section", null, el("h2", null, "Handshakes over time"), legend, chartBox),
    el("section", null, el("h2", null, "Error classes"),
      d.classes.length ? el("table", {class: "classes"}, el("thead", null, el("tr", null, el("th", null, "Class"), el("th", null, "Kind"),
        el("th", null, "Alert"), el("th", {class: "num"}, "Failures this episode"), el("th", null, "What to check"))),
        el("tbody", null, classRows)) : el("p", {class: "muted"}, "No failures in the window.")),
    el("section", {class: "tallies"},
      tallyBox("Top SNIs", d.top_snis, "no SNI seen"),
      tallyBox("Top JA4", d.top_ja4, "no JA4 seen (needs packets or the iRule)"),
      tallyBox("Client networks", d.top_client_networks, "none"),
      tallyBox("Offered TLS versions", d.offered_versions, "unknown")),
    el("section", null, el("h2", null, "Recent failed handshakes"),
      d.recent_failures.length ? el("table", {class: "recent-failures"}, el("thead", null, el("tr", null,
        el("th", null, "Time"), el("th", null, "Class"), el("th", null, "SNI"), el("th", null, "Client"), el("th", null, "JA4"),
        el("th", null, ""), el("th", null, "F5 line"))), el("tbody", null, recentRows))
        : el("p", {class: "muted"}, "None recently."))].filter(Boolean));
  chartBox.appendChild(seriesChart(points, classes, chartBox.clientWidth - 24));
}

function kpi2(label, text, tone) {
  return el("div", {class: "kpi" + (tone ? " kpi-" + tone : "")}, el("div", {class: "kpi-value"}, text),
    el("div", {class: "kpi-label"}, label));
}

// ---- routing and refresh ------------------------------------------------------------------------------------------

function route() {
  const m = location.hash.match(/^#\/vip\/([^/]+)\/([^/]+)$/);
  try {
    return m ? {page: "vip", observer: decodeURIComponent(m[1]), vip: decodeURIComponent(m[2])} : {page: "fleet"};
  } catch (e) {
    return {page: "fleet"}; // a malformed hash (#/vip/%E0/x) must not stop the refresh loop
  }
}

async function refresh() {
  clearTimeout(timer);
  const view = document.getElementById("view");
  const r = route();
  // a refresh must not close what the operator opened
  const open = new Set([...view.querySelectorAll("details[open]")].map(d => d.dataset.k));
  try {
    if (r.page === "vip") {
      document.title = `tlswatch · ${r.vip}`;
      await renderVip(view, r.observer, r.vip);
    } else {
      document.title = "tlswatch · fleet";
      await renderFleet(view);
    }
    view.querySelectorAll("details").forEach(d => {
      if (open.has(d.dataset.k)) d.open = true;
    });
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    view.dataset.loaded = "true";
  } catch (e) {
    problem(String(e.message || e));
  }
  refreshHealth();
  timer = setTimeout(refresh, REFRESH_MS);
}

document.getElementById("token-form").addEventListener("submit", ev => {
  ev.preventDefault();
  sessionStorage.setItem("tlswatch.token", document.getElementById("token-input").value.trim());
  document.getElementById("token-form").hidden = true;
  refresh();
});
window.addEventListener("hashchange", () => {
  window.scrollTo(0, 0);
  refresh();
});
document.addEventListener("visibilitychange", () => {
  if (!document.hidden) refresh();
});
const fromFragment = new URLSearchParams(location.hash.startsWith("#token=") ? location.hash.slice(1) : "").get("token");
if (fromFragment) {
  sessionStorage.setItem("tlswatch.token", fromFragment);
  history.replaceState(null, "", location.pathname);
}
refresh();
