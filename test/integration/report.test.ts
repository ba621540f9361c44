import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { levels as levelsTable, rounds as roundsTable } from "~db/schema";
import { NORTHWIND_PLANS } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importResponses } from "~/models/responses.server";
import { cloneRound, changeRoundStatus, listLevels } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { completeAnswers, createTestRound } from "../support/factories";
import type { HttpClient } from "../support/http";
import { databaseEnv } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let consultant: HttpClient;
let facilitator: HttpClient;
let roundId: string;
const SECRET_COMMENT = "Only the two front-line people wrote this";

beforeAll(async () => {
  server = await startTestServer();
  const db = server.database.db;
  const { round, levels } = await createTestRound(db, { minGroupSize: 5, organisationName: "Report Org" });
  roundId = round.id;
  const [board, front] = levels;
  const record = (levelId: number, seed: number, plan = NORTHWIND_PLANS.board!, comment?: string) => {
    const answers = { ...completeAnswers(seed, plan), ...(comment ? { ctx_customer_view: comment } : {}) };
    return { levelId, answers, scores: scoreResponse(currentInstrument, answers) };
  };
  await importResponses(db, round.id, [
    // Every board member comments (comments show from the minimum group of commenters); two front-line people do.
    ...[1, 2, 3, 4, 5, 6].map((seed) => record(board!.id, seed, NORTHWIND_PLANS.board!, seed === 1 ? "Board member's view" : `Board view ${seed}`)),
    record(front!.id, 7, NORTHWIND_PLANS.front!, SECRET_COMMENT),
    record(front!.id, 8, NORTHWIND_PLANS.front!, SECRET_COMMENT),
  ]);
  const [c, f] = await Promise.all([createAccount(db, "consultant", [round.organisationId]), createAccount(db, "facilitator", [round.organisationId])]);
  consultant = await signedIn(server.url, c);
  facilitator = await signedIn(server.url, f);
});
afterAll(() => server.close());

type Json = Record<string, any>;

describe("the report on every output obeys the anonymity rule", () => {
  it("JSON: the small level has its count and nulls, takes part in no finding or distance, and no organisation-wide profile exists", async () => {
    const response = await consultant.get(`/rounds/${roundId}/report.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const report = (await response.json()) as Json;
    expect(Object.keys(report).sort()).toEqual([
      "breakdowns",
      "customers",
      "dataQuality",
      "distances",
      "excluded",
      "findings",
      "instrument",
      "levels",
      "minGroupSize",
      "models",
      "notes",
      "resamples",
      "round",
      "strategy",
      "summary",
      "trend",
    ]);
    expect(report.customers).toBeNull(); // this round does not ask its customers
    const [board, front] = report.levels;
    expect(board).toMatchObject({ id: "board", responses: 6, reportable: true });
    expect(front).toEqual({
      id: "front",
      label: "Front line",
      responses: 2,
      reportable: false,
      explicit: null,
      desired: null,
      said: null,
      implicit: null,
      sayDo: null,
      responsesNeeded: 3,
      release: { included: 0, pending: 2, nextUpdateIn: 3 },
      contributors: null,
      implicitResponses: null,
      intensities: null,
      saidIntensities: null,
      dontKnowRate: null,
      agreement: null,
      comments: null,
      commentCount: null,
      withheld: [{ figure: "level", reason: "Not enough responses to report: 2 responses so far, 5 needed before any figure appears." }],
      strategyDistance: null,
    });
    expect(report.dataQuality.levels.map((l: Json) => l.id)).toEqual(["board"]);
    expect(report.breakdowns.every((b: Json) => b.levels.every((l: Json) => l.id !== "front"))).toBe(true);
    expect(report.findings.every((f: Json) => !f.levels.includes("front"))).toBe(true);
    expect(report.distances.levels).toEqual(["board"]);
    expect(JSON.stringify(report)).not.toContain(SECRET_COMMENT);
    expect(board.comments).toContain("Board member's view");
  });

  it("JSON: follows product.md's contract", async () => {
    const report = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Json;
    expect(report.round).toEqual({ id: roundId, name: "Test round", organisation: "Report Org" });
    expect(report.minGroupSize).toBe(5);
    expect(report.models).toEqual(currentInstrument.models.map(({ id, label }) => ({ id, label })));
    const board = report.levels[0];
    for (const profile of ["explicit", "desired", "implicit"]) {
      expect(Object.keys(board[profile])).toEqual(currentInstrument.modelIds);
      expect(Object.values<number>(board[profile]).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
    expect(board.sayDo.distance).toBeGreaterThanOrEqual(board.sayDo.ci[0]);
    expect(board.sayDo.distance).toBeLessThanOrEqual(board.sayDo.ci[1]);
    for (const finding of report.findings) {
      expect(finding).toMatchObject({ pattern: expect.any(String), levels: expect.any(Array), size: expect.any(Number), summary: expect.any(String), tentative: expect.any(Boolean) });
      expect(finding.ci).toHaveLength(2);
      expect(finding.ci[0]).toBeLessThanOrEqual(finding.ci[1]);
      expect("model" in finding).toBe(true);
    }
  });

  it("CSV: the small level is one row with its count and no numbers", async () => {
    const response = await consultant.get(`/rounds/${roundId}/report.csv`);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="Test-round-gap-report\.csv"/);
    const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe(
      "section,round,organisation,level,level_label,responses,reportable,profile,model,value,ci_low,ci_high,pattern,tentative,summary,question,note,finding,item,statement,count,basis,recommendation",
    );
    const frontLines = lines.filter((line) => line.split(",")[3] === "front");
    expect(frontLines).toEqual([`profile,${roundId},Report Org,front,Front line,2,false,,,,,,,,,,,,,,,,`]);
    // explicit, desired, said, implicit, intensity and said intensity, four models each.
    expect(lines.filter((line) => line.startsWith("profile,") && line.includes(",board,"))).toHaveLength(24);
    expect(lines.some((line) => line.includes(SECRET_COMMENT))).toBe(false);
  });

  it("CLI: prints the same report as the web JSON", async () => {
    const run = await cli(["report", "--round", roundId], databaseEnv(server.database));
    const web = await (await consultant.get(`/rounds/${roundId}/report.json`)).json();
    expect(run.json()).toEqual(web);
    const csv = await cli(["report", "--round", roundId, "--format", "csv"], databaseEnv(server.database));
    expect(csv.stdout.trim().split("\r\n").filter((l) => l.split(",")[3] === "front")).toHaveLength(1);
  });

  it("page: the small level appears by its count only", async () => {
    const response = await consultant.get(`/rounds/${roundId}/report`);
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("<strong>Front line:</strong> 2 responses, not enough responses to report (3 more needed).");
    expect(html).toContain("Not enough responses to report (needs 3 more)");
    expect(html).not.toContain(SECRET_COMMENT);
    expect(html).not.toContain("Front line: says");
    const print = (await (await consultant.get(`/rounds/${roundId}/report/print`)).text()).replaceAll("<!-- -->", "");
    expect(print).toContain("2 responses, not enough responses to report (3 more needed).");
    expect(print).not.toContain(SECRET_COMMENT);
  });
});

describe("notes on findings", () => {
  it("lets a consultant add, change and remove a note, shown in the JSON and CSV exports", async () => {
    const report = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Json;
    const key = report.findings[0].key as string;
    const saved = await consultant.postForm(`/rounds/${roundId}/report`, { intent: "note", findingKey: key, note: "=Raise at the board offsite" });
    expect(saved.status).toBe(200);
    const withNote = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Json;
    expect(withNote.findings.find((f: Json) => f.key === key).note).toBe("=Raise at the board offsite");
    const csv = await (await consultant.get(`/rounds/${roundId}/report.csv`)).text();
    expect(csv).toContain("'=Raise at the board offsite");
    await consultant.postForm(`/rounds/${roundId}/report`, { intent: "note", findingKey: key, note: "  " });
    const cleared = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Json;
    expect(cleared.findings.find((f: Json) => f.key === key).note).toBeNull();
  });

  it("refuses notes on unknown findings, overlong notes, and notes from a role without annotate", async () => {
    expect((await consultant.postForm(`/rounds/${roundId}/report`, { intent: "note", findingKey: "made:up:-", note: "x" })).status).toBe(409);
    expect((await consultant.postForm(`/rounds/${roundId}/report`, { intent: "note", findingKey: "x", note: "y".repeat(2001) })).status).toBe(400);
    expect((await facilitator.postForm(`/rounds/${roundId}/report`, { intent: "note", findingKey: "x", note: "y" })).status).toBe(403);
  });
});

describe("trend", () => {
  it("shows, for a round cloned from this one, each level's change and each finding's earlier size", async () => {
    const db = server.database.db;
    const next = await cloneRound(db, roundId, "Next round");
    await changeRoundStatus(db, next.id, "open");
    const [board] = await listLevels(db, next.id);
    const answers = [11, 12, 13, 14, 15].map((seed) => completeAnswers(seed, NORTHWIND_PLANS.middle!));
    await importResponses(db, next.id, answers.map((a) => ({ levelId: board!.id, answers: a, scores: scoreResponse(currentInstrument, a) })));
    const report = (await (await consultant.get(`/rounds/${next.id}/report.json`)).json()) as Json;
    const before = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Json;
    expect(report.trend.previousRound).toEqual({ id: roundId, name: "Test round" });
    const change = report.trend.levels[0];
    expect(change.id).toBe("board");
    expect(change.explicit.relationship).toBeCloseTo(report.levels[0].explicit.relationship - before.levels[0].explicit.relationship, 12);
    expect(report.trend.levels.some((l: Json) => l.id === "front")).toBe(false);
    for (const finding of report.findings) {
      const earlier = before.findings.find((f: Json) => f.key === finding.key);
      expect(report.trend.findings[finding.key]).toEqual({ previousSize: earlier?.size ?? null, previousTentative: earlier?.tentative ?? null });
    }
    const page = (await (await consultant.get(`/rounds/${next.id}/report`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("Changes are shown against Test round");
  });
});

describe("the report never serves stale data", () => {
  it("reflects a new submission, a renamed level and a new minimum group size at once", async () => {
    const db = server.database.db;
    const { round, levels } = await createTestRound(db, { minGroupSize: 3, organisationName: "Fresh Org" });
    const reader = await signedIn(server.url, await createAccount(db, "consultant", [round.organisationId]));
    const add = async (seed: number) => {
      const answers = completeAnswers(seed);
      await importResponses(db, round.id, [{ levelId: levels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) }]);
    };
    const read = async () => (await (await reader.get(`/rounds/${round.id}/report.json`)).json()) as Json;
    for (const seed of [1, 2]) await add(seed);
    expect((await read()).levels[0]).toMatchObject({ responses: 2, reportable: false });
    await add(3);
    expect((await read()).levels[0]).toMatchObject({ responses: 3, reportable: true });
    await db.transaction(async (tx) => {
      await tx.update(levelsTable).set({ label: "Directors" }).where(eq(levelsTable.id, levels[0]!.id));
    });
    expect((await read()).levels[0].label).toBe("Directors");
    await db.transaction(async (tx) => {
      await tx.update(roundsTable).set({ minGroupSize: 4 }).where(eq(roundsTable.id, round.id));
    });
    expect((await read()).levels[0]).toMatchObject({ responses: 3, reportable: false, explicit: null });
  });
});
