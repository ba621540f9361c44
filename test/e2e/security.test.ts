import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { NORTHWIND_PLANS } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { createInvitation } from "~/models/invitations.server";
import { saveFindingNote, loadReport } from "~/models/reports.server";
import { importResponses } from "~/models/responses.server";
import { createUser } from "~/models/users.server";
import { hashPassword } from "~/utils/password.server";
import { completeAnswers, createTestRound } from "../support/factories";
import { browserAndServer } from "../support/e2e";
import { fillAllocation, openedSurvey, watchForErrors } from "../support/survey-page";

const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'&`;
let pages: string[];
let welcome: string;
const PASSWORD = "security-password-1";
const e2e = browserAndServer(async (server) => {
  const db = server.database.db;
  const { round, levels } = await createTestRound(db, {
    organisationName: `Org ${HOSTILE}`,
    name: `Round ${HOSTILE}`,
    welcomeNote: `Welcome ${HOSTILE}`,
    minGroupSize: 3,
    levels: [
      { key: "board", label: `Board ${HOSTILE}` },
      { key: "front", label: "Front line" },
    ],
  });
  const records = [1, 2, 3].map((seed) => {
    const answers = { ...completeAnswers(seed, NORTHWIND_PLANS.middle!), ctx_customer_view: `Comment ${HOSTILE}` };
    return { levelId: levels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) };
  });
  await importResponses(db, round.id, records);
  await createInvitation(db, { roundId: round.id, levelId: levels[0]!.id, email: "x@example.org", name: `Invitee ${HOSTILE}` });
  const admin = await createUser(db, { email: "admin@example.org", name: `Admin ${HOSTILE}`, role: "admin", passwordHash: await hashPassword(PASSWORD) });
  const finding = (await loadReport(db, round.id))!.findings[0]!;
  await saveFindingNote(db, round.id, finding.key, `Note ${HOSTILE}`, admin.id);
  welcome = `/r/${levels[0]!.linkToken}`;
  pages = ["/orgs", `/orgs/${round.organisationId}`, `/rounds/${round.id}`, `/rounds/${round.id}/invitations`, `/rounds/${round.id}/report`, `/rounds/${round.id}/report/print`, "/admin/users", `/admin/users/${admin.id}`];
});

/** A CSP violation (even one a library catches) becomes a console error, which the tests refuse. */
function reportViolations(page: Page) {
  return page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
  });
}

/** Nothing a person typed ran: no injected element, no script effect, no CSP violation, and the text shows as text. */
async function expectInert(page: Page, problems: string[], path: string) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
  expect(await page.locator('img[src="x"]').count(), path).toBe(0);
  expect(await page.locator("body").textContent(), path).toContain(HOSTILE);
  expect(problems, path).toEqual([]);
}

describe("text people enter, in Chromium under the CSP", () => {
  it("renders as text on the respondent's pages, and the survey runs without a CSP violation", async () => {
    const page = await e2e.browser.newPage();
    const problems = watchForErrors(page);
    page.on("dialog", (dialog) => problems.push(`dialog: ${dialog.message()}`));
    await reportViolations(page);
    await page.goto(`${e2e.server.url}${welcome}`);
    await expectInert(page, problems, welcome);
    await page.getByRole("button", { name: "Start the survey" }).click();
    await openedSurvey(page);
    await fillAllocation(page, { retail: 100 });
    await page.waitForLoadState("networkidle");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("renders as text on every staff page and in the report", async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    const problems = watchForErrors(page);
    page.on("dialog", (dialog) => problems.push(`dialog: ${dialog.message()}`));
    await reportViolations(page);
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("admin@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/orgs$/);
    for (const path of pages) {
      await page.goto(`${e2e.server.url}${path}`);
      await page.waitForLoadState("networkidle");
      await expectInert(page, problems, path);
    }
    await context.close();
  });
});
