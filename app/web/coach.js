// Coach view: a group's learners with their mastery and its trend, the group's weakest dimensions,
// and one learner's attempts with their feedback.
import { get, all, cached, enc, learnerPath, ApiError } from "./api.js";
import { el, $, show, fail, dimLabel, fmtDate, evaluationReport, focusOn } from "./dom.js";
import { radarChart, barChart, orderDims } from "./charts.js";

let titles = new Map(); // problem id -> title
const titleOf = (id) => titles.get(id) || id;

export async function enter(ctx) {
  titles = new Map((await cached("/problems").catch(() => [])).map((p) => [p.id, p.title]));
  const select = $("coach-group");
  let groups;
  try {
    groups = await all("/groups");
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
      select.replaceChildren();
      show("coach-out", el("p", { class: "muted" }, "This server has no groups."));
      return;
    }
    throw e;
  }
  const keep = select.value;
  select.replaceChildren(...groups.map((g) => el("option", { value: g.name }, g.name + " (" + (g.members || []).length + ")")));
  if (!groups.length) {
    show("coach-out", el("p", {}, "No groups yet. Create one on the server: ", el("code", {}, "rehearse group create NAME --coach COACH"),
      " and add learners with ", el("code", {}, "rehearse group add NAME --learner L"), "."));
    show("coach-learner");
    return;
  }
  if (groups.some((g) => g.name === keep)) select.value = keep;
  select.onchange = () => loadGroup(select.value);
  await loadGroup(select.value);
}

function heat(v) {
  return v < 0.4 ? "low" : v < 0.7 ? "mid" : "high";
}

function trendMark(delta) {
  if (typeof delta !== "number" || Math.abs(delta) < 0.005) return null;
  const up = delta > 0;
  return el("span", { class: up ? "trend-up" : "trend-down" },
    el("span", { "aria-hidden": "true" }, up ? " ▲" : " ▼"),
    el("span", { class: "visually-hidden" }, up ? " up " : " down "),
    (up ? "+" : "−") + Math.abs(delta).toFixed(2));
}

async function loadGroup(name) {
  show("coach-learner");
  show("coach-out", el("p", { class: "muted" }, "Loading…"));
  const g = await get("/groups/" + enc(name) + "/progress");
  const learners = g.learners || [];
  const dims = orderDims([...new Set(learners.flatMap((l) => Object.keys(l.mastery || {})))]);
  const table = el("table", { class: "coach-table" },
    el("caption", { class: "visually-hidden" }, "Mastery per dimension of each learner in " + g.group + ", with the change over " + (g.trend_days || "the last") + " days"),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Learner"), dims.map((d) => el("th", { scope: "col" }, dimLabel(d))),
      el("th", { scope: "col" }, "Attempts"), el("th", { scope: "col" }, "Weakest"))),
    el("tbody", {}, learners.map((l) => el("tr", {},
      el("th", { scope: "row" }, el("button", { type: "button", class: "linkish", onclick: () => openLearner(l, dims) }, l.learner)),
      dims.map((d) => {
        const v = (l.mastery || {})[d];
        return el("td", { class: "heat " + (typeof v === "number" ? heat(v) : "") }, typeof v === "number" ? v.toFixed(2) : "–", trendMark((l.trend || {})[d]));
      }),
      el("td", {}, String(l.attempts ?? 0)),
      el("td", { class: "weakest" }, (l.weakest || []).map(dimLabel).join(", "))))));
  const weakest = (g.weakest || []).map((w) => ({ label: w.dimension, value: w.mean }));
  show("coach-out",
    el("p", { class: "muted" }, learners.length + " learner" + (learners.length === 1 ? "" : "s") + (g.coach ? " · coach " + g.coach : "") +
      (g.trend_days ? " · trend over " + g.trend_days + " days" : "")),
    learners.length ? el("div", { class: "table-scroll card", tabindex: "0", role: "region", "aria-label": "Learners of " + g.group }, table) :
      el("p", {}, "This group has no learners yet."),
    weakest.length ? el("article", { class: "card coach-weak", "aria-labelledby": "coach-weak-h" },
      el("h2", { id: "coach-weak-h" }, "The group's weakest dimensions"),
      barChart(weakest, "Mean mastery of the group by dimension, weakest first: " + weakest.map((w) => dimLabel(w.label) + " " + w.value.toFixed(2)).join(", "), 3),
      el("p", { class: "muted" }, "Mean mastery over the group's learners, weakest first; the three weakest in red.")) : null);
}

async function openLearner(row, dims) {
  const heading = el("h2", { id: "coach-learner-h" }, row.learner);
  const attempts = el("div", { id: "coach-attempts" }, el("p", { class: "muted" }, "Loading attempts…"));
  const report = el("div", { id: "coach-report" });
  const values = Object.fromEntries(dims.map((d) => [d, (row.mastery || {})[d] ?? 0]));
  const room = $("coach-learner").clientWidth;
  show("coach-learner", el("article", { class: "card", "aria-labelledby": "coach-learner-h" },
    heading,
    el("div", { class: "grid mock" },
      el("div", {}, radarChart(values, "Mastery of " + row.learner, null, (room > 830 ? room / 2 : room) - 40)),
      el("div", {}, el("h3", {}, "Attempts"), attempts)),
    report));
  focusOn(heading);
  try {
    const page = await get(learnerPath(row.learner) + "/attempts?limit=50");
    const items = page.items || [];
    show(attempts, items.length ? el("ul", { class: "pick-list" }, items.map((a) => el("li", {},
      el("button", { type: "button", class: "linkish", onclick: () => openAttempt(row.learner, a.id, report) },
        titleOf(a.problem) + " · " + fmtDate(a.created_at), el("span", { class: "tag" }, (a.source || "") + " " + (a.overall ?? "–")))))) :
      el("p", { class: "muted" }, "No attempts yet."));
  } catch (e) {
    show(attempts, el("p", { class: "error" }, e.message));
  }
}

async function openAttempt(learner, id, into) {
  try {
    const a = await get(learnerPath(learner) + "/attempts/" + enc(id));
    const heading = el("h3", { id: "coach-report-h" }, "Attempt " + a.id + ": " + titleOf(a.problem));
    show(into, heading, el("p", { class: "muted" }, fmtDate(a.created_at) + " · " + (a.source || "")),
      a.evaluation ? evaluationReport(a.evaluation, 4) : el("p", {}, "Overall " + (a.overall ?? "–") + " (graded by hand, no written feedback)."),
      a.answer ? el("details", {}, el("summary", {}, "The answer"), el("pre", { class: "answer" }, a.answer)) : null);
    focusOn(heading);
  } catch (e) {
    fail(e);
  }
}
