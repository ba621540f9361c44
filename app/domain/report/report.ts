import type { Instrument } from "../instrument/instrument";
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED } from "../statistics/bootstrap";
import { debiasedDistanceOf } from "../statistics/distance";
import type { LevelStats } from "../statistics/level-stats";
import type { Profile } from "../statistics/profiles";
import { createRandom } from "../statistics/random";
import { responsesNeeded } from "./anonymity";
import { breakdownsOf, type Breakdown } from "./breakdowns";
import { dataQualityOf, type DataQuality } from "./data-quality";
import { evidenceOf, type EvidenceItem } from "./evidence";
import { agreementOf, commentsOf, dontKnowRates, itemFigures, prepareLevel, type ItemFigure, type PreparedLevel } from "./level-figures";
import { withLiveCounts, type LevelSummary, type Withheld } from "./notes";
import { describeCertainty } from "./pattern-text";
import { detectFindings, MIN_FIRM_CONTRIBUTORS, type Finding } from "./patterns";
import { releaseSummary, type ReleaseSummary } from "./release";
import type { Agreement } from "./level-figures";
import { ReportData, type LevelInput, type RespondentRecord } from "./report-data";
import { CustomerData, type CustomerRecord } from "./customers/customer-data";
import { customerPart, withCustomerLiveCounts, type CustomerReport, type CustomerSummary } from "./customers/customer-report";
import { rankFindings } from "./patterns";
import type { CustomerInstrument } from "../instrument/customer-instrument";
import { strategyDistanceOf, type StrategyDistance } from "./strategy";
import { summarise, type SummaryMessage } from "./summary";

export type { Agreement } from "./level-figures";
export { COMMENT_SAMPLE } from "./level-figures";

export interface Interval {
  distance: number;
  ci: [number, number];
}

export interface ReportLevel {
  id: string;
  label: string;
  /** Submitted responses, live (pending ones included). */
  responses: number;
  reportable: boolean;
  explicit: Profile | null;
  desired: Profile | null;
  /** Version 2: what the level's belief statements say it runs, on the implicit profile's metric. */
  said: Profile | null;
  implicit: Profile | null;
  /** Distance between what the level says (beliefs in version 2, allocation in version 1) and does; bias-corrected. */
  sayDo: Interval | null;
  /** Extras (product.md: consumers ignore fields they do not know). */
  responsesNeeded: number;
  release: ReleaseSummary;
  /** Respondents each figure counts. */
  contributors: { explicit: number; said: number; implicit: number; facets: number } | null;
  implicitResponses: number | null;
  intensities: Profile | null;
  saidIntensities: Profile | null;
  dontKnowRate: Record<string, number> | null;
  agreement: Agreement | null;
  /** A random sample of the level's free-text answers (at most COMMENT_SAMPLE), and how many there are in all. */
  comments: string[] | null;
  commentCount: number | null;
  /** Figures the anonymity rules hold back, and why. */
  withheld: Withheld[];
  /** How far each profile is from the round's intended mix; null without one (or below the minimum group). */
  strategyDistance: StrategyDistance | null;
}

export interface ReportFinding extends Omit<Finding, "evidenceFrom"> {
  /** Why it is firm or tentative, in words. */
  basis: string;
  evidence: EvidenceItem[];
  note: string | null;
}

export interface Report {
  round: { id: string; name: string; organisation: string };
  minGroupSize: number;
  models: { id: string; label: string }[];
  /** The executive summary: one to four messages over the firm findings (and the strategy), [] when nothing fires. */
  summary: SummaryMessage[];
  /** The organisation's intended mix for the round (shares summing to 1), or null when none is recorded. */
  strategy: Profile | null;
  levels: ReportLevel[];
  /** The customers' part (customer view): null when the round does not ask its customers. */
  customers: CustomerReport | null;
  findings: ReportFinding[];
  /** Bias-corrected total variation distances between reportable levels (row and column order of `levels`). */
  distances: { levels: string[]; explicit: number[][]; implicit: (number | null)[][] };
  dataQuality: DataQuality;
  breakdowns: Breakdown[];
  /** What cannot be computed and why (a level below the minimum, a withheld figure). */
  notes: string[];
  instrument: { id: string; version: number; sayProfile: "explicit" | "said" };
  resamples: number;
}

export interface ReportOptions {
  round: Report["round"];
  minGroupSize: number;
  /** The intended mix as shares (strategy.ts); every reportable level is compared with it. */
  strategy?: Profile | null;
  resamples?: number;
  seed?: string;
}

/** A report and what it takes to bring its live counts up to date later (see withLiveCounts). */
export interface ComputedReport {
  report: Report;
  summaries: LevelSummary[];
  /** The customers' counts, for their live counts; null without customers. */
  customers: CustomerSummary | null;
}

export function summaryOf(level: PreparedLevel): LevelSummary {
  return {
    id: level.input.id,
    label: level.input.label,
    reportable: level.reportable,
    included: level.figureRows.length,
    counted: level.counted,
    commenters: level.rows.comments.length,
  };
}

/** Resamples per step of the computation: the caller may yield to other work between steps. */
const RESAMPLES_PER_STEP = 50;

/**
 * The gap report, as a generator that yields between steps of work, so a
 * server can answer other requests while a large round's report is computed.
 * `buildReport` runs it to the end.
 */
export function* computeReport(data: ReportData, options: ReportOptions, customerData: CustomerData | null = null): Generator<void, ComputedReport> {
  const { instrument, layout } = data;
  const { minGroupSize } = options;
  const seed = options.seed ?? BOOTSTRAP_SEED;
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const strategy = options.strategy ?? null;
  // Between levels and between phases, the caller may let other work run (a level at a time is short).
  const prepared: PreparedLevel[] = [];
  for (const [index, input] of data.levelInputs.entries()) {
    prepared.push(prepareLevel(layout, input, index, data.levels.get(input.id)!, minGroupSize));
    yield;
  }
  const reportable = prepared.filter((level) => level.reportable);

  // Resamples respondents within each reportable level, each level from its own seeded generator: a level's
  // intervals then depend on its own responses only, never on what another level received.
  const randoms = reportable.map((level) => createRandom(`${seed}:${level.input.id}`));
  const mean = new Float64Array(layout.width);
  const bootstrap: LevelStats[][] = [];
  for (let b = 0; b < resamples; b++) {
    bootstrap.push(
      reportable.map((level, i) => {
        level.resampler.draw(randoms[i]!, mean);
        return layout.stats(mean);
      }),
    );
    if (b % RESAMPLES_PER_STEP === RESAMPLES_PER_STEP - 1) yield;
  }

  const items = new Map<string, Record<string, ItemFigure>>();
  for (const level of prepared) {
    items.set(level.input.id, itemFigures(instrument, level, minGroupSize));
    yield;
  }
  const says = (stats: LevelStats) => (instrument.patterns.sayProfile === "said" ? stats.said : stats.explicit);
  const levels = prepared.map((level): ReportLevel => {
    const at = reportable.indexOf(level);
    const live = level.rows.count;
    // Counts, the release summary and the withheld reasons are filled by withLiveCounts below.
    const base = {
      id: level.input.id,
      label: level.input.label,
      responses: live,
      release: releaseSummary(level.figureRows.length, level.pending, minGroupSize),
      withheld: [],
    };
    if (!level.reportable) {
      return {
        ...base,
        reportable: false,
        explicit: null,
        desired: null,
        said: null,
        implicit: null,
        sayDo: null,
        responsesNeeded: responsesNeeded(level.pending, minGroupSize),
        contributors: null,
        implicitResponses: null,
        intensities: null,
        saidIntensities: null,
        dontKnowRate: null,
        agreement: null,
        comments: null,
        commentCount: null,
        strategyDistance: null,
      };
    }
    const { stats } = level;
    const { comments, count } = commentsOf(level, minGroupSize, seed);
    return {
      ...base,
      reportable: true,
      explicit: stats.explicit,
      desired: stats.desired,
      said: stats.said,
      implicit: stats.implicit,
      sayDo: distanceOf(instrument.modelIds, [stats, stats], (b) => [bootstrap[b]![at]!, bootstrap[b]![at]!], resamples, says, (s) => s.implicit),
      responsesNeeded: 0,
      contributors: level.contributors,
      implicitResponses: level.contributors.implicit,
      intensities: stats.intensities,
      saidIntensities: stats.saidIntensities,
      dontKnowRate: dontKnowRates(instrument, items.get(level.input.id)!),
      agreement: agreementOf(layout, level),
      comments,
      commentCount: count,
      strategyDistance: strategy ? strategyDistanceOf(instrument.modelIds, strategy, stats, (b) => bootstrap[b]![at]!, resamples) : null,
    };
  });
  yield;

  const patternLevels = reportable.map((level) => ({
    id: level.input.id,
    label: level.input.label,
    index: level.index,
    stats: level.stats,
    contributors: level.contributors,
  }));
  const labelOf = (id: string) => data.levelInputs.find((l) => l.id === id)?.label ?? (customerData?.input.id === id ? customerData.input.label : id);
  const staffFindings = detectFindings({ instrument, levels: patternLevels, resamples: bootstrap }).map(({ evidenceFrom, ...finding }): ReportFinding => ({
    ...finding,
    basis: describeCertainty(finding.certainty, finding.threshold, labelOf, MIN_FIRM_CONTRIBUTORS),
    evidence: evidenceOf(instrument, evidenceFrom, items, labelOf),
    note: null,
  }));
  yield;
  const customerResult = customerData
    ? customerPart({ instrument, data: customerData, minGroupSize, seed, resamples, levels: patternLevels, levelResamples: bootstrap, levelItems: items, labelOf })
    : null;
  const findings = customerResult ? rankFindings([...staffFindings, ...customerResult.findings]) : staffFindings;
  yield;

  const ids = instrument.modelIds;
  const matrix = (pick: (s: LevelStats) => Profile | null) =>
    reportable.map((a, ai) =>
      reportable.map((b, bi) => {
        if (ai === bi) return pick(a.stats) ? 0 : null;
        return distanceOf(ids, [a.stats, b.stats], (k) => [bootstrap[k]![ai]!, bootstrap[k]![bi]!], resamples, pick, pick)?.distance ?? null;
      }),
    );
  const dataQuality = dataQualityOf(instrument, layout, prepared);
  yield;
  const breakdowns = breakdownsOf(data, prepared, minGroupSize);
  yield;
  const report: Report = {
    round: options.round,
    minGroupSize,
    models: instrument.models.map(({ id, label }) => ({ id, label })),
    summary: [],
    strategy,
    levels,
    customers: customerResult?.customers ?? null,
    findings,
    distances: {
      levels: reportable.map((l) => l.input.id),
      explicit: matrix((s) => s.explicit) as number[][],
      implicit: matrix((s) => s.implicit),
    },
    dataQuality,
    breakdowns,
    notes: [],
    instrument: { id: instrument.id, version: instrument.version, sayProfile: instrument.patterns.sayProfile },
    resamples,
  };
  report.summary = summarise(report);
  const summaries = prepared.map(summaryOf);
  const live = new Map(prepared.map((level) => [level.input.id, level.rows.count]));
  const customers = customerResult?.summary ?? null;
  return { report: withCustomerLiveCounts(withLiveCounts(report, instrument, summaries, live), customers, customerData?.rows.count ?? 0), summaries, customers };
}

/** Writes a - b per model into `out`; false when either profile is missing. */
function differenceInto(a: Profile | null, b: Profile | null, ids: readonly string[], out: Float64Array): boolean {
  if (!a || !b) return false;
  for (let m = 0; m < ids.length; m++) out[m] = a[ids[m]!]! - b[ids[m]!]!;
  return true;
}

/** Bias-corrected distance between two figures, each taken from its level's statistics (point and resamples). */
function distanceOf(
  ids: readonly string[],
  point: [LevelStats, LevelStats],
  resampled: (b: number) => [LevelStats, LevelStats],
  resamples: number,
  pickA: (s: LevelStats) => Profile | null,
  pickB: (s: LevelStats) => Profile | null,
): Interval | null {
  const observed = new Float64Array(ids.length);
  if (!differenceInto(pickA(point[0]), pickB(point[1]), ids, observed)) return null;
  const { distance, ci } = debiasedDistanceOf(observed, resamples, (b, out) => {
    const [x, y] = resampled(b);
    return differenceInto(pickA(x), pickB(y), ids, out);
  });
  return { distance, ci };
}

/** Runs a stepwise computation to its end. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Input for a report from records in memory (tests, simulations, small rounds). */
export interface ReportInput extends ReportOptions {
  instrument: Instrument;
  /** In the round's order; the first is the "top level". Without release steps, every response is in one final step. */
  levels: (Omit<LevelInput, "releases"> & { releases?: LevelInput["releases"] })[];
  responses: (Omit<RespondentRecord, "release" | "answers"> & { release?: number | null; answers?: RespondentRecord["answers"] })[];
  /** The round's customers, when it asks them: their questionnaire, release steps (one final step by default) and responses. */
  customers?: {
    instrument: CustomerInstrument;
    label?: string;
    releases?: LevelInput["releases"];
    responses: (Omit<CustomerRecord, "release"> & { release?: number | null })[];
  };
}

export function buildReport(input: ReportInput): Report {
  const data = new ReportData(
    input.instrument,
    input.levels.map((level) => ({ ...level, releases: level.releases ?? [{ seq: 1, final: true }] })),
  );
  for (const response of input.responses) data.add({ ...response, release: response.release === undefined ? 1 : response.release, answers: response.answers ?? {} });
  const customers = input.customers ? new CustomerData(input.customers.instrument, input.customers.releases ?? [{ seq: 1, final: true }], input.customers.label) : null;
  for (const response of input.customers?.responses ?? []) customers!.add({ ...response, release: response.release === undefined ? 1 : response.release });
  return runToEnd(computeReport(data, input, customers)).report;
}
