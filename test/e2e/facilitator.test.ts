import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invitations, rounds } from "~db/schema";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { createAccount } from "../support/accounts";
import { completeAnswers } from "../support/factories";
import { browserAndServer } from "../support/e2e";
import { linkIn, parseMessage } from "../support/mail";
import { answerWholeSurvey, openedSurvey, watchForErrors } from "../support/survey-page";

const e2e = browserAndServer();

// A refused upload is answered with its status (422); Chromium logs every 4xx fetch as a console error.
const EXPECTED_REFUSALS = [/Failed to load resource: the server responded with a status of 422/];

describe("a facilitator in Chromium", () => {
  it("signs in, creates a three-level round, fixes a bad CSV row, opens the round (which emails the invitations) and sees a personal link's submission", async () => {
    const db = e2e.server.database.db;
    const organisation = await findOrCreateOrganisation(db, "Harbour Foods");
    const account = await createAccount(db, "facilitator", [organisation.id]);
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchForErrors(page, EXPECTED_REFUSALS);

    await page.goto(`${e2e.server.url}/orgs`);
    await page.waitForURL(/\/login\?redirectTo=%2Forgs$/);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/orgs$/);

    await page.getByRole("link", { name: "Harbour Foods" }).click();
    await expect.poll(() => page.getByText("No rounds yet: create the first.").isVisible()).toBe(true);
    await page.getByRole("link", { name: "Create the first round" }).click();
    await page.getByLabel("Round name").fill("Spring diagnostic");
    // Four levels are offered; keep three, rename one.
    await page.getByRole("button", { name: "Remove Middle managers" }).click();
    await page.getByLabel("Level 2 name").fill("Store managers");
    await page.getByLabel("Minimum group size").fill("3");
    await page.getByRole("button", { name: "Create round" }).click();
    await page.waitForURL(/\/rounds\/\w+\?created=1$/);
    const roundId = page.url().match(/\/rounds\/(\w+)/)![1]!;
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Spring diagnostic");
    expect(await page.getByRole("rowheader").allTextContents()).toEqual(["Board", "Store managers", "Front line"]);

    await page.getByRole("link", { name: "Personal invitations", exact: true }).click();
    const upload = async (csv: string) => {
      await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.getByRole("button", { name: "Check the file" }).click();
    };
    await upload("email,level,name\nann@example.org,Store managers,Ann\nbob@example,Front line,Bob\n");
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/1 row needs fixing.*line 3/);
    expect(await page.getByRole("button", { name: /Invite these/ }).count()).toBe(0);
    expect(await db.select().from(invitations).where(eq(invitations.roundId, roundId))).toHaveLength(0);
    await upload("email,level,name\nann@example.org,Store managers,Ann\nbob@example.org,Front line,Bob\n");
    await page.getByRole("button", { name: "Invite these 2 people" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("2 invitations added. Their invitations will be emailed when you open the round.");

    await page.getByRole("link", { name: "Spring diagnostic" }).click();
    await page.getByRole("button", { name: "Open the round" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("The round is open");
    expect((await db.select().from(rounds).where(eq(rounds.id, roundId)))[0]!.status).toBe("open");
    const storeRow = page.getByRole("row", { name: /Store managers/ });
    expect(await storeRow.textContent()).toMatch(/Store managers1\s*0\s*0/);

    // Opening the round emailed the invitations: without SMTP they land in the outbox beside the database.
    const outbox = join(e2e.server.database.dir, "outbox");
    const messages = () => (existsSync(outbox) ? readdirSync(outbox).map((name) => parseMessage(readFileSync(join(outbox, name), "utf8"))) : []);
    await expect.poll(() => messages().length, { timeout: 30_000 }).toBe(2);
    const annLink = linkIn(messages().find((message) => message.headers.get("to") === "ann@example.org")!);

    // The respondent, elsewhere, answers through the personal link.
    const respondent = await e2e.browser.newPage();
    await respondent.goto(annLink);
    expect(await respondent.getByText("You are answering as").locator("xpath=..").textContent()).toContain("Store managers");
    await respondent.getByRole("button", { name: "Start the survey" }).click();
    await openedSurvey(respondent);
    await answerWholeSurvey(respondent, completeAnswers(8));
    await respondent.close();

    // Back on the round page: the numbers refresh on focus, without a reload.
    await page.evaluate(() => window.dispatchEvent(new Event("focus")));
    await expect.poll(() => storeRow.textContent()).toMatch(/Store managers1\s*1\s*1\s*100%\s*2 more responses needed/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("sees every error of the round form at once, beside each field, in a summary that takes the focus", async () => {
    const db = e2e.server.database.db;
    const organisation = await findOrCreateOrganisation(db, "Quay Logistics");
    const account = await createAccount(db, "facilitator", [organisation.id]);
    const page = await e2e.browser.newPage();
    // The refused form is answered with 400; Chromium logs that as a failed resource.
    const problems = watchForErrors(page, [/Failed to load resource: the server responded with a status of 400/]);
    await page.goto(`${e2e.server.url}/login?redirectTo=/orgs/${organisation.id}/rounds/new`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/rounds\/new$/);
    await page.getByLabel("Round name").fill("");
    await page.getByLabel("Closes on (optional)").fill("2020-01-01");
    await page.getByLabel("Minimum group size").fill("2");
    await page.getByRole("button", { name: "Create round" }).click();
    const summary = page.locator(".error-summary");
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("error-summary") ?? false), { timeout: 30_000 }).toBe(true);
    expect(await summary.getByRole("link").allTextContents()).toEqual([
      "Round name: give the round a name",
      "Closes on: the closing date has passed; choose a later day or leave it empty",
      "Minimum group size: minimum group size cannot be below 3",
    ]);
    for (const [label, message] of [
      ["Round name", "give the round a name"],
      ["Closes on (optional)", "the closing date has passed"],
      ["Minimum group size", "minimum group size cannot be below 3"],
    ]) {
      const field = page.getByLabel(label!, { exact: true });
      expect(await field.getAttribute("aria-invalid"), label).toBe("true");
      const describedBy = (await field.getAttribute("aria-describedby"))!.split(" ");
      const texts = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(texts.join(" "), label).toContain(message);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
