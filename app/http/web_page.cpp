// The page is embedded as a raw string so the binary serves it with no files next to it. Data from
// the API is only ever inserted as text (textContent), never as markup.
#include "http/web_page.hpp"

namespace rehearse::http {

namespace {

constexpr std::string_view index_page = R"rehearse_page(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rehearse</title>
<style>
:root { --fg:#1b1f24; --muted:#57606a; --bg:#ffffff; --panel:#f6f8fa; --line:#d0d7de; --accent:#0550ae;
        --ok:#1a7f37; --warn:#9a6700; --bad:#cf222e; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
* { box-sizing: border-box; }
body { margin:0; color:var(--fg); background:var(--bg); line-height:1.45; }
header { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; justify-content:space-between;
         padding:.75rem 1.25rem; border-bottom:1px solid var(--line); background:var(--panel); }
header h1 { font-size:1.25rem; margin:0; }
main { display:grid; grid-template-columns: minmax(16rem, 22rem) 1fr; gap:1.25rem; padding:1.25rem; max-width:84rem; margin:0 auto; }
@media (max-width: 48rem) { main { grid-template-columns: 1fr; } }
section { border:1px solid var(--line); border-radius:.5rem; padding:1rem; margin-bottom:1.25rem; background:var(--bg); }
h2 { font-size:1.1rem; margin:0 0 .75rem; }
h3 { font-size:1rem; margin:1rem 0 .5rem; }
label { font-weight:600; font-size:.9rem; }
input, select, textarea, button { font:inherit; }
input, select, textarea { border:1px solid var(--line); border-radius:.375rem; padding:.35rem .5rem; background:#fff; color:var(--fg); }
textarea { width:100%; min-height:18rem; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:.9rem; }
button { border:1px solid var(--accent); background:var(--accent); color:#fff; border-radius:.375rem; padding:.35rem .8rem; cursor:pointer; }
button.secondary { background:#fff; color:var(--accent); }
button:disabled { opacity:.5; cursor:not-allowed; }
:focus-visible { outline:3px solid #0969da; outline-offset:2px; }
.row { display:flex; flex-wrap:wrap; gap:.5rem; align-items:center; margin:.4rem 0; }
.muted { color:var(--muted); font-size:.9rem; }
.error { color:var(--bad); }
ul.plain { list-style:none; padding:0; margin:0; }
ul.plain li { border-bottom:1px solid var(--line); }
ul.plain li:last-child { border-bottom:0; }
.linkish { background:none; border:0; color:var(--accent); padding:.4rem 0; text-align:left; width:100%; }
.linkish:hover { text-decoration:underline; }
.tag { display:inline-block; font-size:.75rem; border:1px solid var(--line); border-radius:1rem; padding:0 .5rem; margin-left:.35rem; color:var(--muted); }
.bar { display:inline-block; width:10rem; height:.7rem; background:#eaeef2; border-radius:.35rem; overflow:hidden; vertical-align:middle; }
.bar > span { display:block; height:100%; background:var(--accent); }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:.3rem .4rem; border-bottom:1px solid var(--line); font-size:.92rem; }
.sev-critical, .sev-major { color:var(--bad); font-weight:600; }
.sev-minor { color:var(--warn); font-weight:600; }
.sev-info { color:var(--muted); font-weight:600; }
.finding { border-left:3px solid var(--line); padding:.25rem .75rem; margin:.5rem 0; }
.big { font-size:2rem; font-weight:700; }
pre.statement { white-space:pre-wrap; font-family:inherit; margin:0; }
</style>
</head>
<body>
<header>
  <h1>Rehearse</h1>
  <form id="learner-form" class="row" aria-label="Learner">
    <label for="learner-select">Learner</label>
    <select id="learner-select"><option value="">(none)</option></select>
    <label for="learner-new" class="muted">or new</label>
    <input id="learner-new" placeholder="name" maxlength="64" autocomplete="off">
    <button type="submit">Add</button>
  </form>
</header>
<p id="status" role="status" aria-live="polite" class="muted" style="margin:.5rem 1.25rem 0"></p>
<main>
  <div>
    <section aria-labelledby="next-h">
      <h2 id="next-h">What next?</h2>
      <div class="row">
        <label for="next-kind">Kind</label>
        <select id="next-kind"><option value="">anything</option><option>problem</option><option>lesson</option><option>review</option></select>
        <button id="next-btn" type="button">Recommend</button>
      </div>
      <div id="next-out" aria-live="polite"></div>
    </section>
    <section aria-labelledby="problems-h">
      <h2 id="problems-h">Problems</h2>
      <div class="row">
        <label for="f-difficulty">Difficulty</label>
        <select id="f-difficulty"><option value="">any</option><option>easy</option><option>medium</option><option>hard</option></select>
      </div>
      <div class="row">
        <label for="f-dimension">Dimension</label>
        <select id="f-dimension"><option value="">any</option>
          <option>requirements</option><option>estimation</option><option>architecture</option><option>data-model</option>
          <option>api</option><option>scaling</option><option>reliability</option><option>communication</option></select>
      </div>
      <ul id="problem-list" class="plain"></ul>
      <div class="row"><button id="problems-more" type="button" class="secondary" hidden>More</button></div>
    </section>
    <section aria-labelledby="progress-h">
      <h2 id="progress-h">Progress</h2>
      <button id="progress-btn" type="button" class="secondary">Refresh</button>
      <div id="progress-out" aria-live="polite"></div>
    </section>
  </div>
  <div>
    <section aria-labelledby="problem-h">
      <h2 id="problem-h">Pick a problem</h2>
      <div id="problem-out"><p class="muted">Choose a problem on the left, or ask for a recommendation.</p></div>
    </section>
    <section aria-labelledby="answer-h">
      <h2 id="answer-h">Your answer</h2>
      <label for="answer">Write your design in Markdown with <code>##</code> sections</label>
      <textarea id="answer" spellcheck="true">## Requirements

## Estimation

## Architecture

## Data model

## API

## Scaling

## Reliability
</textarea>
      <div class="row">
        <button id="grade-btn" type="button" disabled>Grade (practice)</button>
        <button id="attempt-btn" type="button" class="secondary" disabled>Grade and record as attempt</button>
      </div>
      <div id="grade-out" aria-live="polite"></div>
    </section>
  </div>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
const state = { learner: localStorage.getItem("rehearse.learner") || "", problem: null, cursor: null };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
function status(text, isError) { const s = $("status"); s.textContent = text || ""; s.className = isError ? "error" : "muted"; }
function bar(v) { const b = el("span", { class: "bar", role: "img", "aria-label": Math.round(v * 100) + "%" }); const f = el("span"); f.style.width = Math.round(v * 100) + "%"; b.append(f); return b; }
const enc = encodeURIComponent;

async function api(method, path, body) {
  const opts = { method, headers: { "Accept": "application/json" } };
  if (body !== undefined) { opts.headers["Content-Type"] = "application/json"; opts.body = JSON.stringify(body); }
  const r = await fetch("/api/v1" + path, opts);
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.detail || (r.status + " " + r.statusText));
  return data;
}
async function all(path) {
  let items = [], cursor = null;
  for (let i = 0; i < 100; i++) {
    const sep = path.includes("?") ? "&" : "?";
    const page = await api("GET", path + sep + "limit=100" + (cursor ? "&cursor=" + enc(cursor) : ""));
    items = items.concat(page.items);
    if (!page.next) break;
    cursor = page.next;
  }
  return items;
}

async function loadLearners() {
  const sel = $("learner-select");
  const learners = await all("/learners");
  sel.replaceChildren(el("option", { value: "" }, "(none)"));
  for (const l of learners) sel.append(el("option", { value: l.name }, l.name));
  if (state.learner && learners.some((l) => l.name === state.learner)) sel.value = state.learner; else state.learner = "";
  learnerChanged();
}
function learnerChanged() {
  state.learner = $("learner-select").value;
  localStorage.setItem("rehearse.learner", state.learner);
  $("attempt-btn").disabled = !(state.learner && state.problem);
  $("next-btn").disabled = !state.learner;
  $("progress-btn").disabled = !state.learner;
  if (state.learner) loadProgress(); else $("progress-out").replaceChildren(el("p", { class: "muted" }, "Pick or add a learner."));
  $("next-out").replaceChildren();
}
$("learner-select").addEventListener("change", learnerChanged);
$("learner-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const name = $("learner-new").value.trim();
  if (!name) return;
  try {
    const l = await api("POST", "/learners", { name });
    state.learner = l.name; localStorage.setItem("rehearse.learner", l.name);
    $("learner-new").value = "";
    await loadLearners();
    status("Learner " + l.name + " is ready.");
  } catch (e) { status(e.message, true); }
});

async function loadProblems(reset) {
  if (reset) { state.cursor = null; $("problem-list").replaceChildren(); }
  const q = new URLSearchParams({ limit: "20" });
  if ($("f-difficulty").value) q.set("difficulty", $("f-difficulty").value);
  if ($("f-dimension").value) q.set("dimension", $("f-dimension").value);
  if (state.cursor) q.set("cursor", state.cursor);
  try {
    const page = await api("GET", "/problems?" + q);
    for (const p of page.items)
      $("problem-list").append(el("li", {}, el("button", { type: "button", class: "linkish", onclick: () => openProblem(p.id) },
        p.title, el("span", { class: "tag" }, p.difficulty))));
    if (!page.items.length && reset) $("problem-list").append(el("li", { class: "muted" }, "No problems match."));
    state.cursor = page.next;
    $("problems-more").hidden = !page.next;
  } catch (e) { status(e.message, true); }
}
$("f-difficulty").addEventListener("change", () => loadProblems(true));
$("f-dimension").addEventListener("change", () => loadProblems(true));
$("problems-more").addEventListener("click", () => loadProblems(false));

function list(items, fn) { const ul = el("ul"); for (const i of items || []) ul.append(el("li", {}, fn ? fn(i) : i)); return ul; }
async function openProblem(id) {
  try {
    const p = await api("GET", "/problems/" + enc(id));
    state.problem = p.id;
    $("problem-h").textContent = p.title;
    const out = $("problem-out");
    out.replaceChildren(
      el("p", { class: "muted" }, p.difficulty + " · " + (p.format && p.format.minutes ? p.format.minutes + " minutes · " : "") + "pack " + p.pack),
      el("pre", { class: "statement" }, p.statement || ""));
    if (p.format && p.format.phases) out.append(el("h3", {}, "Format"), list(p.format.phases, (ph) => ph.name + " (" + ph.minutes + " min): " + (ph.goal || "")));
    if (p.clarifications && p.clarifications.length)
      out.append(el("h3", {}, "Questions worth asking"), list(p.clarifications, (c) => {
        const d = el("details", {}, el("summary", {}, c.question), el("p", {}, c.answer || "")); return d; }));
    if (p.hints && p.hints.length) out.append(el("details", {}, el("summary", {}, "Hints"), list(p.hints)));
    if (p.probes && p.probes.length) out.append(el("details", {}, el("summary", {}, "Follow-up questions an interviewer may ask"), list(p.probes)));
    $("grade-btn").disabled = false;
    $("attempt-btn").disabled = !state.learner;
    $("grade-out").replaceChildren();
    $("problem-h").focus && $("problem-h").setAttribute("tabindex", "-1");
    $("problem-h").focus();
  } catch (e) { status(e.message, true); }
}

function showEvaluation(e) {
  const out = $("grade-out");
  out.replaceChildren(el("p", {}, el("span", { class: "big" }, e.overall), " / 100 overall" + (e.attempt_id ? " — recorded as attempt " + e.attempt_id : "")));
  const t = el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Dimension"), el("th", { scope: "col" }, "Score"), el("th", { scope: "col" }, ""))));
  const tb = el("tbody");
  for (const [dim, s] of Object.entries(e.scores || {})) tb.append(el("tr", {}, el("td", {}, dim), el("td", {}, s.toFixed(2)), el("td", {}, bar(s))));
  t.append(tb); out.append(el("h3", {}, "Scores"), t);
  out.append(el("h3", {}, "Findings (" + (e.findings || []).length + ")"));
  if (!(e.findings || []).length) out.append(el("p", { class: "muted" }, "None."));
  for (const f of e.findings || [])
    out.append(el("div", { class: "finding" },
      el("div", {}, el("span", { class: "sev-" + f.severity }, f.severity), " · " + f.dimension + " · ", el("code", {}, f.id)),
      el("div", {}, f.message), f.advice ? el("div", {}, el("strong", {}, "Advice: "), f.advice) : null,
      f.evidence ? el("div", { class: "muted" }, "Evidence: " + f.evidence) : null));
  const fb = e.feedback || {};
  out.append(el("h3", {}, "Feedback"));
  if ((fb.strengths || []).length) out.append(el("p", {}, el("strong", {}, "What you did well")), list(fb.strengths));
  if ((fb.improvements || []).length) out.append(el("p", {}, el("strong", {}, "What to improve")), list(fb.improvements));
  if (fb.takeaway) out.append(el("p", {}, el("strong", {}, "Key takeaway: "), fb.takeaway));
  if (fb.assignment) out.append(el("p", {}, el("strong", {}, "Practice: "), fb.assignment));
}
async function grade(record) {
  if (!state.problem) return;
  const answer = $("answer").value;
  $("grade-btn").disabled = $("attempt-btn").disabled = true;
  status("Grading…");
  try {
    const e = record
      ? await api("POST", "/learners/" + enc(state.learner) + "/attempts", { problem: state.problem, answer })
      : await api("POST", "/evaluate", { problem: state.problem, answer });
    showEvaluation(e);
    status(record ? "Graded and recorded." : "Graded (not recorded).");
    if (record) loadProgress();
  } catch (e) { status(e.message, true); }
  $("grade-btn").disabled = false; $("attempt-btn").disabled = !state.learner;
}
$("grade-btn").addEventListener("click", () => grade(false));
$("attempt-btn").addEventListener("click", () => grade(true));

$("next-btn").addEventListener("click", async () => {
  const kind = $("next-kind").value;
  try {
    const n = await api("GET", "/learners/" + enc(state.learner) + "/next" + (kind ? "?kind=" + enc(kind) : ""));
    const out = $("next-out");
    out.replaceChildren(el("p", {}, el("strong", {}, n.kind + ": "), n.title, el("span", { class: "tag" }, n.id)),
      list(n.reasons),
      el("p", { class: "muted" }, "Predicted success " + Math.round(n.predicted_success * 100) + "% · " + n.due_reviews + " review(s) due"));
    if (n.kind === "problem") out.append(el("button", { type: "button", onclick: () => openProblem(n.id) }, "Open this problem"));
    else if (n.kind === "lesson") out.append(el("p", { class: "muted" }, "Take it with: rehearse lesson --learner " + state.learner + " --lesson " + n.id));
    else out.append(el("p", { class: "muted" }, "Review with: rehearse review --learner " + state.learner));
  } catch (e) { $("next-out").replaceChildren(el("p", { class: "error" }, e.message)); }
});

async function loadProgress() {
  if (!state.learner) return;
  try {
    const p = await api("GET", "/learners/" + enc(state.learner) + "/progress");
    const t = el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Dimension"), el("th", { scope: "col" }, "Mastery"), el("th", { scope: "col" }, ""), el("th", { scope: "col" }, "Attempts"))));
    const tb = el("tbody");
    for (const [dim, d] of Object.entries(p.dimensions || {}))
      tb.append(el("tr", {}, el("td", {}, dim), el("td", {}, d.mastery.toFixed(2)), el("td", {}, bar(d.mastery)), el("td", {}, d.attempts)));
    t.append(tb);
    $("progress-out").replaceChildren(t, el("p", { class: "muted" }, "Weakest: " + (p.weakest || []).join(", ")));
  } catch (e) { $("progress-out").replaceChildren(el("p", { class: "error" }, e.message)); }
}
$("progress-btn").addEventListener("click", loadProgress);

loadLearners().catch((e) => status(e.message, true));
loadProblems(true);
</script>
</body>
</html>
)rehearse_page";

}  // namespace

std::string_view index_html() noexcept { return index_page; }

}  // namespace rehearse::http
