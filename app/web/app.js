// The app shell: who is using it (GET /api/v1/me: a token's learner and role on a shared server,
// a learner picked here on a local one), the views behind #/hash routes, and the header.
import { get, post, all, setToken, clearToken, token, whenUnauthorized, ApiError } from "./api.js";
import { el, $, show, status, fail, focusOn } from "./dom.js";
import * as dashboard from "./dashboard.js";
import * as practise from "./practise.js";
import * as review from "./review.js";
import * as learn from "./learn.js";
import * as coach from "./coach.js";

const views = { dashboard, practise, review, learn, coach };
const LEARNER_KEY = "rehearse.learner";

/** What every view reads: the learner whose data it shows and what the caller may do. */
const ctx = {
  me: { auth: false, learner: null, role: "local", groups: [] },
  learner: "",
  /** Goes to a view with an argument (a problem, a lesson ...), through the URL hash. */
  go(view, arg) {
    ctx.pending = { view, arg };
    const hash = "#/" + view;
    if (location.hash === hash) route();
    else location.hash = hash;
  },
  pending: null,
  current: null,
};

function setLearner(name) {
  ctx.learner = name || "";
  if (!ctx.me.auth) localStorage.setItem(LEARNER_KEY, ctx.learner);
}

// --- Who is using the app -------------------------------------------------------------------

async function whoAmI() {
  try {
    return await get("/me");
  } catch (e) {
    // A server without /me is a local one: nothing to sign in to.
    if (e instanceof ApiError && e.status === 404) return { auth: false, learner: null, role: "local", groups: [] };
    throw e;
  }
}

async function boot() {
  let me;
  try {
    me = await whoAmI();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showSignIn(token() ? "That token was not accepted (wrong, expired or revoked)." : "");
    fail(e);
    return;
  }
  ctx.me = { auth: !!me.auth, learner: me.learner || null, role: me.role || "local", groups: me.groups || [] };
  $("nav").hidden = false;
  $("view-signin").hidden = true;
  if (ctx.me.auth) {
    setLearner(ctx.me.learner || "");
    renderSignedIn();
  } else {
    setLearner(localStorage.getItem(LEARNER_KEY) || "");
    await renderPicker();
  }
  // The coach view: coaches, and anyone on a local server (where groups are open to the user).
  $("nav-coach").hidden = !(ctx.me.role === "coach" || ctx.me.role === "local" || ctx.me.groups.length);
  // A coach's token that is no learner's opens on the coach view.
  if (ctx.me.auth && !ctx.learner && !$("nav-coach").hidden && !/^#\/coach/.test(location.hash)) {
    location.hash = "#/coach";
    return; // the hashchange routes
  }
  route();
}

function showSignIn(message) {
  for (const v of document.querySelectorAll(".view")) v.hidden = true;
  $("nav").hidden = true;
  show("who");
  $("view-signin").hidden = false;
  $("signin-error").textContent = message || "";
  status("");
  focusOn($("signin-token"));
}

$("signin-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const t = $("signin-token").value.trim();
  if (!t) return;
  setToken(t, $("signin-remember").checked);
  $("signin-token").value = "";
  boot();
});

whenUnauthorized(() => {
  // A token revoked while the page is open: back to the sign-in form.
  if (ctx.me.auth || token()) showSignIn("Your session ended: sign in again.");
});

function renderSignedIn() {
  const label = ctx.me.learner ? ctx.me.learner : "coach";
  show("who",
    el("span", {}, "Signed in as ", el("strong", {}, label), ctx.me.role === "coach" ? el("span", { class: "tag" }, "coach") : null),
    el("button", { type: "button", class: "secondary", id: "signout", onclick: signOut }, "Sign out"));
}

function signOut() {
  clearToken();
  ctx.me = { auth: false, learner: null, role: "local", groups: [] };
  setLearner("");
  location.hash = "#/dashboard";
  boot();
}

async function renderPicker() {
  let learners = [];
  try {
    learners = await all("/learners");
  } catch (e) {
    fail(e);
  }
  if (ctx.learner && !learners.some((l) => l.name === ctx.learner)) setLearner("");
  const select = el("select", { id: "learner-select" }, el("option", { value: "" }, "(choose)"),
    learners.map((l) => el("option", { value: l.name }, l.name)));
  select.value = ctx.learner;
  select.addEventListener("change", () => {
    setLearner(select.value);
    route();
  });
  const name = el("input", { id: "learner-new", placeholder: "new name", maxlength: "64", autocomplete: "off", size: "10" });
  const form = el("form", { "aria-label": "Add a learner" },
    el("label", { for: "learner-new", class: "visually-hidden" }, "New learner"), name,
    el("button", { type: "submit", class: "secondary" }, "Add"));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const n = name.value.trim();
    if (!n) return;
    try {
      const l = await post("/learners", { name: n });
      setLearner(l.name);
      await renderPicker();
      status("Learner " + l.name + " is ready.");
      route();
    } catch (e) {
      fail(e);
    }
  });
  show("who", el("label", { for: "learner-select" }, "Learner"), select, form);
}

// --- Views --------------------------------------------------------------------------------------

function viewFromHash() {
  const name = (location.hash.match(/^#\/([a-z]+)/) || [])[1];
  return views[name] ? name : "dashboard";
}

let leaving = null;
async function route() {
  const name = viewFromHash();
  const arg = ctx.pending && ctx.pending.view === name ? ctx.pending.arg : undefined;
  ctx.pending = null;
  if (leaving) leaving();
  leaving = null;
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  for (const v of document.querySelectorAll(".view")) v.hidden = true;
  const needsLearner = name !== "coach";
  if (needsLearner && !ctx.learner) {
    $("view-pick").hidden = false;
    if (ctx.me.auth) show($("view-pick").querySelector("p"), "This token belongs to no learner: use the coach view.");
    return;
  }
  const section = $("view-" + name);
  section.hidden = false;
  ctx.current = name;
  document.title = section.querySelector("h1").textContent + " · Rehearse";
  status("");
  const view = views[name];
  try {
    await view.enter(ctx, arg);
  } catch (e) {
    fail(e);
  }
  leaving = view.leave || null;
}

window.addEventListener("hashchange", route);
// Moving between views by the navigation puts focus on the view's heading.
$("nav").addEventListener("click", (ev) => {
  const a = ev.target.closest("a[data-view]");
  if (!a) return;
  setTimeout(() => focusOn($("view-" + a.dataset.view).querySelector("h1")), 0);
});

boot();
