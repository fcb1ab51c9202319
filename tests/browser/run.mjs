// The browser suite of `golive site`: opens the page in headless Chromium (Debian's, at
// /usr/bin/chromium, or $CHROMIUM) and checks it against `golive when --format json`; then
// the pages of `golive plan --format html` and `golive when --format html`.
//
//   node tests/browser/run.mjs              (or: npm --prefix tests/browser test)
//   GOLIVE_SCREENSHOTS=docs node tests/browser/run.mjs   also refreshes docs/site-*.png,
//                                           docs/plan-html.png and docs/when-html.png
//
// It runs the binary cargo built (target/release/golive, else target/debug/golive, or
// $GOLIVE_BIN). Exit 0 when every check passes; the figures go to stdout.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.GOLIVE_BIN ||
  [join(root, "target/release/golive"), join(root, "target/debug/golive")].find(existsSync);
if (!bin) { console.error("no golive binary: run cargo build first"); process.exit(2); }

const failures = [];
const fail = (what) => { failures.push(what); console.error("FAIL " + what); };
const golive = (...args) => execFileSync(bin, args, { encoding: "utf8" });

// A fixed range, so that the cases are the same every day: it holds the DST changes of 2027.
const work = mkdtempSync(join(tmpdir(), "golive-site-test-"));
const site = join(work, "site");
golive("site", site, "--from", "2026-12-01", "--until", "2027-11-30");
const table = JSON.parse(readFileSync(join(site, "trains.json"), "utf8"));
const pageUrl = pathToFileURL(join(site, "index.html")).href;
const sizes = { "index.html": statSync(join(site, "index.html")).size, "trains.json": statSync(join(site, "trains.json")).size };

// ---- the cases: seeded, so a failure can be replayed --------------------------------------
let seed = Number(process.env.GOLIVE_SEED || 20261203) >>> 0;
const rand = () => { seed = (seed + 0x6d2b79f5) >>> 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const ZONES = ["America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "UTC", "Europe/London",
  "Europe/Berlin", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"];
const PLACES = [...new Set(table.places.flatMap((p) => p.names))];
const EAST = ["Japan", "India", "Australia", "Singapore", "New Zealand", "Korea", "China"].filter((n) => PLACES.some((p) => p.toLowerCase() === n.toLowerCase()));
const pad = (n) => String(n).padStart(2, "0");
function localIn(ms, zone) {
  const p = {};
  for (const x of new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(ms))) p[x.type] = x.value;
  return `${p.year}-${p.month}-${p.day}T${pad(+p.hour % 24)}:${p.minute}`;
}
const first = Date.parse(table.generated_for.ready_after) + 60000;
const last = Date.parse(table.generated_for.ready_until);
const cases = [];
const add = (kind, local, zone, where) => cases.push({ kind, local, zone, where });
for (let i = 0; i < 16; i++) {
  // Around a cutoff: a minute before, at it, a minute after.
  const t = pick(table.trains.slice(1, -1));
  const z = pick(ZONES);
  add("cutoff", localIn(t.cutoff_ms + [-60000, 0, 60000][i % 3], z), z, pick(PLACES));
}
for (let i = 0; i < 14; i++) {
  // DST weeks: US (2027-03-14, 2027-11-07), EU (2027-03-28, 2027-10-31), Sydney (2027-04-04, 2027-10-03).
  const [day, zone] = pick([["2027-03-14", "America/Los_Angeles"], ["2027-03-14", "America/New_York"], ["2027-03-28", "Europe/Berlin"],
    ["2027-10-31", "Europe/London"], ["2027-11-07", "America/Los_Angeles"], ["2027-04-04", "Australia/Sydney"], ["2027-10-03", "Australia/Sydney"]]);
  const d = new Date(Date.parse(day + "T00:00Z") + Math.floor(rand() * 7 - 3) * 86400000).toISOString().slice(0, 10);
  // Often the hour of the change itself: a local time in the gap or the fold.
  const hh = rand() < 0.5 ? pick(["01", "02", "03"]) : pad(Math.floor(rand() * 24));
  add("dst", `${d}T${hh}:${pick(["00", "30", "59"])}`, zone, pick(PLACES));
}
for (let i = 0; i < 12; i++) {
  const z = pick(["Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "Pacific/Auckland"]);
  add("east", localIn(first + rand() * (last - first), z), z, EAST.length ? pick(EAST) : pick(PLACES));
}
for (let i = 0; i < 8; i++) {
  // Inside the year-end season and the freezes the table names.
  const d = pick(["2026-12-1", "2026-12-2", "2027-11-1", "2027-01-0", "2027-07-0"]) + Math.floor(rand() * 9 + 1);
  const z = pick(ZONES);
  add("freeze", `${d}T${pad(Math.floor(rand() * 24))}:${pad(Math.floor(rand() * 60))}`, z, pick(PLACES));
}
for (let i = 0; i < 10; i++) {
  const z = pick(ZONES);
  add("random", localIn(first + rand() * (last - first), z), z, pick(PLACES));
}

// ---- the browser --------------------------------------------------------------------------
const profile = mkdtempSync(join(tmpdir(), "golive-chromium-"));
// A fresh --user-data-dir (playwright passes the profile directory as that flag).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let requests = 0, offsite = [];
await context.route("**/*", (route) => {
  const url = route.request().url();
  requests++;
  if (url.startsWith("file://")) return route.continue();
  offsite.push(url);
  return route.abort();
});
const consoleErrors = [];
const watch = (page) => {
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  return page;
};
const page = watch(await context.newPage());

/** Every region's answer on the page. */
const answerOf = (p) => p.$$eval("#regions tr[data-region]", (rows) => rows.map((r) => ({
  key: r.dataset.region, date: r.dataset.date, localAt: r.dataset.localAt, waited: +r.dataset.waited, focus: r.classList.contains("focus"),
})));
let compared = 0, mismatches = 0, skippedOutside = 0;
function compare(c, how, got) {
  let expected;
  try {
    expected = JSON.parse(golive("when", "--ready", c.local, "--tz", c.zone, "--where", c.where, "--format", "json"));
  } catch (e) { fail(`${how} ${JSON.stringify(c)}: golive when failed: ${e.message}`); mismatches++; return; }
  const errs = [];
  if (got.length !== expected.regions.length) errs.push(`${got.length} regions on the page, ${expected.regions.length} from golive`);
  expected.regions.forEach((r, i) => {
    const g = got[i] || {};
    if (g.key !== r.key) errs.push(`region ${i}: ${g.key} vs ${r.key}`);
    if (g.date !== r.date) errs.push(`${r.key}: date ${g.date} vs ${r.date}`);
    if (g.localAt !== r.local_at) errs.push(`${r.key}: local_at ${g.localAt} vs ${r.local_at}`);
    if (g.waited !== r.waited_days) errs.push(`${r.key}: waited ${g.waited} vs ${r.waited_days}`);
  });
  const focus = got.find((g) => g.focus);
  if (expected.where && (!focus || focus.key !== expected.where.key)) errs.push(`focus ${focus && focus.key} vs ${expected.where.key}`);
  compared++;
  if (errs.length) { mismatches++; fail(`${how} ${JSON.stringify(c)}: ${errs.join("; ")}`); }
}

await page.goto(pageUrl);
for (const c of cases) {
  await page.fill("#zone", c.zone);
  await page.fill("#ready", c.local.replace("T", " "));
  await page.fill("#where", c.where);
  await page.click("#go");
  if (await page.isVisible("#out-of-range")) { skippedOutside++; fail(`form ${JSON.stringify(c)}: outside the table`); continue; }
  compare(c, "form", await answerOf(page));
}
// The same answers through fragment links, each opened in a fresh page.
for (const c of cases) {
  const p = watch(await context.newPage());
  const frag = new URLSearchParams({ ready: c.local, where: c.where, tz: c.zone });
  await p.goto(pageUrl + "#" + frag.toString());
  await p.waitForSelector("#regions tr[data-region]", { timeout: 5000 }).catch(() => {});
  compare(c, "link", await answerOf(p));
  await p.close();
}
console.log(`cases: ${cases.length} (form and link each); compared: ${compared}; mismatches: ${mismatches}`);

// ---- bad input and the edges of the table ---------------------------------------------------
await page.goto(pageUrl);
await page.fill("#ready", "next tuesday");
await page.click("#go");
const err = await page.textContent("#ready-error");
if (!/not a date/.test(err) || await page.getAttribute("#ready", "aria-invalid") !== "true") fail(`unreadable readiness: "${err}"`);
await page.fill("#ready", "2027-02-30 10:00");
await page.click("#go");
if (!/not a real date/.test(await page.textContent("#ready-error"))) fail("2027-02-30 is accepted");
await page.fill("#ready", "2031-01-01 10:00");
await page.click("#go");
if (!await page.isVisible("#out-of-range") || !/outside/.test(await page.textContent("#out-of-range"))) fail("a readiness after the table is not said to be outside it");

// ---- keyboard alone -------------------------------------------------------------------------
{
  const p = watch(await context.newPage());
  await p.goto(pageUrl);
  const active = () => p.evaluate(() => document.activeElement && document.activeElement.id);
  await p.keyboard.press("Tab");
  if (await active() !== "ready") fail(`first Tab focuses ${await active()}, not the readiness`);
  await p.keyboard.type("2027-03-12 08:59");
  await p.keyboard.press("Tab");
  if (await active() !== "zone") fail(`second Tab focuses ${await active()}, not the zone`);
  await p.keyboard.press("Control+A");
  await p.keyboard.type("America/Los_Angeles");
  await p.keyboard.press("Tab");
  if (await active() !== "where") fail(`third Tab focuses ${await active()}, not the place`);
  await p.keyboard.type("Japan");
  await p.keyboard.press("Enter");
  await p.waitForSelector("#regions tr[data-region]", { timeout: 5000 }).catch(() => {});
  const rows = await answerOf(p);
  compare({ local: "2027-03-12T08:59", zone: "America/Los_Angeles", where: "Japan" }, "keyboard", rows);
  if (!/#ready=/.test(p.url())) fail("Enter did not put the answer in the fragment");
  // Tab on to the timeline: a focused day says why it is blocked.
  let said = "";
  for (let i = 0; i < 40 && !said; i++) {
    await p.keyboard.press("Tab");
    const tag = await p.evaluate(() => document.activeElement && document.activeElement.tagName.toLowerCase());
    if (tag === "rect") said = await p.textContent("#dayinfo");
  }
  if (!/, (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{4}-\d\d-\d\d: /.test(said)) fail(`focusing a timeline day says "${said}"`);
  await p.close();
}

// ---- accessibility: axe-core --------------------------------------------------------------
let violations = [];
{
  const p = watch(await context.newPage());
  await p.goto(pageUrl + "#ready=2026-12-24T10:00-08:00&where=Japan&tz=America/Los_Angeles");
  await p.evaluate(axeSource);
  const result = await p.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "best-practice"] }));
  violations = result.violations;
  for (const v of violations) fail(`axe: ${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")})`);
  await p.close();
}

// ---- screenshots ----------------------------------------------------------------------------
const shots = process.env.GOLIVE_SCREENSHOTS ? resolve(root, process.env.GOLIVE_SCREENSHOTS) : join(work, "shots");
mkdirSync(shots, { recursive: true });
for (const [name, viewport] of [["site-desktop.png", { width: 1280, height: 900 }], ["site-phone.png", { width: 390, height: 844 }]]) {
  const p = watch(await context.newPage());
  await p.setViewportSize(viewport);
  await p.goto(pageUrl + "#ready=2026-12-21T10:00-08:00&where=Japan&tz=America/Los_Angeles");
  await p.screenshot({ path: join(shots, name), fullPage: true });
  await p.close();
}

// ---- the pages of --format html: plan and when -----------------------------------------------
let htmlPages = 0, htmlViolations = 0;
{
  const batch = join(root, "config/examples/batch.toml");
  const planFile = join(work, "plan.html"), whenFile = join(work, "when.html");
  // From the repository, so that the page names the batch as the README does.
  execFileSync(bin, ["plan", "config/examples/batch.toml", "--capacity", "4", "--format", "html", "--out", planFile], { cwd: root });
  const plan = JSON.parse(golive("plan", batch, "--capacity", "4", "--format", "json"));
  const whenArgs = ["when", "--ready", "2026-12-18T10:00-08:00", "--where", "Japan"];
  golive(...whenArgs, "--format", "html", "--out", whenFile);
  const when = JSON.parse(golive(...whenArgs, "--format", "json"));
  const axeOf = async (p, what) => {
    await p.evaluate(axeSource);
    const result = await p.evaluate(() => window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "best-practice"] }));
    for (const v of result.violations) fail(`axe (${what}): ${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", ")})`);
    htmlViolations += result.violations.length;
  };

  const p = watch(await context.newPage());
  await p.goto(pathToFileURL(planFile).href);
  htmlPages++;
  // The browser reads the page as golive wrote it: a row per connector in the table and in
  // the Gantt, each with the JSON's train and region dates.
  const rows = await p.$$eval("#connectors tbody tr", (rs) => rs.map((r) => ({
    name: r.dataset.connector, train: r.dataset.train, dates: [...r.querySelectorAll("td[data-date]")].map((td) => td.dataset.date) })));
  const bars = await p.$$eval("#gantt g[data-connector]", (gs) => gs.map((g) => ({
    name: g.dataset.connector, dates: [...g.querySelectorAll("rect[data-kind=region]")].map((r) => r.dataset.date),
    pushed: g.querySelector("rect[data-kind=pushed]") ? g.querySelector("rect[data-kind=pushed]").getAttribute("aria-label") : null })));
  if (rows.length !== plan.connectors.length) fail(`plan page: ${rows.length} table rows for ${plan.connectors.length} connectors`);
  if (bars.length !== plan.connectors.length) fail(`plan page: ${bars.length} Gantt rows for ${plan.connectors.length} connectors`);
  for (const c of plan.connectors) {
    const want = c.regions.map((r) => r.date).join(",");
    const row = rows.find((r) => r.name === c.name), bar = bars.find((b) => b.name === c.name);
    if (!row || row.train !== c.train_date || row.dates.join(",") !== want) fail(`plan page table: ${c.name}: ${JSON.stringify(row)}`);
    if (!bar || bar.dates.join(",") !== want) fail(`plan page Gantt: ${c.name}: ${JSON.stringify(bar)}`);
    if (bar && (bar.pushed !== null) !== (c.pushed.length > 0)) fail(`plan page Gantt: ${c.name}: pushed ${bar.pushed} vs ${c.pushed.length} pushes`);
  }
  // Hovering or focusing a pushed segment says why; so does a region's segment.
  await p.hover("#gantt rect[data-kind=pushed]");
  const hovered = await p.textContent("#gantt-info");
  if (!/pushed from the train leaving .*: (missed \d+ full train|after |not before )/.test(hovered)) fail(`hovering a pushed segment says "${hovered}"`);
  await p.focus("#gantt rect[data-kind=region][data-waited='2']");
  const focused = await p.textContent("#gantt-info");
  if (!/ in US preview: live .*; waited 2 days: .*weekend: Saturday/.test(focused)) fail(`focusing a region's segment says "${focused}"`);
  // Before the chart, the keyboard reaches a link that skips it, to the table.
  await p.goto(pathToFileURL(planFile).href);
  const focusedOn = () => p.evaluate(() => { const a = document.activeElement; return a ? (a.getAttribute("href") || a.getAttribute("aria-label") || a.tagName) : null; });
  let stops = [];
  for (let i = 0; i < 5 && stops[stops.length - 1] !== "#connectors-title"; i++) { await p.keyboard.press("Tab"); stops.push(await focusedOn()); }
  if (stops[stops.length - 1] !== "#connectors-title") fail(`no skip link before the chart: Tab stops ${stops.join(" | ")}`);
  await p.keyboard.press("Enter");
  await p.keyboard.press("Tab");
  const after = await focusedOn();
  if (after !== "Connectors (scrolls sideways)") fail(`after the skip link, Tab focuses ${after}, not the connector table`);
  await axeOf(p, "plan page");
  await p.close();

  const q = watch(await context.newPage());
  await q.goto(pathToFileURL(whenFile).href);
  htmlPages++;
  const got = await q.$$eval("#regions tr[data-region]", (rs) => rs.map((r) => ({ key: r.dataset.region, date: r.dataset.date, localAt: r.dataset.localAt, waited: +r.dataset.waited })));
  const errs = [];
  if (got.length !== when.regions.length) errs.push(`${got.length} rows`);
  when.regions.forEach((r, i) => {
    const g = got[i] || {};
    if (g.key !== r.key || g.date !== r.date || g.localAt !== r.local_at || g.waited !== r.waited_days) errs.push(`${r.key}: ${JSON.stringify(g)}`);
  });
  if (errs.length) fail(`when page: ${errs.join("; ")}`);
  if ((await q.$$(".notice")).length !== when.warnings.length) fail("when page: the seasonal-freeze warnings are not shown");
  await q.focus("#timeline rect[data-date='2026-12-25'][data-region=testing]");
  const day = await q.textContent("#dayinfo");
  if (!/Testing, Fri 2026-12-25: waited \(holiday: Christmas Day\)/.test(day)) fail(`focusing Christmas on the when page says "${day}"`);
  await axeOf(q, "when page");
  await q.close();

  for (const [name, file] of [["plan-html.png", planFile], ["when-html.png", whenFile]]) {
    const s = watch(await context.newPage());
    await s.setViewportSize({ width: 1280, height: 900 });
    await s.goto(pathToFileURL(file).href);
    if (name === "plan-html.png") await s.hover("#gantt rect[data-kind=pushed]");
    await s.screenshot({ path: join(shots, name), fullPage: true });
    await s.close();
  }
}

await context.close();
if (offsite.length) fail(`requests off file://: ${offsite.join(", ")}`);
if (consoleErrors.length) fail(`console errors: ${consoleErrors.join(" | ")}`);
console.log(`requests: ${requests}, all file://: ${offsite.length === 0}; console errors: ${consoleErrors.length}; axe violations: ${violations.length}`);
console.log(`--format html pages opened: ${htmlPages}; their axe violations: ${htmlViolations}`);
console.log(`page size for the year: index.html ${sizes["index.html"]} bytes + trains.json ${sizes["trains.json"]} bytes = ${sizes["index.html"] + sizes["trains.json"]} bytes`);
console.log(`screenshots: ${shots}`);
rmSync(profile, { recursive: true, force: true });
rmSync(work, { recursive: true, force: true });
if (failures.length) { console.error(`${failures.length} failures`); process.exit(1); }
console.log("browser suite: ok");
