import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECT } from "~db/dialect";
import { invitations, responses } from "~db/schema";
import { createInvitation } from "~/models/invitations.server";
import { completeAnswers, createTestRound } from "../../support/factories";
import { HttpClient } from "../../support/http";
import { startTestServer, type TestServer } from "../../support/server";
import { answerAllPages, PAGES, postPage } from "../../support/survey-forms";

/**
 * Issue 9, items 4 and 5, replayed as the people who run a survey would try
 * them: holding an invitee's personal link, or a copy of the database.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const SECRET_COMMENT = "Zebra-7431 told nobody this";

async function inviteeWithDraft() {
  const db = server.database.db;
  const { round, levels } = await createTestRound(db);
  const invitation = await createInvitation(db, { roundId: round.id, levelId: levels[0]!.id, email: "erin@example.org" });
  const invitee = new HttpClient(server.url);
  await invitee.postForm(`/r/${invitation.token}`, { _intent: "start" });
  await postPage(invitee, invitation.token, PAGES.now, "next", { "alloc_now.retail": "37", "alloc_now.social": "63" });
  await invitee.postJson(`/r/${invitation.token}/save`, { page: PAGES.context, revision: 50, fields: [["ctx_customer_view", SECRET_COMMENT]] });
  const draft = async () => (await db.select().from(responses).where(eq(responses.invitationId, invitation.id)))[0];
  expect(await draft()).toMatchObject({ status: "draft", answers: { alloc_now: { retail: 37, social: 63 }, ctx_customer_view: SECRET_COMMENT } });
  return { round, invitation, invitee, draft };
}

const reveals = (body: string) => body.includes("Zebra-7431") || /\b37\b[^\d]*\b63\b/.test(body) || body.includes('"retail":37');

describe("attack: reading or submitting an invitee's draft with their link", () => {
  it("serves the draft to the invitee's browser only: not in pages, single-fetch data or background-save replies", async () => {
    const { invitation, invitee } = await inviteeWithDraft();
    const token = invitation.token;
    // The control: the invitee's own browser does get the draft back (so the check below can fail).
    expect(reveals(await (await invitee.get(`/r/${token}/survey.data`)).text())).toBe(true);

    const holder = new HttpClient(server.url);
    const reads = [
      `/r/${token}`,
      `/r/${token}.data`,
      `/r/${token}/survey`,
      `/r/${token}/survey.data`,
      `/r/${token}/survey.data?_routes=routes%2Fr.%24token.survey`,
      `/r/${token}/thanks`,
      `/r/${token}/thanks.data`,
    ];
    for (const path of reads) expect(reveals(await (await holder.get(path)).text()), path).toBe(false);
    const save = await holder.postJson(`/r/${token}/save`, { page: PAGES.context, revision: 99, fields: [] });
    expect(save.status).toBe(409);
    expect(reveals(await save.text())).toBe(false);
    const page = await postPage(holder, token, PAGES.now, "next", {});
    expect(reveals(await page.text())).toBe(false);
  });

  it("never submits for the invitee from a browser without their cookie", async () => {
    const { invitation, draft } = await inviteeWithDraft();
    const token = invitation.token;
    const holder = new HttpClient(server.url);
    const before = await draft();
    expect((await holder.postJson(`/r/${token}/survey`, { answers: completeAnswers(1) })).status).toBe(409);
    expect((await postPage(holder, token, PAGES.context, "submit", {})).headers.get("location")).toBe(`/r/${token}`);
    expect((await holder.postForm(`/r/${token}/survey`, { _page: "7", _intent: "confirm" })).headers.get("location")).toBe(`/r/${token}`);
    expect((await holder.postForm(`/r/${token}`, { _intent: "start" })).headers.get("location")).toBe(`/r/${token}`);
    expect(await draft()).toEqual(before);
    const db = server.database.db;
    expect((await db.select().from(invitations).where(eq(invitations.id, invitation.id)))[0]!.answered).toBe(false);
  });
});

describe("attack: joining a response back to the invitation's email with a copy of the database", () => {
  it("finds nothing to join on once the invitees have submitted: no shared id, token or timestamp in any table", async () => {
    const db = server.database.db;
    const { round, levels } = await createTestRound(db);
    const invite = (email: string) => createInvitation(db, { roundId: round.id, levelId: levels[1]!.id, email });
    const people = [await invite("fay@example.org"), await invite("gus@example.org")];
    for (const [n, invitation] of people.entries()) {
      const browser = new HttpClient(server.url);
      await browser.postForm(`/r/${invitation.token}`, { _intent: "start" });
      expect((await answerAllPages(browser, invitation.token, completeAnswers(40 + n))).headers.get("location")).toBe(`/r/${invitation.token}/thanks`);
    }

    // The whole database, every table and column, as a backup would hold it.
    const dump = await wholeDatabase();
    const submitted = dump.responses!.filter((r) => r.round_id === round.id);
    const invited = dump.invitations!.filter((i) => i.round_id === round.id);
    expect(submitted).toHaveLength(2);
    expect(invited.map((i) => i.answered)).toEqual(DIALECT === "pg" ? [true, true] : [1, 1]);

    // What every invitee of the level shares (the round and the level) tells them apart from no one. Each row's
    // own row number is left out: two counters that happen to meet are not a reference from one table to the other.
    const common = new Set<unknown>([round.id, levels[1]!.id]);
    const values = (row: Record<string, unknown>) =>
      new Set(Object.entries(row).filter(([column, v]) => column !== "id" && v !== null && !common.has(v)).map(([, v]) => v));
    for (const response of submitted) {
      expect(response.invitation_id).toBeNull();
      for (const invitation of invited) {
        // Flags (SQLite's 0 and 1, PostgreSQL's booleans) are shared by half the rows of any table: they tell no one apart.
        const shared = [...values(response)].filter((v) => values(invitation).has(v) && v !== 0 && v !== 1 && typeof v !== "boolean");
        expect(shared, `response ${String(response.id)} and invitation ${String(invitation.email)}`).toEqual([]);
      }
    }
    // No other table holds a row that names both a response and an invitation.
    const responseKeys = new Set<unknown>(submitted.flatMap((r) => [r.resume_token, r.submitted_at, r.created_at, r.updated_at].filter((v) => v !== null)));
    const invitationKeys = new Set<unknown>(invited.flatMap((i) => [i.token, i.email, i.created_at]));
    for (const [table, rows] of Object.entries(dump)) {
      if (table === "responses" || table === "invitations") continue;
      for (const row of rows) {
        const cells = Object.values(row);
        expect(cells.some((v) => responseKeys.has(v)) && cells.some((v) => invitationKeys.has(v)), `${table} links them`).toBe(false);
      }
    }
  });
});

/**
 * Every row of every table as the database stores it (raw values, not the app's Dates and objects, so equal
 * stored values compare equal): what a backup or a copy of the database holds.
 */
async function wholeDatabase(): Promise<Record<string, Record<string, unknown>[]>> {
  const database = server.database;
  const tables =
    DIALECT === "pg"
      ? await database.rows<{ schema: string; name: string }>(
          sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
        )
      : await database.rows<{ schema: string; name: string }>(sql`SELECT 'main' AS schema, name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  const dump: Record<string, Record<string, unknown>[]> = {};
  for (const { schema, name } of tables) dump[name] = await database.rows(sql`SELECT * FROM ${sql.identifier(schema)}.${sql.identifier(name)}`);
  return dump;
}
