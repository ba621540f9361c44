import { describe, expect, it } from "vitest";
import { currentCustomerInstrument, getInstrument } from "~/domain/instrument/instruments";
import { buildReport, type ReportInput } from "~/domain/report/report";
import { reportToCsv } from "~/domain/report/report-csv";

const instrument = getInstrument("customer-models", 2);
const profile = (key_account: number, relationship: number, retail: number, social: number) => ({ key_account, relationship, retail, social });
type Staff = ReportInput["responses"][number];
type Customer = NonNullable<ReportInput["customers"]>["responses"][number];

const staff = (levelId: string, overrides: Partial<Staff> = {}): Staff => ({
  levelId,
  explicit: profile(0.1, 0.5, 0.3, 0.1),
  desired: profile(0.1, 0.5, 0.3, 0.1),
  said: profile(0.2, 0.4, 0.2, 0.2),
  saidIntensities: profile(0.4, 0.8, 0.4, 0.4),
  implicit: profile(0.25, 0.25, 0.25, 0.25),
  intensities: profile(0.5, 0.5, 0.5, 0.5),
  facetProfiles: { practices: profile(0.25, 0.25, 0.25, 0.25), line_of_sight: profile(0.25, 0.25, 0.25, 0.25) },
  answers: {},
  ...overrides,
});

/** A customer who experiences mainly retail (relationship weak) and wants relationship. */
const customer = (nps: number, overrides: Partial<Customer> = {}): Customer => ({
  experienced: profile(0.2, 0.1, 0.5, 0.2),
  intensities: profile(0.4, 0.2, 1, 0.4),
  wanted: profile(0.1, 0.6, 0.2, 0.1),
  nps,
  answers: {},
  ...overrides,
});

const input = (customers: Customer[], extra: Partial<NonNullable<ReportInput["customers"]>> = {}, minGroupSize = 5): ReportInput => ({
  round: { id: "r1", name: "Round", organisation: "Org" },
  minGroupSize,
  instrument,
  levels: [
    { id: "board", label: "Board" },
    { id: "middle", label: "Middle managers" },
  ],
  responses: [...Array.from({ length: 6 }, () => staff("board")), ...Array.from({ length: 6 }, () => staff("middle"))],
  resamples: 200,
  customers: { instrument: currentCustomerInstrument, responses: customers, ...extra },
});

const NUMBERS = /\d\.\d/;

describe("the report's customers", () => {
  it("is null when the round does not ask its customers", () => {
    const { customers: _, ...withoutCustomers } = input([]);
    expect(buildReport(withoutCustomers).customers).toBeNull();
  });

  it("below the minimum group: the count and nothing else, no customer finding, one CSV row without numbers", () => {
    const report = buildReport(input([9, 9, 3, 3].map((n) => customer(n))));
    expect(report.customers).toMatchObject({ id: "customers", responses: 4, reportable: false, experienced: null, wanted: null, nps: null, npsCi: null, intensities: null });
    expect(report.customers!.npsGroups).toBeNull();
    expect(report.customers!.npsByModel).toBeNull();
    expect(report.customers!.comments).toBeNull();
    expect(report.customers!.responsesNeeded).toBe(1);
    expect(report.findings.filter((f) => f.levels.includes("customers"))).toEqual([]);
    const rows = reportToCsv(report)
      .split("\r\n")
      .filter((line) => line.startsWith("customers,"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(",customers,Customers,4,false");
    expect(rows[0]).not.toMatch(NUMBERS);
  });

  it("computes NPS as promoters' share minus detractors' in points, with an interval around it (hand-worked: 5 promoters, 2 passives, 3 detractors = +20)", () => {
    const report = buildReport(input([10, 9, 9, 10, 9, 7, 8, 0, 6, 3].map((n) => customer(n))));
    const customers = report.customers!;
    expect(customers.reportable).toBe(true);
    expect(customers.nps).toBeCloseTo(20, 9);
    expect(customers.npsGroups).toEqual({ promoters: 0.5, passives: 0.2, detractors: 0.3 });
    expect(customers.npsCi![0]).toBeLessThan(20);
    expect(customers.npsCi![1]).toBeGreaterThan(20);
    expect(customers.npsCi![0]).toBeGreaterThanOrEqual(-100);
    for (const [model, share] of Object.entries(profile(0.2, 0.1, 0.5, 0.2))) expect(customers.experienced![model]).toBeCloseTo(share, 12);
    expect(customers.wanted!.relationship).toBeCloseTo(0.6, 12);
  });

  it("fires relationship_gap (a level believes in relationship, customers do not experience it) and unmet_want (customers want it), naming customers", () => {
    const report = buildReport(input(Array.from({ length: 8 }, (_, i) => customer(i))));
    const gap = report.findings.find((f) => f.key === "relationship_gap:board+customers:relationship");
    expect(gap).toBeDefined();
    expect(gap!.size).toBeCloseTo(0.4 - 0.1, 9);
    expect(gap!.levels).toEqual(["board", "customers"]);
    const unmet = report.findings.find((f) => f.key === "unmet_want:customers:relationship");
    expect(unmet!.size).toBeCloseTo(0.6 - 0.1, 9);
    expect(unmet!.summary).toMatch(/^Customers give relationship marketing 60% of what they want from the relationship, but it is 10% of what they experience/);
    // Retail is experienced strongly (intensity 1): wanting less of it is no unmet want, and nobody says retail above what customers get.
    expect(report.findings.some((f) => f.model === "retail" && f.levels.includes("customers"))).toBe(false);
  });

  it("moves no customer figure by one person: a customer who arrived after the last release step is counted but not in the figures", () => {
    const released = [9, 9, 9, 3, 3].map((n) => customer(n, { release: 1 }));
    const steps = { releases: [{ seq: 1, final: false }] };
    const before = buildReport(input(released, steps)).customers!;
    const after = buildReport(input([...released, customer(0, { release: null, experienced: profile(0.7, 0.1, 0.1, 0.1), intensities: profile(1, 0.1, 0.1, 0.1) })], steps)).customers!;
    expect(after.responses).toBe(6);
    expect(after.release).toMatchObject({ included: 5, pending: 1 });
    expect(after.nps).toBe(before.nps);
    expect(after.npsCi).toEqual(before.npsCi);
    expect(after.experienced).toEqual(before.experienced);
    expect(after.wanted).toEqual(before.wanted);
  });

  it("withholds what customers experience when fewer than the minimum group have an experienced profile, and says why", () => {
    const noProfile = { experienced: null, intensities: null };
    const report = buildReport(input([customer(9), customer(9), customer(3), customer(3, noProfile), customer(9, noProfile), customer(8, noProfile)]));
    const customers = report.customers!;
    expect(customers.reportable).toBe(true);
    expect(customers.experienced).toBeNull();
    expect(customers.intensities).toBeNull();
    expect(customers.wanted).not.toBeNull();
    expect(customers.withheld.map((w) => w.figure)).toContain("implicit");
    expect(report.findings.filter((f) => f.levels.includes("customers"))).toEqual([]);
    expect(reportToCsv(report)).not.toMatch(/customers,[^\n]*,experienced,/);
  });

  it("shows NPS by experienced top model only for groups of at least the minimum, and never leaves a complement below it", () => {
    const retailLed = (nps: number) => customer(nps);
    const socialLed = (nps: number) => customer(nps, { experienced: profile(0.2, 0.1, 0.2, 0.5), intensities: profile(0.4, 0.2, 0.4, 1) });
    // 6 retail-led, 2 social-led: the social group is below 5, and showing retail alone would leave 2 customers to subtract.
    const small = buildReport(input([...[9, 9, 9, 9, 9, 9].map(retailLed), socialLed(0), socialLed(0)])).customers!;
    expect(small.npsByModel!.cells).toEqual([]);
    // 6 and 5: both shown, nothing left over.
    const both = buildReport(input([...[9, 9, 9, 9, 9, 9].map(retailLed), ...[0, 0, 0, 0, 0].map(socialLed)])).customers!;
    expect(both.npsByModel!.cells.map((c) => [c.model, c.responses, c.nps])).toEqual([
      ["retail", 6, 100],
      ["social", 5, -100],
    ]);
    expect(both.npsByModel!.otherResponses).toBe(0);
  });

  it("shows comments only once the minimum group of customers has written one", () => {
    const commented = (text: string) => customer(9, { answers: { cx_comment: text } });
    const few = buildReport(input([commented("Only me"), commented("Only me too"), ...[9, 9, 9, 9].map((n) => customer(n))])).customers!;
    expect(few.comments).toBeNull();
    expect(JSON.stringify(few)).not.toContain("Only me");
    expect(few.withheld.map((w) => w.figure)).toContain("comments");
    const enough = buildReport(input(["a", "b", "c", "d", "e"].map(commented))).customers!;
    expect([...enough.comments!].sort()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("in a version 1 round (no belief statements) computes no relationship gap, and says why; the unmet want still stands", () => {
    const v1 = getInstrument("customer-models", 1);
    const report = buildReport({ ...input(Array.from({ length: 8 }, (_, i) => customer(i))), instrument: v1, responses: input([]).responses.map((r) => ({ ...r, said: null, saidIntensities: null })) });
    expect(report.findings.some((f) => f.pattern === "relationship_gap")).toBe(false);
    expect(report.findings.some((f) => f.key === "unmet_want:customers:relationship")).toBe(true);
    expect(report.notes).toContain("The relationship gap compares what customers experience with a level's belief statements, which this round's questionnaire does not have.");
  });

  it("joins the executive summary: one message per model merges the levels' relationship gaps with the customers' unmet want", () => {
    const report = buildReport(input(Array.from({ length: 8 }, (_, i) => customer(i))));
    const keys = report.findings.filter((f) => f.levels.includes("customers") && !f.tentative).map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(["relationship_gap:board+customers:relationship", "relationship_gap:middle+customers:relationship", "unmet_want:customers:relationship"]));
    const message = report.summary.find((m) => m.findings.includes("unmet_want:customers:relationship"))!;
    expect(message.findings).toEqual(expect.arrayContaining(keys));
    expect(message.message).toContain("Customers want relationship marketing (60% of what they want from the relationship) and Board and Middle managers believe they provide it (Board 40% and Middle managers 40%), but customers experience little of it (10%).");
    expect(message.recommendation).toContain("as customers report it");
    // Below the minimum group, nothing about customers reaches the summary.
    const small = buildReport(input([9, 9, 3, 3].map((n) => customer(n))));
    expect(small.summary.length).toBeGreaterThan(0);
    expect(small.summary.flatMap((m) => m.findings).filter((key) => key.includes("customers"))).toEqual([]);
    expect(JSON.stringify(small.summary)).not.toMatch(/customers experience|Customers want|Net Promoter/);
  });
});
