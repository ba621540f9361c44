import { execFileSync, spawn } from "node:child_process";
import { writeFileSync, openSync, writeSync, closeSync, statSync } from "node:fs";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { openDatabase, type DatabaseLocation } from "~db/client";
import { DIALECT } from "~db/dialect";
import { rounds } from "~db/schema";
import { seedDemo } from "~db/seed";
import { loadReport } from "~/models/reports.server";
import { topModel } from "~/domain/statistics/profiles";
import { currentInstrument } from "~/domain/instrument/instruments";
import { databaseEnv, tempDatabase, TEST_SESSION_SECRET, type TestDatabase } from "../support/database";
import { createTestDatabase } from "../support/postgres";
import { freePort, startAppProcess } from "../support/process";

let database: TestDatabase;
beforeEach(async () => {
  database = await tempDatabase();
});
afterEach(() => database.cleanup());

/** A database with nothing in it yet, not even tables: a new SQLite file in a new folder, or a new PostgreSQL database. */
async function emptyDatabase(): Promise<{ env: Record<string, string>; location: DatabaseLocation; drop(): Promise<void> }> {
  if (DIALECT === "sqlite") {
    const path = join(database.dir, "fresh", "start.db");
    return { env: { DATABASE_PATH: path }, location: { path }, drop: async () => {} };
  }
  const created = await createTestDatabase(process.env.DATABASE_URL!);
  const env = { DATABASE_URL: created.url, SESSION_SECRET: TEST_SESSION_SECRET, OUTBOX_DIR: join(database.dir, "outbox") };
  return { env, location: { url: created.url }, drop: created.drop };
}

describe("npm start", () => {
  it("migrates and seeds an empty database, prints where to go, serves, and stops cleanly on SIGTERM", { timeout: 120_000 }, async () => {
    const port = await freePort();
    const empty = await emptyDatabase();
    onTestFinished(() => empty.drop());
    const app = startAppProcess({ ...empty.env, PORT: String(port), HOST: "127.0.0.1" });
    const output = await app.waitFor(/Front line\s+http:\/\/\S+/);
    expect(output).toContain(`ModelGap is running at http://localhost:${port}`);
    expect(output).toContain('Seeded the demo organisation "Northwind Retail"');
    const link = output.match(/Front line\s+(http:\/\/\S+)/)![1]!;
    const welcome = await fetch(link.replace("localhost", "127.0.0.1"));
    expect(welcome.status).toBe(200);
    expect(await welcome.text()).toContain("Northwind Retail");
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ status: "ok" });
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain("Stopped cleanly.");

    // A second start finds the demo and does not seed it twice.
    const again = startAppProcess({ ...empty.env, PORT: String(port), HOST: "127.0.0.1" });
    const second = await again.waitFor(/Front line\s+http/);
    expect(second).toContain('Demo organisation: "Northwind Retail"');
    again.child.kill("SIGTERM");
    await again.exited;
    const check = await openDatabase(empty.location);
    try {
      expect(await check.db.select({ n: count() }).from(rounds)).toEqual([{ n: 2 }]);
    } finally {
      await check.close();
    }
  });

  it("stops cleanly when SIGTERM goes to npm itself, as a process supervisor sends it", { timeout: 120_000 }, async () => {
    const port = await freePort();
    // `npm start` as users run it, minus its prestart build (the suite has built already): npm, then the server.
    const npm = spawn("npm", ["start", "--ignore-scripts"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...databaseEnv(database), PORT: String(port), HOST: "127.0.0.1", MODELGAP_DEMO: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    npm.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
    await expect.poll(() => output, { timeout: 60_000, interval: 100 }).toMatch(/ModelGap is running/);
    const children = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(npm.pid)], { encoding: "utf8" }).trim().split("\n");
    expect(children, "npm runs the server itself, with no shell between to swallow the signal").toHaveLength(1);
    expect(children[0]).toMatch(/node .*build\/start\.js/);
    const server = Number(children[0]!.trim().split(/\s+/)[0]);
    npm.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM received: finishing requests in flight, then closing the database.");
    expect(output).toContain("Stopped cleanly.");
    expect(() => process.kill(server, 0)).toThrow(/ESRCH/); // the server is gone, not orphaned
  });

  // A damaged file is SQLite's failure; PostgreSQL checks its own pages.
  it.runIf(DIALECT === "sqlite")("refuses to start on a database file that is damaged or not a database, saying what to do", { timeout: 120_000 }, async () => {
    const path = database.path!;
    await seedDemo(database.db, { now: new Date("2026-11-01T00:00:00Z") });
    await database.close();
    // Overwrite pages in the middle of the file, as a failing disk would.
    const size = statSync(path).size;
    const fd = openSync(path, "r+");
    for (let offset = 4096 * 3; offset < size - 4096; offset += 4096 * 4) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, offset + 100);
    closeSync(fd);
    const damaged = startAppProcess({ DATABASE_PATH: path, PORT: String(await freePort()), MODELGAP_DEMO: "off" });
    expect(await damaged.exited).toBe(1);
    expect(damaged.output()).toMatch(/ModelGap could not start: the database file .* (failed its integrity check|cannot be opened) \(.+\)\. Restore it from a backup/);

    const text = join(database.dir, "notes.db");
    writeFileSync(text, "these are not the rows you are looking for ".repeat(200));
    const notDatabase = startAppProcess({ DATABASE_PATH: text, PORT: String(await freePort()), MODELGAP_DEMO: "off" });
    expect(await notDatabase.exited).toBe(1);
    expect(notDatabase.output()).toMatch(/ModelGap could not start: the database file .*notes\.db cannot be opened \(file is not a database\)\. Restore it from a backup/);
  });

  it("refuses a demo password that is easy to guess", { timeout: 120_000 }, async () => {
    const app = startAppProcess({ ...databaseEnv(database), PORT: String(await freePort()), MODELGAP_DEMO_PASSWORD: "aaaaaaaaaaaa" });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("ModelGap could not start: MODELGAP_DEMO_PASSWORD: this password is too easy to guess");
  });

  it("refuses to start on a bad environment variable, saying which", { timeout: 120_000 }, async () => {
    const app = startAppProcess({ ...databaseEnv(database), PORT: "70000" });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("ModelGap could not start: Invalid environment");
    expect(app.output()).toContain("PORT: PORT must be between 0 and 65535");
  });

  it.runIf(DIALECT === "pg")("on PostgreSQL, refuses to start without SESSION_SECRET, since instances must sign cookies alike", { timeout: 120_000 }, async () => {
    const { SESSION_SECRET: _unset, ...env } = databaseEnv(database);
    const app = startAppProcess({ ...env, PORT: String(await freePort()) });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("SESSION_SECRET: required when DATABASE_URL is set");
    expect(app.output()).not.toContain("session-secret");
  });
});

describe("the demo seed", () => {
  it("is deterministic and plants 004's multilayered pattern, with the noise of real answers", async () => {
    const { closedRoundId } = await seedDemo(database.db, { now: new Date("2026-11-01T00:00:00Z") });
    const report = (await loadReport(database.db, closedRoundId))!;
    const level = (id: string) => report.levels.find((l) => l.id === id)!;
    const ids = currentInstrument.modelIds;
    expect(report.levels.every((l) => l.reportable)).toBe(true);
    // The board says retail, the loyalty team says relationship; both enact retail.
    expect(topModel(level("board").explicit!, ids)).toBe("retail");
    expect(topModel(level("middle").explicit!, ids)).toBe("relationship");
    expect(topModel(level("middle").implicit!, ids)).toBe("retail");
    expect(level("board").desired!.social!).toBeGreaterThan(level("board").explicit!.social! + 0.1);
    // instrument.md section 7's story, firm: the loyalty team says relationship and does retail, and cannot see it.
    const firm = report.findings.filter((f) => !f.tentative).map((f) => f.key);
    expect(firm).toEqual(
      expect.arrayContaining([
        "espoused_not_enacted:middle:relationship",
        "enacted_not_espoused:middle:retail",
        "blind_line_of_sight:middle:-",
        "levels_disagree:board+middle:-",
        "hidden_from_top:front+board:key_account",
      ]),
    );
    expect(report.findings.some((f) => f.key === "ambition_gap:board:social")).toBe(true);
    // Noise like real answers: no level answers as one, some agree with everything, and the practice scales hold together.
    expect(report.levels.every((l) => l.agreement!.topModelShare < 1)).toBe(true);
    expect(report.dataQuality.levels.reduce((sum, l) => sum + l.acquiescent, 0)).toBeGreaterThan(0);
    for (const scale of report.dataQuality.scales.filter((s) => s.profile === "implicit")) {
      expect(scale.alpha!, scale.model).toBeGreaterThanOrEqual(0.6);
      for (const item of scale.items) expect(item.itemTotal!, item.name).toBeGreaterThanOrEqual(0.1);
    }
    // The same seed gives the same data.
    const other = await tempDatabase();
    try {
      const again = await seedDemo(other.db, { now: new Date("2026-11-01T00:00:00Z") });
      const second = (await loadReport(other.db, again.closedRoundId))!;
      expect(second.levels.map((l) => l.explicit)).toEqual(report.levels.map((l) => l.explicit));
    } finally {
      await other.cleanup();
    }
  });
});
