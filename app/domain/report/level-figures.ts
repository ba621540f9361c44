import type { Instrument } from "../instrument/instrument";
import { indexedMeans, meanResampler, type MeanResampler } from "../statistics/bootstrap";
import type { LevelStats, ScoreLayout, Visible } from "../statistics/level-stats";
import { topModel } from "../statistics/profiles";
import { createRandom, type Random } from "../statistics/random";
import { effectiveMinGroupSize } from "./anonymity";
import { countedThrough, contributorsPerStep, type CountedRelease } from "./release";
import { ITEM_DONT_KNOW, type LevelInput, type LevelRows } from "./report-data";

/** Every per-level figure that counts its own contributors. */
export type Figure = "explicit" | "said" | "implicit" | "facets" | "comments";

/**
 * A level after the anonymity rules: which responses each figure may use, and
 * the statistics of those. A figure with fewer contributors than the minimum
 * group is withheld (its profiles are null, here and in every resample).
 */
export interface PreparedLevel {
  input: LevelInput;
  index: number;
  rows: LevelRows;
  /** Responses in the level's figures (released through the explicit figure's step). */
  figureRows: Int32Array;
  counted: Record<Figure, CountedRelease>;
  /** Contributors each figure averages (0 when withheld). */
  contributors: Record<Exclude<Figure, "comments">, number>;
  reportable: boolean;
  stats: LevelStats;
  resampler: MeanResampler;
  pending: number;
}

export function prepareLevel(layout: ScoreLayout, input: LevelInput, index: number, rows: LevelRows, minGroupSize: number): PreparedLevel {
  const min = effectiveMinGroupSize(minGroupSize);
  const commenters = new Uint8Array(rows.count);
  for (const comment of rows.comments) commenters[comment.row] = 1;
  const count = (contributes: (row: number) => boolean) => {
    const perStep = contributorsPerStep(rows.release.subarray(0, rows.count), contributes);
    return countedThrough(input.releases, (seq) => perStep.get(seq) ?? 0, minGroupSize);
  };
  const counted: Record<Figure, CountedRelease> = {
    explicit: count(() => true),
    said: count((row) => rows.hasSaid(row)),
    implicit: count((row) => rows.hasImplicit(row)),
    facets: count((row) => rows.hasFacets(row)),
    comments: count((row) => commenters[row] === 1),
  };
  const through = counted.explicit.through;
  const members: number[] = [];
  let pending = 0;
  for (let row = 0; row < rows.count; row++) {
    const seq = rows.release[row]!;
    if (seq >= 1 && seq <= through) members.push(row);
    else pending++;
  }
  const figureRows = Int32Array.from(members);
  const shown = (figure: Figure) => counted[figure].contributors >= min;
  for (const row of figureRows) {
    const seq = rows.release[row]!;
    const visible: Visible = {
      explicit: true,
      said: shown("said") && seq <= counted.said.through,
      implicit: shown("implicit") && seq <= counted.implicit.through,
      facets: shown("facets") && seq <= counted.facets.through,
    };
    layout.hide(rows.scores, row * layout.width, visible);
  }
  const reportable = counted.explicit.contributors >= min;
  const mean = indexedMeans(rows.scores, layout.width, figureRows);
  const contributorCount = (figure: Exclude<Figure, "comments">) => {
    if (!reportable) return 0;
    return Math.round(mean[layout.indicator(figure)]! * figureRows.length);
  };
  return {
    input,
    index,
    rows,
    figureRows,
    counted,
    contributors: { explicit: contributorCount("explicit"), said: contributorCount("said"), implicit: contributorCount("implicit"), facets: contributorCount("facets") },
    reportable,
    stats: layout.stats(mean),
    resampler: meanResampler(rows.scores, layout.width, mean, figureRows),
    pending,
  };
}

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

export function agreementOf(layout: ScoreLayout, level: PreparedLevel): Agreement {
  const { modelIds, at, width } = layout;
  const scores = level.rows.scores;
  const k = modelIds.length;
  const explicitMean = Float64Array.from(modelIds, (id) => level.stats.explicit![id]!);
  const implicitMean = level.stats.implicit ? Float64Array.from(modelIds, (id) => level.stats.implicit![id]!) : null;
  const top = topModel(level.stats.explicit!, modelIds);
  const topIndex = modelIds.indexOf(top);
  // Read straight from the packed rows: no object per respondent, however large the level.
  const distance = (offset: number, mean: Float64Array) => {
    let sum = 0;
    for (let m = 0; m < k; m++) sum += Math.abs(scores[offset + m]! - mean[m]!);
    return sum / 2;
  };
  const topOfRow = (offset: number) => {
    let best = 0;
    for (let m = 1; m < k; m++) if (scores[offset + m]! > scores[offset + best]! + 1e-12) best = m;
    return best;
  };
  let spread = 0;
  let sameTop = 0;
  let implicitSpread = 0;
  let implicitCount = 0;
  for (const row of level.figureRows) {
    const base = row * width;
    spread += distance(base + at.explicit, explicitMean);
    if (topOfRow(base + at.explicit) === topIndex) sameTop++;
    if (implicitMean && scores[base + at.hasImplicit] === 1) {
      implicitSpread += distance(base + at.implicit, implicitMean);
      implicitCount++;
    }
  }
  const n = level.figureRows.length;
  const topModelShare = sameTop / n;
  return {
    explicitSpread: spread / n,
    implicitSpread: implicitCount > 0 ? implicitSpread / implicitCount : null,
    topModel: top,
    topModelShare,
    split: topModelShare < 0.5,
  };
}

/** A statement's figures at one level: the mean answer on the scale and the share who said "don't know". */
export interface ItemFigure {
  /** Mean raw answer (1..5, before keying); null when fewer than the minimum group answered it. */
  mean: number | null;
  answered: number | null;
  dontKnowRate: number;
}

/** Each statement's figures; every mean counts its own answerers and moves only in steps of the minimum group. */
export function itemFigures(
  instrument: Pick<Instrument, "items">,
  level: Pick<PreparedLevel, "rows" | "figureRows" | "input">,
  minGroupSize: number,
): Record<string, ItemFigure> {
  const min = effectiveMinGroupSize(minGroupSize);
  const { rows } = level;
  const figures: Record<string, ItemFigure> = {};
  instrument.items.forEach((item, i) => {
    const answeredRow = (row: number) => rows.item(row, i) > 0;
    const perStep = contributorsPerStep(rows.release.subarray(0, rows.count), answeredRow);
    const counted = countedThrough(level.input.releases, (seq) => perStep.get(seq) ?? 0, minGroupSize);
    let sum = 0;
    let answered = 0;
    let dontKnow = 0;
    for (const row of level.figureRows) {
      const answer = rows.item(row, i);
      if (answer === ITEM_DONT_KNOW) dontKnow++;
      if (answer > 0 && rows.release[row]! <= counted.through) {
        sum += answer;
        answered++;
      }
    }
    const shown = answered >= min;
    figures[item.name] = {
      mean: shown ? sum / answered : null,
      answered: shown ? answered : null,
      dontKnowRate: level.figureRows.length > 0 ? dontKnow / level.figureRows.length : 0,
    };
  });
  return figures;
}

/** "Don't know" answers per facet, as a share of the facet's statements answered by the level's respondents. */
export function dontKnowRates(instrument: Pick<Instrument, "items" | "facets">, items: Record<string, ItemFigure>): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const facet of instrument.facets) {
    const inFacet = instrument.items.filter((item) => item.facet === facet.id);
    rates[facet.id] = inFacet.length > 0 ? inFacet.reduce((sum, item) => sum + items[item.name]!.dontKnowRate, 0) / inFacet.length : 0;
  }
  return rates;
}

/** More comments than this per level are sampled: a consultant reads forty, not four hundred. */
export const COMMENT_SAMPLE = 40;

/** The level's comments that may be shown: only when enough people commented, shuffled, and sampled. */
export function commentsOf(
  level: Pick<PreparedLevel, "rows" | "reportable" | "input"> & { counted: { comments: CountedRelease } },
  minGroupSize: number,
  seed: string,
): { comments: string[] | null; count: number | null } {
  const { counted, rows } = level;
  if (!level.reportable || counted.comments.contributors < effectiveMinGroupSize(minGroupSize)) return { comments: null, count: null };
  const texts = rows.comments.filter((c) => rows.release[c.row]! >= 1 && rows.release[c.row]! <= counted.comments.through).map((c) => c.text);
  // Shuffled so that order says nothing about who wrote what, or when.
  return { comments: shuffled(texts, createRandom(`${seed}:comments:${level.input.id}`)).slice(0, COMMENT_SAMPLE), count: texts.length };
}

function shuffled<T>(values: readonly T[], random: Random): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
