import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { NORTHWIND_CUSTOMERS } from "~db/seed";
import { responses } from "~db/schema";
import type { Allocation } from "~/domain/instrument/answers";
import { scoreCustomerResponse } from "~/domain/instrument/customer-scoring";
import { currentCustomerInstrument as questionnaire } from "~/domain/instrument/instruments";
import { createRandom } from "~/domain/statistics/random";
import { simulateCustomerAnswers } from "~/domain/statistics/simulate-customers";
import { axeFindings } from "../support/axe";
import { browserAndServer } from "../support/e2e";
import { createTestRound } from "../support/factories";
import { answerPage, CORRECTION_PAGE, nextPage, pressAndLoad, submitAnswers, watchForErrors } from "../support/survey-page";

const e2e = browserAndServer();
const db = () => e2e.server.database.db;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function expectAccessible(page: Page, where: string) {
  expect(await axeFindings(page), where).toEqual([]);
}
const fitsWidth = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

/** The allocation's boxes are labelled with what a customer wants (the questionnaire's own words), not the models' names. */
async function fillWanted(page: Page, allocation: Allocation) {
  const question = questionnaire.survey.pages.flatMap((p) => p.elements).find((e) => e.name === questionnaire.wanted) as unknown as { items: { name: string; title: string }[] };
  for (const item of question.items) await page.getByLabel(item.title, { exact: true }).fill(String(allocation[item.name] ?? 0));
}

describe("a customer on a phone in Chromium", () => {
  it("answers through the customer link with no account: every page fits the phone and is accessible, and the stored scores match the scoring", async () => {
    const { round, customerLevel } = await createTestRound(db(), {
      organisationName: "Corner Shop",
      customerInstrument: { id: questionnaire.id, version: questionnaire.version },
    });
    const answers = simulateCustomerAnswers(questionnaire, NORTHWIND_CUSTOMERS, createRandom("phone customer"));
    for (const row of questionnaire.matrices.flatMap((m) => m.rows)) answers[row] ??= 3;
    answers[questionnaire.nps] = 8;
    answers.cx_comment = "Good prices, <b>but</b> they never remember me";
    const context = await e2e.browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchForErrors(page, [CORRECTION_PAGE]);

    await page.goto(`${e2e.server.url}/r/${customerLevel!.linkToken}`);
    await page.getByRole("heading", { level: 1, name: "What is it like to be a customer of Corner Shop?" }).waitFor();
    expect(await page.locator("body").textContent()).toContain("You do not need an account");
    const start = await page.getByRole("button", { name: "Start the survey" }).boundingBox();
    expect(start!.y + start!.height).toBeLessThan(844);
    await expectAccessible(page, "customer welcome");
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));

    // 0-10: eleven large targets on one line of a phone, each named by its number.
    const options = page.locator(`input[name="${questionnaire.nps}"]`);
    expect(await options.count()).toBe(11);
    const box = await options.nth(10).locator("xpath=..").boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await fitsWidth(page);
    await expectAccessible(page, "recommend page");
    await options.nth(8).locator("xpath=..").click();
    await nextPage(page);

    for (const [i, matrix] of questionnaire.matrices.entries()) {
      await answerPage(page, matrix, answers);
      await fitsWidth(page);
      await expectAccessible(page, `statements page ${i + 1}`);
      await nextPage(page);
    }

    // The last page. 90 points: the customer is told what to do, and nothing is lost.
    await fillWanted(page, { key_account: 0, relationship: 0, retail: 90, social: 0 });
    await pressAndLoad(page, page.getByRole("button", { name: "Submit my answers" }));
    expect(await page.locator(".error-summary").textContent()).toContain("10 points left");
    await expectAccessible(page, "allocation with an error");
    await fillWanted(page, answers[questionnaire.wanted] as Allocation);
    await page.getByLabel(/Is there anything else you would like them to know/).fill(answers.cx_comment);
    await fitsWidth(page);
    await submitAnswers(page);
    await expectAccessible(page, "thank-you page");

    const rows = await db().select().from(responses).where(eq(responses.roundId, round.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "submitted", levelId: customerLevel!.id, explicit: null, answers });
    expect(rows[0]!.customerScores).toEqual(scoreCustomerResponse(questionnaire, answers));
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
