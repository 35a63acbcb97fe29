// Review: the due flashcards one at a time. Space (or the button) shows the answer; 1-4 grade it
// (again, hard, good, easy) as FSRS ratings; the count left is announced.
import { get, post, learnerPath } from "./api.js";
import { el, $, show, fail, status, focusOn } from "./dom.js";

const GRADES = [
  { rating: 1, name: "Again", cls: "again" },
  { rating: 2, name: "Hard", cls: "secondary" },
  { rating: 3, name: "Good", cls: "" },
  { rating: 4, name: "Easy", cls: "secondary" },
];

let state = null;

export async function enter(ctx) {
  state = { ctx, queue: [], index: 0, revealed: false, busy: false, done: 0, due: 0 };
  show("review-stage", el("p", { class: "muted" }, "Loading the cards due…"));
  await load();
  document.addEventListener("keydown", onKey);
}

export function leave() {
  document.removeEventListener("keydown", onKey);
  state = null;
}

async function load() {
  const r = await get(learnerPath(state.ctx.learner) + "/reviews?limit=100");
  state.queue = r.items || [];
  state.index = 0;
  state.due = r.due || 0;
  render();
}

function left() {
  return state.queue.length - state.index;
}

function render() {
  const n = left();
  $("review-count").textContent = n
    ? n + " card" + (n === 1 ? "" : "s") + " left" + (state.done ? " · " + state.done + " reviewed" : "")
    : "";
  if (!n) {
    show("review-stage", el("div", { class: "flashcard" },
      el("p", { class: "front" }, state.done ? "All done for now." : "No cards are due."),
      el("p", { class: "muted" }, state.done ? state.done + " card" + (state.done === 1 ? "" : "s") + " reviewed. Cards come back when they are due." :
        "Cards join your reviews when you take a lesson."),
      el("div", { class: "row" }, el("a", { class: "button", href: "#/learn" }, "Take a lesson"),
        el("a", { class: "button secondary", href: "#/dashboard" }, "Dashboard"))));
    return;
  }
  const card = state.queue[state.index];
  const grades = el("div", { class: "grades", role: "group", "aria-label": "How well did you remember?" },
    GRADES.map((g) => el("button", { type: "button", class: g.cls, "data-rating": g.rating, disabled: !state.revealed, onclick: () => grade(g.rating) },
      g.rating + " · " + g.name)));
  const reveal = el("button", { type: "button", id: "review-reveal", onclick: revealCard, hidden: state.revealed }, "Show answer (Space)");
  show("review-stage",
    el("article", { class: "flashcard", "aria-labelledby": "card-front" },
      card.lesson_title ? el("p", { class: "muted" }, card.lesson_title) : null,
      el("p", { class: "front", id: "card-front" }, card.front),
      el("div", { class: "back", id: "card-back", hidden: !state.revealed, "aria-live": "polite" }, state.revealed ? card.back : "")),
    el("div", { class: "row" }, reveal),
    grades);
}

function revealCard() {
  if (!state || state.revealed || !left()) return;
  state.revealed = true;
  const card = state.queue[state.index];
  const back = $("card-back");
  back.hidden = false;
  back.textContent = card.back;
  $("review-reveal").hidden = true;
  for (const b of document.querySelectorAll(".grades button")) b.disabled = false;
  // Focus on the answer (read out by screen readers); Space then does nothing more, 1-4 grade.
  focusOn(back);
}

async function grade(rating) {
  if (!state || !state.revealed || state.busy || !left()) return;
  state.busy = true;
  const card = state.queue[state.index];
  try {
    const r = await post(learnerPath(state.ctx.learner) + "/reviews", { card: card.card, rating });
    state.index += 1;
    state.done += 1;
    state.revealed = false;
    const when = r.interval_days ? "next in " + r.interval_days + " day" + (r.interval_days === 1 ? "" : "s") : "again later today";
    status(GRADES[rating - 1].name + " — " + when + ".");
    render();
    if (left()) focusOn($("review-reveal"));
  } catch (e) {
    fail(e);
  } finally {
    if (state) state.busy = false;
  }
}

function onKey(ev) {
  if (!state || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const t = ev.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  if (ev.key === " " || ev.key === "Spacebar") {
    // Space on a focused button presses that button, as everywhere else.
    if (t && /^(BUTTON|SUMMARY)$/.test(t.tagName) && t.id !== "review-reveal") return;
    ev.preventDefault();
    revealCard();
  } else if (/^[1-4]$/.test(ev.key)) {
    ev.preventDefault();
    grade(Number(ev.key));
  }
}
