// Small DOM helpers. Everything that comes from the API goes in as text (textContent through
// el()'s string children), never as markup.
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export const $ = (id) => document.getElementById(id);

/** Replaces the children of `node` (by element or id). */
export function show(node, ...children) {
  const target = typeof node === "string" ? $(node) : node;
  target.replaceChildren();
  append(target, children);
  return target;
}

const statusLine = () => $("status");
/** One polite status line for the whole app (errors are said in red). */
export function status(text, isError) {
  const s = statusLine();
  s.textContent = text || "";
  s.classList.toggle("error", !!isError);
}
export function fail(e) {
  status(e && e.message ? e.message : String(e), true);
}

export const pct = (v) => Math.round((Number(v) || 0) * 100) + "%";
export const dimLabel = (d) => String(d).replace(/-/g, " ");

export function fmtDate(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso || "");
  return d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" }) +
    " " + d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** A horizontal meter for a 0-1 value, with its number as text for screen readers and eyes. */
export function meter(value, label) {
  const v = Math.max(0, Math.min(1, Number(value) || 0));
  const fill = el("span", { class: "meter-fill" });
  fill.style.width = Math.round(v * 100) + "%"; // CSSOM, allowed under style-src 'self'
  return el("span", { class: "meter-row" },
    el("span", { class: "meter", role: "img", "aria-label": (label ? label + ": " : "") + pct(v) }, fill),
    el("span", { class: "meter-num" }, v.toFixed(2)));
}

export function list(items, fn, cls) {
  const ul = el("ul", { class: cls });
  for (const i of items || []) ul.append(el("li", {}, fn ? fn(i) : i));
  return ul;
}

/** Moves focus to a heading (or any element) after a view change, so keyboard users follow. */
export function focusOn(node) {
  if (!node) return;
  if (!node.hasAttribute("tabindex")) node.setAttribute("tabindex", "-1");
  node.focus({ preventScroll: false });
}

/** The evaluation document (answers.md): overall, scores, findings, feedback, level. */
export function evaluationReport(e, headingLevel = 3) {
  const h = "h" + headingLevel;
  const out = el("div", { class: "report" });
  const fb = e.feedback || {};
  out.append(el("p", { class: "overall" },
    el("span", { class: "big" }, String(e.overall ?? "–")), " / 100 overall",
    e.level && e.level.id ? el("span", { class: "tag" }, "reads as " + e.level.id) : null,
    e.attempt_id ? el("span", { class: "muted" }, " · recorded as attempt " + e.attempt_id) : null));
  if (e.level && (e.level.reasons || []).length)
    out.append(el("details", {}, el("summary", {}, "Why this level"), list(e.level.reasons),
      e.level.next ? el("p", {}, el("strong", {}, "Next level: "), e.level.next) : null));
  const scores = Object.entries(e.scores || {});
  if (scores.length) {
    const tb = el("tbody");
    for (const [dim, s] of scores) tb.append(el("tr", {}, el("th", { scope: "row" }, dimLabel(dim)), el("td", {}, meter(s, dimLabel(dim)))));
    out.append(el(h, {}, "Scores"), el("div", { class: "table-scroll" }, el("table", { class: "scores" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Dimension"), el("th", { scope: "col" }, "Score"))), tb)));
  }
  if ((fb.strengths || []).length) out.append(el(h, {}, "What you did well"), list(fb.strengths));
  if ((fb.improvements || []).length) out.append(el(h, {}, "What to improve"), list(fb.improvements));
  if (fb.takeaway) out.append(el("p", { class: "callout" }, el("strong", {}, "Key takeaway: "), fb.takeaway));
  if (fb.assignment) out.append(el("p", {}, el("strong", {}, "Practice: "), fb.assignment));
  const findings = findingsList(e.findings);
  if (findings) out.append(findings);
  if ((e.warnings || []).length) out.append(el("p", { class: "error" }, "Warnings: " + e.warnings.join("; ")));
  return out;
}

/** The findings of a grading, folded under a summary with their count (null when there are none). */
export function findingsList(findings, open = false) {
  if (!(findings || []).length) return null;
  const det = el("details", { class: "findings" }, el("summary", {}, "Findings (" + findings.length + ")"));
  if (open) det.open = true;
  for (const f of findings)
    det.append(el("div", { class: "finding sev-" + f.severity },
      el("p", { class: "finding-head" }, el("span", { class: "sev" }, f.severity), " · " + dimLabel(f.dimension) + " · ", el("code", {}, f.id)),
      el("p", {}, f.message),
      f.evidence ? el("p", { class: "muted" }, "Evidence: " + f.evidence) : null,
      f.advice ? el("p", {}, el("strong", {}, "Advice: "), f.advice) : null,
      f.why ? el("p", { class: "muted" }, "Why: " + f.why) : null));
  return det;
}

/** One entry of a chat transcript (a role="log" box, so new entries are read out). */
export function chatLine(role, who, text) {
  return el("div", { class: "msg msg-" + role }, el("span", { class: "msg-who" }, who), el("p", { class: "msg-text" }, text));
}

/** A chat transcript box: a live log, focusable so a keyboard can scroll it. */
export function chatLog(id, label) {
  const log = el("div", { class: "chat", id, role: "log", "aria-live": "polite", "aria-label": label, tabindex: "0" });
  // A narrower window rewraps the lines: keep the latest reply in sight.
  new ResizeObserver(() => { log.scrollTop = log.scrollHeight; }).observe(log);
  return log;
}
