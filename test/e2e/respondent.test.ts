import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { responses, rounds } from "~db/schema";
import type { Allocation } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { completeAnswers, createTestRound } from "../support/factories";
import { browserAndServer } from "../support/e2e";
import { answerPage, fillAllocation, nextPage as next, openedSurvey, saved, watchForErrors as watch } from "../support/survey-page";

const e2e = browserAndServer();

/** Moves to the next page and waits until the server has acknowledged the save of the new position. */
async function nextAndSave(page: Page) {
  const acknowledged = page.waitForResponse((r) => r.url().endsWith("/save") && r.request().postDataJSON()?.page !== undefined && r.ok());
  await next(page);
  await acknowledged;
  await saved(page);
}

describe("a respondent in Chromium", () => {
  it("answers, leaves halfway, resumes, submits, and the stored profiles match the scoring of those answers", async () => {
    const { round, levels } = createTestRound(e2e.server.database.db);
    const link = `${e2e.server.url}/r/${levels[0]!.linkToken}`;
    const answers = completeAnswers(21);
    delete answers.ctx_function;
    answers.ctx_tenure = "3to10";
    answers.ctx_customer_view = "Reliable <script>alert(1)</script> but slow online";
    const context = await e2e.browser.newContext({ viewport: { width: 1024, height: 800 } });
    let page = await context.newPage();
    const problems = watch(page);

    const welcome = await page.goto(link);
    expect(welcome?.status()).toBe(200);
    expect(await page.title()).toContain("Test Organisation");
    // Keyboard only: tab to the start button and press Enter.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      if (await page.getByRole("button", { name: "Start the survey" }).evaluate((el) => el === document.activeElement)) break;
    }
    await page.keyboard.press("Enter");
    await openedSurvey(page);

    // A wrong total is refused with its message; the counter shows what is left.
    await fillAllocation(page, { retail: 60, relationship: 30 });
    await expect.poll(() => page.locator('[data-name="alloc_now_left"]').textContent()).toMatch(/Points left\s*10/);
    await next(page);
    await expect.poll(() => page.getByText("The points must add up to exactly 100").isVisible()).toBe(true);
    await fillAllocation(page, answers.alloc_now as Allocation);
    await next(page);
    await fillAllocation(page, answers.alloc_desired as Allocation);
    await next(page);
    await answerPage(page, instrument.matrices[0]!, answers);
    await nextAndSave(page);
    await page.close();

    // Halfway out: the same browser comes back to the same link.
    page = await context.newPage();
    problems.push(...watch(page));
    await page.goto(link);
    await page.getByRole("button", { name: "Continue where you left off" }).click();
    await openedSurvey(page);
    // Back on the page after the first statements page (its facet's label is the page's heading).
    const resumedFacet = instrument.facets.find((f) => f.id === instrument.matrices[1]!.facet)!.label;
    await expect.poll(() => page.getByRole("heading", { name: resumedFacet }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Back" }).click();
    const firstRow = instrument.matrices[0]!.rows[0]!;
    expect(await page.locator(`input[name="mg-q-${instrument.matrices[0]!.name}_${firstRow}"][value="${answers[firstRow]}"]`).isChecked()).toBe(true);
    await next(page);
    for (const matrix of instrument.matrices.slice(1)) {
      await answerPage(page, matrix, answers);
      await next(page);
    }
    await page.getByRole("radio", { name: "3 to under 10 years" }).locator("xpath=..").click();
    await page.getByRole("textbox", { name: /What would a customer say/ }).fill(answers.ctx_customer_view as string);
    await page.getByRole("button", { name: "Submit my answers" }).dblclick();
    await page.waitForURL(/\/thanks$/);
    // The address changes a moment before the new page renders.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Thank you");

    const stored = e2e.server.database.db.select().from(responses).where(eq(responses.roundId, round.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe("submitted");
    expect(stored[0]!.answers).toEqual(answers);
    const expected = scoreResponse(instrument, answers);
    expect(stored[0]).toMatchObject({ explicit: expected.explicit, desired: expected.desired, implicit: expected.implicit, intensities: expected.intensities });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("works on a phone-sized screen", async () => {
    const { levels } = createTestRound(e2e.server.database.db);
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${e2e.server.url}/r/${levels[1]!.linkToken}`);
    await page.getByRole("button", { name: "Start the survey" }).tap();
    await openedSurvey(page);
    await fillAllocation(page, { retail: 100 });
    await next(page);
    await fillAllocation(page, { social: 100 });
    await next(page);
    await answerPage(page, instrument.matrices[0]!, completeAnswers(5));
    // Nothing overflows sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saved(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("shows a closed round its page", async () => {
    const { round, levels } = createTestRound(e2e.server.database.db);
    e2e.server.database.db.update(rounds).set({ status: "closed" }).where(eq(rounds.id, round.id)).run();
    const page = await e2e.browser.newPage();
    const response = await page.goto(`${e2e.server.url}/r/${levels[0]!.linkToken}`);
    expect(response?.status()).toBe(410);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("This survey has closed");
    expect(await page.title()).toContain("This survey has closed");
    await page.close();
  });
});
