import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responses } from "~db/schema";
import { createAccount, signedIn } from "../support/accounts";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

/**
 * Input the database cannot store is bad input, refused with a 4xx and a message (never a failed query's 500),
 * and nothing is stored: a NUL character (in no link, answer or field of ours; PostgreSQL cannot store one in
 * text), and an id or revision past the 32-bit integer PostgreSQL keeps. Runs on both databases.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const stored = async () => (await server.database.db.select({ n: count() }).from(responses))[0]!.n;

describe("NUL characters", () => {
  it("in an address: 400 with a message", async () => {
    for (const path of ["/r/%00", "/r/abc%00def/survey", "/rounds/%00/report.json", "/login?redirectTo=%00"]) {
      const response = await new HttpClient(server.url).get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toContain("This address is not valid");
    }
  });

  it("in a JSON submission, raw or escaped: 400, and no response stored", async () => {
    const { levels } = await createTestRound(server.database.db);
    const token = levels[0]!.linkToken;
    for (const comment of ["a\u0000b"]) {
      const client = new HttpClient(server.url);
      const response = await client.postJson(`/r/${token}/survey`, { answers: { ...completeAnswers(3), comment } });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("NUL character");
    }
    expect(await stored()).toBe(0);
  });

  it("in a form field: 400 naming the field, before anything is read or written", async () => {
    const { levels } = await createTestRound(server.database.db);
    const page = await new HttpClient(server.url).postForm(`/r/${levels[1]!.linkToken}`, { note: "x\u0000y" });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("note");
    const login = await new HttpClient(server.url).postForm("/login", { email: "someone\u0000@example.org", password: "whatever-it-is" });
    expect(login.status).toBe(400);
    expect(await stored()).toBe(0);
  });
});

describe("integers past what PostgreSQL's integer holds (2,147,483,647)", () => {
  const TOO_BIG = "2147483648";

  it("an autosave's revision: 422 with a message, the draft kept", async () => {
    const { levels } = await createTestRound(server.database.db);
    const client = new HttpClient(server.url);
    const token = levels[0]!.linkToken;
    await client.postForm(`/r/${token}`);
    const ok = await client.postJson(`/r/${token}/save`, { page: 0, revision: 2_147_483_647, fields: [["alloc_now.retail", "10"]] });
    expect(ok.status).toBe(200);
    const tooBig = await client.postJson(`/r/${token}/save`, { page: 0, revision: Number(TOO_BIG), fields: [["alloc_now.retail", "20"]] });
    expect(tooBig.status).toBe(422);
    expect(((await tooBig.json()) as { message: string }).message).toContain("revision");
    const page = await client.postForm(`/r/${token}/survey`, { _page: "0", _revision: TOO_BIG, "alloc_now.retail": "30" });
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
  });

  it("a level or exclusion id in a staff form: 4xx, not a server error", async () => {
    const { round, levels } = await createTestRound(server.database.db);
    const admin = await signedIn(server.url, await createAccount(server.database.db, "admin"));
    const posts: [string, Record<string, string>][] = [
      [`/rounds/${round.id}?index`, { intent: "regenerate", levelId: TOO_BIG }],
      [`/rounds/${round.id}/invitations`, { intent: "remind", levelId: TOO_BIG }],
      [`/rounds/${round.id}/exclusions`, { intent: "include", exclusionId: TOO_BIG }],
      [`/rounds/${round.id}/held-responses`, { levelId: TOO_BIG }],
      [`/rounds/${round.id}/edit`, { name: round.name, levelLabel: levels[0]!.label, levelId: TOO_BIG, opensOn: "", closesOn: "", minGroupSize: "5" }],
    ];
    for (const [path, form] of posts) {
      const response = await admin.postForm(path, form);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
    }
  });
});
