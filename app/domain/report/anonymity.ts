import { MIN_GROUP_SIZE_FLOOR } from "../rounds/rounds";

/**
 * The anonymity rule, in one place: a level's numbers are shown, exported or
 * returned only when its response count reaches the round's minimum group size
 * (never below three). Every output (page, JSON, CSV, CLI) is built from the
 * report, and the report only computes statistics of levels this function lets
 * through, so a small level's profiles cannot be shown, nor derived by
 * subtraction from a figure that includes it.
 */
export function effectiveMinGroupSize(minGroupSize: number): number {
  return Math.max(MIN_GROUP_SIZE_FLOOR, Math.floor(minGroupSize));
}

export function isReportable(responseCount: number, minGroupSize: number): boolean {
  return responseCount >= effectiveMinGroupSize(minGroupSize);
}

/** Splits groups into those whose data may be used and those only listed by count. */
export function partitionByAnonymity<T extends { count: number }>(
  groups: readonly T[],
  minGroupSize: number,
): { reportable: T[]; suppressed: T[] } {
  const reportable: T[] = [];
  const suppressed: T[] = [];
  for (const group of groups) (isReportable(group.count, minGroupSize) ? reportable : suppressed).push(group);
  return { reportable, suppressed };
}

/** How many more responses a level needs before it can be reported. */
export function responsesNeeded(responseCount: number, minGroupSize: number): number {
  return Math.max(0, effectiveMinGroupSize(minGroupSize) - responseCount);
}
