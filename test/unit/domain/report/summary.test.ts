import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PatternId } from "~/domain/report/pattern-text";
import type { ReportFinding, ReportLevel } from "~/domain/report/report";
import {
  ambitionRule,
  fitMessages,
  hiddenFromTopRule,
  MAX_SUMMARY_MESSAGES,
  multilayeredRule,
  remainingRule,
  sayDoRule,
  strategyRule,
  summarise,
  summaryContext,
  type SummaryInput,
  type SummaryMessage,
} from "~/domain/report/summary";

const profile = (key_account: number, relationship: number, retail: number, social: number) => ({ key_account, relationship, retail, social });
const MODELS = [
  { id: "key_account", label: "Key account management" },
  { id: "relationship", label: "Relationship marketing (brand and service)" },
  { id: "retail", label: "Retail (range, availability, price)" },
  { id: "social", label: "Social engagement" },
];

function level(id: string, label: string, figures: Partial<ReportLevel> = {}): ReportLevel {
  return {
    id,
    label,
    responses: 10,
    reportable: true,
    explicit: profile(0.1, 0.2, 0.6, 0.1),
    desired: profile(0.1, 0.2, 0.6, 0.1),
    said: profile(0.2, 0.25, 0.35, 0.2),
    implicit: profile(0.2, 0.25, 0.35, 0.2),
    sayDo: { distance: 0, ci: [0, 0] },
    responsesNeeded: 0,
    release: { included: 10, pending: 0, nextUpdateIn: 5 },
    contributors: { explicit: 10, said: 10, implicit: 10, facets: 10 },
    implicitResponses: 10,
    intensities: null,
    saidIntensities: null,
    dontKnowRate: null,
    agreement: null,
    comments: null,
    commentCount: null,
    withheld: [],
    strategyDistance: null,
    ...figures,
  };
}

function finding(pattern: PatternId, levels: string[], model: string | null, size = 0.2, tentative = false, evidenceModels: string[] = []): ReportFinding {
  return {
    key: `${pattern}:${levels.join("+")}:${model ?? "-"}`,
    pattern,
    levels,
    model,
    size,
    ci: [size - 0.05, size + 0.05],
    threshold: 0.15,
    tentative,
    certainty: tentative ? { firm: false, by: "interval" } : { firm: true, by: "interval" },
    summary: `${pattern} of ${levels.join(" and ")}.`,
    question: "?",
    why: "Because.",
    basis: "Firm.",
    evidence: evidenceModels.map((m) => ({ name: `${m}_x`, text: "A statement.", model: m, facet: "practices", profile: "implicit", reverse: false, levels: [] })),
    note: null,
  };
}

// 004's retailer: the board, seniors and front line run retail; the loyalty team in the middle believes in relationship marketing.
const board = level("board", "Board", { explicit: profile(0.05, 0.15, 0.7, 0.1), said: profile(0.14, 0.22, 0.43, 0.21) });
const senior = level("senior", "Senior managers", { explicit: profile(0.1, 0.1, 0.7, 0.1) });
const middle = level("middle", "Middle managers", {
  explicit: profile(0.05, 0.55, 0.2, 0.2),
  said: profile(0.19, 0.39, 0.21, 0.21),
  implicit: profile(0.12, 0.22, 0.43, 0.23),
});
const front = level("front", "Front line", { explicit: profile(0.15, 0.3, 0.45, 0.1), implicit: profile(0.33, 0.2, 0.35, 0.12) });
const LEVELS = [board, senior, middle, front];

const input = (findings: ReportFinding[], overrides: Partial<SummaryInput> = {}): SummaryInput => ({
  findings,
  levels: LEVELS,
  models: MODELS,
  instrument: { id: "customer-models", version: 2, sayProfile: "said" },
  strategy: null,
  ...overrides,
});
const context = (overrides: Partial<SummaryInput> = {}) => summaryContext(input([], overrides));

describe("multilayeredRule: levels that disagree on the model", () => {
  it("tells three disagreements with the same level as one story about that level", () => {
    const findings = [finding("levels_disagree", ["senior", "middle"], "relationship", 0.55), finding("levels_disagree", ["board", "middle"], "relationship", 0.46), finding("levels_disagree", ["middle", "front"], "relationship", 0.36)];
    const stories = multilayeredRule.stories(findings, context());
    expect(stories).toHaveLength(1);
    expect(stories[0]!.findings.sort()).toEqual(findings.map((f) => f.key).sort());
    expect(stories[0]!.message).toBe(
      "Middle managers describe a different organisation from Board, Senior managers and Front line: they put relationship marketing first (55%), where the others put retail first.",
    );
    // What to measure: both models' gauges side by side, then a decision.
    expect(stories[0]!.recommendation).toContain("how many customers stay");
    expect(stories[0]!.recommendation).toContain("availability, range and prices against competitors");
  });

  it("keeps a single disagreement between two levels a story of its own, and merges a board-only model into the board's outlier story", () => {
    const pair = finding("levels_disagree", ["senior", "front"], "relationship", 0.2);
    expect(multilayeredRule.stories([pair], context())[0]!.message).toBe("Senior managers and Front line describe different mixes, 20 points apart, most of all on relationship marketing.");
    const boardFindings = [finding("levels_disagree", ["board", "middle"], "retail"), finding("levels_disagree", ["board", "front"], "retail"), finding("board_only_model", ["board"], "retail", 0.25)];
    const stories = multilayeredRule.stories(boardFindings, context());
    expect(stories).toHaveLength(1);
    expect(stories[0]!.findings).toHaveLength(3);
    expect(stories[0]!.message).toContain("No other level sees retail as this central.");
  });

  it("tells a board-only model alone when nobody disagrees with the board outright", () => {
    const [story] = multilayeredRule.stories([finding("board_only_model", ["board"], "retail", 0.25)], context());
    expect(story!.message).toBe("Only Board see retail as this central (70%); every other level gives it at least 25 points less.");
  });
});

describe("hiddenFromTopRule", () => {
  it("joins the level's own 'done, not said' on the same model to the story of what the top does not see", () => {
    const hidden = finding("hidden_from_top", ["front", "board"], "key_account", 0.19);
    const unnamed = finding("enacted_not_espoused", ["front"], "key_account", 0.12);
    const other = finding("enacted_not_espoused", ["front"], "social", 0.15);
    const stories = hiddenFromTopRule.stories([hidden, unnamed, other], context());
    expect(stories).toHaveLength(1);
    expect(stories[0]!.findings).toEqual([hidden.key, unnamed.key]);
    expect(stories[0]!.message).toBe("In practice, Front line run key account management (33%), which Board's beliefs hardly register (14%). Front line do not name it either.");
    expect(stories[0]!.recommendation).toContain("results customer by customer for the largest customers");
  });
});

describe("sayDoRule: one story per level", () => {
  it("tells a level's said-not-done and done-not-said on different models, and its blind line of sight, as one story", () => {
    const findings = [
      finding("blind_line_of_sight", ["middle"], "retail", 0.23, false, ["relationship", "retail"]),
      finding("enacted_not_espoused", ["middle"], "retail", 0.22),
      finding("espoused_not_enacted", ["middle"], "relationship", 0.17),
    ];
    const stories = sayDoRule.stories(findings, context());
    expect(stories).toHaveLength(1);
    expect(stories[0]!.findings).toHaveLength(3);
    expect(stories[0]!.message).toBe(
      "Middle managers believe they run relationship marketing (39% of their beliefs), but in practice they run retail (43% of their practice, against 21% believed). What management reviews there follows retail too.",
    );
    // 004: make the implicit model explicit before changing it.
    expect(stories[0]!.recommendation).toMatch(/^Make the model Middle managers really run explicit before changing it/);
  });

  it("words version 1 rounds (allocation as what a level says) and a blind line of sight alone", () => {
    const v1 = context({ instrument: { id: "customer-models", version: 1, sayProfile: "explicit" } });
    const [said] = sayDoRule.stories([finding("espoused_not_enacted", ["middle"], "relationship")], v1);
    expect(said!.message).toBe("Middle managers say relationship marketing is central (55% of the mix they state), but little of their practice shows it (22%).");
    const [blind] = sayDoRule.stories([finding("blind_line_of_sight", ["middle"], "retail", 0.23, false, ["relationship", "retail"])], context());
    expect(blind!.message).toBe("What management reviews at Middle managers follows retail, while their practice leans to relationship marketing.");
  });

  it("keeps two levels' stories apart", () => {
    const stories = sayDoRule.stories([finding("enacted_not_espoused", ["front"], "key_account"), finding("espoused_not_enacted", ["middle"], "relationship")], context());
    expect(stories.map((s) => s.findings)).toEqual([["espoused_not_enacted:middle:relationship"], ["enacted_not_espoused:front:key_account"]]);
  });
});

describe("ambitionRule", () => {
  it("says where a level wants the mix to move and what to measure first", () => {
    const wants = level("board", "Board", { explicit: profile(0.05, 0.15, 0.7, 0.1), desired: profile(0.05, 0.15, 0.45, 0.35) });
    const [story] = ambitionRule.stories([finding("ambition_gap", ["board"], "social", 0.25), finding("ambition_gap", ["board"], "retail", 0.25)], context({ levels: [wants, senior] }));
    expect(story!.message).toBe("Board want more social engagement (+25 points) and less retail (−25 points) in three years.");
    expect(story!.recommendation).toMatch(/^Before moving the mix, start measuring what customers say about you in public online/);
  });
});

describe("strategyRule", () => {
  const distance = (explicit: number) => ({ explicit: { distance: explicit, ci: [explicit, explicit] as [number, number] }, desired: null, said: null, implicit: null });
  const strategy = profile(0.2, 0.4, 0.3, 0.1);

  it("says nothing without a recorded mix", () => {
    expect(strategyRule.stories([], context())).toEqual([]);
  });

  it("names the levels furthest from the intended mix, the nearest, and whether practice leads with the strategy's model", () => {
    const levels = [level("board", "Board", { strategyDistance: distance(0.4) }), level("middle", "Middle managers", { strategyDistance: distance(0.37), explicit: profile(0.05, 0.55, 0.2, 0.2) }), level("front", "Front line", { strategyDistance: distance(0.12) })];
    const [story] = strategyRule.stories([], context({ levels, strategy }));
    expect(story!.findings).toEqual([]);
    expect(story!.message).toBe(
      "Measured against the intended mix (relationship marketing 40%, retail 30%, key account management 20% and social engagement 10%), Board and Middle managers are furthest from it in the mix they allocate today (40 points apart, with retail and relationship marketing first); Front line are nearest (12 points). In practice, no level leads with relationship marketing.",
    );
    expect(story!.recommendation).toContain("where Board and Middle managers look");
  });

  it("says so plainly when every level is close", () => {
    const [story] = strategyRule.stories([], context({ levels: [level("board", "Board", { strategyDistance: distance(0.06) })], strategy }));
    expect(story!.message).toMatch(/^Every level's mix today is within 6 points of the intended mix/);
  });
});

describe("remainingRule", () => {
  it("takes any firm finding no theme took, so that none is left out", () => {
    const later = { ...finding("ambition_gap", ["board"], "social"), pattern: "relationship_gap" as PatternId, key: "relationship_gap:customers:social", summary: "Customers do not feel it." };
    const [story] = remainingRule.stories([later], context());
    expect(story).toMatchObject({ message: "Customers do not feel it.", findings: ["relationship_gap:customers:social"] });
  });
});

describe("summarise", () => {
  it("is empty when nothing firm fires and no strategy is recorded", () => {
    expect(summarise(input([]))).toEqual([]);
    expect(summarise(input([finding("levels_disagree", ["board", "front"], "retail", 0.2, true)]))).toEqual([]);
  });

  it("leaves tentative findings out of every message", () => {
    const firm = finding("espoused_not_enacted", ["middle"], "relationship");
    const tentative = finding("enacted_not_espoused", ["middle"], "retail", 0.12, true);
    expect(summarise(input([firm, tentative])).flatMap((m) => m.findings)).toEqual([firm.key]);
  });

  it("puts every firm finding in exactly one of at most four messages, whatever fires", () => {
    const ids = LEVELS.map((l) => l.id);
    const models = MODELS.map((m) => m.id);
    const arbitraryFinding = fc
      .record({
        pattern: fc.constantFrom<PatternId>("espoused_not_enacted", "enacted_not_espoused", "levels_disagree", "board_only_model", "hidden_from_top", "blind_line_of_sight", "ambition_gap"),
        a: fc.constantFrom(...ids.slice(1)),
        b: fc.constantFrom(...ids),
        model: fc.constantFrom(...models),
        size: fc.double({ min: 0.15, max: 0.6, noNaN: true }),
        tentative: fc.boolean(),
      })
      .map(({ pattern, a, b, model, size, tentative }) => {
        const levels = pattern === "levels_disagree" ? [a, b === a ? "board" : b] : pattern === "hidden_from_top" ? [a, "board"] : pattern === "board_only_model" ? ["board"] : [a];
        return finding(pattern, levels, model, size, tentative, [model, models[(models.indexOf(model) + 1) % models.length]!]);
      });
    const levelsWithDistance = LEVELS.map((l, i) => ({ ...l, strategyDistance: { explicit: { distance: 0.1 * i, ci: [0, 0.4] as [number, number] }, desired: null, said: null, implicit: null } }));
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryFinding, { selector: (f) => f.key, maxLength: 25 }), fc.boolean(), (findings, withStrategy) => {
        const summary = summarise(input(findings, withStrategy ? { strategy: profile(0.2, 0.4, 0.3, 0.1), levels: levelsWithDistance } : {}));
        expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_MESSAGES);
        const firm = findings.filter((f) => !f.tentative).map((f) => f.key).sort();
        expect(summary.flatMap((m) => m.findings).sort()).toEqual(firm);
        for (const message of summary) {
          expect(message.message.length).toBeGreaterThan(0);
          expect(message.recommendation.length).toBeGreaterThan(0);
        }
        if (firm.length === 0 && !withStrategy) expect(summary).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe("fitMessages", () => {
  const story = (n: number): SummaryMessage => ({ message: `M${n}.`, recommendation: `R${n}.`, findings: [`f${n}`] });

  it("merges the theme with most stories first, then folds the last themes into the fourth message", () => {
    expect(fitMessages([[story(1), story(2), story(3)], [story(4)], [story(5)]]).map((m) => m.message)).toEqual(["M1. M2. M3.", "M4.", "M5."]);
    const five = fitMessages([[story(1)], [story(2)], [story(3)], [story(4)], [story(5)]]);
    expect(five.map((m) => m.findings)).toEqual([["f1"], ["f2"], ["f3"], ["f4", "f5"]]);
    expect(five[3]!.recommendation).toBe("R4. R5.");
  });
});
