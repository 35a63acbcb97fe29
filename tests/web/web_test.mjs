// The web app as a user drives it, in headless Chromium against the real `rehearse serve` on
// 127.0.0.1 with a temporary database seeded through the CLI. Every view is opened and used; the
// test fails on any console error or uncaught exception in the page, on a view wider than a phone's
// screen, and on any WCAG 2.1 A/AA rule axe-core finds broken (contrast, labels, names, landmarks).
// Screenshots of each view at 1280 and 360 px wide are saved as artefacts.
//   node web_test.mjs REHEARSE_BINARY ANSWERS_DIR [SCREENSHOT_DIR]
import { chromium } from "playwright-core";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [bin, answers, shotsArg] = process.argv.slice(2);
if (!bin || !answers) {
  console.error("usage: node web_test.mjs REHEARSE_BINARY ANSWERS_DIR [SCREENSHOT_DIR]");
  process.exit(2);
}
const shots = shotsArg || join(tmpdir(), "rehearse-web-screenshots");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "rehearse-web-"));
const db = join(work, "web.db");
const started = Date.now();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

function cli(...args) {
  const r = spawnSync(bin, ["--db", db, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`rehearse ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}
// A command this build has: `rehearse --help` lists it.
const help = spawnSync(bin, ["--help"], { encoding: "utf8" }).stdout;
const hasCommand = (...words) => new RegExp("^\\s+" + words.join(" ") + "\\b", "m").test(help);
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().replace(/\.\d+Z$/, "Z");

// --- Data, through the CLI as a user would make it ---------------------------------------------
cli("learner", "add", "ana");
cli("learner", "add", "bo");
cli("--learner", "ana", "plan", "start", "--curriculum", "startup-four-week", "--start", daysAgo(0).slice(0, 10));
const seeded = [
  ["ana", 9, "document-management", "docmgmt-medium-no-indexes.md"],
  ["ana", 6, "url-shortener-startup", null],
  ["ana", 3, "case-tracking", "casetracking-medium-inline-email.md"],
  ["ana", 1, "document-management", "docmgmt-strong-mermaid.md"],
  ["ana", 0, "url-shortener-startup", "shortener-startup-medium-one-vm.md"],
  ["bo", 4, "case-tracking", "casetracking-weak-microservices.md"],
];
for (const [who, ago, problem, file] of seeded) {
  const when = ago ? ["--now", daysAgo(ago)] : [];
  if (file) cli("--learner", who, ...when, "attempt", "--problem", problem, "--answer", join(answers, file));
  else cli("--learner", who, ...when, "attempt", "--problem", problem, "--scores", "requirements=0.7,api=0.5,data-model=0.6");
}
for (const lesson of ["cache-aside", "database-indexing"]) cli("--learner", "ana", "--now", daysAgo(2), "lesson", "--lesson", lesson);
const groups = hasCommand("group", "create");
if (groups) {
  cli("learner", "add", "cora");
  cli("group", "create", "cohort-a", "--coach", "cora");
  cli("group", "add", "cohort-a", "--learner", "ana");
  cli("group", "add", "cohort-a", "--learner", "bo");
}

// --- The server ------------------------------------------------------------------------------
function serve(extra = []) {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ["--db", db, "serve", "--host", "127.0.0.1", "--port", "0", ...extra], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error("the server did not start: " + out)), 10000);
    const read = (chunk) => {
      out += chunk;
      const m = out.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => new Promise((done) => { p.once("exit", done); p.kill("SIGTERM"); }) });
      }
    };
    p.stdout.on("data", read);
    p.stderr.on("data", read);
    p.once("exit", (code) => reject(new Error("the server exited with " + code + ": " + out)));
  });
}

const errors = [];
let allowUnauthorized = false;
function watch(page) {
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium logs every 4xx response as an error. Two are answers the app expects: signing in
    // starts from a 401 on /me, and a learner with no study plan gets 404 on plan/today.
    const url = (m.location() && m.location().url) || "";
    if (allowUnauthorized && /status of 401/.test(m.text()) && url.endsWith("/api/v1/me")) return;
    if (/status of 404/.test(m.text()) && /\/api\/v1\/learners\/[^/]+\/plan\/today$/.test(url)) return;
    errors.push("console: " + m.text() + (m.location() && m.location().url ? " (" + m.location().url + ")" : ""));
  });
  page.on("pageerror", (e) => errors.push("page error: " + e.message));
}

function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
  console.log("ok   " + what);
}

// axe-core is evaluated through the DevTools protocol, which the page's CSP does not restrict.
async function audit(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const broken = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  });
  for (const b of broken) errors.push(`accessibility, ${name}: ${b}`);
}

async function shoot(page, name) {
  await audit(page, name);
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    // Nothing may push the page sideways on a phone (wide tables scroll inside their box).
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) throw new Error(`${name} is ${scrollWidth} px wide at a ${width} px viewport`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
});
let server = null;
let failed = false;
try {
  server = await serve();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);
  page.setDefaultTimeout(8000);

  // Local server: no sign-in, a learner picker.
  await page.goto(server.url + "/");
  await page.waitForSelector("#learner-select option[value=ana]", { state: "attached" });
  await page.selectOption("#learner-select", "ana");

  // Dashboard: both charts as SVG, the weakest areas, today's plan, the reviews due.
  await page.waitForSelector("#dash-radar svg.radar polygon.area");
  await page.waitForSelector("#dash-history svg.line polyline.series");
  await page.waitForSelector("#dash-weak .weak-list li");
  await page.waitForSelector("#dash-plan .plan-items li");
  await page.waitForSelector("#dash-reviews .big");
  check(await page.locator("#dash-history svg.line polyline.series").count() >= 3, "dashboard: the history has a line per dimension");
  check(/new card|due/.test(await page.textContent("#dash-reviews")), "dashboard: the reviews due are counted");
  await shoot(page, "dashboard");

  // Review: reveal with Space, grade with the keyboard, the count goes down.
  await page.click('nav a[data-view="review"]');
  await page.waitForSelector("#card-front");
  const before = parseInt(await page.textContent("#review-count"), 10);
  await page.keyboard.press("Space");
  await page.waitForSelector("#card-back:not([hidden])");
  await shoot(page, "review");
  await page.keyboard.press("3");
  await page.waitForFunction((n) => parseInt(document.getElementById("review-count").textContent, 10) === n - 1 ||
    (n === 1 && document.getElementById("review-count").textContent === ""), before);
  check(/Good/.test(await page.textContent("#status")), "review: a card graded Good with the keyboard, " + (before - 1) + " left");

  // Learn: ask a question; take a lesson turn with the coach.
  await page.click('nav a[data-view="learn"]');
  await page.fill("#ask-text", "Should I use Redis or Memcached?");
  await page.press("#ask-text", "Enter");
  await page.waitForSelector("#ask-out .msg-text");
  check((await page.textContent("#ask-out .msg-text")).length > 20, "learn: the coach answers a question");
  await page.click('#lesson-list button:has-text("Read replicas")');
  await page.waitForSelector("#teach-log .msg-coach");
  await page.fill("#teach-text", "Replicas copy the primary asynchronously, so reads can be stale; writes still go to the one primary.");
  await page.click('#teach-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll("#teach-log .msg-coach").length >= 2);
  check(true, "learn: the coach replies in the teaching chat");
  await shoot(page, "learn");

  // Practise: the list, a mock interview with a reply, a section, the next phase, the feedback.
  await page.click('nav a[data-view="practise"]');
  await page.waitForSelector("#practise-rec button");
  await page.waitForSelector("#practise-history table");
  await shoot(page, "practise");
  // A drill: the recommended one, answered, graded and recorded, with the model answer after it.
  await page.waitForSelector("#drills-rec #drill-rec-start");
  check(await page.locator("#drills-list li").count() > 0, "practise: the drills of one skill are listed");
  await page.click("#drill-rec-start");
  await page.waitForSelector("#drill-answer");
  await page.fill("#drill-answer", "Who are the users, and how many bookings a day? Which data must we keep, and for how long?");
  await page.click('#drill-form button[type=submit]');
  await page.waitForSelector("#drill-report .overall .big");
  check(/model answer/i.test(await page.textContent("#drill-report")), "practise: a drill is graded, with the model answer after it");
  await shoot(page, "drill");
  await page.click('#practise-stage button:has-text("Back to practise")');
  await page.click('#practise-problems button:has-text("document management")');
  await page.click("#mock-start");
  await page.waitForSelector("#mock-log .msg-interviewer");
  check(/\d\d:\d\d/.test(await page.textContent("#mock-clock")), "practise: the phase clock shows the time left");
  await page.fill("#mock-text", "How many companies and users should this support, and how large are the files?");
  await page.click('#mock-say button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll("#mock-log .msg-interviewer").length >= 2);
  check(true, "practise: the interviewer replies to a clarifying question");
  await page.click("#mock-next");
  await page.selectOption("#mock-section", "data-model");
  await page.fill("#mock-editor", "```sql\nCREATE TABLE documents (id BIGINT PRIMARY KEY, company_id BIGINT NOT NULL, s3_key TEXT NOT NULL);\n```");
  await page.click('#mock-write button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll("#mock-log .msg-candidate").length >= 2 &&
    document.querySelectorAll("#mock-log .msg-interviewer").length >= 4);
  await shoot(page, "mock");
  await page.click("#mock-finish");
  await page.fill("#mock-self", "I ran out of time on the API.");
  await page.click('#mock-finish-form button[type=submit]');
  await page.waitForSelector("#report .overall .big");
  check(true, "practise: the mock interview ends with the feedback report");
  await shoot(page, "feedback");

  // Coach: the group's learners, one learner's attempts and feedback.
  if (groups) {
    await page.click('nav a[data-view="coach"]');
    await page.waitForSelector(".coach-table tbody tr");
    check(await page.locator(".coach-table tbody tr").count() === 2, "coach: the group lists its two learners");
    await page.waitForSelector(".coach-weak svg.bars");
    await page.click('.coach-table button:has-text("ana")');
    await page.waitForSelector("#coach-attempts li button");
    await page.click("#coach-attempts li button");
    await page.waitForSelector("#coach-report .report");
    check(true, "coach: a learner's attempt opens with its feedback");
    await shoot(page, "coach");
  } else {
    console.log("skip coach view: this build has no groups (rehearse group create)");
  }
  await context.close();

  // A shared server: sign in with a token, sign out.
  if (hasCommand("token", "create")) {
    await server.stop();
    server = await serve(["--auth"]);
    const tok = JSON.parse(cli("--json", "token", "create", "--learner", "ana")).token;
    const c2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p2 = await c2.newPage();
    allowUnauthorized = true;
    watch(p2);
    p2.setDefaultTimeout(8000);
    await p2.goto(server.url + "/");
    await p2.waitForSelector("#signin-token");
    await shoot(p2, "signin");
    await p2.fill("#signin-token", tok);
    await p2.click('#signin-form button[type=submit]');
    await p2.waitForSelector("#dash-radar svg.radar");
    check((await p2.textContent("#who")).includes("ana"), "sign-in: a learner's token opens their dashboard");
    await p2.click("#signout");
    await p2.waitForSelector("#signin-token");
    check(true, "sign-in: signing out shows the sign-in form again");
    if (groups) {
      // A coach's token reaches the coach view of their group.
      const coachToken = JSON.parse(cli("--json", "token", "create", "--learner", "cora", "--role", "coach")).token;
      await p2.fill("#signin-token", coachToken);
      await p2.click('#signin-form button[type=submit]');
      await p2.waitForSelector("#nav-coach:not([hidden])");
      await p2.click('nav a[data-view="coach"]');
      await p2.waitForSelector(".coach-table tbody tr");
      check(await p2.locator(".coach-table tbody tr").count() === 2, "sign-in: a coach's token opens their group");
    }
    await c2.close();
  } else {
    console.log("skip sign-in: this build has no tokens (rehearse token create)");
  }
} catch (e) {
  failed = true;
  console.error("FAIL " + e.message);
} finally {
  await browser.close();
  if (server) await server.stop();
  rmSync(work, { recursive: true, force: true });
}
for (const e of errors) console.error("FAIL " + e);
console.log(`screenshots in ${shots}; ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed || errors.length ? 1 : 0);
