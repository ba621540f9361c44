/**
 * SQLite against PostgreSQL in the same run, on the same data: the round is generated on SQLite and copied
 * with migrate-data, so both hold identical rows. Report time is measured in a process per database; submissions
 * over HTTP on one SQLite instance, one PostgreSQL instance, and two PostgreSQL instances sharing the database
 * (the load split between them, as a load balancer would).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { openDatabase } from "~db/client";
import { copySqliteToPostgres } from "~db/migrate-data";
import { PG_MIGRATIONS_FOLDER } from "~db/paths";
import { openPostgres } from "~db/postgres";
import { completeAnswers, createTestRound } from "../support/factories";
import { createTestDatabase, startPostgres } from "../support/postgres";
import { freePort, startAppProcess, type AppProcess } from "../support/process";
import { UNLIMITED_OPEN_LINKS } from "../support/server";
import { benchRound } from "./fixture";
import { load, type LoadResult } from "./http-load";

export interface DatabaseFigures {
  responses: number;
  report: { sqliteMs: number; postgresMs: number; ratio: number };
  submissions: { setup: string; requestsPerSecond: number; p50Ms: number; p99Ms: number; ratio: number; unexpected: number; errors: number }[];
}

const SECRET = "bench-secret-0123456789abcdefghijklmn";
const ratio = (value: number, base: number) => Math.round((value / base) * 100) / 100;

async function reportTime(env: Record<string, string>, roundId: string): Promise<number> {
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env };
  const { stdout } = await promisify(execFile)("npx", ["tsx", "test/bench/report-time.ts", roundId], { env: clean, maxBuffer: 1 << 20 });
  return (JSON.parse(stdout) as { medianMs: number }).medianMs;
}

/** Submissions for `seconds` at `connections` in all, split evenly across the instances; throughput summed. */
async function submissions(setup: string, env: Record<string, string>, instances: number, token: string, seconds: number, connections: number) {
  const apps: { app: AppProcess; base: string }[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      apps.push({ app: startAppProcess({ ...env, PORT: String(port), HOST: "127.0.0.1", MODELGAP_DEMO: "off", SESSION_SECRET: SECRET, ...UNLIMITED_OPEN_LINKS }), base: `http://127.0.0.1:${port}` });
    }
    await Promise.all(apps.map(({ app }) => app.waitFor(/ModelGap is running/)));
    const body = JSON.stringify({ answers: completeAnswers(1) });
    const results: LoadResult[] = await Promise.all(
      apps.map(({ base }) =>
        load(setup, {
          url: `${base}/r/${token}/survey`,
          method: "POST",
          headers: { "content-type": "application/json", origin: base },
          body,
          connections: Math.max(1, Math.round(connections / instances)),
          seconds,
          expectedStatus: 302,
        }),
      ),
    );
    return {
      setup,
      requestsPerSecond: Math.round(results.reduce((sum, r) => sum + r.requestsPerSecond, 0)),
      p50Ms: Math.max(...results.map((r) => r.p50Ms)),
      p99Ms: Math.max(...results.map((r) => r.p99Ms)),
      unexpected: results.reduce((sum, r) => sum + r.unexpected, 0),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
    };
  } finally {
    for (const { app } of apps) {
      app.child.kill("SIGTERM");
      await app.exited;
    }
  }
}

export async function measureDatabases(responses: number, seconds: number, connections = 20): Promise<DatabaseFigures> {
  const dir = mkdtempSync(join(tmpdir(), "modelgap-bench-db-"));
  const sqlitePath = join(dir, "bench.db");
  const server = await startPostgres({ durable: true });
  try {
    const sqlite = await openDatabase({ path: sqlitePath });
    const { round } = await benchRound(sqlite.db, responses);
    const workshop = await createTestRound(sqlite.db, { organisationName: "Load test", name: "Workshop" });
    await sqlite.close();
    const target = await createTestDatabase(server.url);
    await (await openPostgres(target.url, PG_MIGRATIONS_FOLDER)).close();
    await copySqliteToPostgres(sqlitePath, target.url);

    const sqliteEnv = { DATABASE_PATH: sqlitePath };
    const postgresEnv = { DATABASE_URL: target.url };
    const sqliteMs = await reportTime(sqliteEnv, round.id);
    const postgresMs = await reportTime(postgresEnv, round.id);

    const token = workshop.levels[0]!.linkToken;
    const runs = [
      await submissions("SQLite, one instance", sqliteEnv, 1, token, seconds, connections),
      await submissions("PostgreSQL, one instance", postgresEnv, 1, token, seconds, connections),
      await submissions("PostgreSQL, two instances", postgresEnv, 2, token, seconds, connections),
    ];
    const base = runs[0]!.requestsPerSecond;
    return {
      responses,
      report: { sqliteMs, postgresMs, ratio: ratio(postgresMs, sqliteMs) },
      submissions: runs.map((run) => ({ ...run, ratio: ratio(run.requestsPerSecond, base) })),
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
