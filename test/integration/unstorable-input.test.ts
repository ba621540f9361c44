import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responses } from "~db/schema";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

/**
 * A NUL character is in no link, answer or field of ours, and PostgreSQL cannot store one in text: every way in
 * refuses it with a 400 and a message (never a failed query's 500), and nothing is stored. Runs on both databases.
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
