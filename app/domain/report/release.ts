import { effectiveMinGroupSize } from "./anonymity";

/**
 * Release in steps (product.md, "No figure moves by one person"). A level's
 * responses are released in numbered steps: a step is made when at least the
 * minimum group of new responses has arrived since the last one (an import
 * counts as one arrival), and once when the round closes (a final step). A
 * response that has arrived but is not yet released is pending: it is counted
 * but is in no figure.
 *
 * Each figure then counts only its own contributors (those with an implicit
 * profile, those who commented, a breakdown cell's members...), and moves only
 * when at least the minimum group of new contributors has arrived since it last
 * moved, or at a final step. `countedThrough` says through which step a figure
 * may use its contributors.
 */
export interface ReleaseStep {
  seq: number;
  final: boolean;
}

export interface CountedRelease {
  /** The figure uses contributors released in steps up to and including this one; 0 when it has none yet. */
  through: number;
  /** How many contributors that makes. */
  contributors: number;
}

/**
 * @param steps the level's release steps in order
 * @param contributorsAt how many of the figure's contributors each step released
 */
export function countedThrough(steps: readonly ReleaseStep[], contributorsAt: (seq: number) => number, minGroupSize: number): CountedRelease {
  const min = effectiveMinGroupSize(minGroupSize);
  let through = 0;
  let contributors = 0;
  let pending = 0;
  let closed = false;
  for (const step of steps) {
    pending += contributorsAt(step.seq);
    // Only the round's first close may move a figure by fewer than the minimum group: a close after a reopen
    // would otherwise let whoever closes the round release one person at a time.
    const firstClose = step.final && !closed;
    closed ||= step.final;
    if (pending >= min || (firstClose && pending > 0 && contributors + pending >= min)) {
      through = step.seq;
      contributors += pending;
      pending = 0;
    }
  }
  return { through, contributors };
}

/** Counts per step of a figure's contributors, from each respondent's step (null: pending) and whether they contribute. */
export function contributorsPerStep(releases: ArrayLike<number>, contributes: (row: number) => boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (let row = 0; row < releases.length; row++) {
    const seq = releases[row]!;
    if (seq > 0 && contributes(row)) counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
  return counts;
}

/** Whether the pending responses of a level are enough for a new step (checked in the same transaction as an arrival). */
export function isReleaseDue(pending: number, minGroupSize: number): boolean {
  return pending > 0 && pending >= effectiveMinGroupSize(minGroupSize);
}

/**
 * What closing the round does to a level's pending responses. The first close releases them all (a final
 * step), so late answers count; after a reopen, a close releases only a full minimum group, as an arrival
 * would, since closing and reopening is in the hands of the people the rule protects respondents from.
 */
export function releaseAtCloseKind(pending: number, minGroupSize: number, closedBefore: boolean): "final" | "step" | "none" {
  if (pending === 0) return "none";
  if (!closedBefore) return "final";
  return isReleaseDue(pending, minGroupSize) ? "step" : "none";
}

/** What the report says about a level's steps: counts only, never times. */
export interface ReleaseSummary {
  /** Responses in the level's figures. */
  included: number;
  /** Responses that arrived since the figures last changed. */
  pending: number;
  /** How many more responses bring the next update (it also comes when the round closes). */
  nextUpdateIn: number;
}

export function releaseSummary(included: number, pending: number, minGroupSize: number): ReleaseSummary {
  return { included, pending, nextUpdateIn: Math.max(0, effectiveMinGroupSize(minGroupSize) - pending) };
}
