import { isReportable, responsesNeeded } from "./anonymity";
import { BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, meanResampler, percentileInterval, type MeanResampler } from "../statistics/bootstrap";
import type { Instrument } from "../instrument/instrument";
import { columnMeans, ScoreLayout, type LevelStats, type RespondentScores } from "../statistics/level-stats";
import { detectFindings, type Finding } from "./patterns";
import { topModel, totalVariation, type Profile } from "../statistics/profiles";
import { createRandom, type Random } from "../statistics/random";

export interface ReportInput {
  round: { id: string; name: string; organisation: string };
  minGroupSize: number;
  instrument: Instrument;
  /** In the round's order; the first is the "top level". */
  levels: { id: string; label: string }[];
  responses: (RespondentScores & { levelId: string; dontKnow?: Record<string, number> | null })[];
  /** Free-text answers (the customer view); only reportable levels' are shown, in random order. */
  comments?: { levelId: string; text: string }[];
  resamples?: number;
  seed?: string;
}

export interface Interval {
  distance: number;
  ci: [number, number];
}

export interface ReportLevel {
  id: string;
  label: string;
  responses: number;
  reportable: boolean;
  explicit: Profile | null;
  desired: Profile | null;
  implicit: Profile | null;
  sayDo: Interval | null;
  /** Extras (product.md: consumers ignore fields they do not know). */
  responsesNeeded: number;
  implicitResponses: number | null;
  intensities: Profile | null;
  dontKnowRate: Record<string, number> | null;
  agreement: Agreement | null;
  /** A random sample of the level's free-text answers (at most COMMENT_SAMPLE), and how many there are in all. */
  comments: string[] | null;
  commentCount: number | null;
}

/** More comments than this per level are sampled: a consultant reads forty, not four hundred. */
export const COMMENT_SAMPLE = 40;

/** How closely a level's respondents agree: a split level shows here before it misleads as an average. */
export interface Agreement {
  /** Mean distance (total variation) of respondents' explicit profiles from the level's. */
  explicitSpread: number;
  implicitSpread: number | null;
  /** The level's top explicit model, and the share of respondents who also put it first. */
  topModel: string;
  topModelShare: number;
  /** Fewer than half the respondents put the level's top model first. */
  split: boolean;
}

export interface ReportFinding extends Finding {
  note: string | null;
}

export interface Report {
  round: { id: string; name: string; organisation: string };
  minGroupSize: number;
  models: { id: string; label: string }[];
  levels: ReportLevel[];
  findings: ReportFinding[];
  /** Total variation distances between reportable levels (row and column order of `levels`). */
  distances: { levels: string[]; explicit: number[][]; implicit: (number | null)[][] };
  instrument: { id: string; version: number };
  resamples: number;
}

/** A reportable level's data, ready for statistics and resampling. */
export interface LevelData {
  id: string;
  label: string;
  index: number;
  count: number;
  stats: LevelStats;
  resampler: MeanResampler;
  implicitCount: number;
  facetCount: number;
}

export interface Bootstrap {
  resamples: number;
  /** stats[b][i]: resample b of the i-th reportable level. */
  stats: LevelStats[][];
}

/** Resamples respondents within each reportable level, all levels in step, from one seeded generator. */
export function runBootstrap(layout: ScoreLayout, levels: readonly LevelData[], resamples: number, seed: string): Bootstrap {
  const random = createRandom(seed);
  const mean = new Float64Array(layout.width);
  const stats: LevelStats[][] = [];
  for (let b = 0; b < resamples; b++) {
    stats.push(
      levels.map((level) => {
        level.resampler.draw(random, mean);
        return layout.stats(mean);
      }),
    );
  }
  return { resamples, stats };
}

function dontKnowRate(instrument: Instrument, responses: ReportInput["responses"]): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const facet of instrument.facets) {
    const asked = instrument.items.filter((item) => item.facet === facet.id).length * responses.length;
    const dk = responses.reduce((sum, r) => sum + (r.dontKnow?.[facet.id] ?? 0), 0);
    rates[facet.id] = asked > 0 ? dk / asked : 0;
  }
  return rates;
}

function agreementOf(respondents: readonly RespondentScores[], stats: LevelStats, modelIds: readonly string[]): Agreement {
  const top = topModel(stats.explicit, modelIds);
  const withImplicit = respondents.filter((r) => r.implicit);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const topModelShare = respondents.filter((r) => topModel(r.explicit, modelIds) === top).length / respondents.length;
  return {
    explicitSpread: mean(respondents.map((r) => totalVariation(r.explicit, stats.explicit, modelIds))),
    implicitSpread: stats.implicit && withImplicit.length ? mean(withImplicit.map((r) => totalVariation(r.implicit!, stats.implicit!, modelIds))) : null,
    topModel: top,
    topModelShare,
    split: topModelShare < 0.5,
  };
}

function shuffled<T>(values: readonly T[], random: Random): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function buildReport(input: ReportInput): Report {
  const { instrument, minGroupSize } = input;
  const layout = new ScoreLayout(
    instrument.modelIds,
    instrument.patterns.blindLineOfSight.practicesFacet,
    instrument.patterns.blindLineOfSight.lineOfSightFacet,
  );
  const byLevel = new Map(input.levels.map((level) => [level.id, [] as ReportInput["responses"]]));
  for (const response of input.responses) byLevel.get(response.levelId)?.push(response);

  const reportable: LevelData[] = [];
  for (const [index, level] of input.levels.entries()) {
    const responses = byLevel.get(level.id)!;
    if (!isReportable(responses.length, minGroupSize)) continue;
    const rows = layout.pack(responses);
    const mean = columnMeans(rows, layout.width);
    reportable.push({
      id: level.id,
      label: level.label,
      index,
      count: responses.length,
      stats: layout.stats(mean),
      resampler: meanResampler(rows, layout.width, mean),
      implicitCount: responses.filter((r) => r.implicit).length,
      facetCount: responses.filter((r) => r.facetProfiles?.[layout.practicesFacet] && r.facetProfiles?.[layout.lineOfSightFacet]).length,
    });
  }
  const bootstrap = runBootstrap(layout, reportable, input.resamples ?? BOOTSTRAP_RESAMPLES, input.seed ?? BOOTSTRAP_SEED);

  const levels = input.levels.map((level): ReportLevel => {
    const responses = byLevel.get(level.id)!;
    const at = reportable.findIndex((r) => r.id === level.id);
    const data = reportable[at];
    if (!data) {
      return {
        id: level.id,
        label: level.label,
        responses: responses.length,
        reportable: false,
        explicit: null,
        desired: null,
        implicit: null,
        sayDo: null,
        responsesNeeded: responsesNeeded(responses.length, minGroupSize),
        implicitResponses: null,
        intensities: null,
        dontKnowRate: null,
        agreement: null,
        comments: null,
        commentCount: null,
      };
    }
    const { stats } = data;
    const levelComments = (input.comments ?? []).filter((c) => c.levelId === level.id).map((c) => c.text);
    const sayDoCi = stats.sayDo === null ? null : percentileInterval(bootstrap.stats.map((b) => b[at]!.sayDo ?? Number.NaN));
    return {
      id: level.id,
      label: level.label,
      responses: data.count,
      reportable: true,
      explicit: stats.explicit,
      desired: stats.desired,
      implicit: stats.implicit,
      sayDo: stats.sayDo !== null && sayDoCi ? { distance: stats.sayDo, ci: sayDoCi } : null,
      responsesNeeded: 0,
      implicitResponses: data.implicitCount,
      intensities: stats.intensities,
      dontKnowRate: dontKnowRate(instrument, responses),
      agreement: agreementOf(responses, stats, instrument.modelIds),
      // Shuffled so that order says nothing about who wrote what, or when.
      comments: shuffled(levelComments, createRandom(`${input.seed ?? BOOTSTRAP_SEED}:comments:${level.id}`)).slice(0, COMMENT_SAMPLE),
      commentCount: levelComments.length,
    };
  });

  const findings = detectFindings({ instrument, levels: reportable, minGroupSize, resamples: bootstrap.stats });
  const ids = instrument.modelIds;
  return {
    round: input.round,
    minGroupSize,
    models: instrument.models.map(({ id, label }) => ({ id, label })),
    levels,
    findings: findings.map((finding) => ({ ...finding, note: null })),
    distances: {
      levels: reportable.map((l) => l.id),
      explicit: reportable.map((a) => reportable.map((b) => totalVariation(a.stats.explicit, b.stats.explicit, ids))),
      implicit: reportable.map((a) =>
        reportable.map((b) => (a.stats.implicit && b.stats.implicit ? totalVariation(a.stats.implicit, b.stats.implicit, ids) : null)),
      ),
    },
    instrument: { id: instrument.id, version: instrument.version },
    resamples: bootstrap.resamples,
  };
}
