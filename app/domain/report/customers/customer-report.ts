import type { Instrument } from "../../instrument/instrument";
import type { LevelStats } from "../../statistics/level-stats";
import type { Profile } from "../../statistics/profiles";
import { createRandom } from "../../statistics/random";
import { percentileInterval } from "../../statistics/bootstrap";
import { CUSTOMERS_LEVEL_ID } from "../../rounds/customers-level";
import { effectiveMinGroupSize, responsesNeeded } from "../anonymity";
import { evidenceOf } from "../evidence";
import { commentsOf, dontKnowRates, itemFigures, type ItemFigure } from "../level-figures";
import type { Withheld } from "../notes";
import { describeCertainty } from "../pattern-text";
import { evaluateCandidates, MIN_FIRM_CONTRIBUTORS, type Finding, type PatternLevel } from "../patterns";
import { releaseSummary, type CountedRelease, type ReleaseSummary } from "../release";
import type { ReportFinding } from "../report";
import type { CustomerData } from "./customer-data";
import { customerQuality, npsByLeadingModel, prepareCustomers, type CustomerQuality, type NpsCell } from "./customer-figures";
import type { CustomerStats } from "./customer-layout";
import { customerCandidates, sameModels, type JointStats } from "./customer-patterns";

/**
 * The report's `customers` part (product.md, contract version 2): null when the round does not ask its
 * customers. Figures are null below the minimum group, as a level's are.
 */
export interface CustomerReport {
  id: typeof CUSTOMERS_LEVEL_ID;
  label: string;
  /** Submitted customer responses, live (pending ones included). */
  responses: number;
  reportable: boolean;
  /** What customers experience: shares from the statements' intensities (the metric of a level's `said` and `implicit`). */
  experienced: Profile | null;
  /** What customers want from the relationship: their 100-point allocations, as shares. */
  wanted: Profile | null;
  /** Net Promoter Score, -100 to 100 (promoters' share minus detractors', in points), and its 95% bootstrap interval. */
  nps: number | null;
  npsCi: [number, number] | null;
  /** Extras (consumers ignore what they do not know). */
  intensities: Profile | null;
  npsGroups: { promoters: number; passives: number; detractors: number } | null;
  /** NPS per model that customers' experience leads with, where every group reaches the minimum group. */
  npsByModel: { cells: NpsCell[]; otherResponses: number } | null;
  responsesNeeded: number;
  release: ReleaseSummary;
  contributors: { all: number; experienced: number } | null;
  /** Share of statements answered "don't know". */
  dontKnowRate: number | null;
  comments: string[] | null;
  commentCount: number | null;
  quality: CustomerQuality | null;
  withheld: Withheld[];
  instrument: { id: string; version: number };
}

/** What the customers' live counts and notes need, unchanged between release steps (as LevelSummary is for a level). */
export interface CustomerSummary {
  label: string;
  reportable: boolean;
  included: number;
  counted: { all: CountedRelease; experienced: CountedRelease; comments: CountedRelease };
  commenters: number;
  /** The staff questionnaire has belief statements and the models match: relationship_gap can be computed at all. */
  canCompareBeliefs: boolean;
}

export interface CustomerPartInput {
  instrument: Instrument;
  data: CustomerData;
  minGroupSize: number;
  seed: string;
  resamples: number;
  /** Reportable levels as the patterns see them, and their statistics in each resample (same order). */
  levels: readonly PatternLevel[];
  levelResamples: readonly (readonly LevelStats[])[];
  levelItems: ReadonlyMap<string, Record<string, ItemFigure>>;
  labelOf: (levelId: string) => string;
}

/** The customers' figures and findings, from the same resampling and rules as the levels'. */
export function customerPart(input: CustomerPartInput): { customers: CustomerReport; findings: ReportFinding[]; summary: CustomerSummary } {
  const { data, minGroupSize, seed, resamples } = input;
  const instrument = data.instrument;
  const prepared = prepareCustomers(data, minGroupSize);
  const { layout, rows, figureRows } = prepared;
  const summary: CustomerSummary = {
    label: data.input.label,
    reportable: prepared.reportable,
    included: figureRows.length,
    counted: prepared.counted,
    commenters: rows.comments.length,
    canCompareBeliefs: input.instrument.patterns.sayProfile === "said" && sameModels(input.instrument, instrument),
  };
  const base = {
    id: CUSTOMERS_LEVEL_ID as typeof CUSTOMERS_LEVEL_ID,
    label: data.input.label,
    responses: rows.count,
    release: releaseSummary(figureRows.length, prepared.pending, minGroupSize),
    withheld: [],
    instrument: { id: instrument.id, version: instrument.version },
  };
  if (!prepared.reportable) {
    const customers: CustomerReport = {
      ...base,
      reportable: false,
      experienced: null,
      wanted: null,
      nps: null,
      npsCi: null,
      intensities: null,
      npsGroups: null,
      npsByModel: null,
      responsesNeeded: responsesNeeded(prepared.pending, minGroupSize),
      contributors: null,
      dontKnowRate: null,
      comments: null,
      commentCount: null,
      quality: null,
    };
    return { customers, findings: [], summary };
  }

  // Resampled from its own seeded generator: the customers' intervals depend on their own answers only.
  const random = createRandom(`${seed}:${CUSTOMERS_LEVEL_ID}`);
  const target = new Float64Array(layout.width);
  const customerResamples: CustomerStats[] = [];
  for (let b = 0; b < resamples; b++) {
    prepared.resampler.draw(random, target);
    customerResamples.push(layout.stats(target, figureRows.length));
  }
  const nps = prepared.stats.nps!;
  const npsCi = percentileInterval(customerResamples.map((s) => s.nps ?? Number.NaN)) ?? [nps, nps];
  let promoters = 0;
  let detractors = 0;
  for (const row of figureRows) {
    const points = rows.scores[row * layout.width + layout.at.nps]!;
    if (points > 0) promoters++;
    else if (points < 0) detractors++;
  }
  const n = figureRows.length;
  const items = itemFigures(instrument, prepared, minGroupSize);
  const { comments, count } = commentsOf({ ...prepared, counted: { comments: prepared.counted.comments } }, minGroupSize, seed);
  const customers: CustomerReport = {
    ...base,
    reportable: true,
    experienced: prepared.stats.experienced,
    wanted: prepared.stats.wanted,
    nps,
    npsCi,
    intensities: prepared.stats.intensities,
    npsGroups: { promoters: promoters / n, passives: (n - promoters - detractors) / n, detractors: detractors / n },
    npsByModel: npsByLeadingModel(prepared, minGroupSize, resamples, seed),
    responsesNeeded: 0,
    contributors: prepared.contributors,
    dontKnowRate: dontKnowRates(instrument, items)[instrument.facets[0]!.id] ?? 0,
    comments,
    commentCount: count,
    quality: customerQuality(instrument, prepared),
  };

  const candidates = customerCandidates({
    instrument: input.instrument,
    customerInstrument: instrument,
    levels: input.levels,
    customers: { stats: prepared.stats, contributors: prepared.contributors },
  });
  const point: JointStats = { levels: input.levels.map((l) => l.stats), customers: prepared.stats };
  const joint: JointStats[] = customerResamples.map((stats, b) => ({ levels: input.levelResamples[b] ?? [], customers: stats }));
  const customerItems = new Map([[CUSTOMERS_LEVEL_ID, items]]);
  const findings = evaluateCandidates(candidates, point, joint).map(({ evidenceFrom, ...finding }: Finding): ReportFinding => ({
    ...finding,
    basis: describeCertainty(finding.certainty, finding.threshold, input.labelOf, MIN_FIRM_CONTRIBUTORS),
    evidence: [
      ...evidenceOf(input.instrument, evidenceFrom.filter((e) => e.level !== CUSTOMERS_LEVEL_ID), input.levelItems, input.labelOf),
      ...evidenceOf(instrument, evidenceFrom.filter((e) => e.level === CUSTOMERS_LEVEL_ID), customerItems, input.labelOf),
    ],
    note: null,
  }));
  return { customers, findings, summary };
}

const responsesText = (n: number) => `${n} ${n === 1 ? "response" : "responses"}`;

/** The customers' figures the anonymity rules hold back, and why (as withheldFigures says for a level). */
export function customerWithheld(summary: CustomerSummary, pending: number, minGroupSize: number): Withheld[] {
  const min = effectiveMinGroupSize(minGroupSize);
  if (!summary.reportable) {
    return [{ figure: "level", reason: `Not enough customer responses to report: ${responsesText(pending)} so far, ${min} needed before any figure appears.` }];
  }
  const withheld: Withheld[] = [];
  if (summary.counted.experienced.contributors < min) {
    withheld.push({
      figure: "implicit",
      reason: `Fewer than ${min} of the ${responsesText(summary.included)} in these figures answered enough statements about dealing with the organisation, so what customers experience is withheld until at least ${min} have.`,
    });
  }
  // Said whether or not anyone has commented: whether the note appears must not tell that a pending response holds a comment.
  if (summary.counted.comments.contributors < min) {
    withheld.push({ figure: "comments", reason: `Fewer than ${min} customers have written a comment, so comments are not shown yet.` });
  }
  return withheld;
}

/** What cannot be computed about the customers, and why. */
export function customerNotes(summary: CustomerSummary, pending: number, minGroupSize: number): string[] {
  const min = effectiveMinGroupSize(minGroupSize);
  if (!summary.reportable) {
    return [`${summary.label} have ${responsesText(pending)} and need ${min} before their figures appear, so the customer findings (relationship gap, unmet want) cannot be computed yet.`];
  }
  const notes: string[] = [];
  if (summary.counted.experienced.contributors < min) notes.push(`${summary.label}: too few have answered enough statements for an experience profile, so the customer findings cannot be computed.`);
  if (!summary.canCompareBeliefs) notes.push("The relationship gap compares what customers experience with a level's belief statements, which this round's questionnaire does not have.");
  return notes;
}

/** Brings the customers' live counts, withheld reasons and notes up to date (see notes.ts, withLiveCounts). */
export function withCustomerLiveCounts<R extends { customers: CustomerReport | null; notes: string[]; minGroupSize: number }>(
  report: R,
  summary: CustomerSummary | null,
  live: number,
): R {
  if (!report.customers || !summary) return report;
  const pending = Math.max(0, live - summary.included);
  const { minGroupSize } = report;
  return {
    ...report,
    customers: {
      ...report.customers,
      responses: summary.included + pending,
      release: releaseSummary(summary.included, pending, minGroupSize),
      responsesNeeded: summary.reportable ? 0 : responsesNeeded(pending, minGroupSize),
      withheld: customerWithheld(summary, pending, minGroupSize),
    },
    notes: [...report.notes, ...customerNotes(summary, pending, minGroupSize)],
  };
}
