// Practise: the recommended problem or one from the list; a mock interview as a chat with the phase
// clock, the interviewer's messages and section editors; the feedback report after it; a written
// answer graded at once; drills (drills.js); past attempts and interviews with their feedback.
import { get, post, cached, enc, learnerPath, ApiError } from "./api.js";
import { el, $, show, fail, status, pct, fmtDate, list, focusOn, evaluationReport, chatLine, chatLog } from "./dom.js";
import { renderDrillsCard, openDrill } from "./drills.js";

const SECTIONS = [
  { id: "requirements", label: "Requirements", hint: "- Users and what they do\n- Scale: ...\n- Out of scope: ..." },
  { id: "estimation", label: "Estimation", hint: "10,000 users × 20 requests/day ≈ 2.3 requests/s average, 10x at peak ≈ 23/s" },
  { id: "architecture", label: "Architecture", hint: "- client -> load balancer -> API service -> Postgres\n- API service -> queue -> worker" },
  { id: "data-model", label: "Data model", more: " (SQL)", hint: "```sql\nCREATE TABLE documents (\n  id BIGINT PRIMARY KEY,\n  company_id BIGINT NOT NULL,\n  created_at TIMESTAMP NOT NULL\n);\nCREATE INDEX ON documents (company_id, created_at);\n```" },
  { id: "api", label: "API", more: " (endpoints)", hint: "POST /api/v1/documents -> 201 Created\nGET /api/v1/documents?cursor= -> 200 OK, 404 Not Found" },
  { id: "scaling", label: "Scaling", hint: "The first bottleneck is ... ; we ... instead of ... because ..." },
  { id: "reliability", label: "Reliability", hint: "Retries with backoff, timeouts, replicas, metrics and alerts on ..." },
  { id: "", label: "Whole answer", hint: "## Requirements\n\n## Estimation\n\n## Architecture\n\n## Data model\n\n## API\n\n## Scaling\n\n## Reliability\n" },
];

let ctxRef = null;
let problems = [];
let mock = null; // the interview on screen: {id, ui, deadline, interviewDeadline, timer}

export async function enter(ctx, arg) {
  ctxRef = ctx;
  const fresh = !problems.length;
  if (fresh) problems = await cached("/problems");
  $("practise-difficulty").onchange = renderProblemList;
  renderProblemList();
  renderRecommended();
  renderDrillsCard(ctx.learner, showDrill).catch(fail);
  renderHistory();
  if (arg && arg.drill) return showDrill(arg.drill);
  if (arg && arg.problem) return openProblem(arg.problem, arg.mock);
  if (arg && arg.mock) return startMock(null);
  if (!mock || mock.learner !== ctx.learner) home();
}

export function leave() {
  // The interview stays open on the server; its clock stops drawing here.
  if (mock && mock.timer) clearInterval(mock.timer);
  if (mock) mock.timer = null;
}

function home() {
  stopClock();
  mock = null;
  $("practise-home").hidden = false;
  show("practise-stage");
}

function stage(...children) {
  $("practise-home").hidden = true;
  const back = el("button", { type: "button", class: "secondary", onclick: () => { home(); renderHistory(); focusOn($("practise-h")); } }, "← Back to practise");
  show("practise-stage", el("div", { class: "row" }, back), ...children);
}

const showDrill = (id) => openDrill(ctxRef.learner, id, stage);

const titleOf = (id) => (problems.find((p) => p.id === id) || {}).title || id;

function renderProblemList() {
  const d = $("practise-difficulty").value;
  const shown = problems.filter((p) => !d || p.difficulty === d);
  show("practise-problems", shown.map((p) => el("li", {},
    el("button", { type: "button", class: "linkish", onclick: () => openProblem(p.id) }, p.title, el("span", { class: "tag" }, p.difficulty)))));
}

async function renderRecommended() {
  try {
    const n = await get(learnerPath(ctxRef.learner) + "/next?kind=problem");
    show("practise-rec",
      el("p", {}, el("strong", {}, n.title)),
      list(n.reasons),
      typeof n.predicted_success === "number" ? el("p", { class: "muted" }, "Predicted success " + pct(n.predicted_success)) : null,
      el("div", { class: "row" },
        el("button", { type: "button", onclick: () => startMock(n.id) }, "Start a mock interview"),
        el("button", { type: "button", class: "secondary", onclick: () => openProblem(n.id) }, "Read the problem")));
  } catch (e) {
    show("practise-rec", el("p", { class: "muted" }, e.message));
  }
}

async function renderHistory() {
  const base = learnerPath(ctxRef.learner);
  const parts = [];
  try {
    const attempts = await get(base + "/attempts?limit=20");
    const items = attempts.items || [];
    parts.push(el("h3", {}, "Graded attempts"));
    parts.push(items.length ? el("div", { class: "table-scroll" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "When"), el("th", { scope: "col" }, "Problem"), el("th", { scope: "col" }, "How"), el("th", { scope: "col" }, "Overall"))),
      el("tbody", {}, items.map((a) => el("tr", {},
        el("td", {}, fmtDate(a.created_at)),
        el("td", {}, el("button", { type: "button", class: "linkish", onclick: () => openAttempt(a.id) }, titleOf(a.problem))),
        el("td", {}, a.source || ""),
        el("td", {}, a.overall === null || a.overall === undefined ? "–" : String(Math.round(a.overall)))))))) :
      el("p", { class: "muted" }, "No attempts yet."));
  } catch (e) {
    if (!(e instanceof ApiError && (e.status === 404 || e.status === 405))) parts.push(el("p", { class: "error" }, e.message));
  }
  try {
    const sessions = await get(base + "/mock-sessions?limit=10");
    const items = sessions.items || [];
    if (items.length) parts.push(el("h3", {}, "Mock interviews"), el("ul", { class: "pick-list" }, items.map((s) => el("li", {},
      el("button", { type: "button", class: "linkish", onclick: () => (s.state === "open" ? resumeMock(s.session) : openMockReport(s.session)) },
        titleOf(s.problem) + " · " + fmtDate(s.started_at), el("span", { class: "tag" + (s.state === "open" ? " warn" : "") }, s.state === "open" ? "resume" : "feedback"))))));
  } catch (e) {
    parts.push(el("p", { class: "error" }, e.message));
  }
  show("practise-history", ...(parts.length ? parts : [el("p", { class: "muted" }, "Nothing yet: your attempts and interviews show here.")]));
}

// --- A problem ----------------------------------------------------------------------------------

async function openProblem(id, thenMock) {
  let p;
  try {
    p = await get("/problems/" + enc(id));
  } catch (e) {
    return fail(e);
  }
  if (thenMock) return startMock(p.id);
  const format = el("select", { id: "mock-format" }, el("option", { value: "" }, "the problem's own (" + ((p.format && p.format.minutes) || 45) + " min)"),
    el("option", { value: "45" }, "45 minutes"), el("option", { value: "60" }, "60 minutes"));
  const level = el("select", { id: "mock-level" }, el("option", { value: "" }, "from my mastery"),
    ["beginner", "intermediate", "advanced"].map((l) => el("option", { value: l }, l)));
  const heading = el("h2", { id: "problem-title" }, p.title);
  stage(el("article", { class: "card", "aria-labelledby": "problem-title" },
    el("div", { class: "stage-head" }, heading, el("span", { class: "tag" }, p.difficulty)),
    el("pre", { class: "statement" }, p.statement || ""),
    p.format && p.format.phases ? el("details", {}, el("summary", {}, "The interview's phases"),
      list(p.format.phases, (ph) => ph.name + " (" + ph.minutes + " min)" + (ph.goal ? ": " + ph.goal : ""))) : null,
    el("h3", {}, "Mock interview"),
    el("p", { class: "muted" }, "A timed interview: ask clarifying questions, write your design section by section, answer the interviewer's probes, get feedback at the end."),
    el("div", { class: "row" }, el("label", { for: "mock-format" }, "Length"), format, el("label", { for: "mock-level" }, "Level"), level),
    el("div", { class: "row" },
      el("button", { type: "button", id: "mock-start", onclick: () => startMock(p.id, format.value, level.value) }, "Start the interview"),
      el("button", { type: "button", class: "secondary", onclick: () => writeAnswer(p) }, "Write an answer instead"))));
  focusOn(heading);
}

// --- A written answer, graded at once -----------------------------------------------------------

function writeAnswer(p) {
  const text = el("textarea", { id: "answer-text", class: "mono", spellcheck: "true" }, SECTIONS[SECTIONS.length - 1].hint);
  const out = el("div", { id: "answer-report", "aria-live": "polite" });
  const run = async (record) => {
    status("Grading…");
    try {
      const e = record
        ? await post(learnerPath(ctxRef.learner) + "/attempts", { problem: p.id, answer: text.value })
        : await post("/evaluate", { problem: p.id, answer: text.value });
      status(record ? "Graded and recorded." : "Graded (not recorded).");
      show(out, el("h3", {}, "Feedback"), evaluationReport(e, 4));
    } catch (e) {
      fail(e);
    }
  };
  const heading = el("h2", { id: "answer-h" }, p.title);
  stage(el("article", { class: "card", "aria-labelledby": "answer-h" },
    heading,
    el("details", {}, el("summary", {}, "The problem"), el("pre", { class: "statement" }, p.statement || "")),
    el("label", { for: "answer-text" }, "Your design in Markdown, with ## sections (SQL in ```sql blocks, endpoints as METHOD /path -> status)"),
    text,
    el("div", { class: "row" },
      el("button", { type: "button", onclick: () => run(true) }, "Grade and record"),
      el("button", { type: "button", class: "secondary", onclick: () => run(false) }, "Grade only")),
    out));
  focusOn(text);
}

// --- The mock interview -------------------------------------------------------------------------

async function startMock(problemId, format, level) {
  const body = {};
  if (problemId) body.problem = problemId;
  if (format) body.format = Number(format);
  if (level) body.level = level;
  status("Starting the interview…");
  let r;
  try {
    r = await post(learnerPath(ctxRef.learner) + "/mock-sessions", body);
  } catch (e) {
    return fail(e);
  }
  status("The interview has started.");
  buildMock(r.session, r.problem);
  addMessages([{ role: "interviewer", text: r.interviewer }]);
  setPhase(r.phase);
  focusOn(mock.ui.text);
}

async function resumeMock(id) {
  let s;
  try {
    s = await get(learnerPath(ctxRef.learner) + "/mock-sessions/" + enc(id));
  } catch (e) {
    return fail(e);
  }
  buildMock(s.session, s.problem);
  addMessages(s.transcript || []);
  if (s.phase) setPhase(s.phase);
  status("Interview resumed.");
  focusOn(mock.ui.text);
}

function buildMock(id, problemId) {
  stopClock();
  const ui = {};
  ui.log = chatLog("mock-log", "Interview transcript");
  ui.phase = el("span", { id: "mock-phase" });
  ui.clock = el("span", { class: "clock", id: "mock-clock", role: "timer", "aria-label": "Time left in this phase" }, "--:--");
  ui.total = el("span", { class: "muted", id: "mock-total" });
  ui.text = el("textarea", { id: "mock-text", rows: "3" });
  const sayForm = el("form", { class: "chat-form", id: "mock-say" },
    el("label", { for: "mock-text" }, "Say to the interviewer"), ui.text,
    el("div", { class: "row" },
      el("button", { type: "submit" }, "Send"),
      el("button", { type: "button", class: "secondary", id: "mock-hint", onclick: () => say("Could I have a hint?") }, "Hint"),
      el("button", { type: "button", class: "secondary", id: "mock-next", onclick: nextPhase }, "Next phase"),
      el("button", { type: "button", class: "danger", id: "mock-finish", onclick: askFinish }, "Finish")),
    el("p", { class: "muted" }, "Ctrl+Enter sends."));
  sayForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const t = ui.text.value.trim();
    if (t) say(t);
  });
  ui.text.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) sayForm.requestSubmit();
  });

  // The section editors: one draft per section, kept while switching.
  const drafts = new Map();
  ui.section = el("select", { id: "mock-section" }, SECTIONS.map((s) => el("option", { value: s.id }, s.label + (s.more || ""))));
  ui.editor = el("textarea", { id: "mock-editor", class: "mono", spellcheck: "false" });
  const placeholder = () => {
    const s = SECTIONS.find((x) => x.id === ui.section.value);
    ui.editor.placeholder = s ? s.hint : "";
  };
  let shown = ui.section.value;
  ui.section.addEventListener("change", () => {
    drafts.set(shown, ui.editor.value);
    shown = ui.section.value;
    ui.editor.value = drafts.get(shown) || "";
    placeholder();
  });
  placeholder();
  const writeForm = el("form", { class: "stack", id: "mock-write" },
    el("div", { class: "row" }, el("label", { for: "mock-section" }, "Section"), ui.section),
    el("label", { for: "mock-editor" }, "Your design for this section (Markdown; SQL in ```sql blocks, endpoints as METHOD /path -> status)"),
    ui.editor,
    el("div", {}, el("button", { type: "submit" }, "Show the interviewer")));
  writeForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    drafts.set(shown, ui.editor.value);
    if (ui.editor.value.trim()) write(ui.editor.value, ui.section.value);
  });
  ui.finish = el("div", { id: "mock-finish-box" });
  ui.statement = el("pre", { class: "statement" });
  get("/problems/" + enc(problemId)).then((p) => { ui.statement.textContent = p.statement || ""; }, () => {});
  ui.controls = [sayForm, writeForm];

  stage(
    el("div", { class: "stage-head" }, el("h2", { id: "mock-h" }, "Mock interview: " + titleOf(problemId))),
    el("div", { class: "phase-bar", "aria-label": "Interview clock" },
      el("span", {}, "Phase: ", el("strong", {}, ui.phase)), el("span", {}, ui.clock, " left"), ui.total),
    el("div", { class: "grid mock" },
      el("section", { class: "card", "aria-labelledby": "mock-chat-h" }, el("h3", { id: "mock-chat-h" }, "Conversation"), ui.log, sayForm, ui.finish),
      el("section", { class: "card", "aria-labelledby": "mock-design-h" }, el("h3", { id: "mock-design-h" }, "Your design"),
        el("details", { class: "problem-ref" }, el("summary", {}, "The problem"), ui.statement), writeForm)));
  mock = { id, problem: problemId, learner: ctxRef.learner, ui, busy: false };
}

function addMessages(items) {
  for (const m of items) {
    const role = m.role === "candidate" ? "candidate" : m.role === "interviewer" ? "interviewer" : "system";
    mock.ui.log.append(chatLine(role, role === "candidate" ? "You" : role === "interviewer" ? "Interviewer" : "Note", m.text));
  }
  mock.ui.log.scrollTop = mock.ui.log.scrollHeight;
}

const mmss = (s) => {
  const a = Math.abs(Math.round(s));
  return String(Math.floor(a / 60)).padStart(2, "0") + ":" + String(a % 60).padStart(2, "0");
};

function setPhase(ph) {
  if (!mock || !ph) return;
  const changed = mock.phaseName !== ph.name;
  mock.phaseName = ph.name;
  mock.ui.phase.textContent = ph.name + (ph.count ? " (" + (ph.index + 1) + " of " + ph.count + ")" : "");
  // The server's remaining seconds, counted down here, so the browser's clock need not agree with it.
  const now = Date.now();
  mock.deadline = typeof ph.remaining_seconds === "number" ? now + ph.remaining_seconds * 1000 : new Date(ph.ends_at).getTime();
  mock.interviewDeadline = typeof ph.interview_remaining_seconds === "number" ? now + ph.interview_remaining_seconds * 1000 : null;
  $("mock-next").disabled = ph.count ? ph.index + 1 >= ph.count : false;
  if (changed) status("Phase: " + ph.name + ", " + ph.minutes + " minutes.");
  tick();
  if (!mock.timer) mock.timer = setInterval(tick, 1000);
}

function tick() {
  if (!mock || !mock.ui.clock.isConnected) return stopClock();
  const left = (mock.deadline - Date.now()) / 1000;
  mock.ui.clock.textContent = left >= 0 ? mmss(left) : "+" + mmss(left);
  mock.ui.clock.classList.toggle("over", left < 0);
  mock.ui.clock.setAttribute("aria-label", left >= 0 ? "Time left in this phase" : "Over this phase's time by");
  if (mock.interviewDeadline) {
    const total = (mock.interviewDeadline - Date.now()) / 1000;
    mock.ui.total.textContent = total >= 0 ? "Interview: " + mmss(total) + " left" : "Interview time is up";
  }
}

function stopClock() {
  if (mock && mock.timer) clearInterval(mock.timer);
  if (mock) mock.timer = null;
}

async function step(path, body, said) {
  if (!mock || mock.busy) return null;
  mock.busy = true;
  if (said) addMessages([{ role: "candidate", text: said }]);
  try {
    const r = await post(learnerPath(ctxRef.learner) + "/mock-sessions/" + enc(mock.id) + path, body);
    if (r.interviewer) addMessages([{ role: "interviewer", text: r.interviewer }]);
    for (const p of r.probes || []) if (!String(r.interviewer || "").includes(p)) addMessages([{ role: "interviewer", text: p }]);
    if (r.phase) setPhase(r.phase);
    if (r.time_up) status("Time is up: tell the interviewer how you think it went, then finish.");
    return r;
  } catch (e) {
    fail(e);
    return null;
  } finally {
    if (mock) mock.busy = false;
  }
}

async function say(text) {
  mock.ui.text.value = "";
  await step("/messages", { text }, text);
  mock && mock.ui.text.focus();
}

async function write(markdown, section) {
  const label = (SECTIONS.find((s) => s.id === section) || {}).label || "design";
  const body = { markdown };
  if (section) body.section = section;
  await step("/sections", body, section ? "(wrote the " + label.toLowerCase() + " section)" : "(wrote the whole design)");
}

async function nextPhase() {
  await step("/phase", { to: "next" });
}

function askFinish() {
  if (!mock) return;
  const text = el("textarea", { id: "mock-self", rows: "3" });
  const form = el("form", { class: "stack card", id: "mock-finish-form" },
    el("label", { for: "mock-self" }, "Before the feedback: how do you think it went? (optional)"), text,
    el("div", { class: "row" }, el("button", { type: "submit" }, "Finish and get feedback"),
      el("button", { type: "button", class: "secondary", onclick: () => show(mock.ui.finish) }, "Not yet")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    finish(text.value.trim());
  });
  show(mock.ui.finish, form);
  focusOn(text);
}

async function finish(selfAssessment) {
  if (!mock || mock.busy) return;
  mock.busy = true;
  status("Grading the interview…");
  try {
    const body = selfAssessment ? { self_assessment: selfAssessment } : {};
    const e = await post(learnerPath(ctxRef.learner) + "/mock-sessions/" + enc(mock.id) + "/finish", body);
    stopClock();
    status("The interview is over: here is your feedback.");
    showReport("Feedback: " + titleOf(mock.problem), e);
    mock = null;
  } catch (e) {
    fail(e);
    if (mock) mock.busy = false;
  }
}

function showReport(title, evaluation, extra) {
  const heading = el("h2", { id: "report-h" }, title);
  const next = evaluation.next;
  stage(el("article", { class: "card", id: "report", "aria-labelledby": "report-h" },
    heading,
    evaluationReport(evaluation, 3),
    next && next.title ? el("p", {}, el("strong", {}, "Next: "), next.title) : null,
    extra || null));
  focusOn(heading);
}

async function openMockReport(id) {
  try {
    const s = await get(learnerPath(ctxRef.learner) + "/mock-sessions/" + enc(id));
    const transcript = el("details", {}, el("summary", {}, "The transcript"),
      el("div", { class: "chat", tabindex: "0", role: "region", "aria-label": "Transcript" }, (s.transcript || []).map((m) => chatLine(m.role === "candidate" ? "candidate" : "interviewer",
        m.role === "candidate" ? "You" : "Interviewer", m.text))));
    if (s.evaluation) showReport("Feedback: " + titleOf(s.problem), s.evaluation, transcript);
    else stage(el("article", { class: "card" }, el("h2", {}, titleOf(s.problem)), el("p", {}, "This interview has no feedback."), transcript));
  } catch (e) {
    fail(e);
  }
}

async function openAttempt(id) {
  try {
    const a = await get(learnerPath(ctxRef.learner) + "/attempts/" + enc(id));
    const answer = a.answer ? el("details", {}, el("summary", {}, "Your answer"), el("pre", { class: "answer" }, a.answer)) : null;
    const when = el("p", { class: "muted" }, fmtDate(a.created_at) + " · " + (a.source || "attempt"));
    if (a.evaluation) showReport(titleOf(a.problem), a.evaluation, el("div", {}, when, answer));
    else stage(el("article", { class: "card" }, el("h2", {}, titleOf(a.problem)), when,
      el("p", {}, "Overall " + (a.overall ?? "–") + ". This attempt was graded by hand, so it has no written feedback."), answer));
  } catch (e) {
    fail(e);
  }
}

