import { describe, expect, it } from "vitest";
import { getInstrument } from "~/domain/instrument/instruments";
import type { Answers } from "~/domain/instrument/answers";
import { buildReport, type ReportInput } from "~/domain/report/report";
import { compareReports } from "~/domain/report/trend";

const instrument = getInstrument("customer-models", 2);
const profile = (key_account: number, relationship: number, retail: number, social: number) => ({ key_account, relationship, retail, social });
type Response = ReportInput["responses"][number];

const respondent = (levelId: string, overrides: Partial<Response> = {}): Response => ({
  levelId,
  explicit: profile(0.1, 0.2, 0.6, 0.1),
  desired: profile(0.1, 0.2, 0.4, 0.3),
  said: profile(0.2, 0.3, 0.3, 0.2),
  saidIntensities: profile(0.4, 0.6, 0.6, 0.4),
  implicit: profile(0.2, 0.3, 0.3, 0.2),
  intensities: profile(0.4, 0.6, 0.6, 0.4),
  facetProfiles: { practices: profile(0.25, 0.25, 0.25, 0.25), line_of_sight: profile(0.1, 0.2, 0.6, 0.1) },
  answers: {},
  ...overrides,
});
const many = (n: number, levelId: string, overrides: Partial<Response> = {}) => Array.from({ length: n }, () => respondent(levelId, overrides));

const input = (responses: Response[], minGroupSize = 5, levels: ReportInput["levels"] = [
  { id: "board", label: "Board" },
  { id: "front", label: "Front line" },
]): ReportInput => ({ round: { id: "r1", name: "Round", organisation: "Org" }, minGroupSize, instrument, levels, responses });

describe("buildReport: levels", () => {
  it("gives a level below the minimum group size its count and nothing else, and says why", () => {
    const report = buildReport(input([...many(5, "board"), ...many(2, "front")]));
    const front = report.levels[1]!;
    expect(front).toMatchObject({ id: "front", responses: 2, reportable: false, explicit: null, desired: null, said: null, implicit: null, sayDo: null });
    expect(front.responsesNeeded).toBe(3);
    expect(front.intensities).toBeNull();
    expect(front.dontKnowRate).toBeNull();
    expect(front.withheld).toEqual([{ figure: "level", reason: "Not enough responses to report: 2 responses so far, 5 needed before any figure appears." }]);
    expect(report.levels[0]!.reportable).toBe(true);
  });

  it("averages respondents' profiles, each counting once", () => {
    const board = buildReport(input([...many(4, "board"), respondent("board", { explicit: profile(0.6, 0.2, 0.1, 0.1) })])).levels[0]!;
    expect(board.explicit!.key_account).toBeCloseTo((4 * 0.1 + 0.6) / 5, 12);
    expect(board.explicit!.retail).toBeCloseTo((4 * 0.6 + 0.1) / 5, 12);
    expect(Object.values(board.explicit!).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it("takes the implicit profile over respondents who have one and counts them", () => {
    const board = buildReport(input([...many(5, "board"), respondent("board", { implicit: null, intensities: null })])).levels[0]!;
    expect(board.implicitResponses).toBe(5);
    expect(board.contributors).toEqual({ explicit: 6, said: 6, implicit: 5, facets: 6 });
    expect(board.implicit!.relationship).toBeCloseTo(0.3, 12);
    expect(board.intensities!.relationship).toBeCloseTo(0.6, 12);
  });

  it("withholds a figure with fewer contributors than the minimum group, even in a reportable level (one person's profile is never shown)", () => {
    // The attack: four of five answer "don't know" to every statement, so one person alone has practice and belief profiles.
    const dontKnow = { said: null, saidIntensities: null, implicit: null, intensities: null, facetProfiles: null };
    const report = buildReport(input([...many(4, "board", dontKnow), respondent("board", { implicit: profile(0.7, 0.1, 0.1, 0.1) }), ...many(5, "front")]));
    const board = report.levels[0]!;
    expect(board.reportable).toBe(true);
    expect(board).toMatchObject({ said: null, implicit: null, intensities: null, saidIntensities: null, sayDo: null, implicitResponses: 0 });
    expect(board.withheld.map((w) => w.figure)).toEqual(["said", "implicit", "facets", "comments"]);
    expect(board.withheld[1]!.reason).toBe(
      "Fewer than 5 of the 5 responses in these figures answered enough practice statements for a practice profile, so this figure is withheld until at least 5 have.",
    );
    expect(JSON.stringify(report)).not.toContain("0.7");
    expect(report.findings.every((f) => !(f.levels.includes("board") && ["espoused_not_enacted", "enacted_not_espoused", "blind_line_of_sight"].includes(f.pattern)))).toBe(true);
    expect(report.notes).toContain("Board: too few respondents have a practice profile, so its say-do findings cannot be computed.");
  });

  it("compares what a version 2 level says (belief statements) with what it does, corrected for the noise of small groups", () => {
    const same = buildReport(input(many(6, "board"))).levels[0]!;
    expect(same.sayDo).toEqual({ distance: 0, ci: [0, 0] });
    const apart = buildReport(input(many(6, "board", { said: profile(0.1, 0.1, 0.7, 0.1) }))).levels[0]!;
    // |.1-.2| + |.1-.3| + |.7-.3| + |.1-.2| = 0.8, halved; no spread, so no correction.
    expect(apart.sayDo!.distance).toBeCloseTo(0.4, 12);
  });

  it("takes off the upward bias of a distance between noisy means: identical groups come out near zero", () => {
    // Half say retail, half relationship, in belief and in practice alike, scattered the same way.
    const mixed = Array.from({ length: 10 }, (_, k) => {
      const a = k % 2 ? profile(0.1, 0.1, 0.7, 0.1) : profile(0.1, 0.7, 0.1, 0.1);
      const b = k % 3 ? profile(0.1, 0.1, 0.7, 0.1) : profile(0.1, 0.7, 0.1, 0.1);
      return respondent("board", { said: a, implicit: b });
    });
    const board = buildReport(input(mixed)).levels[0]!;
    const plain = 0.6 * Math.abs(5 / 10 - 7 / 10);
    expect(board.sayDo!.distance).toBeLessThan(plain);
    expect(board.sayDo!.ci[0]).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(buildReport(input(mixed)))).toBe(JSON.stringify(buildReport(input(mixed))));
  });

  it("reports don't-know rates per facet from the answers", () => {
    const answers: Answers = { ka_l1: "dk", rm_l1: "dk", ka_p1: 4 };
    const board = buildReport(input(many(5, "board", { answers }))).levels[0]!;
    expect(board.dontKnowRate!.line_of_sight).toBeCloseTo(2 / 8, 12);
    expect(board.dontKnowRate!.practices).toBe(0);
  });

  it("carries the round, the minimum group size, the models and the instrument's say profile", () => {
    const report = buildReport(input([], 7));
    expect(report.round).toEqual({ id: "r1", name: "Round", organisation: "Org" });
    expect(report.minGroupSize).toBe(7);
    expect(report.models.map((m) => m.id)).toEqual(["key_account", "relationship", "retail", "social"]);
    expect(report.instrument).toEqual({ id: "customer-models", version: 2, sayProfile: "said" });
    expect(report.levels.every((l) => l.responses === 0 && !l.reportable)).toBe(true);
  });
});

describe("buildReport: release in steps", () => {
  const steps = (...finals: boolean[]) => finals.map((final, k) => ({ seq: k + 1, final }));

  it("uses only released responses; pending ones are counted but in no figure", () => {
    const report = buildReport(
      input([...many(5, "board", { release: 1 }), ...many(3, "board", { release: null, explicit: profile(1, 0, 0, 0) })], 5, [
        { id: "board", label: "Board", releases: steps(false) },
      ]),
    );
    const board = report.levels[0]!;
    expect(board.responses).toBe(8);
    expect(board.release).toEqual({ included: 5, pending: 3, nextUpdateIn: 2 });
    expect(board.explicit!.key_account).toBeCloseTo(0.1, 12);
  });

  it("moves a figure only when at least the minimum group of its own contributors has arrived since it last moved", () => {
    // Step 1: five with practice profiles. Step 2: five more, only one with a practice profile.
    const responses = [
      ...many(5, "board", { release: 1 }),
      ...many(4, "board", { release: 2, implicit: null, intensities: null }),
      respondent("board", { release: 2, implicit: profile(0.7, 0.1, 0.1, 0.1) }),
    ];
    const board = buildReport(input(responses, 5, [{ id: "board", label: "Board", releases: steps(false, false) }])).levels[0]!;
    expect(board.contributors!.explicit).toBe(10);
    // The one new practice profile waits for four more: the figure still rests on the first five.
    expect(board.contributors!.implicit).toBe(5);
    expect(board.implicit!.key_account).toBeCloseTo(0.2, 12);
    // Once the round closes (a final step), it joins.
    const closed = buildReport(input(responses, 5, [{ id: "board", label: "Board", releases: steps(false, true) }])).levels[0]!;
    expect(closed.contributors!.implicit).toBe(6);
    expect(closed.implicit!.key_account).toBeCloseTo((5 * 0.2 + 0.7) / 6, 12);
  });

  it("reports nothing of a level whose only step holds fewer than the minimum, until a final step with enough", () => {
    const responses = many(4, "board", { release: 1 });
    expect(buildReport(input(responses, 5, [{ id: "board", label: "Board", releases: steps(false) }])).levels[0]!.reportable).toBe(false);
    expect(buildReport(input(responses, 5, [{ id: "board", label: "Board", releases: steps(true) }])).levels[0]!.reportable).toBe(false);
    const more = [...responses, respondent("board", { release: 2 })];
    expect(buildReport(input(more, 5, [{ id: "board", label: "Board", releases: steps(false, true) }])).levels[0]!.reportable).toBe(true);
  });
});

describe("buildReport: agreement, distances and comments", () => {
  it("measures how far respondents sit from their level and flags a split level", () => {
    const responses = [...many(3, "board", { explicit: profile(0, 0.2, 0.8, 0) }), ...many(3, "board", { explicit: profile(0, 0.8, 0.2, 0) })];
    const board = buildReport(input(responses)).levels[0]!;
    expect(board.agreement!.explicitSpread).toBeCloseTo(0.3, 12);
    expect(board.agreement!.implicitSpread).toBeCloseTo(0, 12);
    expect(board.agreement!.topModel).toBe("relationship"); // a tie goes to the earlier model
    expect(board.agreement!.topModelShare).toBe(0.5);
    expect(board.agreement!.split).toBe(false);
    const split = [
      ...many(2, "board", { explicit: profile(0.7, 0.1, 0.1, 0.1) }),
      ...many(2, "board", { explicit: profile(0.1, 0.7, 0.1, 0.1) }),
      ...many(2, "board", { explicit: profile(0.1, 0.1, 0.7, 0.1) }),
    ];
    expect(buildReport(input(split)).levels[0]!.agreement).toMatchObject({ topModelShare: 1 / 3, split: true });
  });

  it("gives the distance between every pair of reportable levels, and leaves small levels out", () => {
    const responses = [...many(5, "board"), ...many(5, "front", { explicit: profile(0.1, 0.6, 0.2, 0.1), implicit: null, intensities: null })];
    const report = buildReport(input(responses));
    expect(report.distances.levels).toEqual(["board", "front"]);
    expect(report.distances.explicit[0]![1]).toBeCloseTo(0.4, 12);
    expect(report.distances.explicit[0]![0]).toBe(0);
    expect(report.distances.implicit[0]![1]).toBeNull();
    expect(buildReport(input(responses.slice(0, 7))).distances.levels).toEqual(["board"]);
  });

  it("shows comments only from the minimum group of commenters, in an order that is not the order they came in, sampled beyond forty", () => {
    const withComment = (text: string) => respondent("board", { answers: { ctx_customer_view: text } });
    const report = buildReport(input([...Array.from({ length: 60 }, (_, k) => withComment(`comment ${k}`)), ...many(4, "front"), respondent("front", { answers: { ctx_customer_view: "small level" } })]));
    const board = report.levels[0]!;
    expect(board.commentCount).toBe(60);
    expect(board.comments).toHaveLength(40);
    expect(new Set(board.comments).size).toBe(40);
    expect(board.comments!.slice(0, 5)).not.toEqual(["comment 0", "comment 1", "comment 2", "comment 3", "comment 4"]);
    // A reportable level where one person commented: the comment is withheld.
    expect(report.levels[1]!.comments).toBeNull();
    expect(report.levels[1]!.withheld.map((w) => w.figure)).toContain("comments");
    expect(JSON.stringify(report)).not.toContain("small level");
  });
});

describe("buildReport: evidence, data quality and breakdowns", () => {
  const answered = (value: number, extra: Answers = {}): Answers => ({
    ...Object.fromEntries(instrument.items.map((item) => [item.name, item.reverse ? 6 - value : value])),
    ...extra,
  });

  it("names the statements behind a finding with each level's mean answer, withheld where fewer than the minimum answered", () => {
    const middle = many(6, "board", {
      said: profile(0.1, 0.5, 0.2, 0.2),
      saidIntensities: profile(0.3, 0.9, 0.4, 0.4),
      implicit: profile(0.2, 0.15, 0.45, 0.2),
      intensities: profile(0.3, 0.25, 0.8, 0.4),
      answers: answered(4, { rm_e1: 5, rm_p1: 2, rm_l1: "dk" }),
    });
    middle[0]!.answers = { ...middle[0]!.answers, rm_p2: "dk" };
    middle[1]!.answers = { ...middle[1]!.answers, rm_p2: "dk" };
    const report = buildReport(input([...middle, ...many(5, "front")]));
    const finding = report.findings.find((f) => f.key === "espoused_not_enacted:board:relationship")!;
    expect(finding.evidence.map((e) => e.name)).toEqual(["rm_e1", "rm_e2", "rm_e3", "rm_p1", "rm_p2", "rm_l1", "rm_l2", "rm_s1", "rm_c1"]);
    const item = (name: string) => finding.evidence.find((e) => e.name === name)!;
    expect(item("rm_e1")).toMatchObject({ profile: "explicit", reverse: false, text: instrument.itemText.rm_e1 });
    expect(item("rm_e1").levels).toEqual([{ id: "board", label: "Board", mean: 5, answered: 6, dontKnowRate: 0 }]);
    expect(item("rm_p1").levels[0]!.mean).toBe(2);
    // Everyone said "don't know": no mean, the rate says why.
    expect(item("rm_l1").levels[0]).toMatchObject({ mean: null, answered: null, dontKnowRate: 1 });
    // Four answered, two did not know: four is below the minimum group, so no mean.
    expect(item("rm_p2").levels[0]).toMatchObject({ mean: null, dontKnowRate: 2 / 6 });
    expect(finding.basis).toMatch(/^(Firm|Tentative): /);
  });

  it("counts acquiescent and straight-lined respondents per reportable level", () => {
    const responses = [
      ...many(3, "board", { answers: answered(4) }),
      ...many(2, "board", { answers: Object.fromEntries(instrument.items.map((item) => [item.name, 5])) }),
      ...many(2, "front"),
    ];
    const quality = buildReport(input(responses)).dataQuality;
    // Agreeing 5 with every statement: acquiescence 2, and one answer throughout.
    expect(quality.levels).toEqual([{ id: "board", responses: 5, acquiescent: 2, straightLined: 2 }]);
  });

  it("gives Cronbach's alpha and corrected item-total correlations per model scale, flagged when low", () => {
    // Respondents differ consistently on relationship (all its statements move together), at random elsewhere.
    const responses = Array.from({ length: 12 }, (_, k) =>
      respondent("board", {
        answers: Object.fromEntries(
          instrument.items.map((item, j) => {
            const level = item.model === "relationship" ? 1 + (k % 5) : 1 + ((k * 7 + j * 3) % 5);
            return [item.name, item.reverse ? 6 - level : level];
          }),
        ),
      }),
    );
    const scales = buildReport(input(responses)).dataQuality.scales;
    const relationship = scales.find((s) => s.model === "relationship" && s.profile === "implicit")!;
    // Not exactly 1: each respondent's acquiescence (from the other, random scales) is taken off first.
    expect(relationship.alpha!).toBeGreaterThan(0.95);
    expect(relationship.low).toBe(false);
    expect(relationship.items.every((i) => i.itemTotal! > 0.9 && !i.low)).toBe(true);
    const retail = scales.find((s) => s.model === "retail" && s.profile === "implicit")!;
    expect(retail.alpha!).toBeLessThan(0.6);
    expect(retail.low).toBe(true);
    expect(scales.map((s) => s.profile)).toEqual([...Array(4).fill("implicit"), ...Array(4).fill("explicit")]);
  });

  it("breaks levels down by function only where every cell, and what remains of the level, reaches the minimum group", () => {
    const inFunction = (fn: string | undefined, n: number) => many(n, "board", { answers: fn ? { ctx_function: fn } : {} });
    const responses = [...inFunction("Sales", 6), ...inFunction("Marketing", 5), ...inFunction("Finance", 2), ...many(5, "front")];
    const byFunction = buildReport(input(responses)).breakdowns.find((b) => b.question === "ctx_function")!;
    const board = byFunction.levels.find((l) => l.id === "board")!;
    // Sales (6) and Marketing (5) reach 5, but the rest of the level would be Finance's 2 alone: the smaller cell goes too.
    expect(board.cells.map((c) => [c.value, c.responses])).toEqual([["Sales", 6]]);
    expect(board.otherResponses).toBe(7);
    expect(board.cells[0]!.explicit!.retail).toBeCloseTo(0.6, 12);
    const three = buildReport(input([...inFunction("Sales", 6), ...inFunction("Marketing", 5), ...inFunction(undefined, 5)])).breakdowns[0]!.levels[0]!;
    expect(three.cells.map((c) => [c.value, c.responses])).toEqual([
      ["Sales", 6],
      ["Marketing", 5],
    ]);
    expect(three.otherResponses).toBe(5);
  });
});

describe("buildReport: what cannot be computed", () => {
  it("says when the top level is below the minimum and the findings that need it cannot be computed", () => {
    const report = buildReport(input([...many(3, "board"), ...many(6, "front")]));
    expect(report.notes).toContain(
      "Board has 3 responses and needs 5 before its figures appear, so the findings that compare other levels with it (board-only model, hidden from the top) cannot be computed yet.",
    );
    expect(report.notes).toContain("Fewer than two levels can be reported, so no finding compares levels yet.");
  });
});

describe("compareReports", () => {
  it("gives each level's change and each finding's earlier size, for levels reportable in both rounds", () => {
    const before = buildReport(input(many(5, "board", { desired: profile(0.1, 0.2, 0.3, 0.4) })));
    const after = buildReport(input([...many(5, "board", { explicit: profile(0.1, 0.3, 0.5, 0.1), desired: profile(0.1, 0.2, 0.3, 0.4) }), ...many(5, "front")]));
    const trend = compareReports(after, before);
    expect(trend.levels.map((l) => l.id)).toEqual(["board"]);
    expect(trend.levels[0]!.explicit.relationship).toBeCloseTo(0.1, 12);
    expect(trend.levels[0]!.explicit.retail).toBeCloseTo(-0.1, 12);
    const social = after.findings.find((f) => f.key === "ambition_gap:board:social")!;
    expect(trend.findings[social.key]!.previousSize).toBeCloseTo(before.findings.find((f) => f.key === social.key)!.size, 12);
    const retail = after.findings.find((f) => f.key === "ambition_gap:board:retail")!;
    expect(trend.findings[retail.key]!.previousSize).toBeCloseTo(0.3, 12);
  });
});
