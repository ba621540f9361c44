import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeHeartbeat } from "~db/health";
import { heartbeat } from "~db/schema";
import { seedDemo } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importInvitations } from "~/models/invitations.server";
import { findJourney } from "~/models/journey.server";
import { recordRefusal, releaseHeld } from "~/models/open-links.server";
import { createOrganisation } from "~/models/organisations.server";
import { countHit } from "~/models/rate-limits.server";
import { importResponses, saveDraft, startResponse, submitResponse } from "~/models/responses.server";
import { changeRoundStatus, cloneRound, regenerateLevelLink, updateRound } from "~/models/rounds.server";
import { createUser, setMemberships, setPassword } from "~/models/users.server";
import { tempDatabase, type TestDatabase } from "../support/database";
import { completeAnswers, createTestRound } from "../support/factories";

/**
 * README: every write transaction holds the one write lock from its start (SQLite: BEGIN IMMEDIATE; PostgreSQL:
 * an advisory lock taken first), so a transaction that reads and then writes never finds that another writer got
 * in between. db/client.ts does that in `transaction`; what must hold is that every write goes through it.
 */
let database: TestDatabase;
beforeEach(async () => {
  database = await tempDatabase();
  await refuseWritesWithoutTheLock(database);
});
afterEach(() => database.cleanup());

/**
 * Makes the database itself refuse a write made without the write lock. SQLite already does: outside a
 * transaction its reading connection is query_only. On PostgreSQL a trigger on every table refuses a statement
 * whose session holds no advisory lock.
 */
async function refuseWritesWithoutTheLock(handle: TestDatabase) {
  if (handle.dialect !== "pg") return;
  await handle.rows(sql`CREATE FUNCTION require_write_lock() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted) THEN
        RAISE EXCEPTION 'a write to % without the write lock', TG_TABLE_NAME;
      END IF;
      RETURN NULL;
    END $$`);
  const tables = await handle.rows<{ name: string }>(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  for (const { name } of tables) {
    await handle.rows(sql`CREATE TRIGGER require_write_lock BEFORE INSERT OR UPDATE OR DELETE ON ${sql.identifier(name)} FOR EACH STATEMENT EXECUTE FUNCTION require_write_lock()`);
  }
}

describe("write transactions", () => {
  it("a write without the write lock is refused, so every write below took it: rounds, users, organisations, responses, invitations, limits and the demo seed", async () => {
    const db = database.db;
    const refused = await db.insert(heartbeat).values({ id: 1, beatAt: 0 }).then(
      () => undefined,
      (error: Error) => error,
    );
    // The database's own reason (drizzle wraps PostgreSQL's errors in one naming the query).
    expect((refused?.cause as Error | undefined)?.message ?? refused?.message).toMatch(/readonly database|without the write lock/);

    const user = await createUser(db, { email: "ann@example.org", role: "facilitator", passwordHash: "x" });
    const organisation = await createOrganisation(db, "Acme", { id: user.id, role: "facilitator", organisationIds: [] });
    await setPassword(db, user.id, "y");
    await setMemberships(db, user.id, [organisation.id]);
    const { round, levels } = await createTestRound(db, { organisationId: organisation.id });
    await updateRound(db, round.id, { name: "Renamed", instrument: { id: round.instrumentId, version: round.instrumentVersion }, minGroupSize: 5, opensAt: null, closesAt: null, welcomeNote: "" }, null);
    await changeRoundStatus(db, round.id, "open");
    await cloneRound(db, round.id, "Next");
    await regenerateLevelLink(db, round.id, levels[1]!.id);
    const journey = (await findJourney(db, levels[0]!.linkToken))!;
    const started = await startResponse(db, journey, undefined);
    if (started.outcome !== "draft") throw new Error("expected a draft");
    await saveDraft(db, started.response.id, { alloc_now: { retail: 100 } }, 1);
    const answers = completeAnswers(1);
    await submitResponse(db, journey, started.response.resumeToken!, answers, scoreResponse(currentInstrument, answers));
    await importResponses(db, round.id, [{ levelId: levels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) }]);
    await importInvitations(db, round.id, [{ email: "erin@example.org", levelId: levels[0]!.id, name: null }]);
    await countHit(db, "key", 10_000, Date.now());
    await recordRefusal(db, { roundId: round.id, levelId: levels[0]!.id, addressHash: "h", at: Date.now(), since: 0 });
    await releaseHeld(db, round.id, levels[0]!.id);
    await seedDemo(db);
    await writeHeartbeat(db);
    expect(await db.select().from(heartbeat)).toHaveLength(1);
  });

  it("no source runs a statement past the dialect-neutral API (.all(), .get(), .run(), db.run(sql...)), which has no write lock and no PostgreSQL", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
      });
    // Files that open better-sqlite3 connections themselves (the driver, backups, the copy to PostgreSQL) are SQLite's own side.
    const sources = [...files("app"), ...files("db")].map((file) => ({ file, source: readFileSync(file, "utf8") })).filter(({ source }) => !source.includes('from "better-sqlite3"'));
    expect(sources.length).toBeGreaterThan(10);
    const bypasses = sources.flatMap(({ file, source }) =>
      source
        .split("\n")
        .map((line, index) => ({ line, at: `${file}:${index + 1}` }))
        .filter(({ line }) => /\.(all|get|run)\(\)|\.(all|get|run|values)\(sql`/.test(line))
        .map(({ line, at }) => `${at}: ${line.trim().slice(0, 80)}`),
    );
    expect(bypasses).toEqual([]);
  });
});
