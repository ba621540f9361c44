import { copyFileSync, existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseLocation } from "~db/client";
import { DIALECT } from "~db/dialect";
import { responses } from "~db/schema";
import { createAccount, signedIn } from "../support/accounts";
import { cliProcess } from "../support/cli";
import { databaseEnv, tempDatabase, type TestDatabase } from "../support/database";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { freePort, startAppProcess, type AppProcess } from "../support/process";
import { UNLIMITED_OPEN_LINKS } from "../support/server";
import { resumeTokenOf, submitAsNewRespondent, type Submission } from "../support/respondents";

let database: TestDatabase;
let apps: AppProcess[] = [];
beforeEach(async () => {
  database = await tempDatabase();
  apps = [];
});
afterEach(async () => {
  for (const app of apps) if (app.child.exitCode === null) app.child.kill("SIGKILL");
  await Promise.all(apps.map((app) => app.exited));
  await database.cleanup();
});

/** The test database, as openDatabase takes it. */
const live = (): DatabaseLocation => (database.url !== null ? { url: database.url } : { path: database.path! });

async function startApp(location: Record<string, string> = databaseEnv(database)) {
  const port = await freePort();
  // Dozens of respondents on one address: the open-link limits are not what these tests are about.
  const app = startAppProcess({
    ...location,
    PORT: String(port),
    HOST: "127.0.0.1",
    MODELGAP_DEMO: "off",
    SESSION_SECRET: "fault-secret-0123456789abcdefghijklmn",
    ...UNLIMITED_OPEN_LINKS,
  });
  apps.push(app);
  await app.waitFor(/ModelGap is running/);
  return { app, url: `http://127.0.0.1:${port}` };
}

/**
 * The responses as stored, read through a connection of its own (the app may be gone or still running), and on
 * SQLite the file's integrity check (PostgreSQL has no such check to ask for: null).
 */
async function inspect(location: DatabaseLocation = live()) {
  const handle = await openDatabase(location);
  try {
    const integrity = handle.dialect === "sqlite" ? (await handle.rows<{ integrity_check: string }>(sql`PRAGMA integrity_check`))[0]!.integrity_check : null;
    const rows = await handle.db
      .select({ resumeToken: responses.resumeToken, status: responses.status, answers: responses.answers, explicit: responses.explicit, desired: responses.desired, submittedAt: responses.submittedAt })
      .from(responses);
    return { integrity, rows };
  } finally {
    await handle.close();
  }
}

/** The file's integrity on SQLite; nothing to check on PostgreSQL. */
const INTACT = DIALECT === "sqlite" ? "ok" : null;

/** Keeps `clients` respondents submitting until `stop()`; returns every answer the server gave, and how many are in flight now. */
function submitContinuously(url: string, token: string, clients: number) {
  const results: Submission[] = [];
  let running = true;
  let seed = 0;
  let inFlight = 0;
  const workers = Array.from({ length: clients }, async () => {
    while (running) {
      inFlight++;
      const result = await submitAsNewRespondent(url, token, completeAnswers(++seed));
      inFlight--;
      results.push(result);
    }
  });
  return {
    results,
    inFlight: () => inFlight,
    acknowledged: () => results.filter((r) => r.acknowledged).length,
    stop: async () => ((running = false), await Promise.all(workers)),
  };
}

/** Results of requests sent before `moment` and answered (or failed) after it: in flight at that moment. */
const inFlightAt = (results: Submission[], moment: number) => results.filter((r) => r.sentAt < moment && r.answeredAt > moment);

describe("crash safety", () => {
  it("keeps every acknowledged submission and draft through kill -9, with no half-written response", { timeout: 300_000 }, async () => {
    const { levels } = await createTestRound(database.db);
    const token = levels[0]!.linkToken;
    await database.close();
    const { app, url } = await startApp();

    // Drafts saved (and acknowledged) before the crash.
    const drafts = await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const client = new HttpClient(url);
        await client.postForm(`/r/${token}`);
        const answers = { alloc_now: { retail: 40 + i }, ka_p1: (i % 5) + 1 };
        const saved = await client.postJson(`/r/${token}/save`, { answers, page: 2 });
        return { client, answers, acknowledged: saved.status === 200 };
      }),
    );
    expect(drafts.every((d) => d.acknowledged)).toBe(true);

    const load = submitContinuously(url, token, 30);
    // The barrier: the server has acknowledged at least 20 and requests are on their way when it dies.
    await expect.poll(() => load.acknowledged(), { timeout: 120_000, interval: 10 }).toBeGreaterThanOrEqual(20);
    await expect.poll(() => load.inFlight(), { timeout: 60_000, interval: 1 }).toBeGreaterThanOrEqual(10);
    const killedAt = performance.now();
    app.child.kill("SIGKILL");
    await app.exited;
    await load.stop();
    const acknowledged = load.results.filter((r) => r.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    // Requests really were in flight when it died, and those got no answer at all rather than a wrong one.
    const cutOff = inFlightAt(load.results, killedAt).filter((r) => !r.acknowledged);
    expect(cutOff.length).toBeGreaterThan(0);
    expect(cutOff.every((r) => r.status === "network error")).toBe(true);

    const { integrity, rows } = await inspect();
    expect(integrity).toBe(INTACT);
    const byToken = new Map(rows.map((row) => [row.resumeToken, row]));
    for (const submission of acknowledged) {
      const row = byToken.get(resumeTokenOf(submission.client)!);
      expect(row?.status).toBe("submitted");
      expect(row?.explicit).not.toBeNull();
    }
    for (const row of rows) {
      // Read back whole: a half-written answers column would not have parsed.
      expect(row.answers).toBeTypeOf("object");
      if (row.status === "submitted") expect([row.explicit, row.desired, row.submittedAt]).not.toContain(null);
    }

    // Back up: the drafts resume where they were.
    const { url: again } = await startApp();
    for (const draft of drafts) {
      const resumed = new HttpClient(again);
      resumed.setCookieHeader(draft.client.cookieHeader());
      expect((await resumed.get(`/r/${token}/survey`)).status).toBe(200);
      const row = byToken.get(resumeTokenOf(draft.client)!)!;
      expect(row.status).toBe("draft");
      expect(row.answers).toEqual(draft.answers);
    }
  });
});

describe("two writers", () => {
  it("takes a CLI import while the app takes submissions: nobody sees 'database is locked' and both complete", { timeout: 300_000 }, async () => {
    const { round, levels } = await createTestRound(database.db);
    await database.close();
    const { url } = await startApp();
    const file = join(database.dir, "import.jsonl");
    writeFileSync(file, Array.from({ length: 1500 }, (_, i) => JSON.stringify({ level: levels[1]!.key, answers: completeAnswers(10_000 + i) })).join("\n"));
    const importing = cliProcess(["responses", "import", "--round", round.id, "--file", file], databaseEnv(database));
    const submissions = await Promise.all(
      Array.from({ length: 10 }, async (_, worker) => {
        const results: Submission[] = [];
        for (let i = 0; i < 20; i++) results.push(await submitAsNewRespondent(url, levels[0]!.linkToken, completeAnswers(worker * 100 + i)));
        return results;
      }),
    );
    const imported = await importing;
    expect(imported.code).toBe(0);
    expect(imported.json()).toEqual({ imported: 1500 });
    const all = submissions.flat();
    expect(all.map((s) => s.status).filter((s) => s !== 302)).toEqual([]);
    const { rows } = await inspect();
    expect(rows.filter((r) => r.status === "submitted")).toHaveLength(1700);
  });
});

describe("clean shutdown", () => {
  it("finishes requests in flight on SIGTERM, then closes the database (WAL checkpointed)", { timeout: 300_000 }, async () => {
    const { levels } = await createTestRound(database.db);
    await database.close();
    const { app, url } = await startApp();
    const token = levels[0]!.linkToken;
    const load = submitContinuously(url, token, 20);
    // The barrier: the server is answering, and 10 or more requests are on their way, when the signal comes.
    await expect.poll(() => load.acknowledged(), { timeout: 120_000, interval: 10 }).toBeGreaterThanOrEqual(5);
    await expect.poll(() => load.inFlight(), { timeout: 60_000, interval: 1 }).toBeGreaterThanOrEqual(10);
    const signalledAt = performance.now();
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    await load.stop();
    expect(app.output()).toContain("Stopped cleanly.");
    // Clients that kept their connections busy were told to close them, not served until the grace ran out.
    expect(app.output()).not.toContain("closing anyway");
    // Requests in flight at the signal were answered in full after it; none was cut off with a half answer.
    const finishedAfter = inFlightAt(load.results, signalledAt).filter((r) => r.acknowledged);
    expect(finishedAfter.length).toBeGreaterThan(0);
    const answered = load.results.filter((r) => r.status !== "network error");
    expect(answered.every((r) => r.acknowledged)).toBe(true);
    // SQLite's write-ahead log; PostgreSQL keeps its own, which is the server's business.
    if (DIALECT === "sqlite") expect(!existsSync(`${database.path}-wal`) || statSync(`${database.path}-wal`).size === 0).toBe(true);
    const { integrity, rows } = await inspect();
    expect(integrity).toBe(INTACT);
    expect(rows.filter((r) => r.status === "submitted").length).toBe(answered.length);
  });
});

// Backups of a SQLite file (VACUUM INTO) restored by copying the file; PostgreSQL's (pg_dump, pg_restore) are in postgres/backup.test.ts.
describe.runIf(DIALECT === "sqlite")("backup and restore", () => {
  it("backs up consistently while the app takes answers, and a restored copy serves the same report", { timeout: 300_000 }, async () => {
    const { round, levels } = await createTestRound(database.db);
    const account = await createAccount(database.db, "consultant", [round.organisationId]);
    await database.close();
    const { url } = await startApp();
    const load = submitContinuously(url, levels[0]!.linkToken, 8);
    const during = await cliProcess(["backup", join(database.dir, "during.db")], { DATABASE_PATH: database.path! });
    await load.stop();
    expect(during.code).toBe(0);
    expect(during.json()).toMatchObject({ integrity: "ok", rounds: 1 });
    expect((await inspect({ path: join(database.dir, "during.db") })).rows.every((r) => r.status !== "submitted" || r.explicit !== null)).toBe(true);

    const after = await cliProcess(["backup", join(database.dir, "after.db")], { DATABASE_PATH: database.path! });
    expect(after.json<{ submittedResponses: number }>().submittedResponses).toBe(load.results.filter((r) => r.acknowledged).length);
    // Restore: the copy becomes a database file of its own, and the app serves it.
    const restoredPath = join(database.dir, "restored.db");
    copyFileSync(join(database.dir, "after.db"), restoredPath);
    const restored = await startApp({ DATABASE_PATH: restoredPath });
    const live = await signedIn(url, account);
    const copy = await signedIn(restored.url, account);
    const liveReport = await (await live.get(`/rounds/${round.id}/report.json`)).json();
    expect(await (await copy.get(`/rounds/${round.id}/report.json`)).json()).toEqual(liveReport);
    expect((await inspect({ path: restoredPath })).integrity).toBe("ok");
  });

  it("refuses to overwrite a file or the live database", { timeout: 300_000 }, async () => {
    const existing = join(database.dir, "exists.db");
    writeFileSync(existing, "keep me");
    const refused = await cliProcess(["backup", existing], { DATABASE_PATH: database.path! });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already exists; choose a new file or add --force");
    const self = await cliProcess(["backup", database.path!], { DATABASE_PATH: database.path! });
    expect(self.stderr).toContain("that is the live database itself");
    expect((await cliProcess(["backup", existing, "--force"], { DATABASE_PATH: database.path! })).code).toBe(0);
  });
});

