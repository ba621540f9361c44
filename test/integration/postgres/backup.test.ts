import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restorePostgres } from "~db/backup-postgres";
import { DIALECT } from "~db/dialect";
import { seedDemo } from "~db/seed";
import { cli } from "../../support/cli";
import { tempDatabase, type TestDatabase } from "../../support/database";
import { createTestDatabase } from "../../support/postgres";

/** `backup` on PostgreSQL drives pg_dump; the dump restores with pg_restore into a database that reports the same. */
describe.runIf(DIALECT === "pg")("backup and restore on PostgreSQL", () => {
  let live: TestDatabase;
  let dir: string;
  let rounds: { closedRoundId: string; openRoundId: string };

  beforeAll(async () => {
    live = await tempDatabase();
    rounds = await seedDemo(live.db, { now: new Date(Date.UTC(2027, 2, 1)) });
    dir = mkdtempSync(join(tmpdir(), "modelgap-pgdump-"));
  }, 120_000);

  afterAll(async () => {
    await live?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (url: string) => ({ DATABASE_URL: url, MODELGAP_DEMO: "off" });

  it("writes a checked dump, with the counts of the snapshot it copied, that restores to the same reports", async () => {
    const file = join(dir, "live.dump");
    const backup = await cli(["backup", file], env(live.url!));
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const printed = backup.json<{ file: string; bytes: number; integrity: string; rounds: number; submittedResponses: number }>();
    expect(printed).toMatchObject({ file, integrity: "ok", rounds: 2 });
    expect(printed.submittedResponses).toBeGreaterThan(90);
    expect(printed.bytes).toBe(statSync(file).size);

    const restored = await createTestDatabase(process.env.DATABASE_URL!);
    try {
      await restorePostgres(file, restored.url);
      for (const roundId of [rounds.closedRoundId, rounds.openRoundId]) {
        const before = await cli(["report", "--round", roundId], env(live.url!));
        const after = await cli(["report", "--round", roundId], env(restored.url));
        expect(after.code, after.stderr).toBe(0);
        expect(after.json()).toEqual(before.json());
      }
    } finally {
      await restored.drop();
    }
  }, 180_000);

  it("refuses to replace a file without --force, and says so", async () => {
    const file = join(dir, "taken.dump");
    writeFileSync(file, "keep me");
    const refused = await cli(["backup", file], env(live.url!));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/already exists/);
    expect(statSync(file).size).toBe("keep me".length);
  });
});
