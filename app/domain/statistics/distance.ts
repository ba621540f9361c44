import { percentileInterval } from "./bootstrap";

/**
 * A total variation distance between two noisy means is biased upward: even
 * identical groups come out some points apart, the more so the smaller they
 * are. Each model's difference d is shrunk to sqrt(max(0, d^2 - var(d))), with
 * var(d) estimated from the resamples, and the distance's interval is moved
 * down by what that takes off (and kept at 0 or above).
 */
export interface DebiasedDistance {
  distance: number;
  ci: [number, number];
  /** What the correction took off the plain distance. */
  correction: number;
}

/**
 * @param observed the per-model differences of the point estimates
 * @param resampled the same differences in each resample (null where undefined)
 */
export function debiasedDistance(observed: readonly number[], resampled: readonly (readonly number[] | null)[]): DebiasedDistance {
  return debiasedDistanceOf(observed, resampled.length, (b, out) => {
    const d = resampled[b];
    if (!d) return false;
    for (let m = 0; m < out.length; m++) out[m] = d[m]!;
    return true;
  });
}

/**
 * The same, with resample b's differences written into `out` by `fill` (false where undefined), so that a
 * report's many distances allocate nothing per resample.
 */
export function debiasedDistanceOf(observed: ArrayLike<number>, resamples: number, fill: (b: number, out: Float64Array) => boolean): DebiasedDistance {
  const k = observed.length;
  let raw = 0;
  for (let m = 0; m < k; m++) raw += Math.abs(observed[m]!);
  raw /= 2;
  const sums = new Float64Array(k);
  const squares = new Float64Array(k);
  const out = new Float64Array(k);
  const rawResampled: number[] = [];
  for (let b = 0; b < resamples; b++) {
    if (!fill(b, out)) continue;
    let total = 0;
    for (let m = 0; m < k; m++) {
      sums[m]! += out[m]!;
      squares[m]! += out[m]! * out[m]!;
      total += Math.abs(out[m]!);
    }
    rawResampled.push(total / 2);
  }
  const n = rawResampled.length;
  if (n < 2) return { distance: raw, ci: [raw, raw], correction: 0 };
  let distance = 0;
  for (let m = 0; m < k; m++) {
    const mean = sums[m]! / n;
    const variance = Math.max(0, squares[m]! / n - mean * mean);
    distance += Math.sqrt(Math.max(0, observed[m]! ** 2 - variance));
  }
  distance /= 2;
  const correction = raw - distance;
  const [lo, hi] = percentileInterval(rawResampled.map((value) => value - correction))!;
  return { distance, ci: [Math.max(0, lo), Math.max(0, hi)], correction };
}
