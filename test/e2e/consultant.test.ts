import { describe, expect, it } from "vitest";
import { demoAccounts, seedDemo } from "~db/seed";
import { browserAndServer, openDemoRoundAsConsultant } from "../support/e2e";
import { watchForErrors } from "../support/survey-page";

const PASSWORD = "demo-password-for-tests";
const e2e = browserAndServer(async (server) => {
  await seedDemo(server.database.db, { accounts: await demoAccounts(PASSWORD) });
});

describe("a consultant in Chromium", () => {
  it("reads the summary and charts, opens a finding's evidence, adds a note, records the intended mix and downloads the CSV and the slides", async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    // The refused mix is answered with its status (400); Chromium logs every 4xx load as a console error.
    const problems = watchForErrors(page, [/Failed to load resource: the server responded with a status of 400/]);
    await openDemoRoundAsConsultant(page, e2e.server.url, PASSWORD);
    // A client-side navigation: the report's static parts are fetched and put in place.
    await page.getByRole("link", { name: "Gap report" }).click();
    await page.waitForURL(/\/report$/);
    await expect.poll(() => page.title()).toBe("Gap report: Baseline diagnostic | ModelGap");

    // The executive summary opens the report: messages, each with what to do.
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Executive summary" }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.locator(".message").count()).toBeGreaterThan(0);
    expect(await page.locator(".message").first().getByText("What to do:").isVisible()).toBe(true);

    // Charts are drawn on the server: the say-do bars, and one radar per reportable level with four profiles
    // (allocation, beliefs, practice, desired).
    expect(await page.locator(".bars__segment").count()).toBeGreaterThan(16);
    expect(await page.locator(".radar__series").count()).toBe(16);
    expect(await page.getByRole("heading", { level: 3, name: /Levels disagree on what they run/ }).isVisible()).toBe(true);

    const finding = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Said, not done: Middle managers/ }) });
    expect(await finding.getByText(/Size \d+ points \(95% interval \d+–\d+\)/).isVisible()).toBe(true);
    // The evidence is loaded when the details are opened.
    await finding.getByText("Why it matters, and the evidence").click();
    await expect.poll(() => finding.getByRole("table", { name: /The statements behind it/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    await finding.getByText("Add a note").click();
    await finding.getByLabel("Your note on this finding").fill("Check the loyalty team's targets before the workshop.");
    await finding.getByRole("button", { name: "Save note" }).click();
    await expect.poll(() => finding.getByRole("status").textContent(), { timeout: 30_000 }).toBe("Note saved");

    // The intended mix: a mix that does not add up is refused beside the fields; a good one puts the strategy in the summary.
    await page.getByText("Record the intended mix").click();
    await page.getByLabel("Relationship marketing (points)").fill("40");
    await page.getByLabel("Retail (points)").fill("30");
    await page.getByRole("button", { name: "Save the intended mix" }).click();
    await page.waitForURL(/\/strategy$/);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("the points add up to 70; they must add up to exactly 100");
    await page.getByLabel("Key account management (points)").fill("20");
    await page.getByLabel("Social engagement (points)").fill("10");
    await page.getByRole("button", { name: "Save the intended mix" }).click();
    await page.waitForURL(/\/report\?strategy=saved#strategy$/);
    expect(await page.getByRole("status").filter({ hasText: "The intended mix is saved" }).isVisible()).toBe(true);
    expect(await page.locator(".message__text").first().textContent()).toMatch(/^Measured against the intended mix \(relationship marketing 40%, retail 30%/);

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("Baseline-diagnostic-gap-report.csv");
    let csv = "";
    for await (const chunk of await file.createReadStream()) csv += chunk;
    expect(csv).toContain("section,round,organisation,level");
    expect(csv).toMatch(/\r\nsummary,.*Measured against the intended mix/);
    expect(csv).toMatch(/finding,.*espoused_not_enacted.*Check the loyalty team's targets before the workshop\./);

    const slides = page.waitForEvent("download");
    await page.getByRole("link", { name: "Slides (PowerPoint)" }).click();
    const deck = await slides;
    expect(deck.suggestedFilename()).toBe("Baseline-diagnostic-gap-report.pptx");
    const head = Buffer.alloc(2);
    for await (const chunk of await deck.createReadStream()) {
      (chunk as Buffer).copy(head, 0, 0, 2);
      break;
    }
    // A zip, as every .pptx is.
    expect(head.toString("latin1")).toBe("PK");
    expect(problems).toEqual([]);
    await context.close();
  });
});
