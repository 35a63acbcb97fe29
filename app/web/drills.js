// Drills: short exercises on one dimension (an estimate, a schema, an API, the questions to ask) that
// take a few minutes. The Practise view shows the recommended drill and the drills of one dimension; a
// drill opens with its prompt and an answer box, is graded and recorded at once, and shows the model
// answer only after the attempt.
import { get, post, cached, enc, learnerPath } from "./api.js";
import { el, $, show, fail, status, pct, dimLabel, list, focusOn, findingsList } from "./dom.js";

/** Fills the Practise view's drills card: the recommended drill and a list filtered by dimension; `onOpen(id)`
 * opens a drill. */
export async function renderDrillsCard(learner, onOpen) {
  const drills = await cached("/drills");
  const select = $("drills-dimension");
  const dims = [...new Set(drills.map((d) => d.dimension))].sort();
  if (select.options.length <= 1) for (const d of dims) select.append(el("option", { value: d }, dimLabel(d)));
  let rec = null;
  try {
    rec = await get(learnerPath(learner) + "/next?kind=drill");
  } catch (e) {
    show("drills-rec", el("p", { class: "muted" }, e.message));
  }
  if (rec && rec.id) {
    show("drills-rec",
      el("p", {}, el("strong", {}, rec.title), " ", el("span", { class: "tag" }, rec.minutes + " min")),
      list((rec.reasons || []).slice(0, 1)),
      el("button", { type: "button", id: "drill-rec-start", onclick: () => onOpen(rec.id) }, "Start this drill"));
    if (!select.value && rec.focus) select.value = rec.focus;
  }
  const renderList = () => {
    const d = select.value;
    const shown = drills.filter((x) => !d || x.dimension === d);
    show("drills-list", shown.map((x) => el("li", {},
      el("button", { type: "button", class: "linkish", onclick: () => onOpen(x.id) }, x.title,
        el("span", { class: "tag" }, x.difficulty), el("span", { class: "muted" }, " · " + x.minutes + " min")))));
  };
  select.onchange = renderList;
  renderList();
}

/** A drill on the Practise stage: its prompt, an answer box, then the grade, findings and model answer. */
export async function openDrill(learner, id, stage) {
  let d;
  try {
    d = await get("/drills/" + enc(id));
  } catch (e) {
    return fail(e);
  }
  const answer = el("textarea", { id: "drill-answer", class: "mono", spellcheck: "true", rows: "10" });
  const out = el("div", { id: "drill-report", "aria-live": "polite" });
  const submit = async (ev) => {
    ev.preventDefault();
    if (!answer.value.trim()) return status("Write an answer first.", true);
    status("Grading…");
    try {
      const r = await post(learnerPath(learner) + "/drill-attempts", { drill: d.id, answer: answer.value });
      status("Graded and recorded.");
      show(out, drillReport(r));
      focusOn(out.querySelector("h3"));
    } catch (e) {
      fail(e);
    }
  };
  const heading = el("h2", { id: "drill-title" }, d.title);
  const form = el("form", { id: "drill-form", "aria-label": "Your answer to the drill" },
    el("label", { for: "drill-answer" }, "Your answer"), answer,
    el("div", { class: "row" }, el("button", { type: "submit" }, "Grade and record")));
  form.addEventListener("submit", submit);
  stage(el("article", { class: "card", "aria-labelledby": "drill-title" },
    el("div", { class: "stage-head" }, heading,
      el("span", {}, el("span", { class: "tag" }, dimLabel(d.dimension)), " ", el("span", { class: "tag" }, d.difficulty),
        el("span", { class: "muted" }, " · about " + d.minutes + " min"))),
    el("p", { class: "statement" }, d.prompt || ""),
    form, out));
  focusOn(answer);
}

function drillReport(r) {
  const box = el("div", { class: "report" });
  box.append(el("h3", { tabindex: "-1" }, "Result"),
    el("p", { class: "overall" }, el("span", { class: "big" }, pct(r.score)),
      el("span", { class: "tag" + (r.correct ? "" : " warn") }, r.correct ? "correct" : "not yet"),
      r.attempt_id ? el("span", { class: "muted" }, " · recorded as drill attempt " + r.attempt_id) : null));
  if (r.feedback) box.append(el("p", {}, r.feedback));
  const findings = findingsList(r.findings, !r.correct);
  if (findings) box.append(findings);
  const mastery = Object.entries(r.mastery || {});
  if (mastery.length)
    box.append(el("p", { class: "muted" }, mastery.map(([dim, m]) => dimLabel(dim) + " mastery " + pct(m.before) + " → " + pct(m.after)).join(" · ")));
  if (r.model_answer) box.append(el("h3", {}, "A model answer"), el("pre", { class: "statement" }, r.model_answer));
  return box;
}
