// Dashboard: mastery per dimension (radar) and its history (lines), the weakest areas with what to
// do about them, today's plan with its items ticked off, the reviews due and the next step.
import { get, post, cached, learnerPath, ApiError } from "./api.js";
import { el, $, show, fail, status, pct, dimLabel, meter, list } from "./dom.js";
import { radarChart, lineChart, trendTable, orderDims } from "./charts.js";

// What to do about a weak dimension, in a sentence (the rubric's own advice, shortened).
const ADVICE = {
  requirements: "Open with clarifying questions (users, scale, must-haves, what is out of scope) and write the answers down before designing.",
  estimation: "Do the arithmetic out loud: users → requests per second → storage per day, with units, then say what the numbers decide.",
  architecture: "Draw the request path end to end (client → API → services → stores) and give each component one job.",
  "data-model": "Write the tables with keys and indexes for the queries you expect; say where tenant isolation is enforced.",
  api: "List endpoints with methods, status codes (including errors), pagination and idempotency for writes.",
  scaling: "Name the first bottleneck and how you remove it; weigh one alternative instead of \"add more servers\".",
  reliability: "Say what fails and what happens then: retries with backoff, timeouts, replicas, monitoring and alerts.",
  communication: "Keep to the phases' time, check in with the interviewer, and summarise your trade-offs at the end.",
};

let hidden = new Set();

export async function enter(ctx) {
  const base = learnerPath(ctx.learner);
  show("dash-radar", el("p", { class: "muted" }, "Loading…"));
  const jobs = [
    get(base + "/progress").then((p) => renderProgress(ctx, p)),
    renderPlan(ctx),
    get(base + "/reviews?limit=1").then(renderReviews, (e) => show("dash-reviews", el("p", { class: "error" }, e.message))),
    get(base + "/next").then((n) => renderNext(ctx, n), (e) => show("dash-next", el("p", { class: "muted" }, e.message))),
  ];
  const results = await Promise.allSettled(jobs);
  for (const r of results) if (r.status === "rejected") fail(r.reason);
}

// The charts are drawn for the width they get; a resize (or a phone turned) draws them again.
let lastDrawn = null;
let resizeTimer = 0;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (lastDrawn && !$("view-dashboard").hidden) renderCharts(...lastDrawn);
  }, 150);
});

function renderProgress(ctx, p) {
  renderCharts(ctx, p);
  const dims = orderDims(Object.keys(p.dimensions || {}));
  renderWeakest(ctx, p, Object.fromEntries(dims.map((d) => [d, p.dimensions[d].mastery])));
}

function renderCharts(ctx, p) {
  lastDrawn = [ctx, p];
  const dims = orderDims(Object.keys(p.dimensions || {}));
  const values = Object.fromEntries(dims.map((d) => [d, p.dimensions[d].mastery]));
  const attempts = dims.reduce((n, d) => Math.max(n, p.dimensions[d].attempts || 0), 0);
  const table = el("table", { class: "scores" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Dimension"), el("th", { scope: "col" }, "Mastery"), el("th", { scope: "col" }, "Evidence"))),
    el("tbody", {}, dims.map((d) => el("tr", {}, el("th", { scope: "row" }, dimLabel(d)),
      el("td", {}, meter(values[d], dimLabel(d))), el("td", {}, String(p.dimensions[d].attempts || 0))))));
  show("dash-radar",
    radarChart(values, "Mastery by dimension for " + ctx.learner + ": " + dims.map((d) => dimLabel(d) + " " + pct(values[d])).join(", "), null, $("dash-radar").clientWidth),
    attempts ? null : el("p", { class: "muted" }, "No evidence yet: every dimension starts at the prior. Practise a problem or take a lesson."),
    el("details", { class: "chart-data" }, el("summary", {}, "Show as a table"), el("div", { class: "table-scroll" }, table)));

  const series = dims.map((d) => ({ name: d, points: (p.dimensions[d].trend || []).map((t) => ({ at: t.at, value: t.mastery })) }));
  const drawn = el("div");
  const draw = () => show(drawn, lineChart(series, "Mastery over time, one line per dimension", hidden, $("dash-history").clientWidth));
  const legend = el("ul", { class: "legend", "aria-label": "Dimensions shown" }, series.map((s, i) => {
    const box = el("input", { type: "checkbox", id: "legend-" + s.name });
    box.checked = !hidden.has(s.name);
    box.addEventListener("change", () => {
      if (box.checked) hidden.delete(s.name);
      else hidden.add(s.name);
      draw();
    });
    return el("li", {}, el("label", { for: "legend-" + s.name }, box, el("span", { class: "swatch c" + (i % 8) }), dimLabel(s.name)));
  }));
  draw();
  const updates = series.reduce((n, s) => n + s.points.length, 0);
  show("dash-history", updates ? drawn : el("p", { class: "muted" }, "The history starts with your first graded attempt or lesson."),
    updates ? legend : null, updates ? trendTable(series) : null);
}

async function renderWeakest(ctx, p, values) {
  const weakest = p.weakest || [];
  if (!weakest.length) return show("dash-weak", el("p", { class: "muted" }, "Nothing stands out yet."));
  const [lessons, problems] = await Promise.all([cached("/lessons").catch(() => []), cached("/problems").catch(() => [])]);
  const items = weakest.map((d) => {
    const lesson = lessons.find((l) => (l.dimensions || []).includes(d) || l.dimension === d);
    const problem = problems
      .filter((q) => q.dimensions && q.dimensions[d] !== undefined)
      .sort((a, b) => (b.dimensions[d] || 0) - (a.dimensions[d] || 0))[0];
    return el("li", {},
      el("p", {}, el("strong", {}, dimLabel(d)), " ", meter(values[d], dimLabel(d))),
      el("p", {}, ADVICE[d] || "Practise a problem that weighs this dimension."),
      el("div", { class: "row" },
        lesson ? el("button", { type: "button", class: "secondary", onclick: () => ctx.go("learn", { lesson: lesson.id }) }, "Lesson: " + lesson.title) : null,
        problem ? el("button", { type: "button", class: "secondary", onclick: () => ctx.go("practise", { problem: problem.id }) }, "Practise: " + problem.title) : null));
  });
  show("dash-weak", el("ul", { class: "weak-list" }, items));
}

function activityLabel(a, titles) {
  const what = a.suggested && a.suggested.title ? a.suggested.title : titles.get(a.ref) || a.ref || "";
  const kinds = { lesson: "Lesson", problem: "Problem", drill: "Drill", review: "Flashcard reviews", mock: "Mock interview", "self-assessment": "Self-assessment", rest: "Rest" };
  return (kinds[a.kind] || a.kind) + (what ? ": " + what : "");
}

function activityAction(ctx, a) {
  const ref = a.ref || (a.suggested && a.suggested.id);
  if (a.done || a.kind === "rest" || a.kind === "self-assessment") return null;
  if (a.kind === "lesson" && ref) return el("button", { type: "button", class: "secondary", onclick: () => ctx.go("learn", { lesson: ref }) }, "Start");
  if (a.kind === "problem" && ref) return el("button", { type: "button", class: "secondary", onclick: () => ctx.go("practise", { problem: ref }) }, "Start");
  if (a.kind === "drill" && ref) return el("button", { type: "button", class: "secondary", onclick: () => ctx.go("practise", { drill: ref }) }, "Start");
  if (a.kind === "mock") return el("button", { type: "button", class: "secondary", onclick: () => ctx.go("practise", { problem: ref, mock: true }) }, "Start");
  if (a.kind === "review") return el("button", { type: "button", class: "secondary", onclick: () => ctx.go("review") }, "Start");
  return null;
}

async function renderPlan(ctx) {
  let today;
  try {
    today = await get(learnerPath(ctx.learner) + "/plan/today");
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return renderPlanStart(ctx);
    throw e;
  }
  const acts = today.activities || [];
  const [lessons, problems, drills] = await Promise.all([cached("/lessons").catch(() => []), cached("/problems").catch(() => []),
    cached("/drills").catch(() => [])]);
  const titles = new Map([...lessons, ...problems, ...drills].map((x) => [x.id, x.title]));
  const day = (today.days || [])[0];
  const done = acts.filter((a) => a.done).length;
  const parts = [];
  if (day) parts.push(el("p", {}, el("strong", {}, "Week " + day.week + ", day " + day.day + ": "), day.title || ""));
  if (today.starts) parts.push(el("p", { class: "muted" }, "Your plan starts on " + today.starts + "."));
  if (today.finished) parts.push(el("p", {}, "Your plan is finished. Well done."));
  if (acts.length) {
    parts.push(el("p", { class: "muted" }, done + " of " + acts.length + " done" +
      (today.backlog ? " · " + today.backlog + " carried over" : "") +
      (typeof today.adherence === "number" ? " · adherence " + pct(today.adherence) : "")));
    parts.push(el("ul", { class: "plan-items", "aria-label": "Today's activities" }, acts.map((a) =>
      el("li", { class: a.done ? "done" : "" },
        el("span", { class: "tick-box", "aria-hidden": "true" }, a.done ? "✓" : ""),
        el("span", { class: "plan-what" },
          el("span", { class: "visually-hidden" }, a.done ? "Done: " : "To do: "),
          activityLabel(a, titles),
          el("span", { class: "muted" }, " · " + a.minutes + " min"),
          a.backlog ? el("span", { class: "tag warn" }, "carried over") : null,
          a.fits === false ? el("span", { class: "tag" }, "if time allows") : null,
          a.note ? el("span", { class: "muted plan-note" }, el("br"), a.note) : null),
        activityAction(ctx, a)))));
  } else if (!today.starts && !today.finished) {
    parts.push(el("p", { class: "muted" }, "Nothing planned today."));
  }
  show("dash-plan", ...parts);
}

async function renderPlanStart(ctx) {
  const curricula = await cached("/curricula").catch(() => []);
  const select = el("select", { id: "plan-curriculum", required: true }, curricula.map((c) => el("option", { value: c.id }, c.title || c.id)));
  const minutes = el("input", { id: "plan-minutes", type: "number", min: "5", max: "600", value: "60", inputmode: "numeric" });
  const date = el("input", { id: "plan-interview", type: "date" });
  const form = el("form", { class: "stack" },
    el("p", {}, "You have no study plan. Start one and today's work shows here."),
    el("label", { for: "plan-curriculum" }, "Curriculum"), select,
    el("label", { for: "plan-minutes" }, "Minutes a day"), minutes,
    el("label", { for: "plan-interview" }, "Interview date (optional)"), date,
    el("div", {}, el("button", { type: "submit" }, "Start the plan")));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const body = { curriculum: select.value, minutes_per_day: Number(minutes.value) };
    if (date.value) body.interview_date = date.value;
    try {
      await post(learnerPath(ctx.learner) + "/plan", body);
      status("Plan started.");
      await renderPlan(ctx);
    } catch (e) {
      fail(e);
    }
  });
  show("dash-plan", curricula.length ? form : el("p", { class: "muted" }, "No curricula are installed."));
}

function renderReviews(r) {
  const due = r.due || 0;
  show("dash-reviews",
    el("p", {}, el("span", { class: "big" }, String(due)), " card" + (due === 1 ? "" : "s") + " due"),
    r.new_available ? el("p", { class: "muted" }, r.new_available + " new card" + (r.new_available === 1 ? "" : "s") + " available") : null,
    due || r.new_available ? el("a", { class: "button", href: "#/review" }, "Review now") : el("p", { class: "muted" }, "Take a lesson to add cards."));
}

function renderNext(ctx, n) {
  const go = () => {
    if (n.kind === "problem") ctx.go("practise", { problem: n.id });
    else if (n.kind === "lesson") ctx.go("learn", { lesson: n.id });
    else if (n.kind === "review") ctx.go("review");
    else ctx.go("practise");
  };
  show("dash-next",
    el("p", {}, el("span", { class: "tag" }, n.kind), " ", el("strong", {}, n.title)),
    list(n.reasons),
    typeof n.predicted_success === "number" ? el("p", { class: "muted" }, "Predicted success " + pct(n.predicted_success)) : null,
    el("button", { type: "button", onclick: go }, n.kind === "review" ? "Review now" : "Start"));
}
