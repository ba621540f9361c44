import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rounds } from "~db/schema";
import { createAccount, signedIn } from "../../support/accounts";
import { cli } from "../../support/cli";
import { databaseEnv } from "../../support/database";
import { startTestServer, type TestServer } from "../../support/server";

/**
 * Issue 11: "a facilitator can pre-create a name that the CLI later reuses,
 * and so reads that round." Replayed: the facilitator must never see a round
 * a script adds by name.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const db = () => server.database.db;
const roundCreate = (org: string[]) => cli(["round", "create", ...org, "--name", "Board survey", "--levels", "board:Board,front:Front line"], databaseEnv(server.database));

describe("pre-creating an organisation name", () => {
  it("does not give a facilitator the round a script later creates under that name", async () => {
    const mallory = await signedIn(server.url, await createAccount(db(), "facilitator"));
    const trap = await mallory.postForm("/orgs", { name: "Globex" });
    expect(trap.status).toBe(302);
    const run = await roundCreate(["--org", "Globex"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('an organisation called "Globex" was made by a facilitator, so it is not reused by name');
    expect(await db().select().from(rounds)).toEqual([]);
  });

  it("does not let a facilitator's copy of a name the CLI already uses capture the next round", async () => {
    const first = await roundCreate(["--org", "Initech"]);
    expect(first.code).toBe(0);
    const { roundId, organisation } = first.json<{ roundId: string; organisation: { id: string } }>();
    const mallory = await signedIn(server.url, await createAccount(db(), "facilitator"));
    expect((await mallory.postForm("/orgs", { name: "initech" })).status).toBe(302); // allowed: nothing tells her Initech exists
    const next = await roundCreate(["--org", "Initech"]);
    expect(next.code).toBe(1);
    expect(next.stderr).toContain("2 organisations are called");
    const byId = await roundCreate(["--org-id", organisation.id]);
    const nextRound = byId.json<{ roundId: string; organisation: { id: string } }>();
    expect(nextRound.organisation.id).toBe(organisation.id);
    for (const id of [roundId, nextRound.roundId]) {
      expect((await mallory.get(`/rounds/${id}`)).status).toBe(404);
      expect((await mallory.get(`/rounds/${id}/report.json`)).status).toBe(404);
    }
  });
});
