/**
 * `npm run bench:phone`: the respondent journey's weight and speed against
 * the home page, in Chromium, in the same run (issue 12, item 2). Prints:
 * - script bytes (compressed, as transferred) of the home page, and of the
 *   whole respondent journey: the welcome page, then every page of questions;
 * - first contentful paint of the home page, and the time from pressing
 *   Start until the first question is usable: the later of the survey page's
 *   first paint and its document being parsed (its form works from then, with
 *   no script), counted from the press, its redirect included; and, as a
 *   cross-check, the wall-clock time until Playwright has typed into the
 *   first answer box (its own overhead included);
 * on a phone profile (390x844, 1.6 Mbps, 150 ms round trip, CPU 4x slower)
 * and unthrottled, several runs each (BENCH_RUNS, default 5). Then the
 * customer questionnaire (issue 15): its journey's script bytes and the
 * wall-clock time from opening the customer link to the thank-you page with
 * an automated hand (the pages' own cost on that profile), and an estimate of
 * a person's time to complete: its words read at 200 a minute plus 3 s per
 * answer given. Not a test:
 * the figures depend on the machine; the goals are ratios within one run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { openDatabase } from "~db/client";
import { currentCustomerInstrument as questionnaire, currentInstrument as instrument } from "~/domain/instrument/instruments";
import { simulateCustomerAnswers } from "~/domain/statistics/simulate-customers";
import { createRandom } from "~/domain/statistics/random";
import { NORTHWIND_CUSTOMERS } from "~db/seed";
import { launchBrowser } from "../support/browser";
import { completeAnswers, createTestRound } from "../support/factories";
import { freePort, startAppProcess } from "../support/process";
import { answerPage, fillAllocation } from "../support/survey-page";
import type { Allocation } from "~/domain/instrument/answers";
import { median } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Profile {
  name: string;
  context: Parameters<Browser["newContext"]>[0];
  throttle: boolean;
}

const PROFILES: Profile[] = [
  { name: "phone (390x844, 1.6 Mbps, 150 ms RTT, CPU 4x)", context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }, throttle: true },
  { name: "unthrottled (1280x900)", context: { viewport: { width: 1280, height: 900 } }, throttle: false },
];

/** Counts the compressed bytes of every script the page downloads, as the network delivered them. */
async function watchScripts(page: Page, throttle: boolean) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  if (throttle) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (0.75e6 / 8) * 0.9 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  }
  const scripts = new Set<string>();
  let bytes = 0;
  cdp.on("Network.responseReceived", (event) => {
    if (event.type === "Script") scripts.add(event.requestId);
  });
  cdp.on("Network.loadingFinished", (event) => {
    if (scripts.has(event.requestId)) bytes += event.encodedDataLength;
  });
  return { bytes: () => bytes };
}

const firstContentfulPaint = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")?.startTime, undefined, { timeout: 60_000 }).then((h) => h.jsonValue() as Promise<number>);

async function homePage(browser: Browser, base: string, profile: Profile) {
  const context = await browser.newContext(profile.context);
  const page = await context.newPage();
  const scripts = await watchScripts(page, profile.throttle);
  await page.goto(`${base}/`, { waitUntil: "load" });
  const paint = await firstContentfulPaint(page);
  await page.waitForLoadState("networkidle");
  const result = { scriptBytes: scripts.bytes(), firstPaint: paint };
  await context.close();
  return result;
}

async function pressAndLoad(page: Page, name: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name }).click()]);
}

async function journey(browser: Browser, base: string, token: string, profile: Profile) {
  const context: BrowserContext = await browser.newContext(profile.context);
  const page = await context.newPage();
  const scripts = await watchScripts(page, profile.throttle);
  await page.goto(`${base}/r/${token}`, { waitUntil: "load" });
  const welcomePaint = await firstContentfulPaint(page);
  const welcomeScripts = scripts.bytes();

  const pressed = Date.now();
  const firstBox = page.getByLabel(instrument.models[0]!.label, { exact: true });
  const navigated = page.waitForURL(/\/survey$/, { waitUntil: "commit" });
  await page.getByRole("button", { name: "Start the survey" }).click();
  await navigated;
  await firstBox.waitFor({ state: "visible", timeout: 60_000 });
  // Typing works from the moment the box is painted: no script has to arrive first.
  await firstBox.fill("25");
  const typedAfter = Date.now() - pressed;
  const questionPaint = await firstContentfulPaint(page);
  await page.waitForLoadState("load");
  // The boxes take typing once the page is painted and its document parsed, whichever comes later.
  const interactive = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domInteractive);
  const questionUsable = Math.max(questionPaint, interactive);

  const answers = completeAnswers(7);
  await fillAllocation(page, answers.alloc_now as Allocation);
  await pressAndLoad(page, "Next");
  await fillAllocation(page, answers.alloc_desired as Allocation);
  await pressAndLoad(page, "Next");
  for (const matrix of instrument.matrices) {
    await answerPage(page, matrix, answers);
    await pressAndLoad(page, "Next");
  }
  const result = { welcomeScripts, welcomePaint, questionPaint, questionUsable, typedAfter, journeyScripts: scripts.bytes() };
  await context.close();
  return result;
}

/** The customer link, from opening it to the thank-you page, as a customer answers it. */
async function customerJourney(browser: Browser, base: string, token: string, profile: Profile) {
  const context: BrowserContext = await browser.newContext(profile.context);
  const page = await context.newPage();
  const scripts = await watchScripts(page, profile.throttle);
  const answers = simulateCustomerAnswers(questionnaire, NORTHWIND_CUSTOMERS, createRandom("bench customer"));
  const started = Date.now();
  await page.goto(`${base}/r/${token}`, { waitUntil: "load" });
  await pressAndLoad(page, "Start the survey");
  await page.locator(`input[name="${questionnaire.nps}"][value="${answers[questionnaire.nps]}"]`).locator("xpath=..").click();
  await pressAndLoad(page, "Next");
  for (const matrix of questionnaire.matrices) {
    await answerPage(page, matrix, answers);
    await pressAndLoad(page, "Next");
  }
  const wanted = questionnaire.survey.pages.flatMap((p) => p.elements).find((e) => e.name === questionnaire.wanted) as unknown as { items: { name: string; title: string }[] };
  for (const item of wanted.items) await page.getByLabel(item.title, { exact: true }).fill(String((answers[questionnaire.wanted] as Allocation)[item.name] ?? 0));
  await pressAndLoad(page, "Submit my answers");
  await page.waitForURL(/\/thanks$/);
  // Every statement, each of the allocation's boxes, and the 0-10 question.
  const result = { scripts: scripts.bytes(), wallClock: Date.now() - started, answered: questionnaire.items.length + questionnaire.modelIds.length + 1 };
  await context.close();
  return result;
}

/** Words a customer reads: the questionnaire's titles, descriptions, statements, and each page's answer labels once. */
function customerWords(): number {
  const words = (text: unknown) => (typeof text === "string" ? text.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length : 0);
  let total = words(questionnaire.welcome.intro);
  for (const page of questionnaire.survey.pages) {
    total += words(page.title) + words((page as { description?: string }).description);
    for (const element of page.elements as unknown as Record<string, unknown>[]) {
      total += words(element.title) + words(element.description) + words(element.html);
      // A comment box's "rows" is its height, not a list.
      const list = (name: string) => (Array.isArray(element[name]) ? (element[name] as { text?: string; title?: string }[]) : []);
      for (const entry of [...list("rows"), ...list("items"), ...list("columns")]) total += words(entry.text ?? entry.title);
    }
  }
  return total;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "modelgap-phone-"));
  const databasePath = join(dir, "phone.db");
  const database = await openDatabase({ path: databasePath });
  console.log(`customer questionnaire: ${customerWords()} words to read`);
  type TestRound = Awaited<ReturnType<typeof createTestRound>>;
  const rounds: TestRound[] = [];
  for (let i = 0; i < PROFILES.length * RUNS; i++) rounds.push(await createTestRound(database.db, { organisationName: "Phone bench" }));
  const customerRounds: TestRound[] = [];
  for (let i = 0; i < RUNS; i++) {
    customerRounds.push(await createTestRound(database.db, { organisationName: "Phone bench", customerInstrument: { id: questionnaire.id, version: questionnaire.version } }));
  }
  await database.close();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = startAppProcess({ DATABASE_PATH: databasePath, PORT: String(port), HOST: "127.0.0.1", MODELGAP_DEMO: "off", SESSION_SECRET: "phone-bench-secret-0123456789abcdefgh" });
  const browser = await launchBrowser();
  try {
    await app.waitFor(/ModelGap is running/);
    let n = 0;
    for (const profile of PROFILES) {
      console.log(`\n${profile.name}, ${RUNS} runs`);
      const rows = [];
      for (let run = 0; run < RUNS; run++) {
        const home = await homePage(browser, base, profile);
        const path = await journey(browser, base, rounds[n++]!.levels[0]!.linkToken, profile);
        rows.push({ home, path });
        console.log(
          `  run ${run + 1}: home ${kb(home.scriptBytes)} script, first paint ${ms(home.firstPaint)} | journey ${kb(path.journeyScripts)} script` +
            ` (welcome ${kb(path.welcomeScripts)}), welcome paint ${ms(path.welcomePaint)}, Start -> first question painted ${ms(path.questionPaint)}, usable ${ms(path.questionUsable)}, typed after ${ms(path.typedAfter)}`,
        );
      }
      const homeScript = median(rows.map((r) => r.home.scriptBytes));
      const homePaint = median(rows.map((r) => r.home.firstPaint));
      const journeyScript = median(rows.map((r) => r.path.journeyScripts));
      const question = median(rows.map((r) => r.path.questionUsable));
      console.log(`  median: home script ${kb(homeScript)}, home first paint ${ms(homePaint)}`);
      console.log(`  journey script ${kb(journeyScript)} = ${(journeyScript / homeScript).toFixed(2)}x the home page (goal <= 1.3x and <= 150 KB)`);
      console.log(`  first question usable ${ms(question)} after Start = ${(question / homePaint).toFixed(2)}x the home page's first paint (goal <= 2x)`);
      console.log(`  typed into the first box ${ms(median(rows.map((r) => r.path.typedAfter)))} after pressing Start (wall clock, automation included)`);
    }
    const phone = PROFILES[0]!;
    console.log(`\ncustomer questionnaire on the ${phone.name}, ${RUNS} runs`);
    const customerRuns = [];
    for (let run = 0; run < RUNS; run++) customerRuns.push(await customerJourney(browser, base, customerRounds[run]!.customerLevel!.linkToken, phone));
    const words = customerWords();
    const answered = customerRuns[0]!.answered;
    console.log(`  script ${kb(median(customerRuns.map((r) => r.scripts)))} over the whole journey; link to thank-you page ${ms(median(customerRuns.map((r) => r.wallClock)))} (pages and automation only)`);
    console.log(
      `  a person: ${words} words at 200 a minute + ${answered} answers at 3 s = about ${((words / 200) * 60 + answered * 3 + median(customerRuns.map((r) => r.wallClock)) / 1000).toFixed(0)} s with the pages' own time (goal < 300 s)`,
    );
  } finally {
    await browser.close();
    app.child.kill("SIGTERM");
    await app.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
