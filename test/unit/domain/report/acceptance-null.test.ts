import { describe, expect, it } from "vitest";
import { acquiescent, aligned, everyLevel, neutral } from "../../../support/scenarios";
import { simulateRound } from "../../../support/simulation";

/**
 * instrument.md section 8's acceptance, part 1: with nothing planted, a report carries a firm finding in at
 * most 5% of rounds, at 3 and at 5 respondents per level (and 10 and 20); an organisation that says and does
 * the same, answering honestly or with 70% acquiescent respondents, gets no firm finding in at least 95% of
 * runs and a say-do distance near zero. Respondents carry realistic noise (statistics/simulate.ts): item SD
 * about 1, items of a model correlating 0.2-0.3, acquiescence SD 0.3 with a fifth acquiescent, one in twenty
 * straight-lining, 5% "don't know", allocations mostly rounded to fives.
 */
const RUNS = 100;
/** Each of these takes a few seconds alone and may take minutes on a busy machine. */
const HEAVY = { timeout: 600_000 };

function nullRuns(name: string, plans: ReturnType<typeof everyLevel>, perLevel: number | Record<string, number>) {
  let firm = 0;
  let sayDo = 0;
  let sayDoLevels = 0;
  for (let run = 0; run < RUNS; run++) {
    const report = simulateRound(plans, perLevel, `${name}:${JSON.stringify(perLevel)}:${run}`);
    if (report.findings.some((f) => !f.tentative)) firm++;
    for (const level of report.levels) {
      if (level.sayDo) {
        sayDo += level.sayDo.distance;
        sayDoLevels++;
      }
    }
  }
  return { firmRate: firm / RUNS, meanSayDo: sayDoLevels ? sayDo / sayDoLevels : null };
}

describe("nothing planted: firm findings are rare at every group size", () => {
  for (const perLevel of [3, 5, 10, 20]) {
    it(`${perLevel} per level: a firm finding in at most 5% of ${RUNS} reports`, HEAVY, () => {
      const result = nullRuns("neutral", everyLevel(neutral), perLevel);
      console.log(`neutral organisation, ${perLevel} per level:`, result);
      expect(result.firmRate).toBeLessThanOrEqual(0.05);
      if (perLevel <= 4) expect(result.firmRate).toBe(0); // below 5 contributors nothing is firm
    });
  }

  it("unbalanced levels (3, 5, 12 and 25): a firm finding in at most 5% of reports", HEAVY, () => {
    const result = nullRuns("unbalanced", everyLevel(neutral), { board: 3, senior: 5, middle: 12, front: 25 });
    console.log("neutral organisation, unbalanced levels:", result);
    expect(result.firmRate).toBeLessThanOrEqual(0.05);
  });
});

describe("an organisation that says and does the same", () => {
  for (const [name, plan] of [
    ["answering honestly", aligned],
    ["with 70% acquiescent respondents", acquiescent],
  ] as const) {
    for (const perLevel of [5, 10]) {
      it(`${name}, ${perLevel} per level: no firm finding in at least 95% of runs, say-do distance near zero`, HEAVY, () => {
        const result = nullRuns(name, everyLevel(plan), perLevel);
        console.log(`aligned organisation ${name}, ${perLevel} per level:`, result);
        expect(result.firmRate).toBeLessThanOrEqual(0.05);
        expect(result.meanSayDo!).toBeLessThan(0.06);
      });
    }
  }
});
