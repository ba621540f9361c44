import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { DIALECT } from "~db/dialect";
import { responses } from "~db/schema";
import { databaseEnv, tempDatabase, type TestDatabase } from "../../support/database";
import { completeAnswers, createTestRound } from "../../support/factories";
import { freePort, startAppProcess, type AppProcess } from "../../support/process";
import { resumeTokenOf, submitAsNewRespondent, type Submission } from "../../support/respondents";
import { UNLIMITED_OPEN_LINKS } from "../../support/server";

/**
 * What a PostgreSQL restart (or a failover, or an administrator ending sessions) does to a running app: every
 * connection it holds is ended by the server, some in the middle of a transaction. The app must carry on with new
 * connections; requests caught mid-way may fail, but nothing acknowledged may be lost.
 */
describe.runIf(DIALECT === "pg")("PostgreSQL ends the app's connections under load", () => {
  let database: TestDatabase;
  let app: AppProcess | undefined;
  beforeEach(async () => {
    database = await tempDatabase();
  });
  afterEach(async () => {
    if (app && app.child.exitCode === null) app.child.kill("SIGKILL");
    await app?.exited;
    await database.cleanup();
  });

  /** Ends every connection the app holds, as `pg_ctl restart -m fast` does (SQLSTATE 57P01). */
  async function endAppConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: database.url!, application_name: "connection-loss-test" });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'modelgap'",
      );
      return (rows[0] as { ended: number }).ended;
    } finally {
      await admin.end();
    }
  }

  it("keeps serving on new connections and loses no acknowledged submission", { timeout: 300_000 }, async () => {
    const { levels } = await createTestRound(database.db);
    const token = levels[0]!.linkToken;
    await database.close();
    const port = await freePort();
    app = startAppProcess({ ...databaseEnv(database), PORT: String(port), HOST: "127.0.0.1", MODELGAP_DEMO: "off", ...UNLIMITED_OPEN_LINKS });
    await app.waitFor(/ModelGap is running/);
    const url = `http://127.0.0.1:${port}`;

    const results: Submission[] = [];
    let running = true;
    let seed = 0;
    const workers = Array.from({ length: 10 }, async () => {
      while (running) results.push(await submitAsNewRespondent(url, token, completeAnswers(++seed)));
    });
    // The barrier: answers are being acknowledged, so connections are busy (some inside transactions) when they end.
    await expect.poll(() => results.filter((r) => r.acknowledged).length, { timeout: 120_000, interval: 10 }).toBeGreaterThanOrEqual(10);
    let ended = 0;
    for (let round = 0; round < 3; round++) {
      const before = results.filter((r) => r.acknowledged).length;
      ended += await endAppConnections();
      // Acknowledged again after each loss: the app opened new connections.
      await expect.poll(() => results.filter((r) => r.acknowledged).length, { timeout: 120_000, interval: 10 }).toBeGreaterThanOrEqual(before + 5);
    }
    running = false;
    await Promise.all(workers);

    expect(ended).toBeGreaterThan(0);
    expect(app.child.exitCode).toBeNull();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Requests caught mid-way were refused with a server error, never cut off without an answer.
    expect(results.filter((r) => r.status === "network error")).toEqual([]);
    expect(results.every((r) => r.acknowledged || r.status === 500 || r.status === 503)).toBe(true);

    const handle = await openDatabase({ url: database.url! });
    try {
      const stored = await handle.db.select({ resumeToken: responses.resumeToken, status: responses.status }).from(responses);
      const submitted = new Set(stored.filter((row) => row.status === "submitted").map((row) => row.resumeToken));
      const acknowledged = results.filter((r) => r.acknowledged);
      expect(acknowledged.filter((r) => !submitted.has(resumeTokenOf(r.client)!))).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
