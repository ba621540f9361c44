import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exclusions } from "~db/schema";
import { NORTHWIND_PLANS } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importResponses } from "~/models/responses.server";
import { changeRoundStatus } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { completeAnswers, createTestRound } from "../support/factories";
import type { HttpClient } from "../support/http";
import { databaseEnv } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

const MINUTE = 60_000;
/** Whole minutes, two hours back: every window has ended. */
const T0 = Math.floor((Date.now() - 2 * 3600_000) / MINUTE) * MINUTE;

interface LevelReport {
  id: string;
  responses: number;
  comments?: string[] | null;
}

/**
 * Board and front line: 10 + 10 at minute 0 (real answers), a stuffed burst of 6
 * front-line responses at minute 30 (each with a comment saying so), and at
 * minute 60 one board response with five front-line ones.
 */
async function stuffedRound() {
  const { round, levels } = await createTestRound(db(), { organisationName: `Org ${Math.random()}`, minGroupSize: 5 });
  const [board, front] = levels;
  const record = (levelId: number, seed: number, comment?: string) => {
    const answers = { ...completeAnswers(seed, NORTHWIND_PLANS.middle!), ...(comment ? { ctx_customer_view: comment } : {}) };
    return { levelId, answers, scores: scoreResponse(currentInstrument, answers) };
  };
  const at = (minute: number) => ({ now: new Date(T0 + minute * MINUTE + 7_000), source: "web" as const });
  await importResponses(db(), round.id, [...Array.from({ length: 10 }, (_, i) => record(board!.id, i)), ...Array.from({ length: 10 }, (_, i) => record(front!.id, 100 + i))], at(0));
  await importResponses(db(), round.id, Array.from({ length: 6 }, (_, i) => record(front!.id, 200 + i, `stuffed comment ${i}`)), at(30));
  await importResponses(db(), round.id, [record(board!.id, 300), ...Array.from({ length: 5 }, (_, i) => record(front!.id, 400 + i))], at(60));
  const facilitator = await signedIn(server.url, await createAccount(db(), "facilitator", [round.organisationId]));
  return { round, facilitator };
}

const window = (fromMinute: number, toMinute: number) => ({ from: String(T0 + fromMinute * MINUTE), to: String(T0 + toMinute * MINUTE) });
const exclude = (client: HttpClient, roundId: string, w: { from: string; to: string }) => client.postForm(`/rounds/${roundId}/exclusions`, { intent: "exclude", ...w });

async function report(client: HttpClient, roundId: string) {
  const json = (await (await client.get(`/rounds/${roundId}/report.json`)).json()) as { excluded: number; levels: LevelReport[] };
  return { excluded: json.excluded, responses: Object.fromEntries(json.levels.map((l) => [l.id, l.responses])), comments: json.levels.flatMap((l) => l.comments ?? []) };
}

describe("excluding a stuffed burst from the report", () => {
  it("shows arrivals per level in whole-minute windows and offers to exclude those that pass the rule", async () => {
    const { round, facilitator } = await stuffedRound();
    const page = await text(await facilitator.get(`/rounds/${round.id}/exclusions`));
    const rows = [...page.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/g)].map((m) => m.slice(2).map(Number));
    expect(rows).toEqual([
      [10, 10, 20],
      [0, 6, 6],
      [1, 5, 6],
    ]);
    // The board's one response at minute 60 is still pending (in no figure), so that window moves no board figure.
    expect(page.match(/Exclude these \d+/g)).toEqual(["Exclude these 20", "Exclude these 6", "Exclude these 6"]);
    // Once the round closes, its final release puts that one response in the figures: now the window would move Board by one.
    await changeRoundStatus(db(), round.id, "closed");
    await facilitator.get(`/rounds/${round.id}/report.json`);
    const closed = await text(await facilitator.get(`/rounds/${round.id}/exclusions`));
    expect(closed.match(/Exclude these \d+/g)).toEqual(["Exclude these 20", "Exclude these 6"]);
    expect(closed).toContain("Cannot be excluded alone. This change is refused: it would change Board by 1 response.");
  });

  it("leaves the burst out of every output, says how many were excluded, and can put it back", async () => {
    const { round, facilitator } = await stuffedRound();
    const before = await report(facilitator, round.id);
    expect(before).toMatchObject({ excluded: 0, responses: { board: 11, front: 21 } });
    expect(before.comments.filter((c) => c.startsWith("stuffed"))).toHaveLength(6);

    const excluded = await exclude(facilitator, round.id, window(30, 31));
    expect(excluded.headers.get("location")).toBe(`/rounds/${round.id}/exclusions?done=excluded`);
    const after = await report(facilitator, round.id);
    expect(after).toMatchObject({ excluded: 6, responses: { board: 11, front: 15 } });
    expect(after.comments.filter((c) => c.startsWith("stuffed"))).toEqual([]);
    const fromCli = await cli(["report", "--round", round.id], databaseEnv(server.database));
    expect(fromCli.json<{ excluded: number }>().excluded).toBe(6);
    expect(await text(await facilitator.get(`/rounds/${round.id}`))).toContain("6 responses are excluded from the report.");

    const [stored] = await db().select().from(exclusions).where(eq(exclusions.roundId, round.id));
    expect(stored).toMatchObject({ fromAt: new Date(T0 + 30 * MINUTE), toAt: new Date(T0 + 31 * MINUTE), removedAt: null });
    const back = await facilitator.postForm(`/rounds/${round.id}/exclusions`, { intent: "include", exclusionId: String(stored!.id) });
    expect(back.headers.get("location")).toBe(`/rounds/${round.id}/exclusions?done=included`);
    expect(await report(facilitator, round.id)).toMatchObject({ excluded: 0, responses: { board: 11, front: 21 } });
  });

  it("refuses a window that would move a level's figures by fewer than the minimum group, and changes nothing", async () => {
    const { round, facilitator } = await stuffedRound();
    // Closing releases the board's lone minute-60 response into the figures (on the next report read).
    await changeRoundStatus(db(), round.id, "closed");
    await facilitator.get(`/rounds/${round.id}/report.json`);
    const refused = await exclude(facilitator, round.id, window(60, 61));
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain("This change is refused: it would change Board by 1 response.");
    expect(await db().select().from(exclusions).where(eq(exclusions.roundId, round.id))).toEqual([]);
    expect((await report(facilitator, round.id)).excluded).toBe(0);
  });

  it("accepts only the windows the page offers: no finer probing of arrival times", async () => {
    const { round, facilitator } = await stuffedRound();
    const finer = { from: String(T0 + 30 * MINUTE + 1_000), to: String(T0 + 31 * MINUTE) };
    const refused = await exclude(facilitator, round.id, finer);
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain("The arrival windows have changed since the page was loaded");
    expect((await exclude(facilitator, round.id, { from: "x", to: "1" })).status).toBe(400);
    expect((await exclude(facilitator, round.id, window(31, 30))).status).toBe(422);
    expect(await db().select().from(exclusions).where(eq(exclusions.roundId, round.id))).toEqual([]);
  });

  it("is for the people who run the round: a consultant cannot exclude", async () => {
    const { round } = await stuffedRound();
    const consultant = await signedIn(server.url, await createAccount(db(), "consultant", [round.organisationId]));
    expect((await exclude(consultant, round.id, window(30, 31))).status).toBe(403);
  });
});
