import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { count, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { DIALECT } from "~db/dialect";
import { organisations, responses, rounds } from "~db/schema";
import { createOrganisation } from "~/models/organisations.server";
import { createUser } from "~/models/users.server";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoringKey } from "~/domain/instrument/instrument";
import { cli, cliProcess } from "../support/cli";
import { databaseEnv, tempDatabase, TEST_SESSION_SECRET, type TestDatabase } from "../support/database";
import { createTestDatabase } from "../support/postgres";
import { completeAnswers } from "../support/factories";

let database: TestDatabase;
let env: Record<string, string>;
beforeEach(async () => {
  database = await tempDatabase();
  env = { ...databaseEnv(database), BASE_URL: "https://survey.example.org" };
});
afterEach(() => database.cleanup());

const writeFile = (name: string, text: string) => {
  const path = join(database.dir, name);
  writeFileSync(path, text);
  return path;
};
const countResponses = async () => (await database.db.select({ n: count() }).from(responses))[0]!.n;

async function createRound(levels = "board:Board,front:Front line", extra: string[] = []) {
  const run = await cli(["round", "create", "--org", "Acme", "--name", "Spring", "--levels", levels, ...extra, "--json"], env);
  expect(run.code).toBe(0);
  return run.json<{ roundId: string; levels: { id: string; label: string; link: string }[]; organisation: { id: string; name: string; created: boolean } }>();
}

const CSV_HEADER =
  "section,round,organisation,level,level_label,responses,reportable,profile,model,value,ci_low,ci_high,pattern,tentative,summary,question,note,finding,item,statement,count,basis,recommendation";

describe("instrument --json", () => {
  it("prints the scoring key of product.md", async () => {
    const run = await cli(["instrument", "--json"], env);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual(scoringKey(currentInstrument));
    // Version 2: 24 practice statements and 12 belief statements (profile "explicit").
    const items = run.json<{ items: { profile: string }[] }>().items;
    expect(items).toHaveLength(36);
    expect(items.filter((i) => i.profile === "explicit")).toHaveLength(12);
  });
});

describe("round create", () => {
  it("creates the organisation and an open round, printing each level's link", async () => {
    const created = await createRound("board:Board,middle:Middle managers,front:Front line", ["--min-group", "4"]);
    expect(created.roundId).toMatch(/^[a-z0-9]{12}$/);
    expect(created.levels.map(({ id, label }) => ({ id, label }))).toEqual([
      { id: "board", label: "Board" },
      { id: "middle", label: "Middle managers" },
      { id: "front", label: "Front line" },
    ]);
    for (const level of created.levels) expect(level.link).toMatch(/^https:\/\/survey\.example\.org\/r\/[A-Za-z0-9_-]{22}$/);
    const report = (await cli(["report", "--round", created.roundId], env)).json<{ minGroupSize: number; round: { organisation: string } }>();
    expect(report.minGroupSize).toBe(4);
    expect(report.round.organisation).toBe("Acme");
  });

  it("says which organisation the round went to, and whether it made it; reuses one the CLI made, by name in any case", async () => {
    const first = await createRound();
    const again = await cli(["round", "create", "--org", "  ACME ", "--name", "Autumn", "--levels", "a:A,b:B"], env);
    expect(first).toMatchObject({ organisation: { id: expect.any(String), name: "Acme", created: true } });
    expect(again.json()).toMatchObject({ organisation: { id: first.organisation.id, name: "Acme", created: false } });
    expect(await database.db.select({ n: count() }).from(organisations)).toEqual([{ n: 1 }]);
    const byId = await cli(["round", "create", "--org-id", first.organisation.id, "--name", "Winter", "--levels", "a:A,b:B"], env);
    expect(byId.json()).toMatchObject({ organisation: { id: first.organisation.id, name: "Acme", created: false } });
  });

  it("never reuses by name an organisation a facilitator made, nor guesses between two of the same name, and writes nothing", async () => {
    const facilitator = await createUser(database.db, { email: "fay@example.org", role: "facilitator", passwordHash: "x" });
    const made = await createOrganisation(database.db, "Contoso Logistics", { id: facilitator.id, role: "facilitator", organisationIds: [] });
    const refused = await cli(["round", "create", "--org", "contoso logistics", "--name", "Spring", "--levels", "a:A,b:B"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error: --org: an organisation called "contoso logistics" was made by a facilitator, so it is not reused by name. To add this round to it, run again with --org-id ${made.id}; for a separate organisation, choose another name.\n`,
    );
    // Two workspaces may each hold a name; the CLI asks which.
    const other = await createUser(database.db, { email: "gus@example.org", role: "facilitator", passwordHash: "x" });
    const second = await createOrganisation(database.db, "Contoso Logistics", { id: other.id, role: "facilitator", organisationIds: [] });
    const ambiguous = await cli(["round", "create", "--org", "Contoso Logistics", "--name", "Spring", "--levels", "a:A,b:B"], env);
    expect(ambiguous.stderr).toContain(`error: --org: 2 organisations are called "Contoso Logistics"; say which with --org-id ${made.id} or --org-id ${second.id}`);
    expect(await database.db.select().from(rounds)).toEqual([]);
    const chosen = await cli(["round", "create", "--org-id", second.id, "--name", "Spring", "--levels", "a:A,b:B"], env);
    expect(chosen.json()).toMatchObject({ organisation: { id: second.id, created: false } });
  });

  it("refuses --org with --org-id, neither, or an unknown id, and escapes names in messages", async () => {
    const both = await cli(["round", "create", "--org", "A", "--org-id", "x", "--name", "R", "--levels", "a:A,b:B"], env);
    expect(both.stderr).toContain("--org: give either --org <name> (created, or reused by name) or --org-id <id> (an existing organisation), not both");
    const neither = await cli(["round", "create", "--name", "R", "--levels", "a:A,b:B"], env);
    expect(neither.code).toBe(1);
    expect(neither.stderr).toContain("give either --org <name>");
    const unknown = await cli(["round", "create", "--org-id", "\u001b[31mnope", "--name", "R", "--levels", "a:A,b:B"], env);
    expect(unknown.stderr).toBe('error: --org-id: no organisation with id "\\u001b[31mnope"\n');
    expect(await database.db.select().from(rounds)).toEqual([]);
  });

  it("refuses bad flags with a clear message, a non-zero exit and nothing written", async () => {
    const cases: [string[], RegExp][] = [
      [["--levels", "board:Board"], /--levels: a round needs at least two levels/],
      [["--levels", "board:Board,front:Front", "--min-group", "2"], /--min-group: minimum group size cannot be below 3/],
      [["--levels", "board:Board,front:Front", "--min-group", "many"], /--min-group: minimum group size must be a number/],
      [["--levels", "a b:A,c:C"], /--levels: a level id uses letters/],
    ];
    for (const [flags, message] of cases) {
      const run = await cli(["round", "create", "--org", "Acme", "--name", "X", ...flags], env);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
    }
    const missing = await cli(["round", "create", "--org", "Acme"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--name <name>' not specified");
    expect(await database.db.select({ n: count() }).from(rounds)).toEqual([{ n: 0 }]);
  });
});

describe("responses import", () => {
  it("imports a JSON array, scoring each response like a web submission", async () => {
    const { roundId } = await createRound();
    const records = [1, 2, 3].map((seed) => ({ level: "board", answers: completeAnswers(seed) }));
    const run = await cli(["responses", "import", "--round", roundId, "--file", writeFile("a.json", JSON.stringify(records))], env);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ imported: 3 });
    const report = (await cli(["report", "--round", roundId], env)).json<{ levels: { id: string; responses: number; reportable: boolean }[] }>();
    expect(report.levels[0]).toMatchObject({ id: "board", responses: 3, reportable: false });
  });

  it("imports JSON lines", async () => {
    const { roundId } = await createRound();
    const lines = [4, 5].map((seed) => JSON.stringify({ level: "front", answers: completeAnswers(seed) })).join("\n");
    const run = await cli(["responses", "import", "--round", roundId, "--file", writeFile("a.jsonl", lines)], env);
    expect(run.json()).toEqual({ imported: 2 });
  });

  it("accepts a file that starts with a UTF-8 byte-order mark, as spreadsheets and Windows editors write", async () => {
    const { roundId } = await createRound();
    const lines = [6, 7].map((seed) => JSON.stringify({ level: "front", answers: completeAnswers(seed) })).join("\r\n");
    const withBom = (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const jsonl = join(database.dir, "bom.jsonl");
    writeFileSync(jsonl, withBom(lines));
    expect((await cli(["responses", "import", "--round", roundId, "--file", jsonl], env)).json()).toEqual({ imported: 2 });
    const array = join(database.dir, "bom.json");
    writeFileSync(array, withBom(JSON.stringify([{ level: "board", answers: completeAnswers(8) }])));
    expect((await cli(["responses", "import", "--round", roundId, "--file", array], env)).json()).toEqual({ imported: 1 });
    expect(await countResponses()).toBe(3);
  });

  it("rejects the whole file when one record is bad, naming it", async () => {
    const { roundId } = await createRound();
    const records = [
      { level: "board", answers: completeAnswers(1) },
      { level: "board", answers: { ...completeAnswers(2), ka_p1: 7 } },
    ];
    const run = await cli(["responses", "import", "--round", roundId, "--file", writeFile("bad.json", JSON.stringify(records))], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("record 2: answers.ka_p1: answer with a whole number from 1 to 5");
    expect(run.stdout).toBe("");
    expect(await countResponses()).toBe(0);
  });

  it("refuses an unknown round, a missing file and malformed JSON, writing nothing", async () => {
    const { roundId } = await createRound();
    const unknown = await cli(["responses", "import", "--round", "nope", "--file", writeFile("x.json", "[]")], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--round: no round with id "nope"');
    const missing = await cli(["responses", "import", "--round", roundId, "--file", join(database.dir, "absent.json")], env);
    expect(missing.stderr).toMatch(/--file: cannot read .*absent\.json \(ENOENT\)/);
    const malformed = await cli(["responses", "import", "--round", roundId, "--file", writeFile("m.json", "[{")], env);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/not valid JSON/);
    expect(await countResponses()).toBe(0);
  });
});

describe("report", () => {
  it("returns per-level means, counts and nulls below the minimum group size", async () => {
    const { roundId } = await createRound("board:Board,front:Front line", ["--min-group", "3"]);
    const records = [
      ...[1, 2, 3].map((seed) => ({ level: "board", answers: completeAnswers(seed) })),
      { level: "front", answers: completeAnswers(9) },
    ];
    await cli(["responses", "import", "--round", roundId, "--file", writeFile("r.json", JSON.stringify(records))], env);
    const report = (await cli(["report", "--round", roundId, "--format", "json"], env)).json<{
      round: { id: string; name: string; organisation: string };
      models: { id: string }[];
      levels: Record<string, unknown>[];
    }>();
    expect(report.round).toEqual({ id: roundId, name: "Spring", organisation: "Acme" });
    expect(report.models.map((m) => m.id)).toEqual(currentInstrument.modelIds);
    const [board, front] = report.levels;
    expect(board).toMatchObject({ id: "board", responses: 3, reportable: true });
    const explicitTotal = Object.values(board!.explicit as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(explicitTotal).toBeCloseTo(1, 12);
    expect(front).toMatchObject({ id: "front", responses: 1, reportable: false, explicit: null, desired: null, implicit: null, sayDo: null });
  });

  it("writes CSV without the numbers of a level below the minimum", async () => {
    const { roundId } = await createRound("board:Board,front:Front line", ["--min-group", "3"]);
    const records = [1, 2, 3].map((seed) => ({ level: "board", answers: completeAnswers(seed) }));
    records.push({ level: "front", answers: completeAnswers(4) });
    await cli(["responses", "import", "--round", roundId, "--file", writeFile("r.json", JSON.stringify(records))], env);
    const csv = (await cli(["report", "--round", roundId, "--format", "csv"], env)).stdout;
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER);
    // Explicit, desired, implicit and intensity for each of the four models, then say-do.
    // explicit, desired, said, implicit, intensity and said intensity, four models each.
    expect(lines.filter((l) => l.startsWith(`profile,${roundId},Acme,board,`))).toHaveLength(24);
    expect(lines.filter((l) => l.startsWith(`say_do,${roundId},Acme,board,`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(",front,"))).toEqual([`profile,${roundId},Acme,front,Front line,1,false,,,,,,,,,,,,,,,,`]);
  });

  it("refuses an unknown round and an unknown format", async () => {
    const unknown = await cli(["report", "--round", "missing"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no round with id "missing"');
    const format = await cli(["report", "--round", "missing", "--format", "pdf"], env);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('--format: use "json", "csv" or "pptx"');
  });
});

describe("the real command line", () => {
  it("runs through npm, printing JSON on stdout and failing with a non-zero exit", { timeout: 120_000 }, async () => {
    const ok = await cliProcess(["round", "create", "--org", "Acme", "--name", "R", "--levels", "a:A,b:B", "--json"], env);
    expect(ok.code).toBe(0);
    expect(ok.json<{ levels: unknown[] }>().levels).toHaveLength(2);
    const bad = await cliProcess(["report", "--round", "nope"], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('no round with id "nope"');
  });

  // The file, its folder and its journal mode are SQLite's; the PostgreSQL counterpart follows.
  it.runIf(DIALECT === "sqlite")("creates and migrates a missing database", { timeout: 120_000 }, async () => {
    const fresh = join(database.dir, "nested", "new.db");
    const run = await cliProcess(["round", "create", "--org", "New", "--name", "R", "--levels", "a:A,b:B"], { DATABASE_PATH: fresh });
    expect(run.stderr.replace(/npm warn.*\n/g, "")).toBe('Round "R" is open. Share each level\'s link with that level.\n');
    expect(run.code).toBe(0);
    const handle = await openDatabase({ path: fresh });
    try {
      expect(await handle.rows(sql`PRAGMA journal_mode`)).toEqual([{ journal_mode: "wal" }]);
    } finally {
      await handle.close();
    }
  });

  it.runIf(DIALECT === "pg")("migrates an empty PostgreSQL database", { timeout: 120_000 }, async () => {
    const empty = await createTestDatabase(process.env.DATABASE_URL!);
    try {
      const run = await cliProcess(["round", "create", "--org", "New", "--name", "R", "--levels", "a:A,b:B"], { DATABASE_URL: empty.url, SESSION_SECRET: TEST_SESSION_SECRET });
      expect(run.stderr.replace(/npm warn.*\n/g, "")).toBe('Round "R" is open. Share each level\'s link with that level.\n');
      expect(run.code).toBe(0);
      const handle = await openDatabase({ url: empty.url });
      try {
        expect(await handle.db.select({ name: rounds.name }).from(rounds)).toEqual([{ name: "R" }]);
      } finally {
        await handle.close();
      }
    } finally {
      await empty.drop();
    }
  });

  it("stops with one clear line on a bad environment variable", { timeout: 120_000 }, async () => {
    const run = await cliProcess(["instrument"], { PORT: "eighty" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("PORT: PORT must be a number");
  });
});
