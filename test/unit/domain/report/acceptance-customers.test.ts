import { describe, expect, it } from "vitest";
import { CUSTOMERS_LEVEL_ID } from "~/domain/rounds/rounds";
import { CUSTOMER_NULL, CUSTOMER_PLANTED, type CustomerScenario } from "../../../support/scenarios";
import { simulateRound } from "../../../support/simulation";

/**
 * The customer patterns judged like the staff ones (instrument.md section 8): a mismatch planted 10 points past
 * its threshold is recovered and firm at 10 customers; nothing planted gives a firm customer finding in at most
 * 5% of reports at 5 and at 10 customers. Staff levels have 10 respondents each; only the customers vary.
 * Rates are printed: the README quotes them.
 */
const RUNS = 100;
const HEAVY = { timeout: 900_000 };
const STAFF_PER_LEVEL = 10;

function run(name: string, scenario: CustomerScenario, customers: number, index: number) {
  return simulateRound(scenario.plans, STAFF_PER_LEVEL, `customers:${name}:${customers}:${index}`, { customers: { plan: scenario.customers, count: customers }, resamples: 400 });
}

function rates(name: string, scenario: CustomerScenario, customers: number, runs = RUNS) {
  let recovered = 0;
  let firm = 0;
  for (let i = 0; i < runs; i++) {
    const finding = run(name, scenario, customers, i).findings.find((f) => f.key === scenario.key);
    if (finding) recovered++;
    if (finding && !finding.tentative) firm++;
  }
  return { recovered: recovered / runs, firm: firm / runs };
}

describe("a customer mismatch planted 10 points past its threshold", () => {
  for (const [pattern, scenario] of Object.entries(CUSTOMER_PLANTED)) {
    it(`${pattern}: recovered and firm at 10 customers; rates at 5 measured`, HEAVY, () => {
      // The scenario really is 10 points past the threshold: large groups measure it.
      const truth = simulateRound(scenario.plans, 600, `customers:${pattern}:truth`, { customers: { plan: scenario.customers, count: 1500 }, resamples: 50 }).findings.find(
        (f) => f.key === scenario.key,
      );
      expect(Math.abs((truth?.size ?? 0) - scenario.size)).toBeLessThan(0.025);
      expect(truth!.size - truth!.threshold).toBeGreaterThan(0.075);
      const atTen = rates(pattern, scenario, 10);
      const atFive = rates(pattern, scenario, 5, RUNS / 2);
      console.log(`${pattern} (true size ${truth!.size.toFixed(3)}): 10 customers`, atTen, "5 customers", atFive);
      expect(atTen.recovered).toBeGreaterThanOrEqual(0.9);
      expect(atTen.firm).toBeGreaterThanOrEqual(0.6);
    });
  }
});

describe("customers who get what the levels say and what they want", () => {
  it("give a firm customer finding in at most 5% of reports at 5 and at 10 customers", HEAVY, () => {
    for (const customers of [5, 10]) {
      let firm = 0;
      let any = 0;
      for (let i = 0; i < RUNS; i++) {
        const found = run("null", CUSTOMER_NULL, customers, i).findings.filter((f) => f.levels.includes(CUSTOMERS_LEVEL_ID));
        if (found.length > 0) any++;
        if (found.some((f) => !f.tentative)) firm++;
      }
      console.log(`no customer mismatch, ${customers} customers:`, { firm: firm / RUNS, anyFinding: any / RUNS });
      expect(firm / RUNS).toBeLessThanOrEqual(0.05);
    }
  });
});
