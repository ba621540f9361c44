import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findRound, listLevels, RoundEditError, setMinGroupSize, updateRound } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { databaseEnv } from "../support/database";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
const minGroupOf = async (roundId: string) => (await findRound(db(), roundId))!.round.minGroupSize;

async function roundWithFacilitator() {
  const { round, levels } = await createTestRound(db(), { organisationName: `Org ${Math.random()}`, minGroupSize: 5 });
  const facilitator = await signedIn(server.url, await createAccount(db(), "facilitator", [round.organisationId]));
  /** The edit form as the page posts it (an open round's levels come as hidden fields). */
  const edit = async (minGroupSize: string) => {
    const form = new URLSearchParams({ name: round.name, instrument: `${round.instrumentId}@${round.instrumentVersion}`, opensOn: "", closesOn: "", minGroupSize, welcomeNote: "" });
    for (const level of await listLevels(db(), round.id)) {
      form.append("levelId", String(level.id));
      form.append("levelLabel", level.label);
    }
    return facilitator.request(`/rounds/${round.id}/edit`, { method: "POST", body: form });
  };
  /** Someone opens the level link and starts: a draft exists from then on. */
  const firstDraft = async () => expect((await new HttpClient(server.url).postForm(`/r/${levels[0]!.linkToken}`)).status).toBe(302);
  return { round, levels, edit, firstDraft };
}

describe("the minimum group can only go up once anyone answered", () => {
  it("the edit form lowers it freely before the first response, then refuses 4 after a draft exists and leaves 5", async () => {
    const { round, edit, firstDraft } = await roundWithFacilitator();
    expect((await edit("4")).status).toBe(302);
    expect(await minGroupOf(round.id)).toBe(4);
    expect((await edit("5")).status).toBe(302);
    await firstDraft();
    const refused = await edit("4");
    expect(refused.status).toBe(400);
    const page = await text(refused);
    expect(page).toContain("Minimum group size: minimum group size cannot go below 5 now that people have answered");
    expect(page).toMatch(/id="field-minGroupSize-error"><span aria-hidden="true">⚠ <\/span>minimum group size cannot go below 5/);
    expect(await minGroupOf(round.id)).toBe(5);
    expect((await edit("6")).status).toBe(302);
    expect(await minGroupOf(round.id)).toBe(6);
  });

  it("respondents' welcome page shows the current minimum", async () => {
    const { levels, edit } = await roundWithFacilitator();
    await edit("7");
    expect(await text(await new HttpClient(server.url).get(`/r/${levels[0]!.linkToken}`))).toContain("at least <strong>7 people</strong>");
  });

  it("the model functions refuse it too, inside their transaction", async () => {
    const { round, firstDraft } = await roundWithFacilitator();
    await firstDraft();
    await expect(setMinGroupSize(db(), round.id, 4)).rejects.toThrow(RoundEditError);
    const settings = { name: round.name, instrument: { id: round.instrumentId, version: round.instrumentVersion }, minGroupSize: 3, opensAt: null, closesAt: null, welcomeNote: "" };
    await expect(updateRound(db(), round.id, settings, null)).rejects.toThrow(/cannot go below 5/);
    expect(await minGroupOf(round.id)).toBe(5);
    expect((await setMinGroupSize(db(), round.id, 9)).minGroupSize).toBe(9);
  });

  it("the CLI's round set refuses lowering with a message naming the flag, and raises", async () => {
    const { round, firstDraft } = await roundWithFacilitator();
    const env = databaseEnv(server.database);
    await firstDraft();
    const lower = await cli(["round", "set", "--round", round.id, "--min-group", "4"], env);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toBe("error: --min-group: minimum group size cannot go below 5 now that people have answered (respondents were promised groups of at least 5); keep 5 or raise it\n");
    expect(lower.stdout).toBe("");
    expect(await minGroupOf(round.id)).toBe(5);
    const raise = await cli(["round", "set", "--round", round.id, "--min-group", "8"], env);
    expect(raise.code).toBe(0);
    expect(raise.json()).toEqual({ roundId: round.id, minGroupSize: 8 });
    expect(await minGroupOf(round.id)).toBe(8);
    const unknown = await cli(["round", "set", "--round", "nosuchround", "--min-group", "8"], env);
    expect(unknown.stderr).toBe('error: --round: no round with id "nosuchround"\n');
  });
});
