import { describe, expect, it } from "vitest";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import type { RespondentScores } from "~/domain/statistics/level-stats";
import { buildReport, type ReportInput } from "~/domain/report/report";

const profile = (key_account: number, relationship: number, retail: number, social: number) => ({ key_account, relationship, retail, social });
const respondent = (levelId: string, overrides: Partial<RespondentScores> = {}): ReportInput["responses"][number] => ({
  levelId,
  explicit: profile(0.1, 0.2, 0.6, 0.1),
  desired: profile(0.1, 0.2, 0.4, 0.3),
  implicit: profile(0.2, 0.3, 0.3, 0.2),
  intensities: profile(0.4, 0.6, 0.6, 0.4),
  facetProfiles: { practices: profile(0.25, 0.25, 0.25, 0.25), line_of_sight: profile(0.1, 0.2, 0.6, 0.1) },
  dontKnow: { practices: 0, line_of_sight: 2, structure_incentives: 0, customer_experience: 0 },
  ...overrides,
});

const input = (responses: ReportInput["responses"], minGroupSize = 5): ReportInput => ({
  round: { id: "r1", name: "Round", organisation: "Org" },
  minGroupSize,
  instrument,
  levels: [
    { id: "board", label: "Board" },
    { id: "front", label: "Front line" },
  ],
  responses,
});

describe("buildReport: levels", () => {
  it("gives a level below the minimum group size its count and nothing else", () => {
    const report = buildReport(input([...Array.from({ length: 5 }, () => respondent("board")), respondent("front"), respondent("front")]));
    const front = report.levels[1]!;
    expect(front).toMatchObject({ id: "front", responses: 2, reportable: false, explicit: null, desired: null, implicit: null, sayDo: null });
    expect(front.responsesNeeded).toBe(3);
    expect(front.intensities).toBeNull();
    expect(front.dontKnowRate).toBeNull();
    expect(report.levels[0]!.reportable).toBe(true);
  });

  it("averages respondents' profiles, each counting once", () => {
    const responses = [
      ...Array.from({ length: 4 }, () => respondent("board")),
      respondent("board", { explicit: profile(0.6, 0.2, 0.1, 0.1) }),
    ];
    const board = buildReport(input(responses)).levels[0]!;
    expect(board.explicit!.key_account).toBeCloseTo((4 * 0.1 + 0.6) / 5, 12);
    expect(board.explicit!.retail).toBeCloseTo((4 * 0.6 + 0.1) / 5, 12);
    expect(Object.values(board.explicit!).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it("takes the implicit profile over respondents who have one and counts them", () => {
    const responses = [
      ...Array.from({ length: 4 }, () => respondent("board")),
      respondent("board", { implicit: null, intensities: null }),
    ];
    const board = buildReport(input(responses)).levels[0]!;
    expect(board.implicitResponses).toBe(4);
    expect(board.implicit!.relationship).toBeCloseTo(0.3, 12);
    expect(board.intensities!.relationship).toBeCloseTo(0.6, 12);
  });

  it("measures say-do as the total variation distance, with a degenerate interval when everyone agrees", () => {
    const board = buildReport(input(Array.from({ length: 6 }, () => respondent("board")))).levels[0]!;
    // |.1-.2| + |.2-.3| + |.6-.3| + |.1-.2| = 0.6, halved.
    expect(board.sayDo!.distance).toBeCloseTo(0.3, 12);
    expect(board.sayDo!.ci[0]).toBeCloseTo(0.3, 12);
    expect(board.sayDo!.ci[1]).toBeCloseTo(0.3, 12);
  });

  it("gives an interval around say-do that widens with disagreement, the same on every run", () => {
    // Say-do is 0.3 + 0.3 x (share of retail-first respondents): it moves with each resample's mix.
    const responses = Array.from({ length: 8 }, (_, i) =>
      respondent("board", {
        explicit: i % 2 ? profile(0.1, 0.1, 0.7, 0.1) : profile(0.1, 0.1, 0.4, 0.4),
        implicit: profile(0.1, 0.1, 0.1, 0.7),
      }),
    );
    const first = buildReport(input(responses));
    const board = first.levels[0]!;
    expect(board.sayDo!.distance).toBeCloseTo(0.45, 12);
    expect(board.sayDo!.ci[0]).toBeLessThan(board.sayDo!.distance);
    expect(board.sayDo!.ci[1]).toBeGreaterThan(board.sayDo!.distance);
    expect(JSON.stringify(buildReport(input(responses)))).toBe(JSON.stringify(first));
  });

  it("reports don't-know rates per facet", () => {
    const board = buildReport(input(Array.from({ length: 5 }, () => respondent("board")))).levels[0]!;
    expect(board.dontKnowRate!.line_of_sight).toBeCloseTo(2 / 8, 12);
    expect(board.dontKnowRate!.practices).toBe(0);
  });

  it("carries the round, the minimum group size and the models", () => {
    const report = buildReport(input([], 7));
    expect(report.round).toEqual({ id: "r1", name: "Round", organisation: "Org" });
    expect(report.minGroupSize).toBe(7);
    expect(report.models.map((m) => m.id)).toEqual(["key_account", "relationship", "retail", "social"]);
    expect(report.levels.every((l) => l.responses === 0 && !l.reportable)).toBe(true);
  });
});

describe("buildReport: agreement and distances", () => {
  it("measures how far respondents sit from their level and flags a split level", () => {
    // Three put retail first, three relationship: the level's mean is a tie that no one holds.
    const responses = [
      ...Array.from({ length: 3 }, () => respondent("board", { explicit: profile(0, 0.2, 0.8, 0) })),
      ...Array.from({ length: 3 }, () => respondent("board", { explicit: profile(0, 0.8, 0.2, 0) })),
    ];
    const board = buildReport(input(responses)).levels[0]!;
    // Level explicit: (0, .5, .5, 0); each respondent is |.3| + |.3| halved = .3 away.
    expect(board.agreement!.explicitSpread).toBeCloseTo(0.3, 12);
    expect(board.agreement!.implicitSpread).toBeCloseTo(0, 12);
    expect(board.agreement!.topModel).toBe("relationship"); // a tie goes to the earlier model
    expect(board.agreement!.topModelShare).toBe(0.5);
    expect(board.agreement!.split).toBe(false);
    const united = buildReport(input(Array.from({ length: 5 }, () => respondent("board")))).levels[0]!.agreement!;
    expect(united).toMatchObject({ explicitSpread: 0, topModel: "retail", topModelShare: 1, split: false });
  });

  it("flags a level split when fewer than half put its top model first", () => {
    const responses = [
      ...Array.from({ length: 2 }, () => respondent("board", { explicit: profile(0.7, 0.1, 0.1, 0.1) })),
      ...Array.from({ length: 2 }, () => respondent("board", { explicit: profile(0.1, 0.7, 0.1, 0.1) })),
      ...Array.from({ length: 2 }, () => respondent("board", { explicit: profile(0.1, 0.1, 0.7, 0.1) })),
    ];
    expect(buildReport(input(responses)).levels[0]!.agreement).toMatchObject({ topModelShare: 1 / 3, split: true });
  });

  it("gives the distance between every pair of reportable levels, and leaves small levels out", () => {
    const responses = [
      ...Array.from({ length: 5 }, () => respondent("board", { explicit: profile(0.1, 0.2, 0.6, 0.1) })),
      ...Array.from({ length: 5 }, () => respondent("front", { explicit: profile(0.1, 0.6, 0.2, 0.1), implicit: null, intensities: null })),
    ];
    const report = buildReport(input(responses));
    expect(report.distances.levels).toEqual(["board", "front"]);
    expect(report.distances.explicit[0]![1]).toBeCloseTo(0.4, 12);
    expect(report.distances.explicit[1]![0]).toBeCloseTo(0.4, 12);
    expect(report.distances.explicit[0]![0]).toBe(0);
    expect(report.distances.implicit[0]![1]).toBeNull();
    const small = buildReport(input(responses.slice(0, 7)));
    expect(small.distances.levels).toEqual(["board"]);
  });

  it("keeps comments to reportable levels, in an order that is not the order they came in, sampled beyond forty", () => {
    const comments = Array.from({ length: 60 }, (_, k) => ({ levelId: "board", text: `comment ${k}` }));
    const responses = [...Array.from({ length: 5 }, () => respondent("board")), respondent("front")];
    const report = buildReport({ ...input(responses), comments: [...comments, { levelId: "front", text: "small level" }] });
    const board = report.levels[0]!;
    expect(board.commentCount).toBe(60);
    expect(board.comments).toHaveLength(40);
    expect(new Set(board.comments).size).toBe(40);
    expect(board.comments!.slice(0, 5)).not.toEqual(["comment 0", "comment 1", "comment 2", "comment 3", "comment 4"]);
    expect(report.levels[1]!.comments).toBeNull();
    expect(JSON.stringify(report)).not.toContain("small level");
  });
});

describe("compareReports", () => {
  it("gives each level's change and each finding's earlier size, for levels reportable in both rounds", async () => {
    const { compareReports } = await import("~/domain/report/trend");
    const before = buildReport(input(Array.from({ length: 5 }, () => respondent("board", { desired: profile(0.1, 0.2, 0.3, 0.4) }))));
    const after = buildReport(
      input([
        ...Array.from({ length: 5 }, () => respondent("board", { explicit: profile(0.1, 0.3, 0.5, 0.1), desired: profile(0.1, 0.2, 0.3, 0.4) })),
        ...Array.from({ length: 5 }, () => respondent("front")),
      ]),
    );
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
