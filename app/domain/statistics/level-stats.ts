import { totalVariation, type Profile } from "./profiles";

/** One respondent's stored profiles, as the report reads them (null: the respondent has no such profile). */
export interface RespondentScores {
  explicit: Profile;
  desired: Profile;
  said?: Profile | null;
  saidIntensities?: Profile | null;
  implicit: Profile | null;
  intensities: Profile | null;
  facetProfiles: Record<string, Profile | null> | null;
}

/** Which of a respondent's profiles a figure may use (the anonymity rules decide; see report/release.ts). */
export interface Visible {
  explicit: boolean;
  said: boolean;
  implicit: boolean;
  facets: boolean;
}

/** A level's statistics, all derived from the mean of its respondents' vectors. Null: no contributor. */
export interface LevelStats {
  explicit: Profile | null;
  desired: Profile | null;
  /** The belief statements' profile (version 2). */
  said: Profile | null;
  saidIntensities: Profile | null;
  implicit: Profile | null;
  intensities: Profile | null;
  /** Over respondents with both facet profiles (the blind line-of-sight rule compares them). */
  practices: Profile | null;
  lineOfSight: Profile | null;
}

type Block = "explicit" | "said" | "implicit" | "facets";

/**
 * Each respondent becomes one vector: for each block of profiles (allocations,
 * beliefs, practice, facets) an indicator that the respondent contributes to it,
 * then the block's profiles multiplied by that indicator. Every level statistic
 * is a ratio of means of these entries, so each figure counts only its own
 * contributors, and a bootstrap resample only needs the resampled mean vector.
 */
export class ScoreLayout {
  readonly width: number;
  private readonly k: number;
  readonly at: Record<
    "hasExplicit" | "explicit" | "desired" | "hasSaid" | "said" | "saidIntensities" | "hasImplicit" | "implicit" | "intensities" | "hasFacets" | "practices" | "lineOfSight",
    number
  >;

  constructor(
    readonly modelIds: readonly string[],
    readonly practicesFacet: string,
    readonly lineOfSightFacet: string,
  ) {
    const k = (this.k = modelIds.length);
    let offset = 0;
    const take = (size: number) => {
      const start = offset;
      offset += size;
      return start;
    };
    this.at = {
      hasExplicit: take(1),
      explicit: take(k),
      desired: take(k),
      hasSaid: take(1),
      said: take(k),
      saidIntensities: take(k),
      hasImplicit: take(1),
      implicit: take(k),
      intensities: take(k),
      hasFacets: take(1),
      practices: take(k),
      lineOfSight: take(k),
    };
    this.width = offset;
  }

  /** Which blocks a respondent could contribute to at all. */
  has(scores: RespondentScores): Visible {
    return {
      explicit: true,
      said: Boolean(scores.said && scores.saidIntensities),
      implicit: Boolean(scores.implicit && scores.intensities),
      facets: Boolean(scores.facetProfiles?.[this.practicesFacet] && scores.facetProfiles?.[this.lineOfSightFacet]),
    };
  }

  /** Writes one respondent's vector into `target` at `offset`, with only the visible blocks. */
  write(scores: RespondentScores, visible: Visible, target: Float64Array, offset: number): void {
    const { at, modelIds, k } = this;
    target.fill(0, offset, offset + this.width);
    const put = (start: number, profile: Profile) => {
      for (let m = 0; m < k; m++) target[offset + start + m] = profile[modelIds[m]!] ?? 0;
    };
    const has = this.has(scores);
    if (visible.explicit) {
      target[offset + at.hasExplicit] = 1;
      put(at.explicit, scores.explicit);
      put(at.desired, scores.desired);
    }
    if (visible.said && has.said) {
      target[offset + at.hasSaid] = 1;
      put(at.said, scores.said!);
      put(at.saidIntensities, scores.saidIntensities!);
    }
    if (visible.implicit && has.implicit) {
      target[offset + at.hasImplicit] = 1;
      put(at.implicit, scores.implicit!);
      put(at.intensities, scores.intensities!);
    }
    if (visible.facets && has.facets) {
      target[offset + at.hasFacets] = 1;
      put(at.practices, scores.facetProfiles![this.practicesFacet]!);
      put(at.lineOfSight, scores.facetProfiles![this.lineOfSightFacet]!);
    }
  }

  /** Zeroes, in place, the blocks of a stored vector that a figure may not use. */
  hide(target: Float64Array, offset: number, visible: Visible): void {
    const { at, k } = this;
    const clear = (indicator: number, ...starts: number[]) => {
      target[offset + indicator] = 0;
      for (const start of starts) target.fill(0, offset + start, offset + start + k);
    };
    if (!visible.explicit) clear(at.hasExplicit, at.explicit, at.desired);
    if (!visible.said) clear(at.hasSaid, at.said, at.saidIntensities);
    if (!visible.implicit) clear(at.hasImplicit, at.implicit, at.intensities);
    if (!visible.facets) clear(at.hasFacets, at.practices, at.lineOfSight);
  }

  /** Respondents' vectors, row after row, every block visible (tests and simulations). */
  pack(respondents: readonly RespondentScores[]): Float64Array {
    const rows = new Float64Array(respondents.length * this.width);
    const all: Visible = { explicit: true, said: true, implicit: true, facets: true };
    respondents.forEach((scores, i) => this.write(scores, all, rows, i * this.width));
    return rows;
  }

  private profile(mean: Float64Array, start: number, divisor: number): Profile {
    const profile: Profile = {};
    for (let m = 0; m < this.k; m++) profile[this.modelIds[m]!] = mean[start + m]! / divisor;
    return profile;
  }

  private block(mean: Float64Array, indicator: number, ...starts: number[]): (Profile | null)[] {
    const share = mean[indicator]!;
    return starts.map((start) => (share > 0 ? this.profile(mean, start, share) : null));
  }

  /** Level statistics from a (possibly resampled) mean vector. */
  stats(mean: Float64Array): LevelStats {
    const { at } = this;
    const [explicit, desired] = this.block(mean, at.hasExplicit, at.explicit, at.desired);
    const [said, saidIntensities] = this.block(mean, at.hasSaid, at.said, at.saidIntensities);
    const [implicit, intensities] = this.block(mean, at.hasImplicit, at.implicit, at.intensities);
    const [practices, lineOfSight] = this.block(mean, at.hasFacets, at.practices, at.lineOfSight);
    return { explicit: explicit!, desired: desired!, said: said!, saidIntensities: saidIntensities!, implicit: implicit!, intensities: intensities!, practices: practices!, lineOfSight: lineOfSight! };
  }

  /** The indicator column of a block: its mean is the share of respondents contributing. */
  indicator(block: Block): number {
    return { explicit: this.at.hasExplicit, said: this.at.hasSaid, implicit: this.at.hasImplicit, facets: this.at.hasFacets }[block];
  }
}

/** Column means of packed rows. */
export function columnMeans(rows: Float64Array, width: number): Float64Array {
  const n = rows.length / width;
  const mean = new Float64Array(width);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j]! += rows[i * width + j]!;
  for (let j = 0; j < width; j++) mean[j]! /= n || 1;
  return mean;
}

/** Total variation distance between two profiles, or null when either is missing. */
export function distanceOrNull(a: Profile | null, b: Profile | null, modelIds: readonly string[]): number | null {
  return a && b ? totalVariation(a, b, modelIds) : null;
}
