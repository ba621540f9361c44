import type { Profile } from "../../statistics/profiles";

/** One customer's stored scores, as the report reads them. */
export interface CustomerScoresRecord {
  experienced: Profile | null;
  intensities: Profile | null;
  wanted: Profile;
  nps: number;
}

/** The customers' statistics, all derived from the mean of their vectors. Null: no contributor. */
export interface CustomerStats {
  /** Shares from the experience statements (the metric of a level's belief and practice profiles). */
  experienced: Profile | null;
  intensities: Profile | null;
  /** The allocation of what they want from the relationship, as shares. */
  wanted: Profile | null;
  /** Net Promoter Score, -100 to 100. */
  nps: number | null;
}

/**
 * Each customer becomes one vector, as staff respondents do (statistics/level-stats.ts): an indicator that
 * the customer has an experienced profile, that profile and its intensities multiplied by the indicator, the
 * wanted shares, and the customer's NPS points (+100, 0 or -100). Every customer statistic is then a ratio
 * of means, so each counts only its own contributors and a resample needs only the resampled mean vector.
 */
export class CustomerLayout {
  readonly width: number;
  readonly at: { hasExperienced: number; experienced: number; intensities: number; wanted: number; nps: number };

  constructor(readonly modelIds: readonly string[]) {
    const k = modelIds.length;
    this.at = { hasExperienced: 0, experienced: 1, intensities: 1 + k, wanted: 1 + 2 * k, nps: 1 + 3 * k };
    this.width = 2 + 3 * k;
  }

  /** Writes one customer's vector into `target` at `offset`; `npsPoints` is the customer's part of the score. */
  write(scores: CustomerScoresRecord, npsPoints: number, target: Float64Array, offset: number): void {
    const { at, modelIds } = this;
    target.fill(0, offset, offset + this.width);
    const put = (start: number, profile: Profile) => modelIds.forEach((id, m) => (target[offset + start + m] = profile[id] ?? 0));
    if (scores.experienced && scores.intensities) {
      target[offset + at.hasExperienced] = 1;
      put(at.experienced, scores.experienced);
      put(at.intensities, scores.intensities);
    }
    put(at.wanted, scores.wanted);
    target[offset + at.nps] = npsPoints;
  }

  hasExperienced(scores: Float64Array, offset: number): boolean {
    return scores[offset + this.at.hasExperienced] === 1;
  }

  /** Zeroes, in place, a stored vector's experienced block (a figure that may not use it yet). */
  hideExperienced(target: Float64Array, offset: number): void {
    target.fill(0, offset + this.at.hasExperienced, offset + this.at.wanted);
  }

  private profile(mean: Float64Array, start: number, divisor: number): Profile {
    return Object.fromEntries(this.modelIds.map((id, m) => [id, mean[start + m]! / divisor]));
  }

  /** Customer statistics from a (possibly resampled) mean vector over `n` customers (0: none). */
  stats(mean: Float64Array, n: number): CustomerStats {
    const { at } = this;
    const share = mean[at.hasExperienced]!;
    return {
      experienced: share > 0 ? this.profile(mean, at.experienced, share) : null,
      intensities: share > 0 ? this.profile(mean, at.intensities, share) : null,
      wanted: n > 0 ? this.profile(mean, at.wanted, 1) : null,
      nps: n > 0 ? mean[at.nps]! : null,
    };
  }
}
