import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { DIALECT } from "~db/dialect";
import { cli, cliProcess } from "../../support/cli";
import { tempDatabase, type TestDatabase } from "../../support/database";

/**
 * The same data give the same report on both databases: the demo is seeded into a SQLite file (in a process
 * of its own, since this one runs on PostgreSQL), reported there, copied with `migrate-data`, and reported on
 * PostgreSQL; every report format must come out identical.
 */
describe.runIf(DIALECT === "pg")("migrate-data: from SQLite to PostgreSQL, same reports", () => {
  let dir: string;
  let sqlitePath: string;
  let target: TestDatabase;
  let rounds: { closedRoundId: string; openRoundId: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "modelgap-migrate-"));
    sqlitePath = join(dir, "source.db");
    const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" };
    const { stdout } = await promisify(execFile)("npx", ["tsx", "test/support/seed-demo.ts", sqlitePath], { env: clean });
    rounds = JSON.parse(stdout) as typeof rounds;
    target = await tempDatabase();
  }, 180_000);

  afterAll(async () => {
    await target?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const onSqlite = (args: string[]) => cliProcess(args, { DATABASE_PATH: sqlitePath, MODELGAP_DEMO: "off" });
  const onPostgres = (args: string[]) => cli(args, { DATABASE_URL: target.url!, MODELGAP_DEMO: "off" });

  it("copies every row, keeps ids, and gives identical JSON and CSV reports", async () => {
    const copied = await onPostgres(["migrate-data", "--from", sqlitePath]);
    expect(copied.stderr).toBe("");
    expect(copied.code).toBe(0);
    const summary = copied.json<{ tables: Record<string, number> }>();
    expect(summary.tables.responses).toBeGreaterThan(90);
    const [counted] = await target.rows<{ n: string }>(sql`SELECT count(*) AS n FROM responses`);
    expect(Number(counted!.n)).toBe(summary.tables.responses);

    for (const roundId of [rounds.closedRoundId, rounds.openRoundId]) {
      for (const format of ["json", "csv"]) {
        const before = await onSqlite(["report", "--round", roundId, "--format", format]);
        const after = await onPostgres(["report", "--round", roundId, "--format", format]);
        expect(before.code, before.stderr).toBe(0);
        expect(after.code, after.stderr).toBe(0);
        expect(after.stdout.length).toBeGreaterThan(500);
        if (format === "json") expect(after.json()).toEqual(before.json());
        else expect(after.stdout).toBe(before.stdout);
      }
    }
  }, 300_000);

  it("new rows after the copy get new ids (the sequences moved past the copied ones)", async () => {
    const created = await onPostgres(["round", "create", "--org", "After the move", "--name", "Next", "--levels", "board:Board,front:Front line"]);
    expect(created.code, created.stderr).toBe(0);
    const ids = await target.rows<{ id: number }>(sql`SELECT id FROM levels ORDER BY id`);
    expect(new Set(ids.map((row) => Number(row.id))).size).toBe(ids.length);
  });

  it("refuses to copy into a database that already holds data, and changes nothing", async () => {
    const [before] = await target.rows<{ n: string }>(sql`SELECT count(*) AS n FROM responses`);
    const again = await onPostgres(["migrate-data", "--from", sqlitePath]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds data/);
    const [after] = await target.rows<{ n: string }>(sql`SELECT count(*) AS n FROM responses`);
    expect(after!.n).toBe(before!.n);
  });

  it("names a missing source file and what to give instead", async () => {
    const missing = await onPostgres(["migrate-data", "--from", join(dir, "nope.db")]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
