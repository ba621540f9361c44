import type { CustomerInstrument } from "../../instrument/customer-instrument";
import type { Instrument } from "../../instrument/instrument";
import { shortModelLabel } from "../../instrument/labels";
import type { LevelStats } from "../../statistics/level-stats";
import { CUSTOMERS_LEVEL_ID } from "../../rounds/customers-level";
import { reaches, THRESHOLD_TOLERANCE, type Candidate, type PatternLevel } from "../patterns";
import type { CustomerStats } from "./customer-layout";

/** What the customer patterns read, at the point estimate or in one resample. */
export interface JointStats {
  levels: readonly LevelStats[];
  customers: CustomerStats;
}

export interface CustomerPatternInput {
  instrument: Instrument;
  customerInstrument: CustomerInstrument;
  /** Reportable levels, in the order of `JointStats.levels`. */
  levels: readonly PatternLevel[];
  /** The customers' point statistics and contributors; only called when the customers are reportable. */
  customers: { stats: CustomerStats; contributors: { all: number; experienced: number } };
}

/** The staff and customer questionnaires must share a model set: profiles on different models are never compared. */
export function sameModels(instrument: Pick<Instrument, "modelIds">, customerInstrument: Pick<CustomerInstrument, "modelIds">): boolean {
  return instrument.modelIds.length === customerInstrument.modelIds.length && instrument.modelIds.every((id, i) => customerInstrument.modelIds[i] === id);
}

/**
 * The customer patterns, with the same machinery as the staff ones (patterns.ts): sized on the point
 * estimates, with conditions checked in every resample, a bootstrap interval, the threshold compared with
 * a tolerance, and firm only when every group involved has at least five contributors.
 *
 * relationship_gap: a level's beliefs give a model a larger share than customers' experience does, on one
 *   metric (both are normalised statement intensities, so response style shared by a model's statements
 *   cancels); customers do not on balance experience the model (intensity below the bound) and the level's
 *   belief intensity exceeds theirs by the intensity gap. Needs belief statements (instrument version 2).
 * unmet_want: customers' wanted share of a model (their allocation) exceeds its share of their experience,
 *   and they do not on balance experience it (intensity below the bound). An allocation is lopsider than a
 *   normalised intensity, so the share difference alone would overstate every favourite: the intensity
 *   bound keeps a want that is met (a model customers clearly experience) from firing.
 */
export function customerCandidates(input: CustomerPatternInput): Candidate<JointStats>[] {
  const { instrument, customerInstrument, levels, customers } = input;
  const ids = customerInstrument.modelIds;
  const t = customerInstrument.patterns;
  const label = (id: string) => shortModelLabel(customerInstrument.models.find((m) => m.id === id)?.label ?? id);
  const found: Candidate<JointStats>[] = [];
  const { experienced, intensities, wanted } = customers.stats;
  if (!experienced || !intensities) return found;
  const customerIntensity = (s: JointStats, m: string) => s.customers.intensities?.[m] ?? Number.NaN;
  const notExperienced = (bound: number) => (m: string) => (s: JointStats) => customerIntensity(s, m) < bound + THRESHOLD_TOLERANCE;
  const customerEvidence = (m: string) => ({ level: CUSTOMERS_LEVEL_ID, model: m, profile: "experienced" as const });

  if (instrument.patterns.sayProfile === "said" && sameModels(instrument, customerInstrument)) {
    const rule = t.relationshipGap;
    levels.forEach((level, i) => {
      const said = level.stats.said;
      const saidIntensities = level.stats.saidIntensities;
      if (!said || !saidIntensities) return;
      for (const m of ids) {
        const size = (s: JointStats) => {
          const levelSays = s.levels[i]!.said;
          return levelSays && s.customers.experienced ? levelSays[m]! - s.customers.experienced[m]! : Number.NaN;
        };
        const gates = [
          notExperienced(rule.maxIntensity)(m),
          (s: JointStats) => reaches((s.levels[i]!.saidIntensities?.[m] ?? Number.NaN) - customerIntensity(s, m), rule.minIntensityGap),
        ];
        const point: JointStats = { levels: levels.map((l) => l.stats), customers: customers.stats };
        if (!reaches(size(point), rule.minGap) || !gates.every((gate) => gate(point))) continue;
        found.push({
          pattern: "relationship_gap",
          levels: [level.id, CUSTOMERS_LEVEL_ID],
          model: m,
          threshold: rule.minGap,
          measure: size,
          gates,
          contributors: [
            { level: level.id, count: level.contributors.said },
            { level: CUSTOMERS_LEVEL_ID, count: customers.contributors.experienced },
          ],
          facts: { level: level.label, model: label(m), said: said[m]!, experienced: experienced[m]!, intensity: intensities[m]! },
          evidenceFrom: [{ level: level.id, model: m, profile: "explicit" }, customerEvidence(m)],
        });
      }
    });
  }

  if (wanted) {
    const rule = t.unmetWant;
    for (const m of ids) {
      const size = (s: JointStats) => (s.customers.wanted && s.customers.experienced ? s.customers.wanted[m]! - s.customers.experienced[m]! : Number.NaN);
      const gates = [notExperienced(rule.maxIntensity)(m)];
      const point: JointStats = { levels: levels.map((l) => l.stats), customers: customers.stats };
      if (!reaches(size(point), rule.minGap) || !gates.every((gate) => gate(point))) continue;
      found.push({
        pattern: "unmet_want",
        levels: [CUSTOMERS_LEVEL_ID],
        model: m,
        threshold: rule.minGap,
        measure: size,
        gates,
        contributors: [{ level: CUSTOMERS_LEVEL_ID, count: Math.min(customers.contributors.all, customers.contributors.experienced) }],
        facts: { model: label(m), wanted: wanted[m]!, experienced: experienced[m]!, intensity: intensities[m]! },
        evidenceFrom: [customerEvidence(m)],
      });
    }
  }
  return found;
}
