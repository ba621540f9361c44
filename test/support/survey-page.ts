import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { Allocation, Answers } from "~/domain/instrument/answers";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";

/** Collects what a person would see go wrong: page errors and console errors. */
export function watchForErrors(page: Page, ignore: RegExp[] = []) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !ignore.some((pattern) => pattern.test(message.text()))) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/** A page that answers 422 (a survey page shown again with what to correct) is logged by Chromium as a failed load. */
export const CORRECTION_PAGE = /status of 422/;

/** A survey page has loaded: its heading says which page of how many. */
export async function openedSurvey(page: Page) {
  await page.waitForURL(/\/survey$/);
  await page.locator("h1#page-heading").waitFor();
}

/** Presses a button that posts the page, and waits for the next document to load. */
export async function pressAndLoad(page: Page, button: Locator) {
  await Promise.all([page.waitForEvent("load"), button.click()]);
}

export async function fillAllocation(page: Page, allocation: Allocation) {
  for (const model of instrument.models) {
    await page.getByLabel(model.label, { exact: true }).fill(String(allocation[model.id] ?? 0));
  }
}

export async function answerPage(page: Page, matrix: { name: string; rows: string[] }, answers: Answers) {
  for (const row of matrix.rows) {
    const value = answers[row];
    if (value === undefined) continue;
    // Click the option's box, as a person does.
    await page.locator(`input[name="${row}"][value="${value}"]`).locator("xpath=..").click();
  }
}

export const nextPage = (page: Page) => pressAndLoad(page, page.getByRole("button", { name: "Next" }));
export const backPage = (page: Page) => pressAndLoad(page, page.getByRole("button", { name: "Back" }));
export const heading = (page: Page) => page.locator("h1").first().textContent();
export const saved = (page: Page) => expect.poll(() => page.locator("[data-save-status]").textContent(), { timeout: 30_000 }).toMatch(/All answers on this page are saved/);

/** Presses Submit, confirming skipped statements if the answers leave any, and waits for the thank-you page. */
export async function submitAnswers(page: Page) {
  await pressAndLoad(page, page.getByRole("button", { name: "Submit my answers" }));
  if (/\/survey$/.test(page.url()) && (await heading(page)) === "Before you submit") await pressAndLoad(page, page.getByRole("button", { name: "Submit anyway" }));
  await page.waitForURL(/\/thanks$/);
  await page.getByRole("heading", { level: 1, name: /Thank you/ }).waitFor();
}

/** Answers every page of the survey with `answers` and submits. */
export async function answerWholeSurvey(page: Page, answers: Answers) {
  await fillAllocation(page, answers[instrument.explicit.now] as Allocation);
  await nextPage(page);
  await fillAllocation(page, answers[instrument.explicit.desired] as Allocation);
  await nextPage(page);
  for (const matrix of instrument.matrices) {
    await answerPage(page, matrix, answers);
    await nextPage(page);
  }
  await submitAnswers(page);
}
