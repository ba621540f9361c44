import { describe, expect, it } from "vitest";
import { choleskyPsd, covariance, meanResampler, NORMAL_LIMIT_FROM, percentileInterval, quantile } from "~/domain/statistics/bootstrap";
import { columnMeans } from "~/domain/statistics/level-stats";
import { createRandom } from "~/domain/statistics/random";

function multiply(factor: Float64Array, width: number) {
  const product = new Float64Array(width * width);
  for (let i = 0; i < width; i++)
    for (let j = 0; j < width; j++) {
      let sum = 0;
      for (let k = 0; k < width; k++) sum += factor[i * width + k]! * factor[j * width + k]!;
      product[i * width + j] = sum;
    }
  return product;
}

describe("choleskyPsd", () => {
  it("factors a positive definite matrix exactly", () => {
    const matrix = Float64Array.from([4, 2, 2, 3]);
    const factor = choleskyPsd(matrix, 2);
    expect(Array.from(factor)).toEqual([2, 0, 1, Math.sqrt(2)]);
  });
  it("factors the singular covariance of shares that sum to one", () => {
    const random = createRandom(3);
    const width = 3;
    const rows = new Float64Array(200 * width);
    for (let r = 0; r < 200; r++) {
      const a = random.next(), b = random.next() * (1 - a);
      rows.set([a, b, 1 - a - b], r * width);
    }
    const cov = covariance(rows, width, columnMeans(rows, width));
    const rebuilt = multiply(choleskyPsd(cov, width), width);
    rebuilt.forEach((value, i) => expect(value).toBeCloseTo(cov[i]!, 12));
  });
});

describe("quantiles and intervals", () => {
  it("interpolates linearly between order statistics", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });
  it("takes the 2.5% and 97.5% points of the finite values", () => {
    const values = Array.from({ length: 1001 }, (_, i) => i / 1000);
    const [low, high] = percentileInterval([...values, Number.NaN])!;
    expect(low).toBeCloseTo(0.025, 12);
    expect(high).toBeCloseTo(0.975, 12);
    expect(percentileInterval([Number.NaN])).toBeNull();
  });
});

describe("meanResampler", () => {
  const spread = (n: number, seed: number) => {
    const random = createRandom(seed);
    const rows = Float64Array.from({ length: n }, () => random.next());
    const resampler = meanResampler(rows, 1, columnMeans(rows, 1));
    const target = new Float64Array(1);
    const means = Array.from({ length: 2000 }, () => (resampler.draw(random, target), target[0]!));
    const [low, high] = percentileInterval(means)!;
    return high - low;
  };
  it("draws resampled means whose spread matches the standard error (exact resampling)", () => {
    // Uniform(0,1): sd = 0.2887; 95% interval of the mean of 100 is about 2 x 1.96 x 0.02887.
    expect(spread(100, 1)).toBeGreaterThan(0.095);
    expect(spread(100, 1)).toBeLessThan(0.13);
  });
  it("uses the normal limit for large groups with the same spread", () => {
    const n = NORMAL_LIMIT_FROM * 4;
    const expected = 2 * 1.96 * Math.sqrt(1 / 12 / n);
    expect(spread(n, 2) / expected).toBeGreaterThan(0.9);
    expect(spread(n, 2) / expected).toBeLessThan(1.1);
  });
  it("is deterministic for a seed", () => {
    expect(spread(50, 7)).toBe(spread(50, 7));
  });
});
