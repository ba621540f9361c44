export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `times` times after `warmup` runs, returning each run's milliseconds. */
export function timeRuns(fn: () => unknown, times: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  return Array.from({ length: times }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  });
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
