import type { Page } from "playwright-core";
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

/** The survey page is there once SurveyJS has rendered its questions (its code loads on demand). */
export async function openedSurvey(page: Page) {
  await page.waitForURL(/\/survey$/);
  await page.getByTestId("save-status").waitFor();
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
    // Click the label, as a person does; the radio itself is visually hidden.
    await page.locator(`input[name="mg-q-${matrix.name}_${row}"][value="${value}"]`).locator("xpath=..").click();
  }
}

export const nextPage = (page: Page) => page.getByRole("button", { name: "Next" }).click();
export const saved = (page: Page) => expect.poll(() => page.getByTestId("save-status").textContent(), { timeout: 30_000 }).toMatch(/All answers saved/);

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
  await page.getByRole("button", { name: "Submit my answers" }).click();
  await page.waitForURL(/\/thanks$/);
  await page.getByRole("heading", { level: 1, name: /Thank you/ }).waitFor();
}
