import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { importResponses } from "~/models/responses.server";
import { createAccount, signedIn } from "../support/accounts";
import { completeAnswers, createTestRound } from "../support/factories";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

describe("counts in words", () => {
  it("says “1 response”, never “1 responses”, and one person is “this person”", async () => {
    const { round, levels } = await createTestRound(server.database.db);
    const answers = completeAnswers(1);
    await importResponses(server.database.db, round.id, [{ levelId: levels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) }]);
    const facilitator = await signedIn(server.url, await createAccount(server.database.db, "facilitator", [round.organisationId]));
    const report = await text(await facilitator.get(`/rounds/${round.id}/report`));
    expect(report).toContain("1 response. Levels are reported from");
    const pages = [report, await text(await facilitator.get(`/rounds/${round.id}`))];
    for (const page of pages) expect(page).not.toMatch(/\b1 (responses|people|rounds|levels|invitations|rows|requests|minutes|seconds)\b/);
    const form = new FormData();
    form.set("intent", "preview");
    form.set("csv", "email,level\nerin@example.org,board");
    const preview = await text(await facilitator.request(`/rounds/${round.id}/invitations`, { method: "POST", body: form }));
    expect(preview).toContain("Invite this person");
  });
});
