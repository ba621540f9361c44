import { currentInstrument } from "~/domain/instrument/instruments";
import { describe, expect, it } from "vitest";
import { demoAccounts, seedDemo } from "~db/seed";
import { axeFindings } from "../support/axe";
import { browserAndServer, openDemoRoundAsConsultant } from "../support/e2e";
import { pressAndLoad, watchForErrors } from "../support/survey-page";

const PASSWORD = "demo-password-for-tests";
/** Waits for what a person sees, generously: the suite runs on busy machines. */
const WAIT = { timeout: 30_000 };
const e2e = browserAndServer(async (server) => {
  await seedDemo(server.database.db, { accounts: await demoAccounts(PASSWORD) });
});

describe("axe-core (WCAG 2.1 A and AA) in Chromium", () => {
  it("finds what it should on a page with a known fault (the check itself works)", async () => {
    const page = await e2e.browser.newPage();
    await page.setContent(`<html lang="en"><head><title>Fault</title></head><body><main><input type="text"></main></body></html>`);
    expect((await axeFindings(page)).map((f) => f.id)).toContain("label");
    await page.close();
  });

  it("finds nothing on the demo's gap report, its print view and the staff survey preview", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await openDemoRoundAsConsultant(page, e2e.server.url, PASSWORD);
    const roundUrl = page.url();

    await page.getByRole("link", { name: "Gap report" }).click();
    await page.waitForURL(/\/report$/);
    // The charts are drawn on the server, so they are checked with the rest of the page.
    await expect.poll(() => page.locator("svg.radar").count(), WAIT).toBeGreaterThan(0);
    expect(await axeFindings(page), "report").toEqual([]);

    await page.goto(`${roundUrl}/report/print`);
    await expect.poll(() => page.locator("svg.radar").count(), WAIT).toBeGreaterThan(0);
    expect(await axeFindings(page), "print view").toEqual([]);

    // The preview, reached from the round page as staff reach it.
    await page.goto(roundUrl);
    await pressAndLoad(page, page.getByRole("link", { name: /Preview the survey as/ }).first());
    expect(await page.locator(".preview-banner").textContent()).toContain("Nothing you enter is stored or counted");
    expect(await axeFindings(page), "preview welcome").toEqual([]);
    await pressAndLoad(page, page.getByRole("button", { name: "Start the survey" }));
    expect(await page.locator("h1").textContent()).toContain(`Page 1 of ${3 + currentInstrument.matrices.length}`);
    expect(await axeFindings(page), "preview page").toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
