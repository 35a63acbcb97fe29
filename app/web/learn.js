// Learn: the lessons as a teaching dialogue with the coach (teach-sessions), and a question box
// answered from the lessons (GET /ask).
import { get, post, cached, enc, learnerPath } from "./api.js";
import { el, $, show, fail, status, dimLabel, chatLine, chatLog, focusOn } from "./dom.js";

let lessons = [];
let session = null;
let current = null; // the app's context, for the question box's lesson buttons

export async function enter(ctx, arg) {
  current = ctx;
  if (!lessons.length) lessons = await cached("/lessons");
  renderList(ctx);
  if (arg && arg.lesson) await startLesson(ctx, arg.lesson);
  else if (!session || session.learner !== ctx.learner) renderIdle();
}

function renderIdle() {
  session = null;
  show("learn-stage", el("article", { class: "card" }, el("h2", {}, "A lesson with the coach"),
    el("p", {}, "Pick a lesson: the coach explains the idea, asks you a question and answers what you say, " +
      "pointing at what you covered and what is still missing. Say “hint” when you are stuck."),
    el("p", { class: "muted" }, "When the dialogue is done, the lesson's flashcards join your reviews.")));
}

function renderList(ctx) {
  const filter = $("lesson-filter");
  const draw = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = lessons.filter((l) => !q || (l.title + " " + (l.dimensions || []).join(" ") + " " + l.id).toLowerCase().includes(q));
    show("lesson-list", shown.length ? shown.map((l) => el("li", {},
      el("button", { type: "button", class: "linkish", onclick: () => startLesson(ctx, l.id) },
        l.title, l.minutes ? el("span", { class: "tag" }, l.minutes + " min") : null))) :
      el("li", { class: "muted" }, "No lesson matches."));
  };
  filter.oninput = draw;
  draw();
}

async function startLesson(ctx, lessonId) {
  status("Starting the lesson…");
  let reply;
  try {
    reply = await post(learnerPath(ctx.learner) + "/teach-sessions", { lesson: lessonId });
  } catch (e) {
    return fail(e);
  }
  status("");
  const lesson = lessons.find((l) => l.id === lessonId) || { title: lessonId };
  session = { id: reply.session, learner: ctx.learner, lesson, done: false };
  const log = chatLog("teach-log", "Dialogue with the coach");
  const text = el("textarea", { id: "teach-text", rows: "3", required: true });
  const send = el("button", { type: "submit" }, "Send");
  const hint = el("button", { type: "button", class: "secondary", onclick: () => say(ctx, "hint") }, "Hint");
  const giveUp = el("button", { type: "button", class: "secondary", onclick: () => say(ctx, "I give up, show me the answer") }, "Show the answer");
  const form = el("form", { class: "chat-form", id: "teach-form" },
    el("label", { for: "teach-text" }, "Your answer"), text, el("div", { class: "row" }, send, hint, giveUp));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const t = text.value.trim();
    if (t) say(ctx, t);
  });
  text.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) form.requestSubmit();
  });
  session.ui = { log, text, form, progress: el("div", { id: "teach-progress" }) };
  show("learn-stage", el("article", { class: "card", "aria-labelledby": "teach-h" },
    el("div", { class: "stage-head" }, el("h2", { id: "teach-h" }, lesson.title),
      reply.level ? el("span", { class: "tag" }, reply.level) : null),
    (lesson.dimensions || []).length ? el("p", { class: "muted" }, "Trains " + lesson.dimensions.map(dimLabel).join(", ")) : null,
    log, session.ui.progress, form, el("p", { class: "muted" }, "Ctrl+Enter sends.")));
  log.append(chatLine("coach", "Coach", reply.coach));
  renderProgress(reply);
  focusOn(text);
}

function renderProgress(r) {
  const covered = r.covered || [];
  const total = covered.length + (r.missed || []).length;
  const parts = [];
  if (total) parts.push(el("p", { class: "muted" }, covered.length + " of " + total + " key points covered"),
    covered.length ? el("ul", { class: "keypoints", "aria-label": "Key points you covered" }, covered.map((c) => el("li", {}, c))) : null);
  if (r.done) {
    parts.push(el("p", { class: "callout" }, "Lesson done" + (typeof r.score === "number" ? ": score " + Math.round(r.score * 100) + "%" : "") +
      (r.cards ? " · " + r.cards + " flashcards added to your reviews" : "") + "."),
    el("div", { class: "row" }, el("a", { class: "button", href: "#/review" }, "Review the cards"),
      el("a", { class: "button secondary", href: "#/dashboard" }, "Dashboard")));
  }
  show(session.ui.progress, ...parts);
}

async function say(ctx, text) {
  if (!session || session.done || session.busy) return;
  const ui = session.ui;
  session.busy = true;
  ui.log.append(chatLine("learner", "You", text));
  ui.text.value = "";
  ui.log.scrollTop = ui.log.scrollHeight;
  try {
    const r = await post(learnerPath(ctx.learner) + "/teach-sessions/" + enc(session.id) + "/messages", { text });
    ui.log.append(chatLine("coach", "Coach", r.coach));
    ui.log.scrollTop = ui.log.scrollHeight;
    renderProgress(r);
    if (r.done) {
      session.done = true;
      for (const c of ui.form.querySelectorAll("button, textarea")) c.disabled = true;
    }
  } catch (e) {
    fail(e);
  } finally {
    session.busy = false;
  }
  if (!session.done) ui.text.focus();
}

// The question box, above the lessons.
$("ask-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const q = $("ask-text").value.trim();
  if (!q) return;
  show("ask-out", el("p", { class: "muted" }, "Asking…"));
  try {
    const r = await get("/ask?text=" + enc(q));
    const linked = (r.lessons || []).map((id) => lessons.find((l) => l.id === id) || { id, title: id });
    show("ask-out",
      el("div", { class: "msg msg-coach" }, el("span", { class: "msg-who" }, "Coach"), el("p", { class: "msg-text" }, r.answer)),
      linked.length ? el("div", { class: "row" }, el("span", { class: "muted" }, "Lessons on this:"),
        linked.map((l) => el("button", { type: "button", class: "secondary", onclick: () => startLesson(current, l.id) }, l.title))) : null);
  } catch (e) {
    show("ask-out", el("p", { class: "error" }, e.message));
  }
});

