import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { sqliteTable, text as textColumn } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECT } from "~db/dialect";
import { exclusions, findingNotes, invitationMessages, invitations, levels, memberships, organisations, responses, retiredLinks, rounds, sessions, users } from "~db/schema";
import { compactDatabase, eraseWith } from "~db/erasure";
import { NORTHWIND_PLANS } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { createInvitation, queueMessages } from "~/models/invitations.server";
import { saveFindingNote } from "~/models/reports.server";
import { importResponses } from "~/models/responses.server";
import { cloneRound, regenerateLevelLink } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { completeAnswers, createTestRound } from "../support/factories";
import { databaseEnv, tempDatabase } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

/** An organisation with two rounds (the second follows the first) holding every kind of row, and a marker in a comment. */
async function fullOrganisation(marker: string) {
  const { round, levels: roundLevels } = await createTestRound(db(), { organisationName: `Erase me ${marker}`, name: "Baseline", minGroupSize: 3 });
  const answers = { ...completeAnswers(1, NORTHWIND_PLANS.board!), ctx_customer_view: `secret comment ${marker}` };
  await importResponses(db(), round.id, [1, 2, 3].map(() => ({ levelId: roundLevels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) })));
  const invitation = await createInvitation(db(), { roundId: round.id, levelId: roundLevels[1]!.id, email: `${marker}@example.org`, name: "Erin" });
  await queueMessages(db(), round.id, [invitation.id], "invitation");
  await regenerateLevelLink(db(), round.id, roundLevels[0]!.id);
  const admin = await createAccount(db(), "admin");
  await saveFindingNote(db(), round.id, "espoused_not_enacted:board:retail", `note ${marker}`, admin.id);
  await db().transaction(async (tx) => {
    await tx.insert(exclusions).values({ roundId: round.id, fromAt: new Date(0), toAt: new Date(1), createdBy: admin.id, createdAt: new Date() });
  });
  const next = await cloneRound(db(), round.id, "Follow-up");
  const facilitatorAccount = await createAccount(db(), "facilitator", [round.organisationId]);
  return { organisationId: round.organisationId, roundIds: [round.id, next.id], admin: await signedIn(server.url, admin), facilitator: await signedIn(server.url, facilitatorAccount), facilitatorAccount };
}

/** Rows anywhere that still belong to these rounds or this organisation. */
async function leftovers(organisationId: string, roundIds: string[]) {
  const inRounds = async (table: typeof levels | typeof invitations | typeof responses | typeof findingNotes | typeof exclusions | typeof invitationMessages) => {
    const rows: unknown[] = [];
    for (const id of roundIds) rows.push(...(await db().select().from(table).where(eq(table.roundId, id))));
    return rows;
  };
  const roundRows = [];
  for (const id of roundIds) roundRows.push(...(await db().select().from(rounds).where(eq(rounds.id, id))));
  return {
    organisations: await db().select().from(organisations).where(eq(organisations.id, organisationId)),
    rounds: roundRows,
    memberships: await db().select().from(memberships).where(eq(memberships.organisationId, organisationId)),
    levels: await inRounds(levels),
    invitations: await inRounds(invitations),
    responses: await inRounds(responses),
    notes: await inRounds(findingNotes),
    exclusions: await inRounds(exclusions),
    messages: await inRounds(invitationMessages),
  };
}

const nothingLeft = { organisations: [], rounds: [], memberships: [], levels: [], invitations: [], responses: [], notes: [], exclusions: [], messages: [] };

describe("erasing an organisation", () => {
  it("asks for confirmation naming everything that goes, and deletes nothing on a wrong name", async () => {
    const { organisationId, roundIds, admin } = await fullOrganisation("confirm");
    const page = await text(await admin.get(`/orgs/${organisationId}/delete`));
    expect(page).toContain("This deletes the organisation “Erase me confirm” and everything in it, for good:");
    expect(page).toContain("Its rounds: “Baseline”, “Follow-up”.");
    for (const item of ["2 rounds", "4 levels with their open links", "3 responses (submitted and unfinished)", "1 invitation, with their email addresses", "1 note on findings", "the assignment of 1 person to it"]) {
      expect(page).toContain(item);
    }
    const wrong = await admin.postForm(`/orgs/${organisationId}/delete`, { confirm: "Erase me" });
    expect(wrong.status).toBe(422);
    expect(await text(wrong)).toContain("that is not the organisation’s name (“Erase me confirm”); nothing was deleted");
    expect((await leftovers(organisationId, roundIds)).responses).toHaveLength(3);
  });

  it("removes every row of it (cascades included), leaves accounts and other organisations, and leaves no trace in the database file", async () => {
    const other = await fullOrganisation("keep");
    const { organisationId, roundIds, admin, facilitator, facilitatorAccount } = await fullOrganisation("gone-zq7");
    const erased = await admin.postForm(`/orgs/${organisationId}/delete`, { confirm: "erase me gone-zq7" });
    expect(erased.status).toBe(302);
    expect(erased.headers.get("location")).toBe("/orgs?erased=organisation&rounds=2&responses=3&invitations=1");
    expect(await text(await admin.get(erased.headers.get("location")!))).toContain("The organisation was deleted with 2 rounds, 3 responses and 1 invitation.");
    expect(await leftovers(organisationId, roundIds)).toEqual(nothingLeft);
    for (const link of await db().select().from(retiredLinks)) expect(await db().select().from(levels).where(eq(levels.id, link.levelId))).toHaveLength(1);
    // PostgreSQL checks every foreign key as it writes; SQLite is asked.
    if (DIALECT === "sqlite") expect(await server.database.rows(sql`PRAGMA foreign_key_check`)).toEqual([]);
    // The facilitator keeps their account and session; the organisation is simply gone for them.
    expect(await db().select().from(users).where(eq(users.id, facilitatorAccount.id))).toHaveLength(1);
    expect((await db().select().from(sessions).where(eq(sessions.userId, facilitatorAccount.id))).length).toBeGreaterThan(0);
    expect((await facilitator.get(`/orgs/${organisationId}`)).status).toBe(404);
    expect((await facilitator.get("/orgs")).status).toBe(200);
    // The other organisation is whole.
    expect((await leftovers(other.organisationId, other.roundIds)).responses).toHaveLength(3);
    // secure_delete and the checkpoint: the erased comment, email and note are not in the file's bytes (SQLite's file; PostgreSQL has no such promise).
    if (DIALECT === "sqlite") {
      const bytes = readFileSync(server.database.path!).toString("latin1") + readFileSync(`${server.database.path}-wal`).toString("latin1");
      for (const trace of ["secret comment gone-zq7", "gone-zq7@example.org", "note gone-zq7"]) expect(bytes).not.toContain(trace);
      expect(bytes).toContain("secret comment keep");
    }
  });
});

describe("erasing a round", () => {
  it("deletes the round and everything in it; the round that followed it forgets it", async () => {
    const { organisationId, roundIds, admin } = await fullOrganisation("round");
    const [baseline, followUp] = roundIds;
    expect(await text(await admin.get(`/rounds/${baseline}/delete`))).toContain("This deletes the round “Baseline” and everything in it, for good:");
    const erased = await admin.postForm(`/rounds/${baseline}/delete`, { confirm: "Baseline" });
    expect(erased.headers.get("location")).toBe(`/orgs/${organisationId}?erased=round&rounds=1&responses=3&invitations=1`);
    expect(await text(await admin.get(erased.headers.get("location")!))).toContain("The round was deleted with 3 responses and 1 invitation.");
    const left = await leftovers(organisationId, [baseline!]);
    expect({ ...left, organisations: [], memberships: [] }).toEqual(nothingLeft);
    expect((await db().select().from(rounds).where(eq(rounds.id, followUp!)))[0]!.predecessorId).toBeNull();
    expect((await admin.get(`/rounds/${followUp}/report.json`)).status).toBe(200);
  });

  it("has a CLI that shows what would go, and erases only with --yes", async () => {
    const { organisationId, roundIds } = await fullOrganisation("cli");
    const env = databaseEnv(server.database);
    const dry = await cli(["round", "delete", "--round", roundIds[0]!], env);
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({ deleted: false, wouldDelete: { responses: 3, invitations: 1, notes: 1 } });
    expect(dry.stderr).toContain("Nothing was deleted. Run again with --yes");
    expect((await leftovers(organisationId, roundIds)).responses).toHaveLength(3);
    const done = await cli(["organisation", "delete", "--id", organisationId, "--yes", "--compact"], env);
    expect(done.json()).toMatchObject({ deleted: true, compacted: true, organisation: "Erase me cli", responses: 3, rounds: [{ name: "Baseline" }, { name: "Follow-up" }] });
    if (DIALECT === "sqlite") expect(readFileSync(server.database.path!).toString("latin1")).not.toContain("secret comment cli");
    expect(await leftovers(organisationId, roundIds)).toEqual(nothingLeft);
    expect((await cli(["round", "delete", "--round", roundIds[0]!, "--yes"], env)).stderr).toBe(`error: --round: no round with id "${roundIds[0]}"\n`);
  });
});

/** A table of the test's own, beside the app's, so its layout in the file is known. */
const scratch = sqliteTable("scratch", { owner: textColumn("owner"), value: textColumn("value") });

// SQLite's secure_delete, WAL checkpoints and VACUUM, read in the file's bytes: there is no such file on PostgreSQL.
describe.runIf(DIALECT === "sqlite")("eraseWith and compactDatabase, at the level of the database file", () => {
  it("leaves no byte of deleted rows once compacted, even where secure_delete alone keeps fragments", async () => {
    const database = await tempDatabase();
    try {
      const path = database.path!;
      await database.rows(sql`CREATE TABLE scratch (owner TEXT, value TEXT)`);
      for (let i = 0; i < 40; i++) {
        await database.rows(sql`INSERT INTO scratch VALUES (${i % 2 ? "gone" : "kept"}, ${`${i % 2 ? "erased-marker" : "kept-marker"} ${i} ${" ".repeat(100)}`})`);
      }
      await database.rows(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
      const bytes = () => readFileSync(path).toString("latin1") + readFileSync(`${path}-wal`).toString("latin1");
      await eraseWith(database, async (tx) => {
        await tx.delete(scratch).where(eq(scratch.owner, "gone"));
      });
      expect(await database.rows(sql`PRAGMA secure_delete`)).toEqual([{ secure_delete: 0 }]);
      // This layout (the table shrinks back into its root page) is one where SQLite's secure_delete leaves fragments: why the CLI offers --compact.
      expect(bytes()).toContain("erased-marker");
      await compactDatabase(database);
      expect(bytes()).not.toContain("erased-marker");
      expect(bytes()).toContain("kept-marker");
    } finally {
      await database.cleanup();
    }
  });
});
