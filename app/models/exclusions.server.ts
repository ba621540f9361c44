import { and, asc, count, eq, exists, isNotNull, isNull, not, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { exclusions, levels, responses, rounds, users } from "~db/schema";
import {
  arrivalWindows,
  describeExclusionProblems,
  exclusionChangeProblems,
  exclusionStates,
  windowProblems,
  type Arrival,
  type ExclusionWindow,
} from "~/domain/rounds/exclusions";
import { effectiveMinGroupSize } from "~/domain/report/anonymity";
import { releaseIfDue } from "./releases.server";

export type Exclusion = typeof exclusions.$inferSelect;

/**
 * True for a response that an exclusion in force covers: the filter the
 * report's queries apply (the same rule as the domain's `isExcluded`).
 */
export function excludedResponse(): SQL {
  return exists(
    sql`(select 1 from ${exclusions} where ${exclusions.roundId} = ${responses.roundId} and ${exclusions.removedAt} is null and ${responses.submittedAt} >= ${exclusions.fromAt} and ${responses.submittedAt} < ${exclusions.toAt})`,
  );
}

export const notExcludedResponse = (): SQL => not(excludedResponse());

/** A round's exclusions in force, oldest first, with who made them. */
export async function listExclusions(db: Db, roundId: string) {
  return db
    .select({ id: exclusions.id, fromAt: exclusions.fromAt, toAt: exclusions.toAt, createdAt: exclusions.createdAt, createdBy: users.email })
    .from(exclusions)
    .leftJoin(users, eq(users.id, exclusions.createdBy))
    .where(and(eq(exclusions.roundId, roundId), isNull(exclusions.removedAt)))
    .orderBy(asc(exclusions.fromAt), asc(exclusions.id));
}

/** How many submitted responses the exclusions in force keep out of the report. */
export async function countExcluded(db: Db, roundId: string): Promise<number> {
  // Every read of a report asks this: a round without exclusions (nearly all) costs one index probe, not a
  // scan of its responses (SQLite's planner would start from the responses even when no exclusion exists).
  const inForce = and(eq(exclusions.roundId, roundId), isNull(exclusions.removedAt));
  const [any] = await db.select({ id: exclusions.id }).from(exclusions).where(inForce).limit(1);
  if (!any) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), excludedResponse()));
  return row?.n ?? 0;
}

/**
 * Submitted responses as exclusions see them: id, level and arrival time. Never shown as such: only counted.
 * `released` keeps only those already in the report's figures (a release step): a pending response moves no
 * figure when it is excluded or brought back, so only released ones count against the rule.
 */
async function arrivals(db: Db, roundId: string, { released = false }: { released?: boolean } = {}): Promise<Arrival[]> {
  const rows = await db
    .select({ id: responses.id, level: levels.key, at: responses.submittedAt })
    .from(responses)
    .innerJoin(levels, eq(levels.id, responses.levelId))
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), released ? isNotNull(responses.release) : undefined))
    .orderBy(asc(responses.id));
  return rows.map((row) => ({ id: row.id, level: row.level, at: row.at!.getTime() }));
}

/** After exclusions change, responses brought back are pending again: release every level that now holds enough. */
async function releaseDueLevels(tx: Db, roundId: string): Promise<void> {
  const roundLevels = await tx.select({ id: levels.id }).from(levels).where(eq(levels.roundId, roundId)).orderBy(asc(levels.key));
  for (const level of roundLevels) await releaseIfDue(tx, level.id);
}

async function history(db: Db, roundId: string) {
  const records = await db.select().from(exclusions).where(eq(exclusions.roundId, roundId)).orderBy(asc(exclusions.id));
  const active = records.filter((record) => record.removedAt === null);
  const states = exclusionStates(
    records.map((record) => ({ from: record.fromAt.getTime(), to: record.toAt.getTime(), createdAt: record.createdAt.getTime(), removedAt: record.removedAt?.getTime() ?? null })),
  );
  return { active, states };
}

const windowOf = (exclusion: Exclusion): ExclusionWindow => ({ from: exclusion.fromAt.getTime(), to: exclusion.toAt.getTime() });

/** Arrivals over time as the page shows them, and whether (else why not) each window could be excluded on its own. */
export async function arrivalOverview(db: Db, roundId: string, now = new Date()) {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) return undefined;
  const minGroupSize = effectiveMinGroupSize(round.minGroupSize);
  const all = await arrivals(db, roundId);
  const labels = await levelLabels(db, roundId);
  const { active, states } = await history(db, roundId);
  const coarse = arrivalWindows(all, minGroupSize);
  const released = await arrivals(db, roundId, { released: true });
  const checked = windowProblems({ arrivals: released, minGroupSize, active: active.map(windowOf), states, windows: coarse });
  const windows = coarse.map((window, index) => {
    const { problems, alreadyExcluded } = checked[index]!;
    const reason = alreadyExcluded
      ? null
      : window.total < minGroupSize
        ? `Fewer than ${minGroupSize} responses have arrived so far: nothing can be excluded yet.`
        : window.to > now.getTime()
          ? "This window has not ended yet."
          : problems.length > 0
            ? describeExclusionProblems(problems, minGroupSize, labels)
            : null;
    return { from: window.from, to: window.to, counts: window.counts, total: window.total, excluded: alreadyExcluded, reason };
  });
  return { minGroupSize, windows, excluded: await countExcluded(db, roundId) };
}

async function levelLabels(db: Db, roundId: string): Promise<Map<string, string>> {
  const rows = await db.select({ key: levels.key, label: levels.label }).from(levels).where(eq(levels.roundId, roundId));
  return new Map(rows.map((l) => [l.key, l.label]));
}

export class ExclusionError extends Error {
  override name = "ExclusionError";
}

/**
 * Excludes the responses that arrived in [from, to). The window must be a run
 * of the arrival windows the page offers (so nobody can probe finer times than
 * it shows), lie in the past, and pass the "no figure moves by one person" rule
 * against every version of the report; else nothing is stored and the error
 * says why. Checked and written in one transaction.
 */
export async function addExclusion(db: Db, roundId: string, window: ExclusionWindow, userId: string, now = new Date()): Promise<Exclusion> {
  return db.transaction(async (tx) => {
    const overview = await arrivalOverview(tx, roundId, now);
    if (!overview) throw new ExclusionError("This round no longer exists.");
    const offered = overview.windows.filter((w) => w.total >= overview.minGroupSize);
    const [starts, ends] = [offered.map((w) => w.from), offered.map((w) => w.to)];
    if (!starts.includes(window.from) || !ends.includes(window.to) || window.from >= window.to) {
      throw new ExclusionError("The arrival windows have changed since the page was loaded (new responses arrived). Choose the window again.");
    }
    if (window.to > now.getTime()) throw new ExclusionError("That window has not ended yet: wait until its last minute is over, then exclude it.");
    const { active, states } = await history(tx, roundId);
    const problems = exclusionChangeProblems({
      arrivals: await arrivals(tx, roundId, { released: true }),
      minGroupSize: overview.minGroupSize,
      proposed: [...active.map(windowOf), window],
      states,
    });
    if (problems.length > 0) throw new ExclusionError(describeExclusionProblems(problems, overview.minGroupSize, await levelLabels(tx, roundId)));
    const [created] = await tx
      .insert(exclusions)
      .values({ roundId, fromAt: new Date(window.from), toAt: new Date(window.to), createdBy: userId, createdAt: now })
      .returning();
    await releaseDueLevels(tx, roundId);
    return created!;
  });
}

/** Brings an exclusion's responses back into the report, under the same rule; the record stays, marked removed. */
export async function removeExclusion(db: Db, roundId: string, exclusionId: number, userId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
    const { active, states } = await history(tx, roundId);
    const target = active.find((exclusion) => exclusion.id === exclusionId);
    if (!round || !target) throw new ExclusionError("That exclusion no longer exists: reload the page.");
    const minGroupSize = effectiveMinGroupSize(round.minGroupSize);
    const proposed = active.filter((exclusion) => exclusion.id !== exclusionId).map(windowOf);
    const problems = exclusionChangeProblems({ arrivals: await arrivals(tx, roundId, { released: true }), minGroupSize, proposed, states });
    if (problems.length > 0) throw new ExclusionError(describeExclusionProblems(problems, minGroupSize, await levelLabels(tx, roundId)));
    await tx.update(exclusions).set({ removedAt: now, removedBy: userId }).where(eq(exclusions.id, exclusionId));
    await releaseDueLevels(tx, roundId);
  });
}
