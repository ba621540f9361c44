import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { seedDemo } from "~db/seed";
import { loadReport } from "~/models/reports.server";
import { topModel } from "~/domain/statistics/profiles";
import { currentInstrument } from "~/domain/instrument/instruments";
import { tempDatabase } from "../support/database";
import { freePort, startAppProcess } from "../support/process";

let database: ReturnType<typeof tempDatabase>;
beforeEach(() => {
  database = tempDatabase();
});
afterEach(() => database.cleanup());

describe("npm start", () => {
  it("migrates and seeds an empty database, prints where to go, serves, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const path = join(database.dir, "fresh", "start.db");
    const app = startAppProcess({ DATABASE_PATH: path, PORT: String(port), HOST: "127.0.0.1" });
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
    const again = startAppProcess({ DATABASE_PATH: path, PORT: String(port), HOST: "127.0.0.1" });
    const second = await again.waitFor(/Front line\s+http/);
    expect(second).toContain('Demo organisation: "Northwind Retail"');
    again.child.kill("SIGTERM");
    await again.exited;
    const check = openDatabase(path);
    expect(check.sqlite.prepare("SELECT count(*) AS n FROM rounds").get()).toEqual({ n: 2 });
    check.close();
  });

  it("refuses to start on a bad environment variable, saying which", async () => {
    const app = startAppProcess({ DATABASE_PATH: database.path, PORT: "70000" });
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain("ModelGap could not start: Invalid environment");
    expect(app.output()).toContain("PORT: PORT must be between 0 and 65535");
  });
});

describe("the demo seed", () => {
  it("is deterministic and plants 004's multilayered pattern, with the noise of real answers", async () => {
    const { closedRoundId } = seedDemo(database.db, { now: new Date("2026-11-01T00:00:00Z") });
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
    const other = tempDatabase();
    const again = seedDemo(other.db, { now: new Date("2026-11-01T00:00:00Z") });
    const second = (await loadReport(other.db, again.closedRoundId))!;
    expect(second.levels.map((l) => l.explicit)).toEqual(report.levels.map((l) => l.explicit));
    other.cleanup();
  });
});
