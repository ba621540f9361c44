import { describe, expect, it } from "vitest";
import { currentInstrument as instrument } from "~/domain/instrument/instruments";
import type { LevelStats } from "~/domain/statistics/level-stats";
import { detectFindings, type PatternLevel } from "~/domain/report/patterns";
import type { Profile } from "~/domain/statistics/profiles";

/** Shares given in percentage points, in model order key_account, relationship, retail, social. */
const p = (ka: number, rm: number, rt: number, so: number): Profile => ({ key_account: ka / 100, relationship: rm / 100, retail: rt / 100, social: so / 100 });
const i = (ka: number, rm: number, rt: number, so: number): Profile => ({ key_account: ka, relationship: rm, retail: rt, social: so });

function level(id: string, index: number, stats: Partial<LevelStats> & Pick<LevelStats, "explicit">, facetCount = 10): PatternLevel {
  return {
    id,
    label: id[0]!.toUpperCase() + id.slice(1),
    index,
    facetCount,
    stats: { desired: stats.explicit, implicit: null, intensities: null, practices: null, lineOfSight: null, sayDo: null, ...stats },
  };
}

/** Resamples equal to the point estimate: every interval collapses onto the size, so every finding is firm. */
const detect = (levels: PatternLevel[], resamples?: LevelStats[][]) =>
  detectFindings({ instrument, levels, minGroupSize: 5, resamples: resamples ?? Array.from({ length: 20 }, () => levels.map((l) => l.stats)) });

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

  it("applies blind line of sight only when enough respondents have both facet profiles", () => {
    const stats = { explicit: p(25, 25, 25, 25), practices: p(10, 50, 20, 20), lineOfSight: p(10, 20, 50, 20) };
    expect(summary(detect([level("a", 0, stats, 5)]))).toEqual([["blind_line_of_sight", "a", "retail", 30]]);
    expect(detect([level("a", 0, stats, 4)])).toEqual([]);
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

  it("keeps a top-model split firm when the same split holds in 95% of resamples", () => {
    const a = level("a", 0, { explicit: p(10, 40, 28, 22) });
    const b = level("b", 1, { explicit: p(10, 28, 40, 22) });
    const flipped = level("b", 1, { explicit: p(10, 40, 28, 22) }).stats;
    const stable = Array.from({ length: 100 }, (_, k) => [a.stats, k < 96 ? b.stats : flipped]);
    const unstable = Array.from({ length: 100 }, (_, k) => [a.stats, k < 90 ? b.stats : flipped]);
    expect(detect([a, b], stable)[0]!.tentative).toBe(false);
    expect(detect([a, b], unstable)[0]!.tentative).toBe(true);
  });

  it("ranks firm findings before tentative ones, each by size", () => {
    const a = level("a", 0, { explicit: p(25, 25, 25, 25), desired: p(5, 45, 30, 20) });
    const wobble = Array.from({ length: 100 }, (_, k) => [
      level("a", 0, { explicit: p(25, 25, 25, 25), desired: p(5 + (k % 30), 45 - (k % 30), 30, 20) }).stats,
    ]);
    const ranked = detect([a], wobble);
    expect(ranked.map((f) => [f.model, f.tentative])).toEqual([
      ["key_account", true],
      ["relationship", true],
    ]);
    const mixed = detect([a], Array.from({ length: 100 }, () => [a.stats]));
    expect(mixed.map((f) => f.model)).toEqual(["key_account", "relationship"]);
  });
});
