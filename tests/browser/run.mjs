// Browser test of the sitrep web page: headless Debian Chromium driven by playwright-core.
//
//   cargo build --workspace --bins --examples
//   cd tests/browser && npm ci && node run.mjs
//
// It ingests examples/kursk and fixtures/ (an article full of markup) into a temporary
// database (pipeline.toml: segment and dates), adds demo entities, places and events with
// the `seed` example, starts `sitrep serve` on a free
// loopback port and checks, in a 1280x800 window and a 390-px phone viewport:
// - the article view highlights evidence by layer; clicking a record in the side panel (an
//   event, a date) highlights its span and scrolls it into view; clicking text selects it;
// - the events table lists, filters and sorts events and its evidence link opens the article
//   with the event's trigger highlighted;
// - the offline map draws the embedded basemap and markers; the timeline draws bars;
// - markup in article text, titles and URLs is shown as text and never runs;
// - the page makes no request outside the server and logs no errors.
// Screenshots go to target/screenshots/. Without Chromium the test is skipped (exit 0),
// except under CI=true, where it fails.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repo, "target");
const sitrepBin = process.env.SITREP_BIN || join(target, "debug/sitrep");
const seedBin = process.env.SITREP_SEED || join(target, "debug/examples/seed");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const shots = join(target, "screenshots");
const started = Date.now();

if (!existsSync(chromiumPath)) {
  const msg = `browser test: Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM)`;
  if (process.env.CI === "true") {
    console.error(`FAIL: ${msg}`);
    process.exit(1);
  }
  console.log(`SKIP: ${msg}`);
  process.exit(0);
}
for (const [bin, how] of [[sitrepBin, "cargo build -p sitrep --bin sitrep"], [seedBin, "cargo build -p sitrep_server --example seed"]]) {
  if (!existsSync(bin)) {
    console.error(`FAIL: ${bin} not built; run \`${how}\``);
    process.exit(1);
  }
}
const { chromium } = await import("playwright-core");

const failures = [];
let checks = 0;
function check(cond, what) {
  checks++;
  if (cond) console.log(`  ok  ${what}`);
  else {
    console.log(`  FAIL ${what}`);
    failures.push(what);
  }
}

// ---- data and server ----
const dir = mkdtempSync(join(tmpdir(), "sitrep-browser-"));
const db = join(dir, "test.db");
const pipeline = process.env.FULL_PIPELINE ? [] : ["--config", join(here, "pipeline.toml")];
execFileSync(sitrepBin, ["ingest", join(repo, "examples/kursk"), join(here, "fixtures"), "--db", db, "-q", ...pipeline], { stdio: "inherit" });
execFileSync(seedBin, ["demo", "--db", db], { stdio: "inherit" });

const server = spawn(sitrepBin, ["serve", "--db", db, "--bind", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((ok, fail) => {
  let out = "";
  const timer = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 20000);
  server.stdout.on("data", (b) => {
    out += b;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) { clearTimeout(timer); ok(m[0].replace(/\/$/, "")); }
  });
  server.on("exit", (code) => fail(new Error(`server exited with ${code}: ${out}`)));
});
console.log(`server at ${base}`);

async function apiGet(path) {
  const r = await fetch(base + path);
  return r.json();
}
const docs = (await apiGet("/api/documents?limit=100")).items;
const kursk = docs.find((d) => (d.title || "").startsWith("Ukraine captures"));
const xss = docs.find((d) => (d.title || "").startsWith("Markup test"));
if (!kursk || !xss) throw new Error(`fixtures missing: ${JSON.stringify(docs.map((d) => d.title))}`);

// ---- browser ----
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

async function newPage(viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  const problems = { dialogs: [], errors: [], foreign: [] };
  page.on("dialog", (d) => { problems.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("pageerror", (e) => problems.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") problems.errors.push(m.text()); });
  page.on("request", (req) => { if (!req.url().startsWith(base) && !req.url().startsWith("data:")) problems.foreign.push(req.url()); });
  return { page, context, problems };
}
async function xssFired(page) {
  return page.evaluate(() => window.__xss === undefined ? null : String(window.__xss));
}
async function inViewport(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
  }, selector);
}

try {
  // ===== desktop =====
  console.log("desktop 1280x800");
  const { page, problems } = await newPage({ width: 1280, height: 800 });
  await page.goto(`${base}/#/doc/${kursk.id}`);
  await page.waitForSelector("#article .seg");
  check(await page.locator("#article .hl-dates").count() > 0, "article: dates highlighted");
  check(await page.locator("#article .hl-events").count() > 0, "article: event triggers highlighted");
  check(await page.locator("#article .hl-entities").count() > 0, "article: entities highlighted");
  check(await page.locator("#article .hl-places").count() > 0, "article: places highlighted");
  const flags = (await apiGet(`/api/documents/${kursk.id}`)).flags.length;
  check(flags === 0 || await page.locator("#article .hl-flags").count() > 0, `article: flags highlighted (${flags} in the store)`);

  // Click an event in the side panel: its trigger, sentence and evidence light up.
  const eventButton = page.locator("button.rec.l-events").first();
  await eventButton.click();
  await page.waitForSelector("#article .sel-trigger");
  check((await page.locator("#article .sel-trigger").first().textContent()) === "captured", "click event: trigger 'captured' highlighted");
  check(await page.locator("#article .sel-sentence").count() > 0, "click event: its sentence is shaded");
  check(await page.locator("#article .sel-linked").count() > 0, "click event: linked place/actor outlined");
  check((await eventButton.getAttribute("aria-pressed")) === "true", "click event: panel button pressed");
  check(/sel=events/.test(page.url()), "click event: selection kept in the URL");
  await page.waitForTimeout(400);
  check(await inViewport(page, "#article .sel-trigger"), "click event: trigger scrolled into view");
  await page.screenshot({ path: join(shots, "article-1280.png") });

  // A date record from the real pipeline, at the end of the article: scrolled into view.
  const dateButton = page.locator("button.rec.l-dates").last();
  const dateText = await dateButton.locator(".rec-text").textContent().catch(() => null);
  await dateButton.click();
  await page.waitForTimeout(600);
  const selDate = await page.locator("#article .sel-main").first().textContent();
  check(dateText === null || dateText === `“${selDate}”`, `click date: its span "${selDate}" highlighted`);
  check(await inViewport(page, "#article .sel-main"), "click date: span scrolled into view");

  // Clicking highlighted text selects the record in the panel.
  await page.locator("#article .hl-entities").first().click();
  check(await page.locator("button.rec.l-entities.active").count() === 1, "click text: entity selected in the panel");

  // Layer toggles hide a layer.
  await page.locator("label.toggle.l-dates input").uncheck();
  check(await page.locator("#article .hl-dates").count() === 0, "toggle: dates hidden");
  await page.locator("label.toggle.l-dates input").check();

  // Events table: filter, sort, evidence link.
  await page.goto(`${base}/#/events`);
  await page.waitForSelector("table.events tbody tr");
  check(await page.locator("table.events tbody tr").count() === 3, "events: 3 seeded events listed");
  await page.screenshot({ path: join(shots, "events-1280.png"), fullPage: true });
  await page.selectOption("#f-type", "COERCE");
  await page.locator("form.filters button[type=submit]").click();
  await page.waitForFunction(() => document.querySelectorAll("table.events tbody tr").length === 1);
  check(/type=COERCE/.test(page.url()), "events: filter in the URL");
  await page.goto(`${base}/#/events?sort=confidence`);
  await page.waitForSelector("th[aria-sort=ascending]");
  await page.locator("th button.sort", { hasText: "Conf." }).click();
  await page.waitForSelector("th[aria-sort=descending]");
  check(true, "events: sortable by column");
  const row = page.locator("table.events tbody tr", { hasText: "COERCE" });
  await row.locator("a.evidence-link").click();
  await page.waitForSelector("#article .sel-trigger");
  check((await page.locator("#article .sel-trigger").first().textContent()) === "captured", "events: evidence link opens the article with the trigger highlighted");
  await page.waitForTimeout(400);
  check(await inViewport(page, "#article .sel-trigger"), "events: evidence in view");

  // Map.
  await page.goto(`${base}/#/map`);
  await page.waitForSelector("svg.map .event-dot");
  check(await page.locator("svg.map .land path").count() > 200, "map: embedded basemap drawn");
  check(await page.locator("svg.map .event-dot").count() === 3, "map: 3 event markers");
  check(await page.locator("svg.map .place-dot").count() >= 3, "map: place markers");
  await page.locator("svg.map .event-dot").first().click();
  check(await page.locator(".map-info a", { hasText: "evidence" }).count() === 1, "map: marker shows its evidence link");
  await page.screenshot({ path: join(shots, "map-1280.png") });

  // Timeline.
  await page.goto(`${base}/#/timeline`);
  await page.waitForSelector("svg.timeline rect.bar");
  check(await page.locator("svg.timeline rect.bar").count() >= 2, "timeline: bars per day and type");
  await page.screenshot({ path: join(shots, "timeline-1280.png") });

  // Markup in text, titles and URLs stays text.
  await page.goto(`${base}/#/doc/${xss.id}`);
  await page.waitForSelector("#article");
  await page.waitForTimeout(300);
  const articleText = await page.locator("#article").textContent();
  check(articleText.includes("<script>window.__xss") && articleText.includes("onerror="), "xss: markup shown as text");
  check(await page.locator("#article script, #article img, #article svg, #article a, h1 img, h1 script").count() === 0, "xss: no elements made from article text or title");
  check((await page.locator("h1").textContent()).includes("<img src=x"), "xss: title shown as text");
  check(await page.locator('a[href^="javascript:"]').count() === 0, "xss: no javascript: links");
  await page.locator("button.rec.l-events").first().click();
  check(await page.locator("#article .sel-trigger").count() > 0, "xss: event in the markup article selectable");
  await page.screenshot({ path: join(shots, "xss-1280.png") });
  await page.goto(`${base}/#/events?text=script`);
  await page.waitForSelector("table.events tbody tr");
  await page.goto(`${base}/#/documents?q=script`);
  await page.waitForSelector(".doclist li");
  await page.goto(`${base}/#/map`);
  await page.waitForSelector("svg.map .event-dot");
  for (const dot of await page.locator("svg.map .event-dot").all()) await dot.click();
  check((await xssFired(page)) === null, "xss: nothing executed (window.__xss unset)");
  check(problems.dialogs.length === 0, `xss: no dialogs ${JSON.stringify(problems.dialogs)}`);
  check(problems.errors.length === 0, `no page or console errors ${JSON.stringify(problems.errors)}`);
  check(problems.foreign.length === 0, `no requests outside the server ${JSON.stringify(problems.foreign)}`);

  // ===== phone =====
  console.log("phone 390x844");
  const phone = await newPage({ width: 390, height: 844 });
  const p = phone.page;
  const noOverflow = () => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  await p.goto(`${base}/#/doc/${kursk.id}?sel=events:${(await apiGet(`/api/events?doc=${kursk.id}&type=COERCE`)).items[0].event.id}`);
  await p.waitForSelector("#article .sel-trigger");
  await p.waitForTimeout(500);
  check(await inViewport(p, "#article .sel-trigger"), "phone: linked event scrolled into view");
  check(await noOverflow(), "phone: article fits the width");
  await p.screenshot({ path: join(shots, "article-390.png") });
  await p.goto(`${base}/#/events`);
  await p.waitForSelector("table.events tbody tr");
  check(await noOverflow(), "phone: events fit the width");
  await p.screenshot({ path: join(shots, "events-390.png"), fullPage: true });
  await p.goto(`${base}/#/map`);
  await p.waitForSelector("svg.map .event-dot");
  check(await noOverflow(), "phone: map fits the width");
  await p.screenshot({ path: join(shots, "map-390.png") });
  await p.goto(`${base}/#/timeline`);
  await p.waitForSelector("svg.timeline rect.bar");
  await p.screenshot({ path: join(shots, "timeline-390.png") });
  check(phone.problems.errors.length === 0, `phone: no errors ${JSON.stringify(phone.problems.errors)}`);
} catch (e) {
  failures.push(`exception: ${e.stack || e}`);
  console.log(`  FAIL ${e.stack || e}`);
} finally {
  await browser.close();
  server.kill("SIGINT");
  rmSync(dir, { recursive: true, force: true });
}

const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`browser test: ${checks - failures.length}/${checks} checks passed in ${secs}s; screenshots in ${shots}`);
console.log(`browser: ${checks - failures.length} passed, ${failures.length} failed`);
if (failures.length) {
  console.log(`FAILED:\n - ${failures.join("\n - ")}`);
  process.exit(1);
}
