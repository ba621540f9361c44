import { percentileInterval, quantile } from "../statistics/bootstrap";
import type { Instrument } from "../instrument/instrument";
import { shortModelLabel } from "../instrument/labels";
import type { LevelStats } from "../statistics/level-stats";
import { debiasedDistance } from "../statistics/distance";
import { topModel, totalVariation, type Profile } from "../statistics/profiles";
import { PATTERN_TEXT, describeFinding, type PatternId } from "./pattern-text";

export type { PatternId } from "./pattern-text";

/**
 * A finding is firm only when every level it rests on has at least this many
 * contributing respondents (instrument.md section 8: at 3 or 4 per level, pure
 * noise clears thresholds too often for any interval to be trusted).
 */
export const MIN_FIRM_CONTRIBUTORS = 5;
/** Thresholds compare with this tolerance: 0.35 - 0.20 must count as reaching 0.15. */
export const THRESHOLD_TOLERANCE = 1e-9;
/** A condition (intensity gate, top-model split) must hold in this share of resamples for a firm finding. */
export const FIRM_SHARE = 0.975;

/** Why a finding is firm, or why it is only tentative. */
export type Certainty =
  | { firm: true; by: "interval" }
  | { firm: true; by: "split"; share: number }
  | { firm: false; by: "interval" | "condition" | "small_group"; levels?: string[] };

export interface Finding {
  /** Stable identity (pattern, levels, model): notes and trends attach to it. */
  key: string;
  pattern: PatternId;
  levels: string[];
  model: string | null;
  size: number;
  ci: [number, number];
  /** The rule's threshold: the finding is tentative when its interval reaches below it. */
  threshold: number;
  tentative: boolean;
  certainty: Certainty;
  summary: string;
  question: string;
  why: string;
  /** What the statements behind the finding are: filled by the report from the level's item statistics. */
  evidenceFrom: EvidenceSource[];
}

/** Which statements of which level drive a finding. */
export interface EvidenceSource {
  level: string;
  model: string;
  /** "experienced": the customers' statements (customer questionnaire). */
  profile: "explicit" | "implicit" | "experienced";
  /** Only these facets (the line-of-sight rule); all of the profile's facets when absent. */
  facets?: string[];
}

/** A reportable level as the pattern rules see it. */
export interface PatternLevel {
  id: string;
  label: string;
  /** Position in the round's order: 0 is the top level. */
  index: number;
  stats: LevelStats;
  /** Contributors to each figure (those whose profile it averages). */
  contributors: { explicit: number; said: number; implicit: number; facets: number };
}

export interface PatternInput {
  instrument: Instrument;
  levels: readonly PatternLevel[];
  /** resamples[b][i]: the i-th level's statistics in resample b (levels in the same order). */
  resamples: readonly (readonly LevelStats[])[];
}

type Stats = readonly LevelStats[];

/**
 * A pattern that fired on the point estimates, before it is sized and judged. `S` is what its measures read:
 * the levels' statistics for the staff patterns, with the customers' too for the customer patterns.
 */
export interface Candidate<S = Stats> {
  pattern: PatternId;
  levels: string[];
  model: string | null;
  threshold: number;
  /** The size from any set of level statistics (the point estimate or a resample); NaN where undefined. */
  measure: (stats: S) => number;
  /**
   * Conditions beside the size (intensity gates), checked on the point estimate and in every resample.
   * Each must hold in FIRM_SHARE of resamples on its own (an intersection-union test: every condition is a
   * test at the interval's level, and all must pass).
   */
  gates?: ((stats: S) => boolean)[];
  /**
   * For a size that is the smallest of several differences (board-only model): each difference. The finding
   * is firm when every difference's own interval clears the threshold (intersection-union again), and the
   * interval reported is the smallest of their intervals' ends.
   */
  parts?: (stats: S) => number[];
  /** For distances: the per-model differences, whose noise inflates a distance and is taken off (see debias). */
  components?: (stats: S) => number[] | null;
  /** Firm despite an interval below the threshold (levels_disagree's top-model rule): the share of resamples with the same split, and the share needed. */
  split?: { held: (resamples: readonly S[]) => number; needed: number };
  /** Level ids and their contributor counts for the figures the finding rests on. */
  contributors: { level: string; count: number }[];
  facts: Record<string, string | number>;
  evidenceFrom: EvidenceSource[];
}

export const reaches = (value: number, threshold: number) => value >= threshold - THRESHOLD_TOLERANCE;

function candidates(input: PatternInput): Candidate[] {
  const { instrument, levels } = input;
  const ids = instrument.modelIds;
  const t = instrument.patterns;
  const saysWithBeliefs = t.sayProfile === "said";
  const label = (id: string) => shortModelLabel(instrument.models.find((m) => m.id === id)?.label ?? id);
  const found: Candidate[] = [];
  const point = levels.map((level) => level.stats);
  /** What a level says it runs, on the metric the say-do rules compare (allocation in version 1, beliefs in version 2). */
  const say = (s: LevelStats): Profile | null => (saysWithBeliefs ? s.said : s.explicit);
  const sayIntensity = (s: LevelStats, m: string): number | null => (saysWithBeliefs ? (s.saidIntensities?.[m] ?? null) : null);
  const sayCount = (level: PatternLevel) => (saysWithBeliefs ? level.contributors.said : level.contributors.explicit);
  const sayProfile = saysWithBeliefs ? "explicit" : null;

  levels.forEach((level, i) => {
    const { desired, explicit, practices, lineOfSight } = level.stats;
    const said = say(level.stats);
    const { implicit, intensities } = level.stats;
    for (const m of ids) {
      if (said && implicit && intensities) {
        const sayDoCounts = [{ level: level.id, count: Math.min(sayCount(level), level.contributors.implicit) }];
        const evidence: EvidenceSource[] = [
          ...(sayProfile ? [{ level: level.id, model: m, profile: "explicit" as const }] : []),
          { level: level.id, model: m, profile: "implicit" },
        ];
        const espoused = t.espousedNotEnacted;
        const espousedGates = [
          (s: Stats) => Boolean(s[i]!.intensities) && s[i]!.intensities![m]! < espoused.maxIntensity + THRESHOLD_TOLERANCE,
          ...(espoused.minIntensityGap > 0
            ? [(s: Stats) => Boolean(s[i]!.intensities) && reaches((sayIntensity(s[i]!, m) ?? Number.NaN) - s[i]!.intensities![m]!, espoused.minIntensityGap)]
            : []),
        ];
        const espousedSize = (s: Stats) => {
          const x = s[i]!;
          const sx = say(x);
          return sx && x.implicit ? sx[m]! - x.implicit[m]! : Number.NaN;
        };
        if (reaches(espousedSize(point), espoused.minGap) && espousedGates.every((gate) => gate(point))) {
          found.push({
            pattern: "espoused_not_enacted",
            levels: [level.id],
            model: m,
            threshold: espoused.minGap,
            measure: espousedSize,
            gates: espousedGates,
            contributors: sayDoCounts,
            facts: { level: level.label, model: label(m), explicit: said[m]!, implicit: implicit[m]!, intensity: intensities[m]!, basis: t.sayProfile },
            evidenceFrom: evidence,
          });
        }
        const enacted = t.enactedNotEspoused;
        const enactedGates = [
          (s: Stats) => Boolean(s[i]!.intensities) && reaches(s[i]!.intensities![m]!, enacted.minIntensity),
          ...(enacted.minIntensityGap > 0
            ? [(s: Stats) => Boolean(s[i]!.intensities) && reaches(s[i]!.intensities![m]! - (sayIntensity(s[i]!, m) ?? Number.NaN), enacted.minIntensityGap)]
            : []),
        ];
        const enactedSize = (s: Stats) => -espousedSize(s);
        if (reaches(enactedSize(point), enacted.minGap) && enactedGates.every((gate) => gate(point))) {
          found.push({
            pattern: "enacted_not_espoused",
            levels: [level.id],
            model: m,
            threshold: enacted.minGap,
            measure: enactedSize,
            gates: enactedGates,
            contributors: sayDoCounts,
            facts: { level: level.label, model: label(m), explicit: said[m]!, implicit: implicit[m]!, intensity: intensities[m]!, basis: t.sayProfile },
            evidenceFrom: evidence,
          });
        }
      }
      if (explicit && desired) {
        const ambition = desired[m]! - explicit[m]!;
        if (reaches(Math.abs(ambition), t.ambitionGap.minGap)) {
          const sign = Math.sign(ambition);
          found.push({
            pattern: "ambition_gap",
            levels: [level.id],
            model: m,
            threshold: t.ambitionGap.minGap,
            // Signed in the direction found, so the interval is not folded at zero.
            measure: (s) => (s[i]!.explicit ? sign * (s[i]!.desired![m]! - s[i]!.explicit![m]!) : Number.NaN),
            contributors: [{ level: level.id, count: level.contributors.explicit }],
            facts: { level: level.label, model: label(m), explicit: explicit[m]!, desired: desired[m]!, direction: sign > 0 ? "more" : "less" },
            evidenceFrom: sayProfile ? [{ level: level.id, model: m, profile: "explicit" }] : [],
          });
        }
      }
    }
    if (practices && lineOfSight) {
      const topSight = topModel(lineOfSight, ids);
      const topPractice = topModel(practices, ids);
      const facetDistance = (s: Stats) => (s[i]!.practices && s[i]!.lineOfSight ? totalVariation(s[i]!.practices!, s[i]!.lineOfSight!, ids) : Number.NaN);
      if (topSight !== topPractice && reaches(facetDistance(point), t.blindLineOfSight.minDistance)) {
        const facets = [t.blindLineOfSight.practicesFacet, t.blindLineOfSight.lineOfSightFacet];
        found.push({
          pattern: "blind_line_of_sight",
          levels: [level.id],
          model: topSight,
          threshold: t.blindLineOfSight.minDistance,
          measure: facetDistance,
          components: (s) => (s[i]!.practices && s[i]!.lineOfSight ? ids.map((m) => s[i]!.practices![m]! - s[i]!.lineOfSight![m]!) : null),
          contributors: [{ level: level.id, count: level.contributors.facets }],
          facts: { level: level.label, model: label(topSight), practiceModel: label(topPractice), practices: practices[topPractice]!, lineOfSight: lineOfSight[topSight]! },
          evidenceFrom: [...new Set([topPractice, topSight])].map((m) => ({ level: level.id, model: m, profile: "implicit" as const, facets })),
        });
      }
    }
  });

  for (const [ai, a] of levels.entries()) {
    for (const [bi, b] of levels.entries()) {
      if (bi <= ai || !a.stats.explicit || !b.stats.explicit) continue;
      const ea = a.stats.explicit;
      const eb = b.stats.explicit;
      const distance = totalVariation(ea, eb, ids);
      const topA = topModel(ea, ids);
      const topB = topModel(eb, ids);
      const lead = (s: Profile, own: string, other: string) => s[own]! - s[other]!;
      const byDistance = reaches(distance, t.levelsDisagree.minDistance);
      const bySplit = topA !== topB && reaches(lead(ea, topA, topB), t.levelsDisagree.minLead) && reaches(lead(eb, topB, topA), t.levelsDisagree.minLead);
      if (!byDistance && !bySplit) continue;
      const model = ids.reduce((best, m) => (Math.abs(ea[m]! - eb[m]!) > Math.abs(ea[best]! - eb[best]!) ? m : best));
      found.push({
        pattern: "levels_disagree",
        levels: [a.id, b.id],
        model,
        threshold: t.levelsDisagree.minDistance,
        measure: (s) => (s[ai]!.explicit && s[bi]!.explicit ? totalVariation(s[ai]!.explicit!, s[bi]!.explicit!, ids) : Number.NaN),
        components: (s) => (s[ai]!.explicit && s[bi]!.explicit ? ids.map((m) => s[ai]!.explicit![m]! - s[bi]!.explicit![m]!) : null),
        split: bySplit
          ? {
              held: (resamples) =>
                resamples.filter((s) => s[ai]!.explicit && s[bi]!.explicit && topModel(s[ai]!.explicit!, ids) === topA && topModel(s[bi]!.explicit!, ids) === topB).length /
                Math.max(1, resamples.length),
              needed: t.levelsDisagree.minSplitShare,
            }
          : undefined,
        contributors: [
          { level: a.id, count: a.contributors.explicit },
          { level: b.id, count: b.contributors.explicit },
        ],
        facts: { level: a.label, other: b.label, model: label(model), topA: label(topA), topB: label(topB), shareA: ea[topA]!, shareB: eb[topB]! },
        evidenceFrom: sayProfile ? [a, b].flatMap((l) => [...new Set([topA, topB])].map((m) => ({ level: l.id, model: m, profile: "explicit" as const }))) : [],
      });
    }
  }

  // The top level is the round's first level; its rules need it to be reportable.
  const ti = levels.findIndex((level) => level.index === 0);
  const top = levels[ti];
  if (top?.stats.explicit) {
    const topExplicit = top.stats.explicit;
    const others = levels.map((level, i) => ({ level, i })).filter(({ i, level }) => i !== ti && level.stats.explicit);
    if (others.length >= t.boardOnlyModel.minOtherLevels) {
      for (const m of ids) {
        const gaps = (s: Stats) => others.map(({ i }) => (s[ti]!.explicit && s[i]!.explicit ? s[ti]!.explicit![m]! - s[i]!.explicit![m]! : Number.NaN));
        const gapTo = (s: Stats) => Math.min(...gaps(s));
        const gap = gapTo(point);
        if (reaches(gap, t.boardOnlyModel.minGap)) {
          found.push({
            pattern: "board_only_model",
            levels: [top.id],
            model: m,
            threshold: t.boardOnlyModel.minGap,
            measure: gapTo,
            parts: gaps,
            contributors: [top, ...others.map((o) => o.level)].map((l) => ({ level: l.id, count: l.contributors.explicit })),
            facts: { level: top.label, model: label(m), explicit: topExplicit[m]!, gap },
            evidenceFrom: sayProfile ? [top, ...others.map((o) => o.level)].map((l) => ({ level: l.id, model: m, profile: "explicit" as const })) : [],
          });
        }
      }
    }
    const topSays = say(top.stats);
    if (topSays) {
      for (const { level, i: li } of others) {
        const { implicit, intensities } = level.stats;
        if (!implicit || !intensities) continue;
        for (const m of ids) {
          const hidden = t.hiddenFromTop;
          const size = (s: Stats) => {
            const topSay = say(s[ti]!);
            return s[li]!.implicit && topSay ? s[li]!.implicit![m]! - topSay[m]! : Number.NaN;
          };
          const gates = [
            (s: Stats) => Boolean(s[li]!.intensities) && reaches(s[li]!.intensities![m]!, hidden.minIntensity),
            ...(hidden.minIntensityGap > 0
              ? [(s: Stats) => Boolean(s[li]!.intensities) && reaches(s[li]!.intensities![m]! - (sayIntensity(s[ti]!, m) ?? Number.NaN), hidden.minIntensityGap)]
              : []),
          ];
          if (reaches(size(point), hidden.minGap) && gates.every((gate) => gate(point))) {
            found.push({
              pattern: "hidden_from_top",
              levels: [level.id, top.id],
              model: m,
              threshold: hidden.minGap,
              measure: size,
              gates,
              contributors: [
                { level: level.id, count: level.contributors.implicit },
                { level: top.id, count: sayCount(top) },
              ],
              facts: { level: level.label, top: top.label, model: label(m), implicit: implicit[m]!, topExplicit: topSays[m]!, intensity: intensities[m]!, basis: t.sayProfile },
              evidenceFrom: [{ level: level.id, model: m, profile: "implicit" }, ...(sayProfile ? [{ level: top.id, model: m, profile: "explicit" as const }] : [])],
            });
          }
        }
      }
    }
  }
  return found;
}

/**
 * A finding's identity, for notes and trends. For a disagreement between levels
 * and a blind line of sight the model only describes the finding (it can change
 * between near-equal models), so it is not part of the identity.
 */
export function findingKey(pattern: PatternId, levels: readonly string[], model: string | null): string {
  const identifying = pattern === "levels_disagree" || pattern === "blind_line_of_sight" ? null : model;
  return `${pattern}:${levels.join("+")}:${identifying ?? "-"}`;
}

/**
 * Every gap pattern of instrument.md, detected on the point estimates and
 * sized with a bootstrap interval from the same resamples. A finding is firm
 * when every level it rests on has at least MIN_FIRM_CONTRIBUTORS contributors,
 * its conditions hold in at least FIRM_SHARE of resamples, and its interval's
 * lower end clears the threshold (or, for a disagreement fired by the levels'
 * top models, that split holds in the resamples). Ranked firm before
 * tentative, each by size.
 */
export function detectFindings(input: PatternInput): Finding[] {
  const point = input.levels.map((level) => level.stats);
  return rankFindings(evaluateCandidates(candidates(input), point, input.resamples));
}

/** Sizes, intervals and judges candidates on the point estimates and the resamples (in no particular order). */
export function evaluateCandidates<S>(candidates: readonly Candidate<S>[], point: S, resamples: readonly S[]): Finding[] {
  return candidates.map((candidate): Finding => {
    const raw = candidate.measure(point);
    const observed = candidate.components?.(point);
    const shift = observed ? debiasedDistance(observed, resamples.map((s) => candidate.components!(s))).correction : 0;
    const size = raw - shift;
    const values = resamples.map((s) => candidate.measure(s) - shift);
    const partValues = candidate.parts ? transpose(resamples.map((s) => candidate.parts!(s))) : [values];
    const intervals = partValues.map((v): [number, number] => percentileInterval(v) ?? [size, size]);
    const ci: [number, number] = [Math.min(...intervals.map((i) => i[0])), Math.min(...intervals.map((i) => i[1]))];
    const clipped: [number, number] = candidate.components ? [Math.max(0, ci[0]), Math.max(0, ci[1])] : ci;
    const certainty = judge(candidate, resamples, partValues);
    return {
      key: findingKey(candidate.pattern, candidate.levels, candidate.model),
      pattern: candidate.pattern,
      levels: candidate.levels,
      model: candidate.model,
      size,
      ci: clipped,
      threshold: candidate.threshold,
      tentative: !certainty.firm,
      certainty,
      summary: describeFinding(candidate.pattern, candidate.facts, size),
      question: PATTERN_TEXT[candidate.pattern].ask,
      why: PATTERN_TEXT[candidate.pattern].why,
      evidenceFrom: candidate.evidenceFrom,
    };
  });
}

/** Firm before tentative, each by size (sizes equal but for floating-point noise count as equal, so the order stays stable). */
export function rankFindings<F extends Pick<Finding, "tentative" | "size" | "key">>(findings: readonly F[]): F[] {
  const rank = (size: number) => Math.round(size * 1e9);
  return [...findings].sort((a, b) => Number(a.tentative) - Number(b.tentative) || rank(b.size) - rank(a.size) || a.key.localeCompare(b.key));
}

function transpose(rows: number[][]): number[][] {
  return rows.length === 0 ? [] : rows[0]!.map((_, j) => rows.map((row) => row[j]!));
}

/** The lower end of a size's interval, counting a resample where the size is undefined as below any threshold. */
function lowerEnd(values: readonly number[]): number {
  const sorted = values.map((v) => (Number.isNaN(v) ? -Infinity : v)).sort((a, b) => a - b);
  if (sorted.length === 0 || !Number.isFinite(sorted[Math.floor((sorted.length - 1) * (1 - FIRM_SHARE))])) return -Infinity;
  return quantile(sorted, 1 - FIRM_SHARE);
}

function judge<S>(candidate: Candidate<S>, resamples: readonly S[], partValues: number[][]): Certainty {
  const small = candidate.contributors.filter((c) => c.count < MIN_FIRM_CONTRIBUTORS).map((c) => c.level);
  if (small.length > 0) return { firm: false, by: "small_group", levels: small };
  for (const gate of candidate.gates ?? []) {
    if (resamples.length > 0 && resamples.filter((s) => gate(s)).length < FIRM_SHARE * resamples.length) return { firm: false, by: "condition" };
  }
  if (partValues.every((values) => reaches(lowerEnd(values), candidate.threshold))) return { firm: true, by: "interval" };
  if (candidate.split && candidate.split.held(resamples) >= candidate.split.needed - THRESHOLD_TOLERANCE) return { firm: true, by: "split", share: candidate.split.needed };
  return { firm: false, by: "interval" };
}
