import { eq } from "drizzle-orm";
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitationMessages, invitations } from "~db/schema";
import { NORTHWIND_PLANS } from "~db/seed";
import { currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { importResponses } from "~/models/responses.server";
import { findRound, listLevels } from "~/models/rounds.server";
import { createAccount, signedIn } from "../../support/accounts";
import { cli } from "../../support/cli";
import { completeAnswers, createTestRound } from "../../support/factories";
import { HttpClient } from "../../support/http";
import { startSmtpServer, waitForMail, type ReceivedMail, type TestSmtpServer } from "../../support/mail";
import { databaseEnv } from "../../support/database";
import { startTestServer, type TestServer } from "../../support/server";

/**
 * Issue 9's attacks by the people who run a survey, replayed against a real
 * server: each test fails if the attack recovers who answered, an invitee's
 * link, or lets a figure move by one person.
 */
let smtp: TestSmtpServer;
let server: TestServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});
const db = () => server.database.db;
const PEOPLE = ["erin", "frank", "gita", "hugo"].map((name) => `${name}@example.org`);

async function invite(client: HttpClient, roundId: string, csv: string) {
  const form = new FormData();
  form.set("intent", "import");
  form.set("csv", csv);
  expect((await client.request(`/rounds/${roundId}/invitations`, { method: "POST", body: form })).status).toBe(302);
}

/** A round with four invitees at the board, three earlier board answers by open link, and one facilitator. */
async function invitedRound(organisationName: string, facilitator: HttpClient | null = null) {
  const organisation = await findOrCreateOrganisation(db(), organisationName);
  const { round, levels } = await createTestRound(db(), { organisationName, name: "Spring", minGroupSize: 3 });
  const client = facilitator ?? (await signedIn(server.url, await createAccount(db(), "facilitator", [organisation.id])));
  const answers = completeAnswers(11, NORTHWIND_PLANS.board!);
  await importResponses(db(), round.id, [1, 2, 3].map(() => ({ levelId: levels[0]!.id, answers, scores: scoreResponse(currentInstrument, answers) })), { now: new Date(Date.UTC(2027, 0, 4, 9)) });
  await invite(client, round.id, PEOPLE.map((email) => `${email},board`).join("\n"));
  const tokens = new Map((await db().select().from(invitations).where(eq(invitations.roundId, round.id))).map((i) => [i.email, i.token]));
  return { round, levels, facilitator: client, organisation, tokens };
}

/** The invitee answers through their own link, in their own browser. */
async function answer(token: string, seed = 21) {
  const browser = new HttpClient(server.url);
  expect((await browser.postForm(`/r/${token}`)).status).toBe(302);
  expect((await browser.postJson(`/r/${token}/survey`, { answers: completeAnswers(seed, NORTHWIND_PLANS.board!) })).status).toBe(302);
}

/** Every output a facilitator can reach for a round: pages, their loader data, exports and the CLI. */
async function everythingStaffSee(client: HttpClient, roundId: string, organisationId: string): Promise<Record<string, string>> {
  const paths = [
    "/orgs",
    `/orgs/${organisationId}`,
    `/rounds/${roundId}`,
    `/rounds/${roundId}/edit`,
    `/rounds/${roundId}/invitations`,
    `/rounds/${roundId}/exclusions`,
    `/rounds/${roundId}/report`,
    `/rounds/${roundId}/report/print`,
    `/rounds/${roundId}/report.json`,
    `/rounds/${roundId}/report.csv`,
  ];
  const seen: Record<string, string> = {};
  for (const path of paths) {
    seen[path] = await (await client.get(path)).text();
    // Remix's single fetch: the loader data a client-side navigation receives, decoded as Remix's client does.
    if (!/\.(json|csv)$/.test(path)) seen[`${path}.data`] = await loaderData(client, `${path}.data`);
  }
  seen["cli report"] = (await cli(["report", "--round", roundId], databaseEnv(server.database))).stdout;
  return seen;
}

/**
 * What differs between two rounds by construction, blanked out: ids, names,
 * level links and their QR codes, per-response nonces, and clock times (the
 * arrival windows and the print date say when, never who).
 */
function normalise(text: string, round: { id: string; organisationId: string }, levels: { id: number; linkToken: string }[]) {
  let result = text.replaceAll(round.id, "ROUND").replaceAll(round.organisationId, "ORG");
  for (const level of levels) {
    result = result.replaceAll(level.linkToken, "LINK");
    for (const form of [`"id":"${level.id}"`, `"id":${level.id},`, `"levelId":${level.id},`, `name="levelId" value="${level.id}"`]) result = result.replaceAll(form, "LEVELID");
  }
  return result
    .replace(/Twins [\d.]+ [AB]/g, "ORGNAME")
    .replace(/Twins 0\\2e \d+ [AB]/g, "ORGNAME") // the print view's running footer, as a CSS string
    .replace(/<svg[\s\S]*?<\/svg>/g, "QR")
    .replace(/nonce="[^"]*"|"nonce":"[^"]*"/g, "")
    // The report's render-cache key (a hash of the round's figures version, which holds its id and times).
    .replace(/data-version="[0-9a-f]+"|"islandsVersion":"[0-9a-f]+"/g, "")
    // Remix's inline copy of the loader data: compared decoded, as the .data responses.
    .replace(/<script[^>]*>window\.__remixContext[\s\S]*?<\/script>/g, "LOADERDATA")
    .replace(/\d{13}/g, "MS")
    .replace(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?/g, "DATE")
    .replace(/\d{1,2} [A-Z][a-z]{2}, \d{2}:\d{2}|\d{2}:\d{2} UTC/g, "CLOCK")
    .replace(/This window has not ended yet\.|<form method="post"><input type="hidden" name="from"[\s\S]*?<\/form>/g, "WINDOW");
}

describe("attack: learning who answered, or holding their link, as a facilitator", () => {
  it("no page, loader data, export or CLI output holds an invitee's personal link", async () => {
    const { round, organisation, facilitator, tokens } = await invitedRound(`Links ${Math.random()}`);
    await answer(tokens.get("erin@example.org")!);
    const seen = await everythingStaffSee(facilitator, round.id, organisation.id);
    for (const [path, body] of Object.entries(seen)) for (const token of tokens.values()) expect(body, path).not.toContain(token);
    for (const path of [`/rounds/${round.id}/invitations.csv`, `/rounds/${round.id}/reminders.csv`]) expect((await facilitator.get(path)).status).toBe(404);
  });

  it("everything staff see is the same whether Erin or Frank answered: nothing tells a named invitee's status", async () => {
    const name = `Twins ${Math.random()}`;
    const [orgA, orgB] = [await findOrCreateOrganisation(db(), `${name} A`), await findOrCreateOrganisation(db(), `${name} B`)];
    const facilitator = await signedIn(server.url, await createAccount(db(), "facilitator", [orgA.id, orgB.id]));
    const a = await invitedRound(orgA.name, facilitator);
    const b = await invitedRound(orgB.name, facilitator);
    await answer(a.tokens.get("erin@example.org")!);
    await answer(b.tokens.get("frank@example.org")!);
    // Both rounds' invitation emails delivered, so neither page shows mail still on its way.
    await expect.poll(async () => (await db().select().from(invitationMessages)).filter((m) => [a.round.id, b.round.id].includes(m.roundId) && m.status !== "sent").length, { timeout: 30_000 }).toBe(0);
    const [seenA, seenB] = [await everythingStaffSee(facilitator, a.round.id, a.organisation.id), await everythingStaffSee(facilitator, b.round.id, b.organisation.id)];
    const pathsB = Object.keys(seenB);
    const [levelsA, levelsB] = [await listLevels(db(), a.round.id), await listLevels(db(), b.round.id)];
    Object.keys(seenA).forEach((path, index) => {
      if (path.startsWith("/orgs.") || path === "/orgs") return; // the list of both organisations: one page, not one per round
      // Arrival windows show when answers came (a time, not a person), so that page differs by the clock alone: it is compared without times.
      const [left, right] = [normalise(seenA[path]!, a.round, levelsA), normalise(seenB[pathsB[index]!]!, b.round, levelsB)];
      expect(firstDifference(left, right), path).toBeNull();
    });
    expect(seenA[`/rounds/${a.round.id}/invitations`]).toContain("<td>erin@example.org</td><td></td><td>Board</td></tr>");
    expect(seenA[`/rounds/${a.round.id}/invitations`]).toContain("<td>frank@example.org</td><td></td><td>Board</td></tr>");
  });

  it("reminders reach exactly the invitees who have not answered, while staff learn only how many", async () => {
    const { round, levels, facilitator, tokens, organisation } = await invitedRound(`Reminders ${Math.random()}`);
    const ofThisRound = (kind: "invitation" | "reminder") => (mail: ReceivedMail) => mail.subject.includes(organisation.name) && mail.subject.startsWith("Reminder:") === (kind === "reminder");
    await waitForMail(smtp, 4, { match: ofThisRound("invitation") });
    await answer(tokens.get("erin@example.org")!);
    await answer(tokens.get("gita@example.org")!, 22);
    const reminded = await facilitator.postForm(`/rounds/${round.id}/invitations`, { intent: "remind", levelId: String(levels[0]!.id) });
    const location = reminded.headers.get("location")!;
    expect(location).toBe(`/rounds/${round.id}/invitations?reminded=2&level=Board`);
    await waitForMail(smtp, 2, { match: ofThisRound("reminder") });
    // Everything queued has been handled: no third reminder is on its way.
    await expect.poll(async () => (await db().select().from(invitationMessages).where(eq(invitationMessages.roundId, round.id))).filter((m) => m.status !== "sent").length, { timeout: 30_000 }).toBe(0);
    expect(smtp.received.filter(ofThisRound("reminder")).map((m) => m.to.join(",")).sort()).toEqual(["frank@example.org", "hugo@example.org"]);
    const page = await (await facilitator.get(location)).text();
    expect(page.replaceAll("<!-- -->", "")).toContain("Reminder sent to 2 people at Board.");
    // The answer names no one: the emails on the page are the uploaded list, in its fixed order.
    const listed = [...page.matchAll(/<td>([^<]+@example\.org)<\/td>/g)].map((m) => m[1]);
    expect(listed).toEqual([...PEOPLE].sort());
  });
});

describe("attack: making a figure move by one person", () => {
  it("lowering the minimum group after answers is refused on the form and the CLI", async () => {
    const { round, facilitator, tokens } = await invitedRound(`Lower ${Math.random()}`);
    await answer(tokens.get("erin@example.org")!);
    const form = new URLSearchParams({ name: "Spring", instrument: `${round.instrumentId}@${round.instrumentVersion}`, opensOn: "", closesOn: "", minGroupSize: "3", welcomeNote: "" });
    for (const level of await listLevels(db(), round.id)) {
      form.append("levelId", String(level.id));
      form.append("levelLabel", level.label);
    }
    // Raise to 5 (allowed), then try to go back to 3 to reveal a 4-person level.
    form.set("minGroupSize", "5");
    expect((await facilitator.request(`/rounds/${round.id}/edit`, { method: "POST", body: form })).status).toBe(302);
    form.set("minGroupSize", "3");
    expect((await facilitator.request(`/rounds/${round.id}/edit`, { method: "POST", body: form })).status).toBe(400);
    expect((await cli(["round", "set", "--round", round.id, "--min-group", "4"], databaseEnv(server.database))).code).toBe(1);
    expect((await findRound(db(), round.id))!.round.minGroupSize).toBe(5);
    const report = (await (await facilitator.get(`/rounds/${round.id}/report.json`)).json()) as { minGroupSize: number; levels: { id: string; reportable: boolean }[] };
    expect(report.minGroupSize).toBe(5);
    expect(report.levels.find((l) => l.id === "board")!.reportable).toBe(false);
  });

  it("an exclusion that would remove one person's response is refused, also by excluding 5, undoing and excluding 6", async () => {
    const { round, levels } = await createTestRound(db(), { organisationName: `Differencing ${Math.random()}`, minGroupSize: 5 });
    const facilitator = await signedIn(server.url, await createAccount(db(), "facilitator", [round.organisationId]));
    const minute = 60_000;
    const t0 = Math.floor((Date.now() - 3600_000) / minute) * minute;
    const add = async (minuteOffset: number, levelIndex: number, count: number, seed: number) => {
      const answers = completeAnswers(seed, NORTHWIND_PLANS.board!);
      await importResponses(db(), round.id, Array.from({ length: count }, () => ({ levelId: levels[levelIndex]!.id, answers, scores: scoreResponse(currentInstrument, answers) })), { now: new Date(t0 + minuteOffset * minute + 1000) });
    };
    await add(0, 0, 5, 1); // five board responses in minute 0
    await add(1, 0, 1, 2); // the target: one board response in minute 1 ...
    await add(1, 1, 5, 3); // ... hidden among five front-line ones
    await add(2, 0, 6, 4);
    const exclude = (from: number, to: number) => facilitator.postForm(`/rounds/${round.id}/exclusions`, { intent: "exclude", from: String(t0 + from * minute), to: String(t0 + to * minute) });
    const boardCount = async () => ((await (await facilitator.get(`/rounds/${round.id}/report.json`)).json()) as { levels: { id: string; responses: number }[] }).levels.find((l) => l.id === "board")!.responses;
    expect(await boardCount()).toBe(12);
    // Directly: minute 1 holds one board response.
    expect((await exclude(1, 2)).status).toBe(409);
    // By differencing: exclude minute 0 (5 board), undo, then exclude minutes 0-1 (6 board): 1 apart from the first.
    expect((await exclude(0, 1)).status).toBe(302);
    expect(await boardCount()).toBe(7);
    const [first] = await (await import("~/models/exclusions.server")).listExclusions(db(), round.id);
    expect((await facilitator.postForm(`/rounds/${round.id}/exclusions`, { intent: "include", exclusionId: String(first!.id) })).status).toBe(302);
    expect(await boardCount()).toBe(12);
    const sixth = await exclude(0, 2);
    expect(sixth.status).toBe(409);
    expect(await sixth.text()).toContain("Board would then differ by 1 response from the report as it stood after an earlier exclusion change");
    expect(await boardCount()).toBe(12);
  });
});

/** Where two texts part, with some context either side (readable, where a whole page is not), or null when equal. */
function firstDifference(left: string, right: string): string | null {
  if (left === right) return null;
  let i = 0;
  while (left[i] === right[i]) i++;
  return `at ${i}: …${left.slice(Math.max(0, i - 80), i + 80)}… versus …${right.slice(Math.max(0, i - 80), i + 80)}…`;
}

/** A `.data` response (turbo-stream, Remix's single fetch format) as JSON text. */
async function loaderData(client: HttpClient, path: string): Promise<string> {
  const response = await client.get(path);
  const decoded = await decode(response.body!);
  await decoded.done;
  return JSON.stringify(decoded.value);
}
