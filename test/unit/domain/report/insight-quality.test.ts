import { describe, expect, it } from "vitest";
import type { LevelPlan } from "~/domain/statistics/simulate";
import { simulateRound } from "../../../support/simulation";

const RUNS = 200;
const shares = (ka: number, rm: number, rt: number, so: number) => ({ key_account: ka, relationship: rm, retail: rt, social: so });

/**
 * One planted mismatch per pattern, as a consultant would meet it:
 * the board runs and believes retail and wants social; senior managers believe
 * relationship marketing their practice does not show; middle managers quietly
 * run key accounts, and what management watches there is retail.
 */
const PLANTED: Record<string, LevelPlan> = {
  board: { explicit: shares(0.05, 0.1, 0.8, 0.05), desired: shares(0.05, 0.1, 0.45, 0.4), enacted: shares(0.3, 0.3, 0.8, 0.3) },
  senior: { explicit: shares(0.1, 0.7, 0.1, 0.1), desired: shares(0.1, 0.7, 0.1, 0.1), enacted: shares(0.3, 0.15, 0.8, 0.3) },
  middle: {
    explicit: shares(0.3, 0.25, 0.25, 0.2),
    desired: shares(0.3, 0.25, 0.25, 0.2),
    enacted: shares(0.9, 0.3, 0.5, 0.3),
    facetShift: { practices: { relationship: 0.5 }, line_of_sight: { key_account: -0.6, relationship: -0.2, retail: 0.45 } },
  },
  front: { explicit: shares(0.2, 0.25, 0.3, 0.25), desired: shares(0.2, 0.25, 0.3, 0.25), enacted: shares(0.5, 0.5, 0.5, 0.5) },
};
const EXPECTED = [
  "ambition_gap:board:social",
  "board_only_model:board:retail",
  "levels_disagree:board+senior:-",
  "espoused_not_enacted:senior:relationship",
  "enacted_not_espoused:senior:retail",
  "hidden_from_top:middle+board:key_account",
  "blind_line_of_sight:middle:-",
];

/** No mismatch: balanced, or aligned on one model that practice really enacts; desired equals explicit. */
const balanced: LevelPlan = { explicit: shares(0.25, 0.25, 0.25, 0.25), desired: shares(0.25, 0.25, 0.25, 0.25), enacted: shares(0.5, 0.5, 0.5, 0.5) };
const aligned: LevelPlan = { explicit: shares(0.15, 0.2, 0.45, 0.2), desired: shares(0.15, 0.2, 0.45, 0.2), enacted: shares(0.45, 0.55, 0.85, 0.55) };
const NULLS: Record<string, Record<string, LevelPlan>> = {
  balanced: { board: balanced, senior: balanced, middle: balanced, front: balanced },
  aligned: { board: aligned, senior: aligned, middle: aligned, front: aligned },
};

describe("insight quality, by simulation (5 respondents per level, 200 seeded runs)", () => {
  it("recovers every planted mismatch in at least 95% of runs", () => {
    const recovered = Object.fromEntries(EXPECTED.map((key) => [key, 0]));
    let firm = 0;
    for (let run = 0; run < RUNS; run++) {
      const report = simulateRound(PLANTED, 5, run);
      for (const key of EXPECTED) {
        const finding = report.findings.find((f) => f.key === key);
        if (finding) recovered[key]! += 1;
        if (finding && !finding.tentative) firm += 1;
      }
    }
    const rates = Object.fromEntries(Object.entries(recovered).map(([key, n]) => [key, n / RUNS]));
    console.log("planted findings recovered (share of runs):", rates, `firm: ${(firm / (RUNS * EXPECTED.length)).toFixed(3)}`);
    for (const key of EXPECTED) expect(rates[key], key).toBeGreaterThanOrEqual(0.95);
  }, 180_000); // 200 simulated reports: 12-30 s on a busy machine

  it("reports a non-tentative finding in fewer than 5% of runs on data with no planted mismatch", () => {
    for (const [name, plans] of Object.entries(NULLS)) {
      let withFirm = 0;
      let withAny = 0;
      for (let run = 0; run < RUNS; run++) {
        const findings = simulateRound(plans, 5, `${name}:${run}`).findings;
        if (findings.some((f) => !f.tentative)) withFirm += 1;
        if (findings.length > 0) withAny += 1;
      }
      console.log(`${name}: runs with a firm finding ${withFirm / RUNS}, with any (tentative) finding ${withAny / RUNS}`);
      expect(withFirm / RUNS, name).toBeLessThan(0.05);
    }
  }, 180_000);

  it("is reproducible: the same seed gives the same report", () => {
    expect(JSON.stringify(simulateRound(PLANTED, 5, 42))).toBe(JSON.stringify(simulateRound(PLANTED, 5, 42)));
  });
});
