import { describe, expect, it } from "vitest";
import { demoAccounts, seedDemo } from "~db/seed";
import { browserAndServer } from "../support/e2e";
import { watchForErrors } from "../support/survey-page";

const PASSWORD = "demo-password-for-tests";
const e2e = browserAndServer(async (server) => {
  seedDemo(server.database.db, { accounts: await demoAccounts(PASSWORD) });
});

describe("a consultant in Chromium", () => {
  it("opens the demo round's report, sees the charts, opens a finding, adds a note and downloads the CSV", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await page.goto(`${e2e.server.url}/login`);
    await page.getByLabel("Email").fill("consultant@northwind.example");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Northwind Retail" }).click();
    await page.getByRole("link", { name: "Baseline diagnostic" }).click();
    await page.getByRole("link", { name: "Gap report" }).click();
    await page.waitForURL(/\/report$/);
    await expect.poll(() => page.title()).toBe("Gap report: Baseline diagnostic | ModelGap");

    // The charts draw in the browser: the summary's bars and one radar per reportable level, each with four
    // profiles (allocation, beliefs, practice, desired).
    await expect.poll(() => page.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(16);
    await expect.poll(() => page.locator(".recharts-radar").count()).toBe(16);
    expect(await page.getByRole("heading", { level: 3, name: /Levels disagree on what they run/ }).isVisible()).toBe(true);

    const finding = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Said, not done: Middle managers/ }) });
    expect(await finding.getByText(/Size \d+ points \(95% interval \d+–\d+\)/).isVisible()).toBe(true);
    await finding.getByText("Why it matters, the evidence, and your note").click();
    // The statements behind it, with the level's mean answer.
    expect(await finding.getByRole("table", { name: /The statements behind it/ }).isVisible()).toBe(true);
    await finding.getByLabel("Your note on this finding").fill("Check the loyalty team's targets before the workshop.");
    await finding.getByRole("button", { name: "Save note" }).click();
    await expect.poll(() => finding.getByRole("status").textContent()).toBe("Note saved");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Baseline-diagnostic-gap-report.csv");
    let csv = "";
    for await (const chunk of await file.createReadStream()) csv += chunk;
    expect(csv).toContain("section,round,organisation,level");
    expect(csv).toMatch(/finding,.*espoused_not_enacted.*Check the loyalty team's targets before the workshop\./);
    expect(problems).toEqual([]);
    await context.close();
  });
});
