import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responses, rounds } from "~db/schema";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { createInvitation } from "~/models/invitations.server";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const db = () => server.database.db;
const responsesOf = (roundId: string) => db().select().from(responses).where(eq(responses.roundId, roundId)).all();
const tokenOf = (link: { linkToken: string }) => link.linkToken;
/** The page's text as a reader sees it: React's text separators removed. */
const pageText = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

async function startOpenLink(client: HttpClient, token: string) {
  const started = await client.postForm(`/r/${token}`);
  expect(started.status).toBe(302);
  expect(started.headers.get("location")).toBe(`/r/${token}/survey`);
  return started;
}

describe("respondent journey over HTTP", () => {
  it("answers an unknown link with its own 404 page", async () => {
    const response = await new HttpClient(server.url).get("/r/not-a-real-token");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("This survey link is not recognised");
  });

  it("welcomes the respondent with the level, the time it takes and the anonymity rule", async () => {
    const { levels } = createTestRound(db(), { minGroupSize: 6, welcomeNote: "Hello <b>team</b>" });
    const response = await new HttpClient(server.url).get(`/r/${tokenOf(levels[1]!)}`);
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain("Front line");
    expect(html).toMatch(/About \d+ minutes/);
    expect(html).toMatch(/at least <strong>6 people<\/strong>/);
    expect(html).toContain("Hello &lt;b&gt;team&lt;/b&gt;");
  });

  it("starts, autosaves, resumes in the same browser and submits once, storing the scored profiles", async () => {
    const { round, levels } = createTestRound(db());
    const token = tokenOf(levels[0]!);
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    expect(browser.cookieHeader()).toMatch(/mg_resume_\d+=/);
    expect(responsesOf(round.id)).toHaveLength(1);

    const answers = completeAnswers(11);
    const half = { alloc_now: answers.alloc_now, ka_p1: answers.ka_p1, alloc_now_left: 0 };
    const saved = await browser.postJson(`/r/${token}/save`, { answers: half, page: 2 });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ status: "saved" });
    const [draft] = responsesOf(round.id);
    expect(draft).toMatchObject({ status: "draft", currentPage: 2, answers: { alloc_now: answers.alloc_now, ka_p1: answers.ka_p1 } });

    // Coming back: the welcome page offers to continue, and starting again reuses the same response.
    expect(await (await browser.get(`/r/${token}`)).text()).toContain("Continue where you left off");
    await startOpenLink(browser, token);
    // The cookie leads the survey page to the saved draft (a browser without it is sent to the welcome page).
    expect((await browser.get(`/r/${token}/survey`)).status).toBe(200);
    expect((await new HttpClient(server.url).get(`/r/${token}/survey`)).headers.get("location")).toBe(`/r/${token}`);
    expect(responsesOf(round.id)).toHaveLength(1);

    const submitted = await browser.postJson(`/r/${token}/survey`, { answers });
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("location")).toBe(`/r/${token}/thanks`);
    const replay = await browser.postJson(`/r/${token}/survey`, { answers });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe(`/r/${token}/thanks`);

    const stored = responsesOf(round.id);
    expect(stored).toHaveLength(1);
    const expected = scoreResponse(currentInstrument, answers);
    expect(stored[0]).toMatchObject({
      status: "submitted",
      answers,
      explicit: expected.explicit,
      desired: expected.desired,
      implicit: expected.implicit,
      intensities: expected.intensities,
    });
    expect((await browser.get(`/r/${token}/thanks`)).status).toBe(200);
    // The survey page now leads to the thank-you page; the welcome page says it is done.
    expect((await browser.get(`/r/${token}/survey`)).headers.get("location")).toBe(`/r/${token}/thanks`);
    expect((await browser.get(`/r/${token}`)).status).toBe(409);
    // A late autosave cannot overwrite submitted answers.
    expect((await browser.postJson(`/r/${token}/save`, { answers: {}, page: 0 })).status).toBe(409);
    expect(responsesOf(round.id)[0]!.answers).toEqual(answers);
  });

  it("gives each browser on an open link its own response", async () => {
    const { round, levels } = createTestRound(db());
    const token = tokenOf(levels[0]!);
    for (const seed of [1, 2]) {
      const browser = new HttpClient(server.url);
      await startOpenLink(browser, token);
      expect((await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(seed) })).status).toBe(302);
    }
    expect(responsesOf(round.id).filter((r) => r.status === "submitted")).toHaveLength(2);
  });

  it("refuses an invalid submission with the reason and stores nothing", async () => {
    const { round, levels } = createTestRound(db());
    const token = tokenOf(levels[0]!);
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const answers = { ...completeAnswers(3), alloc_now: { retail: 50, social: 40 } };
    const response = await browser.postJson(`/r/${token}/survey`, { answers });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("alloc_now: the points add up to 90; they must add up to exactly 100");
    const [draft] = responsesOf(round.id);
    expect(draft).toMatchObject({ status: "draft", explicit: null, submittedAt: null });
  });

  it("resumes a personal invitation from its link alone, and refuses it once submitted", async () => {
    const { round, levels } = createTestRound(db());
    const invitation = createInvitation(db(), { roundId: round.id, levelId: levels[1]!.id, email: "ann@example.org" });
    const first = new HttpClient(server.url);
    expect((await first.postForm(`/r/${invitation.token}`)).status).toBe(302);
    expect(first.cookieHeader()).toBe("");
    await first.postJson(`/r/${invitation.token}/save`, { answers: { ka_p1: 2 }, page: 3 });
    // Another device, same link: the same draft.
    const second = new HttpClient(server.url);
    expect((await second.get(`/r/${invitation.token}/survey`)).status).toBe(200);
    expect(responsesOf(round.id)).toMatchObject([{ status: "draft", currentPage: 3, answers: { ka_p1: 2 } }]);
    expect((await second.postJson(`/r/${invitation.token}/survey`, { answers: completeAnswers(4) })).status).toBe(302);
    expect((await first.postJson(`/r/${invitation.token}/survey`, { answers: completeAnswers(5) })).status).toBe(302);
    const stored = responsesOf(round.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.answers).toEqual(completeAnswers(4));
    const again = await new HttpClient(server.url).get(`/r/${invitation.token}`);
    expect(again.status).toBe(409);
    expect(await pageText(again)).toContain("You have already answered this survey");
  });

  it("shows a closed round its own page, refuses new answers and keeps saved drafts", async () => {
    const { round, levels } = createTestRound(db());
    const token = tokenOf(levels[0]!);
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    await browser.postJson(`/r/${token}/save`, { answers: { ka_p1: 5 }, page: 1 });
    db().update(rounds).set({ status: "closed" }).where(eq(rounds.id, round.id)).run();

    const welcome = await browser.get(`/r/${token}`);
    expect(welcome.status).toBe(410);
    expect(await welcome.text()).toContain("This survey has closed");
    expect((await browser.get(`/r/${token}/survey`)).status).toBe(410);
    const save = await browser.postJson(`/r/${token}/save`, { answers: { ka_p1: 1 }, page: 1 });
    expect(save.status).toBe(410);
    expect((await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(6) })).status).toBe(410);
    const [draft] = responsesOf(round.id);
    expect(draft).toMatchObject({ status: "draft", answers: { ka_p1: 5 } });
  });

  it("shows a round that has not opened yet its own page", async () => {
    const draftRound = createTestRound(db(), { status: "draft" });
    const response = await new HttpClient(server.url).get(`/r/${tokenOf(draftRound.levels[0]!)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("This survey is not open yet");
    const later = createTestRound(db(), { opensAt: new Date(Date.now() + 86_400_000) });
    const laterPage = await new HttpClient(server.url).get(`/r/${tokenOf(later.levels[0]!)}`);
    expect(laterPage.status).toBe(403);
    expect(await pageText(laterPage)).toMatch(/It opens on/);
    expect((await new HttpClient(server.url).postForm(`/r/${tokenOf(later.levels[0]!)}`)).status).toBe(403);
  });

  it("refuses malformed autosaves with a clear 4xx and changes nothing", async () => {
    const { round, levels } = createTestRound(db());
    const token = tokenOf(levels[0]!);
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const before = responsesOf(round.id);
    const notJson = await browser.request(`/r/${token}/save`, { method: "POST", body: "answers", headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(415);
    const broken = await browser.request(`/r/${token}/save`, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    const badValue = await browser.postJson(`/r/${token}/save`, { answers: { ka_p1: 9 }, page: 0 });
    expect(badValue.status).toBe(422);
    expect((await badValue.json()).message).toContain("ka_p1");
    const badPage = await browser.postJson(`/r/${token}/save`, { answers: {}, page: 99 });
    expect(badPage.status).toBe(422);
    expect(responsesOf(round.id)).toEqual(before);
  });

  it("refuses a cross-site post", async () => {
    const { round, levels } = createTestRound(db());
    const response = await new HttpClient(server.url).request(`/r/${tokenOf(levels[0]!)}`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
    });
    expect(response.status).toBe(403);
    expect(responsesOf(round.id)).toHaveLength(0);
  });

  it("answers the health check with the database status", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" }); // anyone may ask: ok or not, nothing more
  });
});
