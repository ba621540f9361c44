import { totalVariation, type Profile } from "./profiles";

/** One respondent's stored profiles, as the report reads them. */
export interface RespondentScores {
  explicit: Profile;
  desired: Profile;
  implicit: Profile | null;
  intensities: Profile | null;
  facetProfiles: Record<string, Profile | null> | null;
}

/** A level's statistics, all derived from the mean of its respondents' vectors. */
export interface LevelStats {
  explicit: Profile;
  desired: Profile;
  /** Over respondents with an implicit profile; null when none has one. */
  implicit: Profile | null;
  intensities: Profile | null;
  /** Over respondents with both facet profiles (the blind line-of-sight rule compares them). */
  practices: Profile | null;
  lineOfSight: Profile | null;
  /** Total variation distance between explicit and implicit. */
  sayDo: number | null;
}

/**
 * Each respondent becomes one vector: explicit and desired shares, an indicator
 * of having an implicit profile with that profile and intensities multiplied by
 * it, and likewise for the pair of facet profiles. Every level statistic is
 * then a ratio of means of these entries, so a bootstrap resample only needs
 * the resampled mean vector.
 */
export class ScoreLayout {
  readonly width: number;
  private readonly k: number;
  private readonly at: Record<
    "explicit" | "desired" | "hasImplicit" | "implicit" | "intensities" | "hasFacets" | "practices" | "lineOfSight",
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
      explicit: take(k),
      desired: take(k),
      hasImplicit: take(1),
      implicit: take(k),
      intensities: take(k),
      hasFacets: take(1),
      practices: take(k),
      lineOfSight: take(k),
    };
    this.width = offset;
  }

  /** Writes one respondent's vector into `target` at `offset`. */
  write(scores: RespondentScores, target: Float64Array, offset: number): void {
    const { at, modelIds, k } = this;
    const put = (start: number, profile: Profile, weight = 1) => {
      for (let m = 0; m < k; m++) target[offset + start + m] = weight * (profile[modelIds[m]!] ?? 0);
    };
    put(at.explicit, scores.explicit);
    put(at.desired, scores.desired);
    if (scores.implicit && scores.intensities) {
      target[offset + at.hasImplicit] = 1;
      put(at.implicit, scores.implicit);
      put(at.intensities, scores.intensities);
    }
    const practices = scores.facetProfiles?.[this.practicesFacet];
    const lineOfSight = scores.facetProfiles?.[this.lineOfSightFacet];
    if (practices && lineOfSight) {
      target[offset + at.hasFacets] = 1;
      put(at.practices, practices);
      put(at.lineOfSight, lineOfSight);
    }
  }

  /** All respondents' vectors, row after row. */
  pack(respondents: readonly RespondentScores[]): Float64Array {
    const rows = new Float64Array(respondents.length * this.width);
    respondents.forEach((scores, i) => this.write(scores, rows, i * this.width));
    return rows;
  }

  private profile(mean: Float64Array, start: number, divisor = 1): Profile {
    const profile: Profile = {};
    for (let m = 0; m < this.k; m++) profile[this.modelIds[m]!] = mean[start + m]! / divisor;
    return profile;
  }

  /** Level statistics from a (possibly resampled) mean vector. */
  stats(mean: Float64Array): LevelStats {
    const { at } = this;
    const implicitShare = mean[at.hasImplicit]!;
    const facetShare = mean[at.hasFacets]!;
    const explicit = this.profile(mean, at.explicit);
    const implicit = implicitShare > 0 ? this.profile(mean, at.implicit, implicitShare) : null;
    return {
      explicit,
      desired: this.profile(mean, at.desired),
      implicit,
      intensities: implicitShare > 0 ? this.profile(mean, at.intensities, implicitShare) : null,
      practices: facetShare > 0 ? this.profile(mean, at.practices, facetShare) : null,
      lineOfSight: facetShare > 0 ? this.profile(mean, at.lineOfSight, facetShare) : null,
      sayDo: implicit ? totalVariation(explicit, implicit, this.modelIds) : null,
    };
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
