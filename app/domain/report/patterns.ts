import { percentileInterval } from "../statistics/bootstrap";
import type { Instrument } from "../instrument/instrument";
import { shortModelLabel } from "../instrument/labels";
import type { LevelStats } from "../statistics/level-stats";
import { topModel, totalVariation } from "../statistics/profiles";
import { PATTERN_TEXT, describeFinding, type PatternId } from "./pattern-text";

export type { PatternId } from "./pattern-text";

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
  summary: string;
  question: string;
  why: string;
}

/** A reportable level as the pattern rules see it. */
export interface PatternLevel {
  id: string;
  label: string;
  /** Position in the round's order: 0 is the top level. */
  index: number;
  stats: LevelStats;
  /** Respondents with both facet profiles (the line-of-sight rule needs enough of them). */
  facetCount: number;
}

export interface PatternInput {
  instrument: Instrument;
  levels: readonly PatternLevel[];
  minGroupSize: number;
  /** resamples[b][i]: the i-th level's statistics in resample b (levels in the same order). */
  resamples: readonly (readonly LevelStats[])[];
}

interface Candidate {
  pattern: PatternId;
  levels: string[];
  model: string | null;
  threshold: number;
  /** The size, from any set of level statistics (the point estimate or a resample). */
  measure: (stats: readonly LevelStats[]) => number;
  /** Firm despite an interval below the threshold (levels_disagree's top-model rule). */
  firmBySplit?: (resamples: PatternInput["resamples"]) => boolean;
  facts: Record<string, string | number>;
}

const NaN_ = Number.NaN;

function candidates(input: PatternInput): Candidate[] {
  const { instrument, levels, minGroupSize } = input;
  const ids = instrument.modelIds;
  const t = instrument.patterns;
  const label = (id: string) => shortModelLabel(instrument.models.find((m) => m.id === id)?.label ?? id);
  const found: Candidate[] = [];
  const at = (level: PatternLevel) => levels.indexOf(level);

  for (const level of levels) {
    const i = at(level);
    const { explicit, implicit, intensities, desired, practices, lineOfSight } = level.stats;
    for (const m of ids) {
      if (implicit && intensities) {
        const espoused = explicit[m]! - implicit[m]!;
        if (espoused >= t.espousedNotEnacted.minGap && intensities[m]! < t.espousedNotEnacted.maxIntensity) {
          found.push({
            pattern: "espoused_not_enacted",
            levels: [level.id],
            model: m,
            threshold: t.espousedNotEnacted.minGap,
            measure: (s) => (s[i]!.implicit ? s[i]!.explicit[m]! - s[i]!.implicit![m]! : NaN_),
            facts: { level: level.label, model: label(m), explicit: explicit[m]!, implicit: implicit[m]!, intensity: intensities[m]! },
          });
        }
        const enacted = implicit[m]! - explicit[m]!;
        if (enacted >= t.enactedNotEspoused.minGap && intensities[m]! >= t.enactedNotEspoused.minIntensity) {
          found.push({
            pattern: "enacted_not_espoused",
            levels: [level.id],
            model: m,
            threshold: t.enactedNotEspoused.minGap,
            measure: (s) => (s[i]!.implicit ? s[i]!.implicit![m]! - s[i]!.explicit[m]! : NaN_),
            facts: { level: level.label, model: label(m), explicit: explicit[m]!, implicit: implicit[m]!, intensity: intensities[m]! },
          });
        }
      }
      const ambition = desired[m]! - explicit[m]!;
      if (Math.abs(ambition) >= t.ambitionGap.minGap) {
        const sign = Math.sign(ambition);
        found.push({
          pattern: "ambition_gap",
          levels: [level.id],
          model: m,
          threshold: t.ambitionGap.minGap,
          // Signed in the direction found, so the interval is not folded at zero.
          measure: (s) => sign * (s[i]!.desired[m]! - s[i]!.explicit[m]!),
          facts: { level: level.label, model: label(m), explicit: explicit[m]!, desired: desired[m]!, direction: sign > 0 ? "more" : "less" },
        });
      }
    }
    if (practices && lineOfSight && level.facetCount >= minGroupSize) {
      const topSight = topModel(lineOfSight, ids);
      const topPractice = topModel(practices, ids);
      const distance = totalVariation(practices, lineOfSight, ids);
      if (topSight !== topPractice && distance >= t.blindLineOfSight.minDistance) {
        found.push({
          pattern: "blind_line_of_sight",
          levels: [level.id],
          model: topSight,
          threshold: t.blindLineOfSight.minDistance,
          measure: (s) => (s[i]!.practices && s[i]!.lineOfSight ? totalVariation(s[i]!.practices!, s[i]!.lineOfSight!, ids) : NaN_),
          facts: { level: level.label, model: label(topSight), practiceModel: label(topPractice), practices: practices[topPractice]!, lineOfSight: lineOfSight[topSight]! },
        });
      }
    }
  }

  for (const [ai, a] of levels.entries()) {
    for (const [bi, b] of levels.entries()) {
      if (bi <= ai) continue;
      const distance = totalVariation(a.stats.explicit, b.stats.explicit, ids);
      const topA = topModel(a.stats.explicit, ids);
      const topB = topModel(b.stats.explicit, ids);
      const lead = (s: LevelStats, own: string, other: string) => s.explicit[own]! - s.explicit[other]!;
      const byDistance = distance >= t.levelsDisagree.minDistance;
      const bySplit = topA !== topB && lead(a.stats, topA, topB) >= t.levelsDisagree.minLead && lead(b.stats, topB, topA) >= t.levelsDisagree.minLead;
      if (!byDistance && !bySplit) continue;
      const model = ids.reduce((best, m) =>
        Math.abs(a.stats.explicit[m]! - b.stats.explicit[m]!) > Math.abs(a.stats.explicit[best]! - b.stats.explicit[best]!) ? m : best,
      );
      found.push({
        pattern: "levels_disagree",
        levels: [a.id, b.id],
        model,
        threshold: t.levelsDisagree.minDistance,
        measure: (s) => totalVariation(s[ai]!.explicit, s[bi]!.explicit, ids),
        firmBySplit: bySplit
          ? (resamples) =>
              resamples.filter((s) => topModel(s[ai]!.explicit, ids) === topA && topModel(s[bi]!.explicit, ids) === topB).length >=
              t.levelsDisagree.minSplitShare * resamples.length
          : undefined,
        facts: {
          level: a.label,
          other: b.label,
          model: label(model),
          topA: label(topA),
          topB: label(topB),
          shareA: a.stats.explicit[topA]!,
          shareB: b.stats.explicit[topB]!,
        },
      });
    }
  }

  // The top level is the round's first level; its rules need it to be reportable.
  const top = levels.find((level) => level.index === 0);
  if (top) {
    const ti = at(top);
    const others = levels.filter((level) => level !== top);
    if (others.length >= t.boardOnlyModel.minOtherLevels) {
      for (const m of ids) {
        const gap = Math.min(...others.map((o) => top.stats.explicit[m]! - o.stats.explicit[m]!));
        if (gap >= t.boardOnlyModel.minGap) {
          const otherAt = others.map(at);
          found.push({
            pattern: "board_only_model",
            levels: [top.id],
            model: m,
            threshold: t.boardOnlyModel.minGap,
            measure: (s) => Math.min(...otherAt.map((oi) => s[ti]!.explicit[m]! - s[oi]!.explicit[m]!)),
            facts: { level: top.label, model: label(m), explicit: top.stats.explicit[m]!, gap },
          });
        }
      }
    }
    for (const level of others) {
      const li = at(level);
      const { implicit, intensities } = level.stats;
      if (!implicit || !intensities) continue;
      for (const m of ids) {
        const hidden = implicit[m]! - top.stats.explicit[m]!;
        if (hidden >= t.hiddenFromTop.minGap && intensities[m]! >= t.hiddenFromTop.minIntensity) {
          found.push({
            pattern: "hidden_from_top",
            levels: [level.id, top.id],
            model: m,
            threshold: t.hiddenFromTop.minGap,
            measure: (s) => (s[li]!.implicit ? s[li]!.implicit![m]! - s[ti]!.explicit[m]! : NaN_),
            facts: { level: level.label, top: top.label, model: label(m), implicit: implicit[m]!, topExplicit: top.stats.explicit[m]!, intensity: intensities[m]! },
          });
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
 * sized with a bootstrap interval from the same resamples. A finding is
 * tentative when its interval's lower end falls below the threshold. Ranked by
 * size, firm before tentative.
 */
export function detectFindings(input: PatternInput): Finding[] {
  const point = input.levels.map((level) => level.stats);
  const findings = candidates(input).map((candidate): Finding => {
    const size = candidate.measure(point);
    const ci = percentileInterval(input.resamples.map((s) => candidate.measure(s))) ?? [size, size];
    const tentative = !(ci[0] >= candidate.threshold || (candidate.firmBySplit?.(input.resamples) ?? false));
    const text = PATTERN_TEXT[candidate.pattern];
    return {
      key: findingKey(candidate.pattern, candidate.levels, candidate.model),
      pattern: candidate.pattern,
      levels: candidate.levels,
      model: candidate.model,
      size,
      ci,
      threshold: candidate.threshold,
      tentative,
      summary: describeFinding(candidate.pattern, candidate.facts, size),
      question: text.ask,
      why: text.why,
    };
  });
  // Sizes equal but for floating-point noise count as equal, so the order stays stable.
  const rank = (size: number) => Math.round(size * 1e9);
  return findings.sort((a, b) => Number(a.tentative) - Number(b.tentative) || rank(b.size) - rank(a.size) || a.key.localeCompare(b.key));
}
