import type { Random } from "./random";

/** At least this many resamples (instrument.md); the report uses exactly this many. */
export const BOOTSTRAP_RESAMPLES = 1000;
/** The fixed seed: the same data always gives the same intervals. */
export const BOOTSTRAP_SEED = "modelgap-bootstrap-v1";
/**
 * From this group size on, the resampled mean vector is drawn from its normal
 * limit N(mean, S/n) instead of by resampling rows: at this size the two differ
 * by less than the Monte Carlo error of 1,000 resamples, and a 10,000-response
 * round then takes milliseconds instead of seconds.
 */
export const NORMAL_LIMIT_FROM = 300;

/** Draws resampled mean vectors of one group's packed rows (respondents resampled with replacement). */
export interface MeanResampler {
  readonly n: number;
  draw(random: Random, target: Float64Array): void;
}

/**
 * @param rows packed respondent vectors
 * @param index which rows belong to the group (all rows when absent)
 */
export function meanResampler(rows: Float64Array, width: number, mean: Float64Array, index?: Int32Array): MeanResampler {
  const members = index ?? Int32Array.from({ length: rows.length / width }, (_, i) => i);
  const n = members.length;
  if (n < NORMAL_LIMIT_FROM) {
    return {
      n,
      draw(random, target) {
        target.fill(0);
        for (let draw = 0; draw < n; draw++) {
          const row = members[Math.floor(random.next() * n)]! * width;
          for (let j = 0; j < width; j++) target[j]! += rows[row + j]!;
        }
        for (let j = 0; j < width; j++) target[j]! /= n;
      },
    };
  }
  const factor = choleskyPsd(covariance(rows, width, mean, members), width);
  const scale = 1 / Math.sqrt(n);
  const noise = new Float64Array(width);
  return {
    n,
    draw(random, target) {
      for (let j = 0; j < width; j++) noise[j] = random.normal();
      for (let i = 0; i < width; i++) {
        let sum = 0;
        for (let j = 0; j <= i; j++) sum += factor[i * width + j]! * noise[j]!;
        target[i] = mean[i]! + sum * scale;
      }
    },
  };
}

/** Sample covariance (divisor n, as the bootstrap's plug-in estimate). */
export function covariance(rows: Float64Array, width: number, mean: Float64Array, index?: Int32Array): Float64Array {
  const n = index ? index.length : rows.length / width;
  const cov = new Float64Array(width * width);
  const centred = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    const r = index ? index[i]! : i;
    for (let j = 0; j < width; j++) centred[j] = rows[r * width + j]! - mean[j]!;
    for (let i = 0; i < width; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      for (let j = 0; j <= i; j++) cov[i * width + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < width; i++) {
    for (let j = 0; j <= i; j++) {
      const value = cov[i * width + j]! / n;
      cov[i * width + j] = value;
      cov[j * width + i] = value;
    }
  }
  return cov;
}

/**
 * Lower Cholesky factor of a positive semi-definite matrix. Shares sum to one,
 * so these covariances are singular: a pivot at round-off level marks a
 * direction without variance and its column is left at zero.
 */
export function choleskyPsd(matrix: Float64Array, width: number): Float64Array {
  const factor = new Float64Array(width * width);
  let largest = 0;
  for (let i = 0; i < width; i++) largest = Math.max(largest, matrix[i * width + i]!);
  const tolerance = Math.max(largest, Number.MIN_VALUE) * 1e-10;
  for (let j = 0; j < width; j++) {
    let pivot = matrix[j * width + j]!;
    for (let k = 0; k < j; k++) pivot -= factor[j * width + k]! ** 2;
    if (pivot <= tolerance) continue;
    const root = Math.sqrt(pivot);
    factor[j * width + j] = root;
    for (let i = j + 1; i < width; i++) {
      let sum = matrix[i * width + j]!;
      for (let k = 0; k < j; k++) sum -= factor[i * width + k]! * factor[j * width + k]!;
      factor[i * width + j] = sum / root;
    }
  }
  return factor;
}

/** Column means of the indexed rows. */
export function indexedMeans(rows: Float64Array, width: number, index: Int32Array): Float64Array {
  const mean = new Float64Array(width);
  for (let i = 0; i < index.length; i++) {
    const offset = index[i]! * width;
    for (let j = 0; j < width; j++) mean[j]! += rows[offset + j]!;
  }
  for (let j = 0; j < width; j++) mean[j]! /= index.length || 1;
  return mean;
}

/** Percentile interval of the finite values; null when there are none. */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): [number, number] | null {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const tail = (1 - level) / 2;
  return [quantile(finite, tail), quantile(finite, 1 - tail)];
}

/** Linear-interpolation quantile (type 7) of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
