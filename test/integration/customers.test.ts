import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NORTHWIND_CUSTOMERS, seedDemo } from "~db/seed";
import { responses } from "~db/schema";
import { customerScoringKey } from "~/domain/instrument/customer-instrument";
import { scoreCustomerResponse } from "~/domain/instrument/customer-scoring";
import { currentCustomerInstrument, currentInstrument } from "~/domain/instrument/instruments";
import { scoreResponse } from "~/domain/instrument/scoring";
import { createRandom } from "~/domain/statistics/random";
import { simulateCustomerAnswers } from "~/domain/statistics/simulate-customers";
import { findOrCreateOrganisation } from "~/models/organisations.server";
import { buildRoundReport } from "~/models/reports.server";
import { importResponses } from "~/models/responses.server";
import { listLevels } from "~/models/rounds.server";
import { createAccount, signedIn } from "../support/accounts";
import { cli } from "../support/cli";
import { completeAnswers, createTestRound } from "../support/factories";
import type { HttpClient } from "../support/http";
import { linkIn, parseMessage } from "../support/mail";
import { submitAsNewRespondent } from "../support/respondents";
import { startTestServer, type TestServer } from "../support/server";
import { databaseEnv, tempDatabase } from "../support/database";

let server: TestServer;
let consultant: HttpClient;
let env: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  env = { ...databaseEnv(server.database), BASE_URL: "https://survey.example.org" };
});
afterAll(() => server.close());
const db = () => server.database.db;
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");
/** The slides' and charts' XML of a deck. */
async function deckText(response: Response) {
  const zip = await JSZip.loadAsync(await response.arrayBuffer());
  const names = Object.keys(zip.files).filter((name) => /^ppt\/(slides\/slide|charts\/chart)\d+\.xml$/.test(name));
  const parts = await Promise.all(names.map(async (name) => [name, await zip.file(name)!.async("string")] as const));
  return { slides: parts.filter(([n]) => n.includes("slides/")).map(([, x]) => x).join("\n"), charts: parts.filter(([n]) => n.includes("charts/")).map(([, x]) => x) };
}

const customerAnswers = (seed: number) => simulateCustomerAnswers(currentCustomerInstrument, NORTHWIND_CUSTOMERS, createRandom(`customer:${seed}`));
const customerRecord = (levelId: number, answers = customerAnswers(1)) => ({ levelId, answers, scores: scoreCustomerResponse(currentCustomerInstrument, answers) });
const staffRecord = (levelId: number, seed: number) => {
  const answers = completeAnswers(seed);
  return { levelId, answers, scores: scoreResponse(currentInstrument, answers) };
};
let fileCount = 0;
const writeFile = (records: unknown) => {
  const path = join(server.database.dir, `import-${++fileCount}.json`);
  writeFileSync(path, JSON.stringify(records));
  return path;
};

describe("the customer questionnaire on the command line", () => {
  it("instrument --customer --json prints its key as product.md says", async () => {
    const run = await cli(["instrument", "--customer", "--json"], env);
    expect(run.code).toBe(0);
    const key = run.json<Record<string, unknown>>();
    expect(key).toEqual(customerScoringKey(currentCustomerInstrument));
    expect(Object.keys(key).sort()).toEqual(["id", "items", "models", "nps", "scale", "version", "wanted"]);
  });

  it("round create --customers prints a customer link beside the levels; without it the link is null", async () => {
    const withCustomers = await cli(["round", "create", "--org", "Cli Customers", "--name", "With", "--levels", "board:Board,front:Front line", "--customers", "--json"], env);
    expect(withCustomers.code).toBe(0);
    const created = withCustomers.json<{ levels: { id: string; link: string }[]; customerLink: string }>();
    expect(created.levels.map((l) => l.id)).toEqual(["board", "front"]);
    expect(created.customerLink).toMatch(/^https:\/\/survey\.example\.org\/r\/[\w-]{20,}$/);
    expect(created.levels.map((l) => l.link)).not.toContain(created.customerLink);
    const without = await cli(["round", "create", "--org", "Cli Customers", "--name", "Without", "--levels", "board:Board,front:Front line", "--json"], env);
    expect(without.json<{ customerLink: unknown }>().customerLink).toBeNull();
  });

  it("refuses customers as a staff level id, in any case, writing nothing", async () => {
    const before = (await cli(["round", "create", "--org", "Reserved", "--name", "Probe", "--levels", "board:Board,front:Front", "--json"], env)).code;
    expect(before).toBe(0);
    for (const id of ["customers", "Customers"]) {
      const run = await cli(["round", "create", "--org", "Reserved", "--name", `Bad ${id}`, "--levels", `board:Board,${id}:Our customers`, "--json"], env);
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('"customers" is reserved for the round\'s customers');
      expect(run.stdout).toBe("");
    }
  });

  it("responses import checks customer records against the customer questionnaire, all or nothing", async () => {
    const created = (await cli(["round", "create", "--org", "Importers", "--name", "Spring", "--levels", "board:Board,front:Front line", "--customers", "--json"], env)).json<{ roundId: string }>();
    const count = async () => (await db().select().from(responses).where(eq(responses.roundId, created.roundId))).length;
    const staffUnderCustomers = await cli(["responses", "import", "--round", created.roundId, "--file", writeFile([{ level: "customers", answers: completeAnswers(1) }])], env);
    expect(staffUnderCustomers.code).not.toBe(0);
    expect(staffUnderCustomers.stderr).toMatch(/record 1: answers(\.\w+)?: /);
    const customerUnderStaff = await cli(["responses", "import", "--round", created.roundId, "--file", writeFile([{ level: "board", answers: customerAnswers(2) }])], env);
    expect(customerUnderStaff.code).not.toBe(0);
    const badNps = await cli(
      ["responses", "import", "--round", created.roundId, "--file", writeFile([{ level: "customers", answers: customerAnswers(3) }, { level: "customers", answers: { ...customerAnswers(4), recommend: 11 } }])],
      env,
    );
    expect(badNps.code).not.toBe(0);
    expect(badNps.stderr).toContain("record 2: answers.recommend: answer with a whole number from 0 to 10");
    expect(await count()).toBe(0);
    const ok = await cli(
      ["responses", "import", "--round", created.roundId, "--file", writeFile([{ level: "customers", answers: customerAnswers(5) }, { level: "board", answers: completeAnswers(6) }])],
      env,
    );
    expect(ok.json()).toEqual({ imported: 2 });
    const stored = await db().select().from(responses).where(eq(responses.roundId, created.roundId));
    expect(stored.filter((r) => r.customerScores !== null)).toHaveLength(1);
    expect(stored.filter((r) => r.explicit !== null)).toHaveLength(1);
  });
});

describe("the customers on every output obey the anonymity rules", () => {
  let roundId: string;
  let customerLevelId: number;
  const NUMBER = /customers,[^\r\n]*\d\.\d/;

  beforeAll(async () => {
    const { round, levels, customerLevel } = await createTestRound(db(), {
      minGroupSize: 5,
      organisationName: "Customer Anonymity",
      customerInstrument: { id: currentCustomerInstrument.id, version: currentCustomerInstrument.version },
    });
    roundId = round.id;
    customerLevelId = customerLevel!.id;
    await importResponses(db(), roundId, [...[1, 2, 3, 4, 5].map((s) => staffRecord(levels[0]!.id, s)), ...[6, 7, 8, 9, 10].map((s) => staffRecord(levels[1]!.id, s))]);
    // Four customers: one short of the minimum group.
    await importResponses(db(), roundId, [10, 11, 12, 13].map((s) => customerRecord(customerLevelId, customerAnswers(s))));
    consultant = await signedIn(server.url, await createAccount(db(), "consultant", [round.organisationId]));
  });

  it("below the minimum: JSON, CSV, page and CLI give the count only", async () => {
    const json = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Record<string, any>;
    expect(json.customers).toMatchObject({ id: "customers", responses: 4, reportable: false, experienced: null, wanted: null, nps: null, npsCi: null, responsesNeeded: 1 });
    expect(json.findings.filter((f: { levels: string[] }) => f.levels.includes("customers"))).toEqual([]);

    const csv = await text(await consultant.get(`/rounds/${roundId}/report.csv`));
    const rows = csv.split("\r\n").filter((line) => line.startsWith("customers,"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toMatch(NUMBER);

    const page = await text(await consultant.get(`/rounds/${roundId}/report`));
    expect(page).toContain("What customers experience");
    expect(page).toContain("4 responses, not enough responses to report (1 more needed)");
    expect(page).not.toContain("Net Promoter Score:");

    const cliJson = (await cli(["report", "--round", roundId], env)).json<Record<string, any>>();
    expect(cliJson.customers).toMatchObject({ responses: 4, reportable: false, nps: null, experienced: null });

    const deck = await deckText(await consultant.get(`/rounds/${roundId}/report.pptx`));
    expect(deck.slides).not.toContain("Net Promoter Score");
    expect(deck.charts.filter((xml) => xml.includes('<c:grouping val="clustered"/>'))).toEqual([]);
    const cliCsv = (await cli(["report", "--round", roundId, "--format", "csv"], env)).stdout;
    expect(cliCsv.split("\r\n").filter((line) => line.startsWith("customers,"))).toEqual(rows);
  });

  it("from the minimum group the figures appear, and one more customer moves none of them on any output", async () => {
    await importResponses(db(), roundId, [customerRecord(customerLevelId, customerAnswers(14))]);
    const before = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Record<string, any>;
    expect(before.customers).toMatchObject({ responses: 5, reportable: true });
    expect(typeof before.customers.nps).toBe("number");
    expect(before.customers.npsCi).toHaveLength(2);
    const csvBefore = (await cli(["report", "--round", roundId, "--format", "csv"], env)).stdout.split("\r\n").filter((l) => l.startsWith("customers,"));
    expect(csvBefore.some((line) => line.includes(",nps,"))).toBe(true);

    // A sixth customer who answers unlike anyone else: in the figures, they would move every one of them.
    const outlier = { ...customerAnswers(15), recommend: 0, want_alloc: { key_account: 100, relationship: 0, retail: 0, social: 0 } };
    await importResponses(db(), roundId, [customerRecord(customerLevelId, outlier)]);
    const after = (await (await consultant.get(`/rounds/${roundId}/report.json`)).json()) as Record<string, any>;
    expect(after.customers.responses).toBe(6);
    expect(after.customers.release).toMatchObject({ included: 5, pending: 1 });
    for (const figure of ["nps", "npsCi", "experienced", "wanted", "intensities", "npsGroups", "npsByModel"]) expect(after.customers[figure]).toEqual(before.customers[figure]);
    expect(after.findings).toEqual(before.findings);
    const csvAfter = (await cli(["report", "--round", roundId, "--format", "csv"], env)).stdout.split("\r\n").filter((l) => l.startsWith("customers,"));
    // Only the live count changes.
    expect(csvAfter.map((l) => l.replace(",6,true,", ",5,true,"))).toEqual(csvBefore);
    const cliAfter = (await cli(["report", "--round", roundId], env)).json<Record<string, any>>();
    expect(cliAfter.customers.nps).toBe(before.customers.nps);
    const page = await text(await consultant.get(`/rounds/${roundId}/report`));
    expect(page).toContain("These figures include 5 of 6 customer responses");
    expect(page).toContain("Net Promoter Score:");
    const deck = await deckText(await consultant.get(`/rounds/${roundId}/report.pptx`));
    expect(deck.slides).toContain(`Net Promoter Score ${before.customers.nps > 0 ? "+" : before.customers.nps < 0 ? "−" : ""}${Math.abs(Math.round(before.customers.nps))}`);
    expect(deck.slides).toContain("5 customer responses in the figures");
    expect(deck.charts.filter((xml) => xml.includes('<c:grouping val="clustered"/>'))).toHaveLength(1);
    const print = await text(await consultant.get(`/rounds/${roundId}/report/print`));
    expect(print).toContain("What customers experience");
    expect(print).toContain("These figures include 5 of 6 customer responses");
  });
});

describe("sharing the customer link", () => {
  it("the round form adds it; the round page shows it with a QR code; personal customer invitations are mailed as customers'; a customer answers with no account", async () => {
    const organisation = await findOrCreateOrganisation(db(), `Harbour ${Math.random()}`);
    const facilitator = await signedIn(server.url, await createAccount(db(), "facilitator", [organisation.id]));
    const form = new URLSearchParams({ name: "Spring", instrument: "customer-models@2", opensOn: "", closesOn: "", minGroupSize: "5", welcomeNote: "", customers: "on" });
    for (const label of ["Board", "Front line"]) {
      form.append("levelId", "");
      form.append("levelLabel", label);
    }
    const created = await facilitator.request(`/orgs/${organisation.id}/rounds/new`, { method: "POST", body: form });
    expect(created.status).toBe(302);
    const roundId = created.headers.get("location")!.match(/\/rounds\/(\w+)/)![1]!;
    const levels = await listLevels(db(), roundId);
    expect(levels.map((l) => [l.key, l.kind])).toEqual([
      ["board", "staff"],
      ["front-line", "staff"],
      ["customers", "customers"],
    ]);
    expect((await facilitator.postForm(`/rounds/${roundId}`, { intent: "open" })).status).toBe(302);
    const customerToken = levels[2]!.linkToken;
    const page = await text(await facilitator.get(`/rounds/${roundId}`));
    expect(page).toContain(`/r/${customerToken}`);
    expect(page).toContain("The customer link: share it with the organisation’s customers");
    expect(page.match(/<svg/g)!.length).toBeGreaterThanOrEqual(3); // a QR code per link

    // Personal invitations by email, with the level "Customers": the message speaks to a customer.
    const preview = new FormData();
    preview.set("intent", "import");
    preview.set("csv", "carla@example.org,Customers,Carla\n");
    expect((await facilitator.request(`/rounds/${roundId}/invitations`, { method: "POST", body: preview })).status).toBe(302);
    const outbox = join(server.database.dir, "outbox");
    await expect.poll(() => (existsSync(outbox) ? readdirSync(outbox).length : 0), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const mail = readdirSync(outbox)
      .map((name) => parseMessage(readFileSync(join(outbox, name), "utf8")))
      .find((m) => m.headers.get("to") === "carla@example.org")!;
    expect(mail.text).toContain("As one of their customers, you are invited to answer a short survey");
    expect(mail.text).toContain("groups of at least 5 customers");
    const welcome = await text(await facilitator.get(linkIn(mail).replace(server.url, "")));
    expect(welcome).toContain(`What is it like to be a customer of ${organisation.name}?`);

    // The open customer link takes the customer questionnaire, and only it.
    const staffShaped = await submitAsNewRespondent(server.url, customerToken, completeAnswers(1));
    expect(staffShaped.acknowledged).toBe(false);
    const answered = await submitAsNewRespondent(server.url, customerToken, customerAnswers(21));
    expect(answered.acknowledged).toBe(true);
    const stored = (await db().select().from(responses).where(eq(responses.levelId, levels[2]!.id))).filter((r) => r.status === "submitted");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.customerScores).toEqual(scoreCustomerResponse(currentCustomerInstrument, customerAnswers(21)));
    expect(stored[0]!.explicit).toBeNull();
  });
});

describe("the demo", () => {
  it("shows Northwind's customers getting retail and wanting relationship: the loyalty team's relationship gap and the customers' unmet want, both firm", async () => {
    const database = await tempDatabase();
    try {
      const { closedRoundId, openRoundId } = await seedDemo(database.db);
      const report = (await buildRoundReport(database.db, closedRoundId))!;
      expect(report.customers).toMatchObject({ responses: 24, reportable: true });
      const ids = report.models.map((m) => m.id);
      const top = (profile: Record<string, number>) => ids.reduce((a, b) => (profile[b]! > profile[a]! ? b : a));
      expect(top(report.customers!.experienced!)).toBe("retail");
      expect(top(report.customers!.wanted!)).toBe("relationship");
      const firm = report.findings.filter((f) => !f.tentative).map((f) => f.key);
      expect(firm).toContain("relationship_gap:middle+customers:relationship");
      expect(firm).toContain("unmet_want:customers:relationship");
      // Every firm finding belongs to one summary message: the customers' ones too.
      const summarised = report.summary.flatMap((m) => m.findings);
      expect(summarised).toEqual(expect.arrayContaining(["relationship_gap:middle+customers:relationship", "unmet_want:customers:relationship"]));
      expect((await buildRoundReport(database.db, openRoundId))!.customers).toBeNull();
    } finally {
      await database.cleanup();
    }
  });
});
