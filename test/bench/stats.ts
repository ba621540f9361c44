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

/** The same for an asynchronous `fn`. */
export async function timeRunsAsync(fn: () => Promise<unknown>, times: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    runs.push(performance.now() - start);
  }
  return runs;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
