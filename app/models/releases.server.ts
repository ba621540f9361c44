import { and, asc, count, eq, inArray, isNull, max } from "drizzle-orm";
import type { Db } from "~db/client";
import { levels, releases, responses, rounds } from "~db/schema";
import { isReleaseDue, releaseAtCloseKind, type ReleaseStep } from "~/domain/report/release";
import { notExcludedResponse } from "./exclusions.server";

/** Responses waiting for a step: submitted, not yet released, and not excluded (an excluded burst never fills a step). */
const pendingAt = (levelId: number) => and(eq(responses.levelId, levelId), eq(responses.status, "submitted"), isNull(responses.release), notExcludedResponse());

async function pendingCount(db: Db, levelId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(responses).where(pendingAt(levelId));
  return row?.n ?? 0;
}

async function makeStep(tx: Db, levelId: number, final: boolean, pending: number): Promise<void> {
  const [last] = await tx.select({ seq: max(releases.seq) }).from(releases).where(eq(releases.levelId, levelId));
  const seq = (last?.seq ?? 0) + 1;
  await tx.insert(releases).values({ levelId, seq, final, responses: pending });
  await tx.update(responses).set({ release: seq }).where(pendingAt(levelId));
}

/**
 * After responses arrive at a level (a submission, or an import: one arrival however many it holds), makes
 * a release step when at least the minimum group is pending. Call inside the arrival's transaction, so a
 * step never misses a response and two writers never make the same step.
 */
export async function releaseIfDue(tx: Db, levelId: number): Promise<void> {
  const [round] = await tx
    .select({ minGroupSize: rounds.minGroupSize })
    .from(levels)
    .innerJoin(rounds, eq(rounds.id, levels.roundId))
    .where(eq(levels.id, levelId));
  if (!round) return;
  const pending = await pendingCount(tx, levelId);
  if (isReleaseDue(pending, round.minGroupSize)) await makeStep(tx, levelId, false, pending);
}

/**
 * A closed round's step per level: at the first close every pending response goes into the figures (a final
 * step); after a reopen, only a full minimum group does (see releaseAtCloseKind).
 */
export async function releaseAtClose(db: Db, roundId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [round] = await tx.select({ minGroupSize: rounds.minGroupSize }).from(rounds).where(eq(rounds.id, roundId));
    if (!round) return;
    const roundLevels = await tx.select({ id: levels.id }).from(levels).where(eq(levels.roundId, roundId)).orderBy(asc(levels.key));
    for (const level of roundLevels) {
      const pending = await pendingCount(tx, level.id);
      const [finalStep] = await tx
        .select({ seq: releases.seq })
        .from(releases)
        .where(and(eq(releases.levelId, level.id), eq(releases.final, true)))
        .limit(1);
      const closedBefore = finalStep !== undefined;
      const kind = releaseAtCloseKind(pending, round.minGroupSize, closedBefore);
      if (kind !== "none") await makeStep(tx, level.id, kind === "final", pending);
    }
  });
}

/** Each level's steps, in order, keyed by the level's database id. */
export async function listReleaseSteps(db: Db, levelIds: readonly number[]): Promise<Map<number, ReleaseStep[]>> {
  const steps = new Map<number, ReleaseStep[]>(levelIds.map((id) => [id, []]));
  if (levelIds.length === 0) return steps;
  const rows = await db
    .select({ levelId: releases.levelId, seq: releases.seq, final: releases.final })
    .from(releases)
    .where(inArray(releases.levelId, [...levelIds]))
    .orderBy(asc(releases.levelId), asc(releases.seq));
  for (const row of rows) steps.get(row.levelId)?.push({ seq: row.seq, final: row.final });
  return steps;
}
