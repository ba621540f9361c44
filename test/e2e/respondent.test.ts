import { asc, eq } from "drizzle-orm";
import type { BrowserContext, Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import { responses, rounds } from "~db/schema";
import type { Allocation, Answers } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { createInvitation } from "~/models/invitations.server";
import { axeFindings } from "../support/axe";
import { browserAndServer } from "../support/e2e";
import { completeAnswers, createTestRound } from "../support/factories";
import {

  answerPage,
  backPage,
  CORRECTION_PAGE,
  fillAllocation,
  heading,
  nextPage,
  openedSurvey,
  pressAndLoad,
  saved,
  submitAnswers,
  watchForErrors,
} from "../support/survey-page";

/** Pages of the current questionnaire: the two allocations, one per statement grid, and the context page. */
const PAGES = 3 + instrument.matrices.length;

/** Waits for what a person sees, generously: the suite runs on busy machines. */
const WAIT = { timeout: 30_000 };
const e2e = browserAndServer();
const db = () => e2e.server.database.db;
const stored = (roundId: string) => db().select().from(responses).where(eq(responses.roundId, roundId)).orderBy(asc(responses.id));
/** Closes or reopens a round behind the app's back, as another instance or the CLI would. */
const setStatus = (roundId: string, status: "open" | "closed") =>
  db().transaction(async (tx) => {
    await tx.update(rounds).set({ status }).where(eq(rounds.id, roundId));
  });
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const EXPECTED_STATUSES = [CORRECTION_PAGE, /status of 40[349]/, /status of 410/];

async function expectAccessible(page: Page, where: string) {
  expect(await axeFindings(page), where).toEqual([]);
}

/** Keyboard focus is on the page's heading (where the enhancement script puts it on every new page). */
const focusIsOnHeading = (page: Page) => expect.poll(() => page.evaluate(() => document.activeElement?.tagName), WAIT).toBe("H1");

function expectScored(row: typeof responses.$inferSelect | undefined, answers: Answers) {
  const expected = scoreResponse(instrument, answers);
  expect(row).toMatchObject({ status: "submitted", answers, explicit: expected.explicit, desired: expected.desired, implicit: expected.implicit, intensities: expected.intensities });
}

describe("a respondent in Chromium", () => {
  it("answers by keyboard, leaves halfway, resumes, submits once; every page is accessible and the stored profiles match the scoring", async () => {
    const { round, levels } = await createTestRound(db());
    const link = `${e2e.server.url}/r/${levels[0]!.linkToken}`;
    const answers = completeAnswers(21);
    for (const row of instrument.matrices.flatMap((m) => m.rows)) answers[row] ??= 3;
    delete answers.ctx_function;
    answers.ctx_tenure = "3to10";
    answers.ctx_customer_view = "Reliable <script>alert(1)</script> but slow online";
    const context = await e2e.browser.newContext({ viewport: { width: 1024, height: 800 } });
    let page = await context.newPage();
    const problems = watchForErrors(page, [CORRECTION_PAGE]);

    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.title()).toContain("Test Organisation");
    await expectAccessible(page, "welcome");
    // Keyboard only: tab to the start button and press Enter.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      if (await page.getByRole("button", { name: "Start the survey" }).evaluate((el) => el === document.activeElement)) break;
    }
    await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
    await openedSurvey(page);
    expect(await page.title()).toMatch(new RegExp(`^Page 1 of ${PAGES}: Today`));
    await focusIsOnHeading(page);
    await expectAccessible(page, "page 1");

    // A wrong total is refused with its reason; the counter says what is left, in words, as it changes.
    await fillAllocation(page, { retail: 60, relationship: 30 });
    await expect.poll(() => page.locator("output").first().textContent(), WAIT).toBe("10 points left");
    await nextPage(page);
    expect(await page.locator(".error-summary").textContent()).toContain("You have 10 points left to share.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.className), WAIT).toBe("error-summary");
    await expectAccessible(page, "page 1 with an error");
    await fillAllocation(page, answers.alloc_now as Allocation);
    await nextPage(page);
    await focusIsOnHeading(page);
    await expectAccessible(page, "page 2");
    await fillAllocation(page, answers.alloc_desired as Allocation);
    await nextPage(page);
    // Enter on the new page's heading does nothing: statements cannot be skipped by accident.
    await page.keyboard.press("Enter");
    expect(await heading(page)).toContain(`Page 3 of ${PAGES}`);
    await expectAccessible(page, "page 3");
    await answerPage(page, instrument.matrices[0]!, answers);
    await nextPage(page);
    await page.close();

    // Halfway out: the same browser comes back to the same link.
    page = await context.newPage();
    problems.push(...watchForErrors(page, [CORRECTION_PAGE]));
    await page.goto(link);
    await pressAndLoad(page, page.getByRole("button", { name: "Continue where you left off" }));
    expect(await heading(page)).toContain(`Page 4 of ${PAGES}`);
    await backPage(page);
    const firstRow = instrument.matrices[0]!.rows[0]!;
    expect(await page.locator(`input[name="${firstRow}"][value="${answers[firstRow]}"]`).isChecked()).toBe(true);
    await nextPage(page);
    for (const [n, matrix] of instrument.matrices.slice(1).entries()) {
      await answerPage(page, matrix, answers);
      await expectAccessible(page, `page ${n + 4}`);
      await nextPage(page);
    }
    await page.getByRole("radio", { name: "3 to under 10 years" }).check();
    await page.getByRole("textbox", { name: /What would a customer say/ }).fill(answers.ctx_customer_view as string);
    await expectAccessible(page, "page 7");
    await Promise.all([page.waitForURL(/\/thanks$/), page.getByRole("button", { name: "Submit my answers" }).dblclick()]);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), WAIT).toContain("Thank you");
    await expectAccessible(page, "thanks");

    expect(await stored(round.id)).toHaveLength(1);
    expectScored((await stored(round.id))[0], answers);
    // Opening the link again shows the thank-you page, not an error.
    expect((await page.goto(link))?.status()).toBe(200);
    expect(page.url()).toMatch(/\/thanks$/);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);

  it("confirms before submitting skipped statements, on an accessible page", async () => {
    const { round, levels } = await createTestRound(db());
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.server.url}/r/${levels[0]!.linkToken}`);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));
    await fillAllocation(page, { retail: 100 });
    await nextPage(page);
    await fillAllocation(page, { social: 100 });
    await nextPage(page);
    for (let i = 0; i < instrument.matrices.length; i++) await nextPage(page);
    await pressAndLoad(page, page.getByRole("button", { name: "Submit my answers" }));
    expect(await heading(page)).toBe("Before you submit");
    expect(await page.locator("main").textContent()).toContain(`You skipped ${instrument.items.length} statements.`);
    await focusIsOnHeading(page);
    await expectAccessible(page, "confirmation");
    await pressAndLoad(page, page.getByRole("button", { name: "Go back and answer them" }));
    expect(await heading(page)).toContain(`Page 3 of ${PAGES}`);
    expect((await stored(round.id))[0]!.status).toBe("draft");
    await page.close();
  }, 120_000);

  it("fits a phone: Start near the top, statements across the width, big targets, errors in view", async () => {
    const { levels } = await createTestRound(db());
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchForErrors(page, [CORRECTION_PAGE]);
    await page.goto(`${e2e.server.url}/r/${levels[1]!.linkToken}`);
    const start = await page.getByRole("button", { name: "Start the survey" }).boundingBox();
    expect(start!.y + start!.height).toBeLessThan(844);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));

    // 90 points: the message is in view on the next page load, not under anything.
    await fillAllocation(page, { retail: 90 });
    await nextPage(page);
    const summary = page.locator(".error-summary");
    expect(await summary.textContent()).toContain("You have 10 points left to share.");
    expect(await summary.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + 10);
      return box.top >= 0 && box.bottom <= window.innerHeight && (top === el || el.contains(top));
    })).toBe(true);
    await fillAllocation(page, { retail: 100 });
    await nextPage(page);
    await fillAllocation(page, { social: 100 });
    await nextPage(page);

    const form = await page.locator("form.survey-form").boundingBox();
    const legend = await page.locator("fieldset.radio-group legend").first().boundingBox();
    expect(legend!.width).toBeGreaterThan(form!.width * 0.8);
    const option = await page.locator("fieldset.radio-group label.option").first().boundingBox();
    expect(option!.height).toBeGreaterThanOrEqual(44);
    expect(option!.width).toBeGreaterThanOrEqual(44);
    // Each option keeps its full wording as its name, though a phone shows the number.
    expect(await page.getByRole("radio", { name: "1 Strongly disagree" }).count()).toBe(instrument.matrices[0]!.rows.length);
    await answerPage(page, instrument.matrices[0]!, completeAnswers(5));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saved(page);
    await expectAccessible(page, "phone page 3");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("nothing typed is lost", () => {
  it("keeps what is typed before the script arrives, and the script picks it up without wiping it", async () => {
    const { round, levels } = await createTestRound(db());
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.server.url}/r/${levels[0]!.linkToken}`);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));
    let release!: () => void;
    const held = new Promise<void>((done) => (release = done));
    await page.route(/\/assets\/enhance-.*\.js$/, async (route: Route) => {
      await held;
      await route.continue();
    });
    await page.reload({ waitUntil: "commit" });
    await page.getByLabel("Retail (range, availability, price)").fill("35");
    await page.getByLabel("Social engagement").fill("25");
    // The server's counter, before any script: still its first value.
    expect(await page.locator("output").first().textContent()).toBe("100 points left");
    release();
    await expect.poll(() => page.locator("output").first().textContent(), { timeout: 30_000 }).toBe("40 points left");
    expect(await page.getByLabel("Retail (range, availability, price)").inputValue()).toBe("35");
    expect(await page.getByLabel("Social engagement").inputValue()).toBe("25");
    await page.getByLabel("Key account management").fill("40");
    await saved(page);
    expect((await stored(round.id))[0]!.answers).toEqual({ alloc_now: { retail: 35, social: 25, key_account: 40 } });
    await page.close();
  }, 120_000);

  it("saves an answer when Back is pressed straight after typing it", async () => {
    const { round, levels } = await createTestRound(db());
    const page = await e2e.browser.newPage();
    await page.goto(`${e2e.server.url}/r/${levels[0]!.linkToken}`);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));
    await fillAllocation(page, { retail: 100 });
    await nextPage(page);
    await page.getByLabel("Social engagement").fill("70");
    await backPage(page);
    expect((await stored(round.id))[0]!.answers.alloc_desired).toEqual({ social: 70 });
    await nextPage(page);
    expect(await page.getByLabel("Social engagement").inputValue()).toBe("70");
    await page.close();
  }, 120_000);

  it("retries a background save while offline, and never lets a late one overwrite newer answers", async () => {
    const { round, levels } = await createTestRound(db());
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/r/${levels[0]!.linkToken}`);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));
    const status = page.locator("[data-save-status]");

    await context.setOffline(true);
    await page.getByLabel("Retail (range, availability, price)").fill("50");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toMatch(/Not saved yet.*Trying again/);
    // Pressing Next while offline keeps the page, and what was typed on it.
    await page.getByRole("button", { name: "Next" }).click();
    await expect.poll(() => status.textContent(), WAIT).toMatch(/offline/);
    expect(await heading(page)).toContain(`Page 1 of ${PAGES}`);
    expect(await page.getByLabel("Retail (range, availability, price)").inputValue()).toBe("50");
    await context.setOffline(false);
    await saved(page);
    expect((await stored(round.id))[0]!.answers).toEqual({ alloc_now: { retail: 50 } });

    // A background save that reaches the server only after the page was posted is refused there.
    const heldSaves: Route[] = [];
    await page.route(/\/save$/, (route) => void heldSaves.push(route));
    await page.getByLabel("Retail (range, availability, price)").fill("55");
    await expect.poll(() => heldSaves.length, { timeout: 30_000 }).toBe(1);
    await page.getByLabel("Retail (range, availability, price)").fill("60");
    await page.getByLabel("Social engagement").fill("40");
    await nextPage(page);
    expect((await stored(round.id))[0]).toMatchObject({ currentPage: 1, answers: { alloc_now: { retail: 60, social: 40 } } });
    const late = heldSaves[0]!;
    const reply = await late.fetch();
    expect(await reply.json()).toMatchObject({ status: "stale" });
    expect((await stored(round.id))[0]).toMatchObject({ currentPage: 1, answers: { alloc_now: { retail: 60, social: 40 } } });
    await page.unroute(/\/save$/);
    await context.close();
  }, 120_000);
});

describe("without JavaScript", () => {
  it("completes the whole journey, and the stored profiles match the scoring", async () => {
    const { round, levels } = await createTestRound(db());
    const context: BrowserContext = await e2e.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const answers = completeAnswers(31);
    delete answers.ctx_customer_view;
    await page.goto(`${e2e.server.url}/r/${levels[1]!.linkToken}`);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));
    await fillAllocation(page, { retail: 50, social: 30 });
    await nextPage(page);
    expect(await page.locator(".error-summary").textContent()).toContain("You have 20 points left to share.");
    await fillAllocation(page, answers.alloc_now as Allocation);
    await nextPage(page);
    await fillAllocation(page, answers.alloc_desired as Allocation);
    await nextPage(page);
    for (const matrix of instrument.matrices) {
      await answerPage(page, matrix, answers);
      await nextPage(page);
    }
    if (answers.ctx_function) await page.getByLabel("Which function do you work in?").selectOption(answers.ctx_function as string);
    if (answers.ctx_tenure) await page.locator(`input[name="ctx_tenure"][value="${answers.ctx_tenure}"]`).check();
    await submitAnswers(page);
    expect(await stored(round.id)).toHaveLength(1);
    expectScored((await stored(round.id))[0], answers);
    await context.close();
  }, 240_000);
});

describe("pages that say no", () => {
  it("are accessible, and never kept by the browser: a reopened round shows its survey again", async () => {
    const { round, levels } = await createTestRound(db());
    const invitation = await createInvitation(db(), { roundId: round.id, levelId: levels[0]!.id, email: "zoe@example.org" });
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    const problems = watchForErrors(page, EXPECTED_STATUSES);

    expect((await page.goto(`${e2e.server.url}/r/not-a-real-link`))?.status()).toBe(404);
    await expectAccessible(page, "unknown link");

    // A personal link begun in another browser: this one is told so, and asked.
    const other = await e2e.browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${e2e.server.url}/r/${invitation.token}`);
    await pressAndLoad(otherPage, otherPage.getByRole("button", { name: "Start the survey" }));
    await other.close();
    await page.goto(`${e2e.server.url}/r/${invitation.token}`);
    expect(await page.getByRole("heading", { name: "You started this survey on another device" }).isVisible()).toBe(true);
    await expectAccessible(page, "draft on another device");

    await setStatus(round.id, "closed");
    const link = `${e2e.server.url}/r/${levels[0]!.linkToken}`;
    const closed = await page.goto(link);
    expect(closed?.status()).toBe(410);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This survey has closed");
    expect(await page.title()).toContain("This survey has closed");
    await expectAccessible(page, "closed round");

    await setStatus(round.id, "open");
    // The same browser, the same address, no reload forced: the round's current state.
    expect((await page.goto(link))?.status()).toBe(200);
    expect(await page.getByRole("button", { name: "Start the survey" }).isVisible()).toBe(true);

    const draft = await createTestRound(db(), { status: "draft" });
    expect((await page.goto(`${e2e.server.url}/r/${draft.levels[0]!.linkToken}`))?.status()).toBe(403);
    await expectAccessible(page, "round not open yet");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
