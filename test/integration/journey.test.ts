import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, responses, rounds } from "~db/schema";
import type { Answers } from "~/domain/instrument/answers";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { createInvitation } from "~/models/invitations.server";
import { completeAnswers, createTestRound } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";
import { answerAllPages, PAGE_COUNT, PAGES, pageFields, postPage } from "../support/survey-forms";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const db = () => server.database.db;
const responsesOf = (roundId: string) => db().select().from(responses).where(eq(responses.roundId, roundId)).orderBy(responses.id);
/** Sets a round's status directly, as an administrator's tool would, without the app's rules on status changes. */
const setStatus = (roundId: string, status: "open" | "closed") =>
  db().transaction(async (tx) => {
    await tx.update(rounds).set({ status }).where(eq(rounds.id, roundId));
  });
/** The page's text as a reader sees it: React's text separators removed. */
const pageText = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
/** The value attribute of the input named `name` on a page. */
const inputValue = (html: string, name: string) => new RegExp(`name="${name.replace(".", "\\.")}"[^>]*value="([^"]*)"`).exec(html)?.[1];
/** The value of the checked radio button named `name` on a page. */
const checkedValue = (html: string, name: string) =>
  (html.match(/<input[^>]*>/g) ?? []).filter((tag) => tag.includes(`name="${name}"`) && / checked=""/.test(tag)).map((tag) => /value="([^"]*)"/.exec(tag)?.[1])[0];

async function startOpenLink(client: HttpClient, token: string) {
  const started = await client.postForm(`/r/${token}`);
  expect(started.status).toBe(302);
  expect(started.headers.get("location")).toBe(`/r/${token}/survey`);
  expect(started.headers.get("cache-control")).toBe("no-store");
  return started;
}

function expectScored(stored: typeof responses.$inferSelect | undefined, answers: Answers) {
  const expected = scoreResponse(currentInstrument, answers);
  expect(stored).toMatchObject({ status: "submitted", answers, explicit: expected.explicit, desired: expected.desired, implicit: expected.implicit, intensities: expected.intensities });
}

describe("the respondent's pages are plain forms", () => {
  it("answers an unknown link with its own 404 page, not kept by any cache", async () => {
    const response = await new HttpClient(server.url).get("/r/not-a-real-token");
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("This survey link is not recognised");
  });

  it("welcomes the respondent with the level, the time it takes and the anonymity rule, and ships one small script and no framework", async () => {
    const { levels } = await createTestRound(db(), { minGroupSize: 6, welcomeNote: "Hello <b>team</b>" });
    const response = await new HttpClient(server.url).get(`/r/${levels[1]!.linkToken}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await pageText(response);
    expect(html).toContain("Front line");
    expect(html).toMatch(/About \d+ minutes/);
    expect(html).toMatch(/at least <strong>6 people<\/strong>/);
    expect(html).toContain("Hello &lt;b&gt;team&lt;/b&gt;");
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    expect(scripts).toEqual([expect.stringMatching(/^<script type="module" src="\/assets\/enhance-[\w-]+\.js">$/)]);
    expect(html).not.toMatch(/modulepreload|__remixContext/);
  });

  it("goes through every page without JavaScript: each post saves its page, and the stored profiles are the scoring of the answers", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    expect(browser.cookieHeader()).toMatch(/mg_resume_\d+=/);

    const first = await pageText(await browser.get(`/r/${token}/survey`));
    expect(first).toContain(`Page 1 of ${PAGE_COUNT}`);
    expect(first).toMatch(/<form method="post" action="\/r\/[\w-]+\/survey"/);
    expect(first).toMatch(/<output[^>]*aria-live="polite"[^>]*>100 points left<\/output>/);
    expect(first.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script type="module" src="\/assets\/enhance-[\w-]+\.js">$/)]);

    const answers = completeAnswers(11);
    answers.ctx_customer_view = "Friendly, <b>slow</b>";
    for (let page = 0; page < PAGE_COUNT - 1; page++) {
      const moved = await postPage(browser, token, page, "next", pageFields(answers, page));
      expect(moved.status, `page ${page}`).toBe(302);
      expect(moved.headers.get("location")).toBe(`/r/${token}/survey`);
      const next = await pageText(await browser.get(`/r/${token}/survey`));
      expect(next).toContain(`Page ${page + 2} of ${PAGE_COUNT}`);
    }
    // Halfway state on disk: every page posted so far is saved, and the draft is on the last page.
    expect(await responsesOf(round.id)).toMatchObject([{ status: "draft", currentPage: PAGES.context }]);

    const submitted = await postPage(browser, token, PAGES.context, "submit", pageFields(answers, PAGES.context));
    expect(submitted.status).toBe(302);
    expect(submitted.headers.get("location")).toBe(`/r/${token}/thanks`);
    const stored = await responsesOf(round.id);
    expect(stored).toHaveLength(1);
    expectScored(stored[0], answers);
    const thanks = await browser.get(`/r/${token}/thanks`);
    expect(thanks.status).toBe(200);
    expect(await pageText(thanks)).toContain("Thank you: your answers are in");
  });

  it("refuses a wrong total with the reason in words, keeps what was typed, and saves the rest", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);

    const over = await postPage(browser, token, PAGES.now, "next", { "alloc_now.retail": "70", "alloc_now.social": "50" });
    expect(over.status).toBe(422);
    const overPage = await pageText(over);
    expect(overPage).toContain("The points must add up to exactly 100");
    expect(overPage).toContain("You have 20 points too many: take 20 off.");
    expect(overPage).toMatch(/<output[^>]*>20 points too many<\/output>/);
    expect(inputValue(overPage, "alloc_now.retail")).toBe("70");
    // The post is the save, even when the page is not in order yet.
    expect((await responsesOf(round.id))[0]).toMatchObject({ currentPage: PAGES.now, answers: { alloc_now: { retail: 70, social: 50 } } });

    const word = await postPage(browser, token, PAGES.now, "next", { "alloc_now.retail": "60", "alloc_now.social": "forty" });
    expect(word.status).toBe(422);
    const wordPage = await pageText(word);
    expect(wordPage).toContain("“forty” is not a number");
    expect(inputValue(wordPage, "alloc_now.social")).toBe("forty");
    expect((await responsesOf(round.id))[0]!.answers).toEqual({ alloc_now: { retail: 60 } });

    // Back with something that cannot be stored stays, rather than dropping it.
    const back = await postPage(browser, token, PAGES.desired, "back", { "alloc_desired.retail": "150" });
    expect(back.status).toBe(422);
    expect(inputValue(await pageText(back), "alloc_desired.retail")).toBe("150");

    const fixed = await postPage(browser, token, PAGES.now, "next", { "alloc_now.retail": "60", "alloc_now.social": "40" });
    expect(fixed.status).toBe(302);
    expect((await responsesOf(round.id))[0]).toMatchObject({ currentPage: PAGES.desired, answers: { alloc_now: { retail: 60, social: 40 } } });
  });

  it("saves on Back as well, and shows the saved answers when the respondent returns", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const answers = completeAnswers(12);
    await postPage(browser, token, PAGES.now, "next", pageFields(answers, PAGES.now));
    await postPage(browser, token, PAGES.desired, "next", pageFields(answers, PAGES.desired));
    const back = await postPage(browser, token, PAGES.beliefs, "back", pageFields(answers, PAGES.beliefs));
    expect(back.status).toBe(302);
    const [draft] = await responsesOf(round.id);
    expect(draft!.currentPage).toBe(PAGES.desired);
    for (const row of currentInstrument.matrices[0]!.rows) expect(draft!.answers[row]).toEqual(answers[row]);

    // Coming back later in the same browser: the welcome page offers to continue, on the page where it stopped.
    expect(await pageText(await browser.get(`/r/${token}`))).toContain("Continue where you left off");
    await startOpenLink(browser, token);
    const desired = await pageText(await browser.get(`/r/${token}/survey`));
    expect(desired).toContain(`Page 2 of ${PAGE_COUNT}`);
    expect(inputValue(desired, "alloc_desired.retail")).toBe(String((answers.alloc_desired as Record<string, number>).retail ?? ""));
    await postPage(browser, token, PAGES.desired, "next", pageFields(answers, PAGES.desired));
    const practices = await pageText(await browser.get(`/r/${token}/survey`));
    const firstRow = currentInstrument.matrices[0]!.rows[0]!;
    expect(checkedValue(practices, firstRow)).toBe(String(answers[firstRow]));
    // A browser without the cookie is sent to the welcome page; nothing new is created.
    expect((await new HttpClient(server.url).get(`/r/${token}/survey`)).headers.get("location")).toBe(`/r/${token}`);
    expect(await responsesOf(round.id)).toHaveLength(1);
  });

  it("asks before submitting with skipped statements, on the server, and goes back to them on request", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const answers = completeAnswers(13);
    await postPage(browser, token, PAGES.now, "next", pageFields(answers, PAGES.now));
    await postPage(browser, token, PAGES.desired, "next", pageFields(answers, PAGES.desired));
    for (let page = PAGES.beliefs; page < PAGES.context; page++) await postPage(browser, token, page, "next", {});
    const submit = await postPage(browser, token, PAGES.context, "submit", {});
    expect(submit.headers.get("location")).toBe(`/r/${token}/survey`);
    const confirm = await pageText(await browser.get(`/r/${token}/survey`));
    expect(confirm).toContain("Before you submit");
    expect(confirm).toContain(`You skipped ${currentInstrument.items.length} statements.`);
    expect(confirm).toContain("Your practice profile needs answers to at least 4 statements for each approach");
    expect((await responsesOf(round.id))[0]!.status).toBe("draft");

    const review = await browser.postForm(`/r/${token}/survey`, { _page: String(PAGE_COUNT), _intent: "review" });
    expect(review.headers.get("location")).toBe(`/r/${token}/survey`);
    expect(await pageText(await browser.get(`/r/${token}/survey`))).toContain(`Page 3 of ${PAGE_COUNT}`);

    // The first page with skipped statements is the beliefs page: answer it, skip the rest again.
    await postPage(browser, token, PAGES.beliefs, "next", pageFields(answers, PAGES.beliefs));
    for (let page = PAGES.practices; page < PAGES.context; page++) await postPage(browser, token, page, "next", {});
    await postPage(browser, token, PAGES.context, "submit", {});
    expect(await pageText(await browser.get(`/r/${token}/survey`))).toContain(`You skipped ${currentInstrument.implicitItems.length} statements.`);
    const anyway = await browser.postForm(`/r/${token}/survey`, { _page: String(PAGE_COUNT), _intent: "confirm" });
    expect(anyway.headers.get("location")).toBe(`/r/${token}/thanks`);
    const expected: Answers = { alloc_now: answers.alloc_now!, alloc_desired: answers.alloc_desired! };
    for (const row of currentInstrument.matrices[0]!.rows) expected[row] = answers[row]!;
    expectScored((await responsesOf(round.id))[0], expected);
  });

  it("takes a replayed submission once, and shows the thank-you page (not an error) when the link is opened again", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const answers = completeAnswers(14);
    await answerAllPages(browser, token, answers);
    const replay = await postPage(browser, token, PAGES.context, "submit", pageFields(completeAnswers(15), PAGES.context));
    expect(replay.headers.get("location")).toBe(`/r/${token}/thanks`);
    const json = await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(15) });
    expect(json.headers.get("location")).toBe(`/r/${token}/thanks`);
    expect(await responsesOf(round.id)).toHaveLength(1);
    expectScored((await responsesOf(round.id))[0], answers);

    const again = await browser.get(`/r/${token}`);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/r/${token}/thanks`);
    expect((await browser.get(`/r/${token}/thanks`)).status).toBe(200);
    expect((await browser.get(`/r/${token}/survey`)).headers.get("location")).toBe(`/r/${token}/thanks`);
    // A late background save cannot overwrite submitted answers.
    expect((await browser.postJson(`/r/${token}/save`, { answers: {}, page: 0 })).status).toBe(409);
    expect((await responsesOf(round.id))[0]!.answers).toEqual(answers);
  });

  it("gives each browser on an open link its own response", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    for (const seed of [1, 2]) {
      const browser = new HttpClient(server.url);
      await startOpenLink(browser, token);
      expect((await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(seed) })).status).toBe(302);
    }
    expect((await responsesOf(round.id)).filter((r) => r.status === "submitted")).toHaveLength(2);
  });

  it("refuses an invalid JSON submission with the reason and stores nothing", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const answers = { ...completeAnswers(3), alloc_now: { retail: 50, social: 40 } };
    const response = await browser.postJson(`/r/${token}/survey`, { answers });
    expect(response.status).toBe(422);
    expect(await pageText(response)).toContain("alloc_now: the points add up to 90; they must add up to exactly 100");
    expect((await responsesOf(round.id))[0]).toMatchObject({ status: "draft", explicit: null, submittedAt: null });
  });

  it("refuses page posts it cannot read with a 4xx, changing nothing", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const before = await responsesOf(round.id);
    expect((await browser.postForm(`/r/${token}/survey`, { "alloc_now.retail": "100" })).status).toBe(400);
    expect((await browser.postForm(`/r/${token}/survey`, { _page: "99", _intent: "next" })).status).toBe(400);
    expect((await browser.postForm(`/r/${token}/survey`, { _page: "0", _intent: "launch" })).status).toBe(400);
    expect((await browser.request(`/r/${token}/survey`, { method: "POST", body: "hello", headers: { "content-type": "text/plain" } })).status).toBe(415);
    const forged = await postPage(browser, token, PAGES.practices, "next", { ka_p1: "9" });
    expect(forged.status).toBe(422);
    expect(await pageText(forged)).toContain("Choose one of the options shown.");
    expect(await responsesOf(round.id)).toEqual(before.map((r) => ({ ...r, revision: expect.any(Number), updatedAt: expect.any(Date), currentPage: PAGES.practices })));
  });
});

describe("saving while typing", () => {
  it("saves a page's fields, and refuses a late save that would overwrite newer answers", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const save = (revision: number, fields: [string, string][]) => browser.postJson(`/r/${token}/save`, { page: PAGES.now, revision, fields });

    const first = await save(1, [["alloc_now.retail", "30"]]);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toMatchObject({ status: "saved" });
    expect(await (await save(3, [["alloc_now.retail", "35"]])).json()).toMatchObject({ status: "saved" });
    // Revision 2 set out before 3 but arrived after it: refused, the newer answer stays.
    expect(await (await save(2, [["alloc_now.retail", "30"]])).json()).toMatchObject({ status: "stale" });
    expect((await responsesOf(round.id))[0]!.answers).toEqual({ alloc_now: { retail: 35 } });

    // A page post (what the respondent pressed) wins over any background save still on its way.
    await postPage(browser, token, PAGES.now, "next", { "alloc_now.retail": "60", "alloc_now.social": "40", _revision: "5" });
    expect(await (await save(4, [["alloc_now.retail", "35"]])).json()).toMatchObject({ status: "stale" });
    expect((await responsesOf(round.id))[0]).toMatchObject({ currentPage: PAGES.desired, answers: { alloc_now: { retail: 60, social: 40 } } });

    // What cannot be stored is said, and the rest is saved.
    const partial = await browser.postJson(`/r/${token}/save`, { page: PAGES.desired, revision: 6, fields: [["alloc_desired.retail", "x"], ["alloc_desired.social", "20"]] });
    expect(await partial.json()).toMatchObject({ status: "partial" });
    expect((await responsesOf(round.id))[0]!.answers.alloc_desired).toEqual({ social: 20 });
  });

  it("still takes a whole answers object and page, and refuses malformed saves with a clear 4xx, changing nothing", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    const answers = completeAnswers(16);
    const saved = await browser.postJson(`/r/${token}/save`, { answers: { alloc_now: answers.alloc_now, ka_p1: answers.ka_p1, alloc_now_left: 0 }, page: 2 });
    expect(await saved.json()).toMatchObject({ status: "saved" });
    expect((await responsesOf(round.id))[0]).toMatchObject({ status: "draft", currentPage: 2, answers: { alloc_now: answers.alloc_now, ka_p1: answers.ka_p1 } });
    // A later page's answers join the draft: what earlier saves stored stays.
    expect(await (await browser.postJson(`/r/${token}/save`, { answers: { ka_e1: answers.ka_e1 }, page: 3 })).json()).toMatchObject({ status: "saved" });
    expect((await responsesOf(round.id))[0]!.answers).toEqual({ alloc_now: answers.alloc_now, ka_p1: answers.ka_p1, ka_e1: answers.ka_e1 });

    const before = await responsesOf(round.id);
    const notJson = await browser.request(`/r/${token}/save`, { method: "POST", body: "answers", headers: { "content-type": "text/plain" } });
    expect(notJson.status).toBe(415);
    const broken = await browser.request(`/r/${token}/save`, { method: "POST", body: "{", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    const badValue = await browser.postJson(`/r/${token}/save`, { answers: { ka_p1: 9 }, page: 0 });
    expect(badValue.status).toBe(422);
    expect((await badValue.json()).message).toContain("ka_p1");
    expect((await browser.postJson(`/r/${token}/save`, { answers: {}, page: 99 })).status).toBe(422);
    expect((await browser.postJson(`/r/${token}/save`, { page: 0, revision: 0, fields: [] })).status).toBe(422);
    // A __proto__ wrapper is refused, not unpacked into answers.
    const wrapped = await browser.request(`/r/${token}/save`, { method: "POST", body: '{"page":0,"answers":{"__proto__":{"ka_p2":3}}}', headers: { "content-type": "application/json" } });
    expect(wrapped.status).toBe(400);
    expect((await wrapped.json()).message).toContain('"__proto__" is not allowed');
    expect(await responsesOf(round.id)).toEqual(before);
  });
});

describe("personal links", () => {
  it("keep a draft in the browser that started it; another device starts over only after confirming", async () => {
    const { round, levels } = await createTestRound(db());
    const invitation = await createInvitation(db(), { roundId: round.id, levelId: levels[1]!.id, email: "ann@example.org" });
    const token = invitation.token;
    const phone = new HttpClient(server.url);
    expect((await phone.postForm(`/r/${token}`)).status).toBe(302);
    expect(phone.cookieHeader()).toMatch(/mg_resume_i\d+=/);
    await postPage(phone, token, PAGES.now, "next", { "alloc_now.retail": "100" });
    expect((await phone.get(`/r/${token}/survey`)).status).toBe(200);

    const laptop = new HttpClient(server.url);
    const welcome = await pageText(await laptop.get(`/r/${token}`));
    expect(welcome).toContain("You started this survey on another device");
    expect(welcome).not.toContain("Continue where you left off");
    // A plain start does not take the draft over: it leads back to the question.
    expect((await laptop.postForm(`/r/${token}`, { _intent: "start" })).headers.get("location")).toBe(`/r/${token}`);
    expect((await laptop.get(`/r/${token}/survey`)).headers.get("location")).toBe(`/r/${token}`);
    expect(await responsesOf(round.id)).toMatchObject([{ status: "draft", answers: { alloc_now: { retail: 100 } } }]);

    const restart = await laptop.postForm(`/r/${token}`, { _intent: "restart" });
    expect(restart.headers.get("location")).toBe(`/r/${token}/survey`);
    expect(await responsesOf(round.id)).toMatchObject([{ status: "draft", answers: {}, invitationId: invitation.id }]);
    // Now the phone's cookie leads nowhere: it is the other device.
    expect(await pageText(await phone.get(`/r/${token}`))).toContain("You started this survey on another device");

    const answers = completeAnswers(17);
    expect((await answerAllPages(laptop, token, answers)).headers.get("location")).toBe(`/r/${token}/thanks`);
    const stored = await responsesOf(round.id);
    expect(stored).toHaveLength(1);
    expectScored(stored[0], answers);
    // Forgotten at submit: the response keeps no reference to the invitation, which keeps only "answered".
    expect(stored[0]).toMatchObject({ invitationId: null, resumeToken: null });
    expect((await db().select().from(invitations).where(eq(invitations.id, invitation.id)))[0]!.answered).toBe(true);

    // Opened again anywhere: the thank-you page; submitting again changes nothing.
    for (const browser of [phone, laptop, new HttpClient(server.url)]) {
      expect((await browser.get(`/r/${token}`)).headers.get("location")).toBe(`/r/${token}/thanks`);
      expect((await browser.get(`/r/${token}/thanks`)).status).toBe(200);
      expect((await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(18) })).headers.get("location")).toBe(`/r/${token}/thanks`);
    }
    expect(await responsesOf(round.id)).toHaveLength(1);
    expect((await responsesOf(round.id))[0]!.answers).toEqual(answers);
  });
});

describe("rounds that are not taking answers", () => {
  it("shows a closed round its own page, never cached, keeps saved drafts, and opens again in the same browser", async () => {
    const { round, levels } = await createTestRound(db());
    const token = levels[0]!.linkToken;
    const browser = new HttpClient(server.url);
    await startOpenLink(browser, token);
    await postPage(browser, token, PAGES.practices, "next", { ka_p1: "5" });
    await setStatus(round.id, "closed");

    const welcome = await browser.get(`/r/${token}`);
    expect(welcome.status).toBe(410);
    expect(welcome.headers.get("cache-control")).toBe("no-store");
    expect(await welcome.text()).toContain("This survey has closed");
    const survey = await browser.get(`/r/${token}/survey`);
    expect(survey.status).toBe(410);
    expect(survey.headers.get("cache-control")).toBe("no-store");
    expect((await browser.postJson(`/r/${token}/save`, { answers: { ka_p1: 1 }, page: 1 })).status).toBe(410);
    expect((await postPage(browser, token, PAGES.practices, "next", { ka_p1: "1" })).status).toBe(410);
    expect((await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(6) })).status).toBe(410);
    expect((await responsesOf(round.id))[0]).toMatchObject({ status: "draft", answers: { ka_p1: 5 } });

    await setStatus(round.id, "open");
    expect((await browser.get(`/r/${token}`)).status).toBe(200);
    expect((await browser.get(`/r/${token}/survey`)).status).toBe(200);
  });

  it("shows a round that has not opened yet its own page", async () => {
    const draftRound = await createTestRound(db(), { status: "draft" });
    const response = await new HttpClient(server.url).get(`/r/${draftRound.levels[0]!.linkToken}`);
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("This survey is not open yet");
    const later = await createTestRound(db(), { opensAt: new Date(Date.now() + 86_400_000) });
    const laterPage = await new HttpClient(server.url).get(`/r/${later.levels[0]!.linkToken}`);
    expect(laterPage.status).toBe(403);
    expect(await pageText(laterPage)).toMatch(/It opens on/);
    expect((await new HttpClient(server.url).postForm(`/r/${later.levels[0]!.linkToken}`)).status).toBe(403);
  });
});

describe("the journey's edges", () => {
  it("refuses a cross-site post", async () => {
    const { round, levels } = await createTestRound(db());
    const response = await new HttpClient(server.url).request(`/r/${levels[0]!.linkToken}`, { method: "POST", headers: { origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect(await responsesOf(round.id)).toHaveLength(0);
  });

  it("answers the health check with the database status", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" }); // anyone may ask: ok or not, nothing more
  });
});
