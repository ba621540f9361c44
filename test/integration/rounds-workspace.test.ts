import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invitations, rounds } from "~db/schema";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { findRound, listLevels } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
import { currentInstrument } from "~/domain/instrument/instruments";
import { completeAnswers } from "../support/factories";
import { HttpClient } from "../support/http";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let facilitator: HttpClient;
let orgId: string;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  const org = await findOrCreateOrganisation(server.database.db, `Org ${Math.random()}`);
  orgId = org.id;
  facilitator = await signedIn(server.url, await createAccount(server.database.db, "facilitator", [orgId]));
});
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

interface RoundFields {
  name?: string;
  instrument?: string;
  minGroupSize?: string;
  opensOn?: string;
  closesOn?: string;
  levels?: [string, string][];
}

function roundForm({ levels = [["", "Board"], ["", "Managers"], ["", "Front line"]], ...rest }: RoundFields = {}) {
  const form = new URLSearchParams({ name: "Spring", instrument: `${currentInstrument.id}@${currentInstrument.version}`, opensOn: "", closesOn: "", minGroupSize: "5", welcomeNote: "Hello", ...rest });
  for (const [id, label] of levels) {
    form.append("levelId", id);
    form.append("levelLabel", label);
  }
  return form;
}

async function createRoundThroughForm(fields: RoundFields = {}) {
  const response = await facilitator.request(`/orgs/${orgId}/rounds/new`, { method: "POST", body: roundForm(fields) });
  expect(response.status).toBe(302);
  return response.headers.get("location")!.match(/\/rounds\/(\w+)/)![1]!;
}

describe("creating and editing a round", () => {
  it("creates a draft round with its levels in order and sensible defaults offered", async () => {
    const page = await text(await facilitator.get(`/orgs/${orgId}/rounds/new`));
    for (const label of ["Board", "Senior managers", "Middle managers", "Front line"]) expect(page).toContain(`value="${label}"`);
    const roundId = await createRoundThroughForm();
    const { round } = (await findRound(db(), roundId))!;
    expect(round).toMatchObject({ name: "Spring", status: "draft", minGroupSize: 5, welcomeNote: "Hello" });
    expect((await listLevels(db(), roundId)).map((l) => [l.key, l.label])).toEqual([
      ["board", "Board"],
      ["managers", "Managers"],
      ["front-line", "Front line"],
    ]);
  });

  it("shows each error beside its field and saves nothing", async () => {
    const before = (await db().select().from(rounds)).length;
    const response = await facilitator.request(`/orgs/${orgId}/rounds/new`, {
      method: "POST",
      body: roundForm({ name: "", minGroupSize: "2", opensOn: "2030-05-02", closesOn: "2030-05-01", levels: [["", "Board"]] }),
    });
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain("Nothing was saved");
    expect(page).toContain("give the round a name");
    expect(page).toContain("minimum group size cannot be below 3");
    expect(page).toContain("a round needs at least two levels to compare");
    expect(page).toContain("the closing date must be on or after the opening date");
    expect((await db().select().from(rounds)).length).toBe(before);
  });

  it("shows every error at once, even those checked beyond the fields, in a summary that links to each field", async () => {
    const response = await facilitator.request(`/orgs/${orgId}/rounds/new`, {
      method: "POST",
      body: roundForm({ name: "", instrument: "customer-models@99", closesOn: "2020-01-01", minGroupSize: "two", levels: [["", "Board"], ["", ""]] }),
    });
    expect(response.status).toBe(400);
    const page = await text(response);
    expect(page).toContain("Nothing was saved: 5 things need fixing.");
    for (const [target, message] of [
      ["field-name", "Round name: give the round a name"],
      ["field-instrument", "Questionnaire: choose one of the listed questionnaires"],
      ["levels", "Levels: level 2: a level needs a label"],
      ["field-closesOn", "Closes on: the closing date has passed; choose a later day or leave it empty"],
      ["field-minGroupSize", "Minimum group size: minimum group size must be a number"],
    ]) {
      expect(page).toContain(`<a href="#${target}">${message}</a>`);
      expect(page).toContain(`id="${target}"`);
    }
    // Each message also stands beside its field.
    expect(page).toContain('id="field-closesOn-error"');
    expect(page).toContain('id="field-instrument-error"');
  });

  it("adds, renames, reorders and removes levels while a draft, then freezes them once open", async () => {
    const roundId = await createRoundThroughForm();
    const [board, managers, front] = await listLevels(db(), roundId);
    const edit = await facilitator.request(`/rounds/${roundId}/edit`, {
      method: "POST",
      body: roundForm({ name: "Spring 2027", levels: [[String(front!.id), "Front line staff"], [String(board!.id), "Board"], ["", "Suppliers"]] }),
    });
    expect(edit.status).toBe(302);
    const levels = await listLevels(db(), roundId);
    expect(levels.map((l) => [l.key, l.label])).toEqual([
      ["front-line", "Front line staff"],
      ["board", "Board"],
      ["suppliers", "Suppliers"],
    ]);
    expect(levels.find((l) => l.key === "front-line")!.linkToken).toBe(front!.linkToken);
    expect(levels.some((l) => l.id === managers!.id)).toBe(false);

    expect((await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" })).headers.get("location")).toBe(`/rounds/${roundId}?done=opened`);
    await facilitator.request(`/rounds/${roundId}/edit`, { method: "POST", body: roundForm({ name: "Renamed", levels: [[String(board!.id), "Only board"], ["", "New"]] }) });
    expect((await findRound(db(), roundId))!.round.name).toBe("Renamed");
    expect((await listLevels(db(), roundId)).map((l) => l.label)).toEqual(["Front line staff", "Board", "Suppliers"]);
    // The locked form still posts the levels as they are, so the rest of it can be saved from the page.
    const editPage = await text(await facilitator.get(`/rounds/${roundId}/edit`));
    const posted = [...editPage.matchAll(/<input type="hidden" name="levelLabel" value="([^"]*)"\/>/g)].map((m) => m[1]);
    expect(posted).toEqual(["Front line staff", "Board", "Suppliers"]);
  });
});

describe("running a round", () => {
  it("opens, closes (respondents then see the closed page) and reopens", async () => {
    const roundId = await createRoundThroughForm();
    const link = `/r/${(await listLevels(db(), roundId))[0]!.linkToken}`;
    expect((await new HttpClient(server.url).get(link)).status).toBe(403);
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    expect((await new HttpClient(server.url).get(link)).status).toBe(200);
    const closing = await facilitator.postForm(`/rounds/${roundId}`, { intent: "close" });
    expect(closing.headers.get("location")).toBe(`/rounds/${roundId}?done=closed`);
    expect((await new HttpClient(server.url).get(link)).status).toBe(410);
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    expect((await findRound(db(), roundId))!.round.status).toBe("open");
    const page = await text(await facilitator.get(`/rounds/${roundId}`));
    expect(page).toContain("Close the round…");
    expect(page).toContain("Yes, close the round");
  });

  it("clones a round into the next one, with the same levels, new links and a link back", async () => {
    const roundId = await createRoundThroughForm({ minGroupSize: "7" });
    const cloned = await facilitator.postForm(`/rounds/${roundId}`, { intent: "clone", name: "Autumn" });
    const nextId = cloned.headers.get("location")!.match(/\/rounds\/(\w+)/)![1]!;
    const next = (await findRound(db(), nextId))!.round;
    expect(next).toMatchObject({ name: "Autumn", status: "draft", minGroupSize: 7, predecessorId: roundId, welcomeNote: "Hello" });
    const [before, after] = [await listLevels(db(), roundId), await listLevels(db(), nextId)];
    expect(after.map((l) => [l.key, l.label])).toEqual(before.map((l) => [l.key, l.label]));
    expect(after.map((l) => l.linkToken)).not.toContain(before[0]!.linkToken);
  });

  it("replaces a level's link: the old one gets its own page", async () => {
    const roundId = await createRoundThroughForm();
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    const level = (await listLevels(db(), roundId))[0]!;
    const response = await facilitator.postForm(`/rounds/${roundId}`, { intent: "regenerate", levelId: String(level.id) });
    expect(response.headers.get("location")).toBe(`/rounds/${roundId}?done=link-regenerated`);
    const old = await new HttpClient(server.url).get(`/r/${level.linkToken}`);
    expect(old.status).toBe(410);
    expect(await text(old)).toContain("This link has been replaced");
    const fresh = (await listLevels(db(), roundId))[0]!.linkToken;
    expect(fresh).not.toBe(level.linkToken);
    expect((await new HttpClient(server.url).get(`/r/${fresh}`)).status).toBe(200);
  });

  it("refuses unknown actions and levels of other rounds", async () => {
    const roundId = await createRoundThroughForm();
    expect((await facilitator.postForm(`/rounds/${roundId}`, { intent: "explode" })).status).toBe(400);
    expect((await facilitator.postForm(`/rounds/${roundId}`, { intent: "regenerate", levelId: "999999" })).status).toBe(404);
  });
});

describe("personal invitations", () => {
  const upload = (client: HttpClient, roundId: string, csv: string, intent = "preview") => {
    const form = new FormData();
    form.set("intent", intent);
    if (intent === "preview") form.set("file", new Blob([csv], { type: "text/csv" }), "people.csv");
    else form.set("csv", csv);
    return client.request(`/rounds/${roundId}/invitations`, { method: "POST", body: form });
  };

  it("previews a CSV, showing bad rows with their line numbers, and stores nothing until every row is good", async () => {
    const roundId = await createRoundThroughForm();
    const bad = "email,level,name\nann@example.org,Board,Ann\nbob@example,Board,Bob\n";
    const preview = await upload(facilitator, roundId, bad);
    expect(preview.status).toBe(422);
    const page = await text(preview);
    expect(page).toContain("1 row needs fixing");
    expect(page).toContain("(line 3)");
    expect(page).toContain("&quot;bob@example&quot; is not an email address");
    expect((await upload(facilitator, roundId, bad, "import")).status).toBe(422);
    expect(await db().select().from(invitations).where(eq(invitations.roundId, roundId))).toHaveLength(0);

    const good = "email,level,name\nann@example.org,Board,Ann\nbob@example.org,front line,Bob\n";
    expect((await upload(facilitator, roundId, good)).status).toBe(200);
    const imported = await upload(facilitator, roundId, good, "import");
    expect(imported.headers.get("location")).toBe(`/rounds/${roundId}/invitations?added=2&skipped=0`);
    expect((await db().select().from(invitations).where(eq(invitations.roundId, roundId))).map((i) => i.email).sort()).toEqual(["ann@example.org", "bob@example.org"]);
    const again = await text(await upload(facilitator, roundId, good));
    expect(again).toContain("Everyone in this file is already invited to this round: there is nobody new to add.");
    const repeated = await upload(facilitator, roundId, good, "import");
    expect(repeated.status).toBe(200);
    expect(await db().select().from(invitations).where(eq(invitations.roundId, roundId))).toHaveLength(2);
  });

  it("skips people already invited when a list is uploaded again, adding only the new ones", async () => {
    const roundId = await createRoundThroughForm();
    expect((await upload(facilitator, roundId, "ann@example.org,board,Ann\nbob@example.org,board,Bob\n", "import")).status).toBe(302);
    const again = "ann@example.org,board,Ann\nbob@example.org,board,Bob\ncarl@example.org,front line,Carl\n";
    const preview = await upload(facilitator, roundId, again);
    expect(preview.status).toBe(200);
    const page = await text(preview);
    expect(page.match(/Already invited: skipped/g)).toHaveLength(2);
    expect(page).toContain("2 people are already invited and will be skipped; nobody gets a second invitation.");
    expect(page).toContain("Invite the 1 new person, skip 2");
    const imported = await upload(facilitator, roundId, again, "import");
    expect(imported.headers.get("location")).toBe(`/rounds/${roundId}/invitations?added=1&skipped=2`);
    expect(await text(await facilitator.get(imported.headers.get("location")!))).toContain("1 invitation added. Their invitations will be emailed when you open the round. 2 people already invited were skipped.");
    expect((await db().select().from(invitations).where(eq(invitations.roundId, roundId))).map((i) => i.email).sort()).toEqual(["ann@example.org", "bob@example.org", "carl@example.org"]);
  });

  it("counts participation through personal invitations per level, and shows no link and no one's status", async () => {
    const roundId = await createRoundThroughForm();
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    expect((await upload(facilitator, roundId, "ann@example.org,board,Ann\ncarl@example.org,board,=HYPERLINK(\"x\")\n", "import")).status).toBe(302);
    const [ann, carl] = (await db().select().from(invitations).where(eq(invitations.roundId, roundId))).sort((a, b) => a.email.localeCompare(b.email));
    const respondent = new HttpClient(server.url);
    await respondent.postForm(`/r/${ann!.token}`);
    expect((await respondent.postJson(`/r/${ann!.token}/survey`, { answers: completeAnswers(2) })).status).toBe(302);

    const page = await text(await facilitator.get(`/rounds/${roundId}`));
    expect(page).toMatch(/Board<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">50%<\/td>/);
    expect(page).toContain("4 more responses needed to report this level");
    const list = await text(await facilitator.get(`/rounds/${roundId}/invitations`));
    expect(list).toContain("<td>ann@example.org</td><td>Ann</td><td>Board</td></tr>");
    expect(list).toContain(`<td>carl@example.org</td><td>=HYPERLINK(&quot;x&quot;)</td><td>Board</td></tr>`);
    for (const token of [ann!.token, carl!.token]) expect(list).not.toContain(token);
    expect(list).not.toMatch(/submitted|not started/);
  });
});
