import { describe, expect, it } from "vitest";
import { currentInstrument as instrument } from "~/domain/instruments";
import type { RespondentScores } from "~/domain/level-stats";
import { buildReport, type ReportInput } from "~/domain/report";

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
