import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invitations, rounds } from "~db/schema";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { findRound, listLevels } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
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
  const org = findOrCreateOrganisation(server.database.db, `Org ${Math.random()}`);
  orgId = org.id;
  facilitator = await signedIn(server.url, await createAccount(server.database.db, "facilitator", [orgId]));
});
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

interface RoundFields {
  name?: string;
  minGroupSize?: string;
  opensOn?: string;
  closesOn?: string;
  levels?: [string, string][];
}

function roundForm({ levels = [["", "Board"], ["", "Managers"], ["", "Front line"]], ...rest }: RoundFields = {}) {
  const form = new URLSearchParams({ name: "Spring", instrument: "customer-models@2", opensOn: "", closesOn: "", minGroupSize: "5", welcomeNote: "Hello", ...rest });
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
    const { round } = findRound(db(), roundId)!;
    expect(round).toMatchObject({ name: "Spring", status: "draft", minGroupSize: 5, welcomeNote: "Hello" });
    expect(listLevels(db(), roundId).map((l) => [l.key, l.label])).toEqual([
      ["board", "Board"],
      ["managers", "Managers"],
      ["front-line", "Front line"],
    ]);
  });

  it("shows each error beside its field and saves nothing", async () => {
    const before = db().select().from(rounds).all().length;
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
    expect(db().select().from(rounds).all().length).toBe(before);
  });

  it("adds, renames, reorders and removes levels while a draft, then freezes them once open", async () => {
    const roundId = await createRoundThroughForm();
    const [board, managers, front] = listLevels(db(), roundId);
    const edit = await facilitator.request(`/rounds/${roundId}/edit`, {
      method: "POST",
      body: roundForm({ name: "Spring 2027", levels: [[String(front!.id), "Front line staff"], [String(board!.id), "Board"], ["", "Suppliers"]] }),
    });
    expect(edit.status).toBe(302);
    const levels = listLevels(db(), roundId);
    expect(levels.map((l) => [l.key, l.label])).toEqual([
      ["front-line", "Front line staff"],
      ["board", "Board"],
      ["suppliers", "Suppliers"],
    ]);
    expect(levels.find((l) => l.key === "front-line")!.linkToken).toBe(front!.linkToken);
    expect(levels.some((l) => l.id === managers!.id)).toBe(false);

    expect((await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" })).headers.get("location")).toBe(`/rounds/${roundId}?done=opened`);
    await facilitator.request(`/rounds/${roundId}/edit`, { method: "POST", body: roundForm({ name: "Renamed", levels: [[String(board!.id), "Only board"], ["", "New"]] }) });
    expect(findRound(db(), roundId)!.round.name).toBe("Renamed");
    expect(listLevels(db(), roundId).map((l) => l.label)).toEqual(["Front line staff", "Board", "Suppliers"]);
  });
});

describe("running a round", () => {
  it("opens, closes (respondents then see the closed page) and reopens", async () => {
    const roundId = await createRoundThroughForm();
    const link = `/r/${listLevels(db(), roundId)[0]!.linkToken}`;
    expect((await new HttpClient(server.url).get(link)).status).toBe(403);
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    expect((await new HttpClient(server.url).get(link)).status).toBe(200);
    const closing = await facilitator.postForm(`/rounds/${roundId}`, { intent: "close" });
    expect(closing.headers.get("location")).toBe(`/rounds/${roundId}?done=closed`);
    expect((await new HttpClient(server.url).get(link)).status).toBe(410);
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    expect(findRound(db(), roundId)!.round.status).toBe("open");
    const page = await text(await facilitator.get(`/rounds/${roundId}`));
    expect(page).toContain("Close the round…");
    expect(page).toContain("Yes, close the round");
  });

  it("clones a round into the next one, with the same levels, new links and a link back", async () => {
    const roundId = await createRoundThroughForm({ minGroupSize: "7" });
    const cloned = await facilitator.postForm(`/rounds/${roundId}`, { intent: "clone", name: "Autumn" });
    const nextId = cloned.headers.get("location")!.match(/\/rounds\/(\w+)/)![1]!;
    const next = findRound(db(), nextId)!.round;
    expect(next).toMatchObject({ name: "Autumn", status: "draft", minGroupSize: 7, predecessorId: roundId, welcomeNote: "Hello" });
    const [before, after] = [listLevels(db(), roundId), listLevels(db(), nextId)];
    expect(after.map((l) => [l.key, l.label])).toEqual(before.map((l) => [l.key, l.label]));
    expect(after.map((l) => l.linkToken)).not.toContain(before[0]!.linkToken);
  });

  it("replaces a level's link: the old one gets its own page", async () => {
    const roundId = await createRoundThroughForm();
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    const level = listLevels(db(), roundId)[0]!;
    const response = await facilitator.postForm(`/rounds/${roundId}`, { intent: "regenerate", levelId: String(level.id) });
    expect(response.headers.get("location")).toBe(`/rounds/${roundId}?done=link-regenerated`);
    const old = await new HttpClient(server.url).get(`/r/${level.linkToken}`);
    expect(old.status).toBe(410);
    expect(await text(old)).toContain("This link has been replaced");
    const fresh = listLevels(db(), roundId)[0]!.linkToken;
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
    expect(db().select().from(invitations).where(eq(invitations.roundId, roundId)).all()).toHaveLength(0);

    const good = "email,level,name\nann@example.org,Board,Ann\nbob@example.org,front line,Bob\n";
    expect((await upload(facilitator, roundId, good)).status).toBe(200);
    const imported = await upload(facilitator, roundId, good, "import");
    expect(imported.headers.get("location")).toBe(`/rounds/${roundId}/invitations?added=2`);
    expect(db().select().from(invitations).where(eq(invitations.roundId, roundId)).all().map((i) => i.email).sort()).toEqual(["ann@example.org", "bob@example.org"]);
    const again = await text(await upload(facilitator, roundId, good));
    expect(again).toContain("this person is already invited to this round");
  });

  it("exports the personal links for a mail merge and the reminder list of those who have not submitted", async () => {
    const roundId = await createRoundThroughForm();
    await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" });
    expect((await upload(facilitator, roundId, "ann@example.org,board,Ann\ncarl@example.org,board,=HYPERLINK(\"x\")\n", "import")).status).toBe(302);
    const links = await facilitator.get(`/rounds/${roundId}/invitations.csv`);
    expect(links.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(links.headers.get("content-disposition")).toMatch(/attachment; filename="Spring-invitation-links\.csv"/);
    const csv = (await links.text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("email,name,level,level_label,link");
    expect(lines[1]).toMatch(new RegExp(`^ann@example.org,Ann,board,Board,${server.url}/r/[\\w-]{22}$`));
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);

    const ann = db().select().from(invitations).where(eq(invitations.email, "ann@example.org")).all().find((i) => i.roundId === roundId)!;
    const respondent = new HttpClient(server.url);
    await respondent.postForm(`/r/${ann.token}`);
    expect((await respondent.postJson(`/r/${ann.token}/survey`, { answers: completeAnswers(2) })).status).toBe(302);
    const reminders = (await (await facilitator.get(`/rounds/${roundId}/reminders.csv`)).text()).trim().split("\r\n");
    expect(reminders).toHaveLength(2);
    expect(reminders[1]).not.toContain("ann@example.org");
    expect(reminders[1]).toContain("not started");

    const page = await text(await facilitator.get(`/rounds/${roundId}`));
    expect(page).toMatch(/Board<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">50%<\/td>/);
    expect(page).toContain("4 more responses needed to report this level");
  });
});
