import { describe, expect, it } from "vitest";
import { getInstrument } from "~/domain/instrument/instruments";
import type { Instrument } from "~/domain/instrument/instrument";
import type { LevelStats } from "~/domain/statistics/level-stats";
import { detectFindings, type PatternLevel } from "~/domain/report/patterns";
import { totalVariation, type Profile } from "~/domain/statistics/profiles";

/** Shares given in percentage points, in model order key_account, relationship, retail, social. */
const p = (ka: number, rm: number, rt: number, so: number): Profile => ({ key_account: ka / 100, relationship: rm / 100, retail: rt / 100, social: so / 100 });
const i = (ka: number, rm: number, rt: number, so: number): Profile => ({ key_account: ka, relationship: rm, retail: rt, social: so });

/** Version 1 (allocation against practice): instrument.md's worked example is written for it. */
const v1 = getInstrument("customer-models", 1);
const v2 = getInstrument("customer-models", 2);

function level(id: string, index: number, stats: Partial<LevelStats> & Pick<LevelStats, "explicit">, contributors = 10): PatternLevel {
  return {
    id,
    label: id[0]!.toUpperCase() + id.slice(1),
    index,
    contributors: { explicit: contributors, said: contributors, implicit: contributors, facets: contributors },
    stats: { desired: stats.explicit, said: null, saidIntensities: null, implicit: null, intensities: null, practices: null, lineOfSight: null, ...stats },
  };
}

/** Resamples equal to the point estimate: every interval collapses onto the size, so every finding is firm. */
const detect = (levels: PatternLevel[], resamples?: LevelStats[][], instrument: Instrument = v1) =>
  detectFindings({ instrument, levels, resamples: resamples ?? Array.from({ length: 20 }, () => levels.map((l) => l.stats)) });

const summary = (findings: ReturnType<typeof detect>) => findings.map((f) => [f.pattern, f.levels.join("+"), f.model, Math.round(f.size * 1000) / 10]);

describe("instrument.md's worked example (Northwind Retail)", () => {
  const board = level("board", 0, {
    explicit: p(5, 15, 70, 10),
    desired: p(5, 15, 50, 30),
    intensities: i(0.22, 0.42, 0.84, 0.28),
    implicit: p(12.4, 23.8, 48.0, 15.8),
    practices: p(12.8, 30.8, 41.0, 15.4),
    lineOfSight: p(9.7, 16.1, 61.3, 12.9),
  });
  const middle = level("middle", 1, {
    explicit: p(5, 55, 20, 20),
    desired: p(5, 60, 15, 20),
    intensities: i(0.16, 0.43, 0.78, 0.38),
    implicit: p(9.0, 24.5, 44.7, 21.8),
    practices: p(9.3, 37.2, 32.6, 20.9),
    lineOfSight: p(6.4, 12.8, 60.9, 19.9),
  });
  const findings = detect([board, middle]);

  it("fires exactly the patterns the example lists, with its sizes", () => {
    expect(summary(findings)).toEqual([
      ["levels_disagree", "board+middle", "retail", 50],
      ["espoused_not_enacted", "middle", "relationship", 30.5],
      ["blind_line_of_sight", "middle", "retail", 28.3],
      ["enacted_not_espoused", "middle", "retail", 24.7],
      ["ambition_gap", "board", "retail", 20],
      ["ambition_gap", "board", "social", 20],
    ]);
  });

  it("does not fire what the example says does not fire", () => {
    // Board retail: the gap of 22 points clears the threshold, but intensity is 0.84 (said and done).
    expect(findings.some((f) => f.pattern === "espoused_not_enacted" && f.levels[0] === "board")).toBe(false);
    // Board-only needs two other reportable levels; hidden-from-top's largest excess is 11.8 points.
    expect(findings.some((f) => f.pattern === "board_only_model" || f.pattern === "hidden_from_top")).toBe(false);
  });

  it("says each in a plain sentence with whole percentages, and the question to ask", () => {
    const disagree = findings[0]!;
    expect(disagree.summary).toBe("Board and Middle disagree on the model: Board put retail first (70%), Middle put relationship marketing first (55%).");
    expect(disagree.question).toBe("If both levels wrote one page on how we win customers, whose page would be true?");
    expect(findings.find((f) => f.model === "social")!.summary).toBe("Board want 20 points more social engagement in three years (30% instead of 10% today).");
    expect(findings.find((f) => f.pattern === "ambition_gap" && f.model === "retail")!.summary).toContain("20 points less retail");
    expect(findings.every((f) => !f.tentative && f.ci[0] === f.size && f.ci[1] === f.size)).toBe(true);
  });
});

describe("the other rules", () => {
  const others = [
    level("middle", 1, { explicit: p(10, 30, 30, 30), implicit: p(40, 20, 20, 20), intensities: i(0.8, 0.4, 0.4, 0.4) }),
    level("front", 2, { explicit: p(10, 30, 35, 25), implicit: p(25, 25, 25, 25), intensities: i(0.5, 0.5, 0.5, 0.5) }),
  ];

  it("fires board-only model with two other reportable levels, sized by the smallest difference", () => {
    const board = level("board", 0, { explicit: p(45, 25, 15, 15) });
    const found = detect([board, ...others]).filter((f) => f.pattern === "board_only_model");
    expect(summary(found)).toEqual([["board_only_model", "board", "key_account", 35]]);
    expect(summary(detect([board, others[0]!]).filter((f) => f.pattern === "board_only_model"))).toEqual([]);
  });

  it("fires hidden from the top when a level enacts, with intensity, what the top level does not say", () => {
    const board = level("board", 0, { explicit: p(5, 35, 30, 30) });
    const hidden = detect([board, ...others]).filter((f) => f.pattern === "hidden_from_top");
    expect(summary(hidden)).toEqual([
      ["hidden_from_top", "middle+board", "key_account", 35],
      ["hidden_from_top", "front+board", "key_account", 20],
    ]);
    expect(hidden[0]!.summary).toBe("Middle's practice enacts key account management at 40%, while Board say the organisation runs it at 5%: hidden from the top.");
  });

  it("needs the top level to be reportable for the top-level rules", () => {
    const board = level("board", 0, { explicit: p(5, 35, 30, 30) });
    const withoutTop = detect(others.map((l) => ({ ...l })));
    expect(withoutTop.some((f) => f.pattern === "hidden_from_top" || f.pattern === "board_only_model")).toBe(false);
    expect(detect([board, ...others]).some((f) => f.pattern === "hidden_from_top")).toBe(true);
  });

  it("fires levels disagree on the top-model rule only when each level's own top leads by 10 points", () => {
    const a = level("a", 0, { explicit: p(10, 40, 28, 22) });
    const b = level("b", 1, { explicit: p(10, 28, 40, 22) });
    const nearTie = level("c", 1, { explicit: p(10, 34, 36, 20) });
    expect(summary(detect([a, b]))).toEqual([["levels_disagree", "a+b", "relationship", 12]]);
    expect(detect([a, nearTie])).toEqual([]);
  });

  it("fires blind line of sight when practice and measures lean to different models", () => {
    const stats = { explicit: p(25, 25, 25, 25), practices: p(10, 50, 20, 20), lineOfSight: p(10, 20, 50, 20) };
    expect(summary(detect([level("a", 0, stats, 5)]))).toEqual([["blind_line_of_sight", "a", "retail", 30]]);
  });
});

describe("uncertainty and ranking", () => {
  const base = { explicit: p(25, 25, 25, 25) };
  const ambitious = (social: number) => level("a", 0, { ...base, desired: p(25, 25, 25 - social, 25 + social) });
  const resampledWith = (socials: number[]) => socials.map((s) => [ambitious(s).stats]);

  it("marks a finding tentative when its interval reaches below the threshold", () => {
    const firm = detect([ambitious(25)], resampledWith(Array.from({ length: 100 }, (_, k) => 18 + (k % 15))));
    expect(firm.find((f) => f.model === "social")).toMatchObject({ tentative: false, threshold: 0.15 });
    const shaky = detect([ambitious(25)], resampledWith(Array.from({ length: 100 }, (_, k) => 5 + (k % 35))));
    const finding = shaky.find((f) => f.model === "social")!;
    expect(finding.tentative).toBe(true);
    expect(finding.ci[0]).toBeLessThan(0.15);
    expect(finding.size).toBeCloseTo(0.25, 12);
  });

  it("keeps a top-model split firm when the same split holds in 95% of resamples, and says so truthfully", () => {
    const a = level("a", 0, { explicit: p(10, 40, 28, 22) });
    const b = level("b", 1, { explicit: p(10, 28, 40, 22) });
    const flipped = level("b", 1, { explicit: p(10, 40, 28, 22) }).stats;
    const stable = Array.from({ length: 100 }, (_, k) => [a.stats, k < 96 ? b.stats : flipped]);
    const unstable = Array.from({ length: 100 }, (_, k) => [a.stats, k < 90 ? b.stats : flipped]);
    const firm = detect([a, b], stable)[0]!;
    expect(firm.tentative).toBe(false);
    expect(firm.certainty).toEqual({ firm: true, by: "split", share: 0.95 });
    expect(detect([a, b], unstable)[0]!.tentative).toBe(true);
  });

  it("ranks firm findings before tentative ones, each by size, whatever their sizes", () => {
    // key_account's (-20) and social's (-16) ambitions wobble below the threshold; relationship's (+20) and retail's (+16) hold.
    const a = level("a", 0, { explicit: p(25, 25, 25, 25), desired: p(5, 45, 41, 9) });
    const wobble = Array.from({ length: 100 }, (_, k) => [
      level("a", 0, { explicit: p(25, 25, 25, 25), desired: p(5 + (k % 2) * 12, 45, 41, 9 + (k % 2) * 12) }).stats,
    ]);
    const ranked = detect([a], wobble);
    expect(ranked.map((f) => [f.model, f.tentative, Math.round(f.size * 100)])).toEqual([
      ["relationship", false, 20],
      ["retail", false, 16],
      ["key_account", true, 20],
      ["social", true, 16],
    ]);
  });

  it("counts a size that reaches its threshold only up to floating-point noise as reaching it", () => {
    // 0.35 - 0.20 is 0.14999999999999997 in floating point.
    const a = level("a", 0, { explicit: p(20, 30, 30, 20), desired: { key_account: 0.35, relationship: 0.3, retail: 0.15, social: 0.2 } });
    a.stats.explicit!.key_account = 0.2;
    expect(0.35 - 0.2 < 0.15).toBe(true);
    const found = detect([a]).find((f) => f.model === "key_account");
    expect(found).toMatchObject({ pattern: "ambition_gap", tentative: false });
  });

  it("never calls a finding firm when a level it rests on has fewer than 5 contributors", () => {
    const a = level("a", 0, { explicit: p(25, 25, 25, 25), desired: p(5, 45, 30, 20) }, 4);
    const found = detect([a]);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.tentative && f.certainty.by === "small_group")).toBe(true);
    expect(detect([level("a", 0, { explicit: p(25, 25, 25, 25), desired: p(5, 45, 30, 20) }, 5)]).every((f) => !f.tentative)).toBe(true);
  });

  it("judges the smallest of several differences by each difference's own interval (board-only model)", () => {
    const board = level("board", 0, { explicit: p(10, 10, 30, 50) });
    const others = [level("b", 1, { explicit: p(30, 30, 30, 10) }), level("c", 2, { explicit: p(30, 30, 30, 10) })];
    // In each resample one of the two others comes close (the smallest difference dips), but each
    // difference on its own stays 40 points or 20 points in alternate resamples: both clear 15.
    const resamples = Array.from({ length: 100 }, (_, k) => [
      board.stats,
      level("b", 1, { explicit: k % 2 ? p(30, 30, 30, 10) : p(20, 20, 30, 30) }).stats,
      level("c", 2, { explicit: k % 2 ? p(20, 20, 30, 30) : p(30, 30, 30, 10) }).stats,
    ]);
    const found = detect([board, ...others], resamples).find((f) => f.pattern === "board_only_model")!;
    expect(found.size).toBeCloseTo(0.4, 12);
    expect(found.ci[0]).toBeCloseTo(0.2, 12);
    expect(found.tentative).toBe(false);
  });
});

describe("version 2: say and do on one metric", () => {
  const said = (ka: number, rm: number, rt: number, so: number) => {
    const intensities = i(ka, rm, rt, so);
    const total = ka + rm + rt + so;
    return { said: p((100 * ka) / total, (100 * rm) / total, (100 * rt) / total, (100 * so) / total), saidIntensities: intensities };
  };
  const implicit = (ka: number, rm: number, rt: number, so: number) => {
    const total = ka + rm + rt + so;
    return { implicit: p((100 * ka) / total, (100 * rm) / total, (100 * rt) / total, (100 * so) / total), intensities: i(ka, rm, rt, so) };
  };

  it("compares the belief statements with practice, not the allocation: a level that says and does retail fires nothing", () => {
    // The allocation is lopsided (70% retail) while beliefs and practice are both intensities: v1 would call retail "said, not done".
    const board = level("board", 0, { explicit: p(10, 10, 70, 10), ...said(0.4, 0.5, 0.85, 0.4), ...implicit(0.4, 0.5, 0.85, 0.4) });
    expect(detect([board], undefined, v2).filter((f) => f.pattern === "espoused_not_enacted" || f.pattern === "enacted_not_espoused")).toEqual([]);
    // Allocation against practice puts this level 30 points apart: the two metrics differ, not the level.
    expect(totalVariation(board.stats.explicit!, board.stats.implicit!, v1.modelIds)).toBeGreaterThan(0.3);
    expect(totalVariation(board.stats.said!, board.stats.implicit!, v2.modelIds)).toBeCloseTo(0, 12);
  });

  it("fires said-not-done on beliefs above practice, with the intensities themselves apart", () => {
    const middle = level("middle", 1, { explicit: p(5, 55, 20, 20), ...said(0.3, 0.9, 0.5, 0.5), ...implicit(0.3, 0.3, 0.8, 0.5) });
    const found = detect([middle], undefined, v2);
    const espoused = found.find((f) => f.pattern === "espoused_not_enacted")!;
    expect(espoused.model).toBe("relationship");
    expect(espoused.size).toBeCloseTo(0.9 / 2.2 - 0.3 / 1.9, 12);
    expect(espoused.summary).toContain("beliefs give relationship marketing 41%");
    expect(found.find((f) => f.pattern === "enacted_not_espoused")!.model).toBe("retail");
  });

  it("does not fire say-do on shares alone when the model's intensities agree (normalisation moves every share)", () => {
    // Key account is as present in belief as in practice (0.8); the others are said more than done, which lifts
    // key account's practice share from 25% to 47% without anyone doing more of it.
    const level1 = level("a", 0, { explicit: p(25, 25, 25, 25), ...said(0.8, 0.8, 0.8, 0.8), ...implicit(0.8, 0.3, 0.3, 0.3) });
    const found = detect([level1], undefined, v2);
    expect(found.some((f) => f.pattern === "enacted_not_espoused" && f.model === "key_account")).toBe(false);
  });

  it("evaluates the intensity conditions in every resample: a condition that fails in too many makes the finding tentative", () => {
    const middle = level("middle", 1, { explicit: p(5, 55, 20, 20), ...said(0.3, 0.9, 0.5, 0.5), ...implicit(0.3, 0.3, 0.8, 0.5) });
    // In one resample in ten, practice shows relationship at 0.55: the "not done" condition (< 0.5) fails there.
    const wobbly = { ...middle.stats, ...implicit(0.3, 0.55, 0.8, 0.5) };
    const resamples = Array.from({ length: 100 }, (_, k) => [k % 10 === 0 ? wobbly : middle.stats]);
    const espoused = detect([middle], resamples, v2).find((f) => f.pattern === "espoused_not_enacted")!;
    expect(espoused.tentative).toBe(true);
    expect(espoused.certainty.by).toBe("condition");
  });

  it("hides from the top what a level does and the top level's beliefs leave out", () => {
    const board = level("board", 0, { explicit: p(5, 15, 70, 10), ...said(0.2, 0.5, 0.9, 0.4), ...implicit(0.3, 0.5, 0.85, 0.4) });
    const front = level("front", 1, { explicit: p(15, 25, 50, 10), ...said(0.8, 0.5, 0.7, 0.4), ...implicit(0.85, 0.4, 0.75, 0.3) });
    const hidden = detect([board, front], undefined, v2).filter((f) => f.pattern === "hidden_from_top");
    expect(hidden.map((f) => [f.levels.join("+"), f.model])).toEqual([["front+board", "key_account"]]);
    expect(hidden[0]!.size).toBeCloseTo(0.85 / 2.3 - 0.2 / 2.0, 12);
  });
});
