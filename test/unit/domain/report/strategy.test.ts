import { describe, expect, it } from "vitest";
import { getInstrument } from "~/domain/instrument/instruments";
import { buildReport, type ReportInput } from "~/domain/report/report";
import { parseStrategyMix, parseStrategyText, strategyShares } from "~/domain/report/strategy";

const MODELS = ["key_account", "relationship", "retail", "social"];
const instrument = getInstrument("customer-models", 2);
const profile = (key_account: number, relationship: number, retail: number, social: number) => ({ key_account, relationship, retail, social });

describe("parseStrategyText (the CLI's --mix)", () => {
  it("reads model:points pairs, a model left out counting as 0", () => {
    expect(parseStrategyText("key_account:20,relationship:40,retail:30,social:10", MODELS)).toEqual({
      success: true,
      mix: { key_account: 20, relationship: 40, retail: 30, social: 10 },
    });
    expect(parseStrategyText(" retail : 100 ", MODELS)).toEqual({ success: true, mix: { key_account: 0, relationship: 0, retail: 100, social: 0 } });
  });

  it("says what is wrong: a total other than 100, an unknown model, a twice-named model, a fraction, a missing number", () => {
    const errors = (text: string) => (parseStrategyText(text, MODELS) as { errors: string[] }).errors;
    expect(errors("retail:60,social:30")).toEqual(["the points add up to 90; they must add up to exactly 100"]);
    expect(errors("retail:60,price:40")).toEqual(['unknown model "price": use key_account, relationship, retail, social']);
    expect(errors("retail:60,retail:40")).toEqual(["retail appears twice"]);
    expect(errors("retail:50.5,social:49.5")[0]).toBe("retail: use a whole number of points");
    expect(errors("retail:,social:100")).toEqual(["retail: give the points after the colon (e.g. retail:30)"]);
    expect(errors("retail=100")).toEqual(['"retail=100" is not model:points (e.g. retail:30)']);
    expect(errors("")).toEqual(["give at least one model:points pair"]);
    expect(errors("retail:-10,social:110")).toContain("retail: points cannot be negative");
  });
});

describe("parseStrategyMix (the web form)", () => {
  it("takes the form's fields as text and treats an empty field as 0", () => {
    expect(parseStrategyMix({ key_account: "", relationship: "50", retail: "50", social: "" }, MODELS)).toEqual({
      success: true,
      mix: { key_account: 0, relationship: 50, retail: 50, social: 0 },
    });
    expect(parseStrategyMix({ retail: "abc" }, MODELS)).toMatchObject({ success: false });
  });
});

describe("the report against the intended mix", () => {
  const input = (strategy: ReportInput["strategy"]): ReportInput => ({
    round: { id: "r", name: "Round", organisation: "Org" },
    minGroupSize: 5,
    strategy,
    instrument,
    levels: [
      { id: "board", label: "Board" },
      { id: "front", label: "Front line" },
    ],
    responses: [
      ...Array.from({ length: 6 }, () => ({
        levelId: "board",
        explicit: profile(0.1, 0.2, 0.6, 0.1),
        desired: profile(0.2, 0.4, 0.3, 0.1),
        said: profile(0.2, 0.3, 0.3, 0.2),
        saidIntensities: profile(0.4, 0.6, 0.6, 0.4),
        implicit: profile(0.2, 0.3, 0.3, 0.2),
        intensities: profile(0.4, 0.6, 0.6, 0.4),
        facetProfiles: null,
      })),
      // Two front-line people: below the minimum group, so they are compared with nothing.
      ...Array.from({ length: 2 }, () => ({ levelId: "front", explicit: profile(0.2, 0.4, 0.3, 0.1), desired: profile(0.2, 0.4, 0.3, 0.1), implicit: null, intensities: null, facetProfiles: null })),
    ],
  });

  it("gives each reportable level's distance from the mix for every profile, and nothing for a level below the minimum group", () => {
    const report = buildReport(input(strategyShares({ key_account: 20, relationship: 40, retail: 30, social: 10 }, MODELS)));
    expect(report.strategy).toEqual(profile(0.2, 0.4, 0.3, 0.1));
    const [board, front] = report.levels;
    // No spread among the board's answers, so no bias correction: |.1-.2| + |.2-.4| + |.6-.3| + 0 = .6, halved.
    expect(board!.strategyDistance!.explicit!.distance).toBeCloseTo(0.3, 12);
    expect(board!.strategyDistance!.desired!.distance).toBeCloseTo(0, 12);
    expect(board!.strategyDistance!.implicit!.distance).toBeCloseTo(0.1, 12);
    expect(front!.strategyDistance).toBeNull();
    expect(report.summary[0]!.message).toMatch(/^Measured against the intended mix/);
    expect(report.summary[0]!.message).not.toContain("Front line");
  });

  it("is null throughout when no mix is recorded", () => {
    const report = buildReport(input(null));
    expect(report.strategy).toBeNull();
    expect(report.levels.every((l) => l.strategyDistance === null)).toBe(true);
  });
});
