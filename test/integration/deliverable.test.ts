import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NORTHWIND_PLANS } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { totalVariation } from "~/domain/statistics/profiles";
import { importResponses } from "~/models/responses.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { databaseEnv } from "../support/database";
import { completeAnswers, createTestRound } from "../support/factories";
import type { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

/**
 * The consultant's deliverable (issue 13): the strategy anchor on the web and the CLI, the executive summary
 * in every output, and the slide deck, each obeying the anonymity rule.
 */
let server: TestServer;
let consultant: HttpClient;
let facilitator: HttpClient;
let roundId: string;
let env: Record<string, string>;
const TINY = "Tiny team";
const MIX = { key_account: 20, relationship: 40, retail: 30, social: 10 };

type Json = Record<string, any>;

beforeAll(async () => {
  server = await startTestServer();
  env = databaseEnv(server.database);
  const db = server.database.db;
  const { round, levels } = await createTestRound(db, {
    organisationName: "Deliverable Org",
    name: "Board workshop",
    minGroupSize: 5,
    levels: [
      { key: "board", label: "Board" },
      { key: "middle", label: "Middle managers" },
      { key: "tiny", label: TINY },
    ],
  });
  roundId = round.id;
  const [board, middle, tiny] = levels;
  const record = (levelId: number, seed: number, plan: (typeof NORTHWIND_PLANS)[string]) => {
    const answers = completeAnswers(seed, plan);
    return { levelId, answers, scores: scoreResponse(currentInstrument, answers) };
  };
  await importResponses(db, round.id, [
    ...Array.from({ length: 8 }, (_, i) => record(board!.id, 100 + i, NORTHWIND_PLANS.board!)),
    ...Array.from({ length: 10 }, (_, i) => record(middle!.id, 200 + i, NORTHWIND_PLANS.middle!)),
    // Two people: below the minimum group, so nothing but their count may appear anywhere.
    ...Array.from({ length: 2 }, (_, i) => record(tiny!.id, 300 + i, NORTHWIND_PLANS.front!)),
  ]);
  const [c, f] = await Promise.all([createAccount(db, "consultant", [round.organisationId]), createAccount(db, "facilitator", [round.organisationId])]);
  consultant = await signedIn(server.url, c);
  facilitator = await signedIn(server.url, f);
});
afterAll(() => server.close());

const reportJson = async () => (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Json;
const saveMix = (client: HttpClient, fields: Record<string, string>) => client.postForm(`/rounds/${roundId}/strategy`, fields);

describe("the strategy anchor on the web", () => {
  it("refuses a mix that does not add up to 100 or is not whole points, says why beside the fields, and changes nothing", async () => {
    const short = await saveMix(consultant, { intent: "save", key_account: "20", relationship: "40", retail: "30", social: "0" });
    expect(short.status).toBe(400);
    const page = (await short.text()).replaceAll("<!-- -->", "");
    expect(page).toContain("the points add up to 90; they must add up to exactly 100");
    // The form comes back with what was typed.
    expect(page).toMatch(/id="strategy-relationship"[^>]*value="40"/);
    const fraction = await saveMix(consultant, { intent: "save", key_account: "20.5", relationship: "39.5", retail: "30", social: "10" });
    expect(fraction.status).toBe(400);
    expect(await fraction.text()).toContain("key_account: use a whole number of points");
    expect((await reportJson()).strategy).toBeNull();
  });

  it("records a mix, and the cached report is recomputed against it at once: distances per level, a summary message, nothing for a small level", async () => {
    const before = await reportJson();
    expect(before.strategy).toBeNull();
    const saved = await saveMix(consultant, { intent: "save", ...Object.fromEntries(Object.entries(MIX).map(([k, v]) => [k, String(v)])) });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/rounds/${roundId}/report?strategy=saved#strategy`);
    const report = await reportJson();
    expect(report.strategy).toEqual({ key_account: 0.2, relationship: 0.4, retail: 0.3, social: 0.1 });
    const [board, middle, tiny] = report.levels;
    for (const level of [board, middle]) {
      // Bias-corrected: never more than the plain distance between the level's profile and the mix.
      expect(level.strategyDistance.explicit.distance).toBeLessThanOrEqual(totalVariation(level.explicit, report.strategy, currentInstrument.modelIds) + 1e-12);
      expect(level.strategyDistance.explicit.ci[0]).toBeLessThanOrEqual(level.strategyDistance.explicit.ci[1]);
      expect(level.strategyDistance.implicit).not.toBeNull();
    }
    expect(tiny.strategyDistance).toBeNull();
    const message = report.summary.find((m: Json) => m.message.startsWith("Measured against the intended mix"));
    expect(message.findings).toEqual([]);
    expect(message.message).not.toContain(TINY);
    const page = (await (await consultant.get(`/rounds/${roundId}/report?strategy=saved`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("The intended mix is saved");
    expect(page).toContain("Distance of each level’s profiles from the intended mix");
  });

  it("lets a facilitator change it and remove it", async () => {
    expect((await saveMix(facilitator, { intent: "save", key_account: "0", relationship: "0", retail: "100", social: "" })).status).toBe(303);
    expect((await reportJson()).strategy).toEqual({ key_account: 0, relationship: 0, retail: 1, social: 0 });
    expect((await saveMix(facilitator, { intent: "clear" })).status).toBe(303);
    const report = await reportJson();
    expect(report.strategy).toBeNull();
    expect(report.levels.every((l: Json) => l.strategyDistance === null)).toBe(true);
  });
});

describe("the strategy anchor on the command line", () => {
  it("records the mix and prints it as the report carries it; --clear removes it", async () => {
    const run = await cli(["round", "strategy", "--round", roundId, "--mix", "key_account:20,relationship:40,retail:30,social:10"], env);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ roundId, strategy: { key_account: 0.2, relationship: 0.4, retail: 0.3, social: 0.1 } });
    expect((await reportJson()).strategy).toEqual({ key_account: 0.2, relationship: 0.4, retail: 0.3, social: 0.1 });
    const cleared = await cli(["round", "strategy", "--round", roundId, "--clear"], env);
    expect(cleared.json()).toEqual({ roundId, strategy: null });
    expect((await reportJson()).strategy).toBeNull();
  });

  it("refuses a bad mix with a message naming the flag, exits non-zero, and writes nothing", async () => {
    await cli(["round", "strategy", "--round", roundId, "--mix", "retail:100"], env);
    for (const [args, message] of [
      [["--mix", "retail:60,price:40"], '--mix: unknown model "price"'],
      [["--mix", "retail:60,social:30"], "--mix: the points add up to 90"],
      [["--mix", "retail:100", "--clear"], "--mix: give the intended mix (e.g. --mix retail:60,social:40) or --clear to remove it: one of the two, not both and not neither"],
      [[], "--mix: give the intended mix (e.g. --mix retail:60,social:40) or --clear to remove it: one of the two, not both and not neither"],
    ] as const) {
      const run = await cli(["round", "strategy", "--round", roundId, ...args], env);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(message);
    }
    expect((await cli(["round", "strategy", "--round", "nope", "--clear"], env)).stderr).toContain('--round: no round with id "nope"');
    expect((await reportJson()).strategy).toEqual({ key_account: 0, relationship: 0, retail: 1, social: 0 });
  });
});

describe("the executive summary in every output", () => {
  it("JSON, CSV and the page carry the same messages; every firm finding is in exactly one", async () => {
    const report = await reportJson();
    expect(report.summary.length).toBeGreaterThan(0);
    expect(report.summary.length).toBeLessThanOrEqual(4);
    const firm = report.findings.filter((f: Json) => !f.tentative).map((f: Json) => f.key).sort();
    expect(report.summary.flatMap((m: Json) => m.findings).sort()).toEqual(firm);
    const csv = (await (await consultant.get(`/rounds/${roundId}/report.csv`)).text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    // The summary comes first, one row per message.
    expect(lines.slice(1, 1 + report.summary.length).every((line) => line.startsWith("summary,"))).toBe(true);
    expect(lines.filter((line) => line.startsWith("summary,"))).toHaveLength(report.summary.length);
    const page = (await (await consultant.get(`/rounds/${roundId}/report`)).text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
    for (const message of report.summary) expect(page).toContain(message.message);
    const print = (await (await consultant.get(`/rounds/${roundId}/report/print`)).text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
    for (const message of report.summary) expect(print).toContain(message.recommendation);
  });

  it("the page sends its static parts as HTML, not as data to hydrate, and serves them again for client navigation", async () => {
    const page = await (await consultant.get(`/rounds/${roundId}/report`)).text();
    // The report's data is not embedded for hydration, and a collapsed finding's statements are not sent with the page.
    const report = await reportJson();
    const statement = (report.findings.find((f: Json) => f.evidence.length > 0).evidence[0].text as string).replaceAll("'", "&#x27;");
    expect(page).not.toContain('"dataQuality"');
    expect(page).not.toContain(statement);
    const islands = (await (await consultant.get(`/rounds/${roundId}/report/islands.json`)).json()) as Json;
    expect(Object.keys(islands.islands)).toEqual(expect.arrayContaining(["summary", "overview", "details", "breakdowns", "data-quality"]));
    expect(page).toContain(`data-version="${islands.version}"`);
    // They are among the parts fetched when a details is opened.
    expect(Object.values<string>(islands.islands).some((html) => html.includes(statement))).toBe(true);
    // The small level is named with its count, never drawn.
    expect(JSON.stringify(islands)).toContain(`<strong>${TINY}:</strong> 2 responses, not enough responses to report`);
    expect(JSON.stringify(islands)).not.toContain(`${TINY}: says`);
  });

  it("the rendered page follows notes at once: a note saved by a consultant shows to a facilitator", async () => {
    const { findings } = await reportJson();
    const saved = await consultant.postForm(`/rounds/${roundId}/report`, { intent: "note", findingKey: findings[0].key, note: "Raise this with the board first" });
    expect(saved.status).toBe(200);
    const page = await (await facilitator.get(`/rounds/${roundId}/report`)).text();
    expect(page).toContain("Raise this with the board first");
  });
});

async function unzip(buffer: ArrayBuffer | Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const files = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  const text = async (pattern: RegExp) => Promise.all(files.filter((f) => pattern.test(f)).map((f) => zip.file(f)!.async("string")));
  return { files, text };
}

describe("slides", () => {
  it("gives a deck with a slide per part, native charts for the say-do chart and each level's profiles, and nothing of a small level but its count", async () => {
    const response = await consultant.get(`/rounds/${roundId}/report.pptx`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Board-workshop-gap-report.pptx"');
    const deck = await unzip(await response.arrayBuffer());
    const report = await reportJson();
    const reportable = report.levels.filter((l: Json) => l.reportable).length;
    // Title, summary, intended mix, say-do chart, one per finding, one per reportable level, heatmap, levels not reported, method.
    const expected = 1 + 1 + (report.strategy ? 1 : 0) + 1 + report.findings.length + reportable + 1 + 1 + 1;
    expect(deck.files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(expected);
    const charts = await deck.text(/^ppt\/charts\/chart\d+\.xml$/);
    expect(charts).toHaveLength(1 + reportable);
    expect(charts.filter((xml) => xml.includes("<c:barChart>") && xml.includes('<c:grouping val="percentStacked"/>'))).toHaveLength(1);
    expect(charts.filter((xml) => xml.includes("<c:radarChart>"))).toHaveLength(reportable);
    // Charts carry their data (editable in PowerPoint), not pictures.
    expect(deck.files.some((f) => /^ppt\/embeddings\/.+\.xlsx$/.test(f))).toBe(true);
    expect(deck.files.some((f) => /^ppt\/media\//.test(f))).toBe(false);
    // The small level: named with its count on the slide of levels not reported, in no chart, and with no figure.
    for (const xml of charts) expect(xml).not.toContain(TINY);
    const slides = (await deck.text(/^ppt\/slides\/slide\d+\.xml$/)).join("\n");
    expect(slides).toContain(`${TINY}: 2 responses, not enough responses to report (3 more needed).`);
    expect(slides.match(new RegExp(TINY, "g"))).toHaveLength(report.strategy ? 2 : 1);
    for (const message of report.summary) expect(slides).toContain(message.message.replaceAll("'", "&apos;").slice(0, 40));
  });

  it("the CLI writes the same deck to a file and prints where, how large and how many slides", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelgap-deck-"));
    try {
      const out = join(dir, "deck.pptx");
      const run = await cli(["report", "--round", roundId, "--format", "pptx", "--out", out], env);
      expect(run.code).toBe(0);
      const printed = run.json<{ file: string; bytes: number; slides: number }>();
      expect(printed.file).toBe(out);
      const file = readFileSync(out);
      expect(printed.bytes).toBe(file.length);
      const deck = await unzip(file);
      expect(deck.files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(printed.slides);
      const missing = await cli(["report", "--round", roundId, "--format", "pptx"], env);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("--out: a PowerPoint deck is a file: give --out <file>.pptx");
      const nowhere = await cli(["report", "--round", roundId, "--format", "pptx", "--out", join(dir, "no", "such", "deck.pptx")], env);
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr).toContain("does not exist");
      // An existing file is replaced only with --force; a folder never.
      const again = await cli(["report", "--round", roundId, "--format", "pptx", "--out", out], env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("already exists; choose a new file or add --force to replace it");
      expect(readFileSync(out)).toEqual(file);
      expect((await cli(["report", "--round", roundId, "--format", "pptx", "--out", out, "--force"], env)).code).toBe(0);
      const folder = await cli(["report", "--round", roundId, "--format", "pptx", "--out", dir, "--force"], env);
      expect(folder.code).toBe(1);
      expect(folder.stderr).toContain("is not a file");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
