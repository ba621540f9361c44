import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentInstrument } from "~/domain/instrument/instruments";
import { createAccount, signedIn } from "../support/accounts";
import { completeAnswers, createTestRound } from "../support/factories";
import type { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { PAGE_COUNT, PAGES, pageFields } from "../support/survey-forms";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const pageText = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

/** The app's tables, asked of the database itself (not our schema), so a table added later is watched too. */
const SQLITE_TABLES =
  sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' AND name != 'sessions' ORDER BY name`;
const PG_TABLES = sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name != 'sessions' ORDER BY table_name`;

/** Every row of every table: a preview must leave all of it exactly as it was. Rows are sorted: PostgreSQL returns them in no set order. */
async function snapshot() {
  const { database } = server;
  const tables = await database.rows<{ name: string }>(database.dialect === "pg" ? PG_TABLES : SQLITE_TABLES);
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) snapshot[name] = (await database.rows(sql`SELECT * FROM ${sql.identifier(name)}`)).map((row) => JSON.stringify(row)).sort();
  return snapshot;
}

async function takePreview(client: HttpClient, path: string) {
  const answers = completeAnswers(21);
  const post = (fields: Record<string, string>) => client.postForm(path, fields);
  expect((await post({ _intent: "start" })).headers.get("location")).toBe(path);
  for (let page = 0; page < PAGE_COUNT; page++) {
    const screen = await pageText(await client.get(path));
    expect(screen).toContain(`Page ${page + 1} of ${PAGE_COUNT}`);
    const moved = await post({ ...pageFields(answers, page), _page: String(page), _intent: page === PAGE_COUNT - 1 ? "submit" : "next" });
    expect(moved.status, `page ${page}`).toBe(302);
  }
  return pageText(await client.get(path));
}

describe("the survey preview", () => {
  it("lets a facilitator and a consultant take any level's survey, storing nothing at all", async () => {
    const db = server.database.db;
    const { round } = await createTestRound(db, { organisationName: "Preview Org" });
    const [facilitator, consultant] = await Promise.all([createAccount(db, "facilitator", [round.organisationId]), createAccount(db, "consultant", [round.organisationId])]);
    // Signing in writes its own rows (sessions, sign-in limits); only what the preview does is compared.
    const clients = await Promise.all([facilitator, consultant].map((account) => signedIn(server.url, account)));
    const before = await snapshot();
    for (const client of clients) {
      const roundPage = await pageText(await client.get(`/rounds/${round.id}`));
      expect(roundPage).toContain(`href="/rounds/${round.id}/preview/front"`);
      const path = `/rounds/${round.id}/preview/front`;
      const welcome = await client.get(path);
      expect(welcome.status).toBe(200);
      expect(welcome.headers.get("cache-control")).toBe("no-store");
      const welcomeText = await pageText(welcome);
      expect(welcomeText).toContain("Nothing you enter is stored or counted");
      expect(welcomeText).toContain("<strong>Front line</strong>");
      expect(await takePreview(client, path)).toContain("End of the preview");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("shows what is wrong and asks about skipped statements, as the respondent's pages do", async () => {
    const db = server.database.db;
    const { round } = await createTestRound(db, { organisationName: "Preview Checks" });
    const client = await signedIn(server.url, await createAccount(db, "facilitator", [round.organisationId]));
    const path = `/rounds/${round.id}/preview/board`;
    await client.postForm(path, { _intent: "start" });
    const wrong = await client.postForm(path, { "alloc_now.retail": "90", _page: "0", _intent: "next" });
    expect(wrong.status).toBe(422);
    expect(await pageText(wrong)).toContain("You have 10 points left to share.");
    await client.postForm(path, { "alloc_now.retail": "100", _page: "0", _intent: "next" });
    await client.postForm(path, { "alloc_desired.social": "100", _page: "1", _intent: "next" });
    for (let page = PAGES.beliefs; page < PAGES.context; page++) await client.postForm(path, { _page: String(page), _intent: "next" });
    await client.postForm(path, { _page: String(PAGES.context), _intent: "submit" });
    expect(await pageText(await client.get(path))).toContain(`You skipped ${currentInstrument.items.length} statements.`);
    // A forged cookie is not read: the preview starts again at its welcome page.
    const forged = await signedIn(server.url, await createAccount(db, "facilitator", [round.organisationId]));
    forged.setCookieHeader(`${forged.cookieHeader()}; mg_preview=${Buffer.from(JSON.stringify({ stage: "done" })).toString("base64")}`);
    expect(await pageText(await forged.get(path))).toContain("Start the survey");
  });
});
