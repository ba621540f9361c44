import { and, asc, count, eq, inArray, isNull, max } from "drizzle-orm";
import type { Db } from "~db/client";
import { levels, releases, responses, rounds } from "~db/schema";
import { isReleaseDue, releaseAtCloseKind, type ReleaseStep } from "~/domain/report/release";
import { notExcludedResponse } from "./exclusions.server";

/** Responses waiting for a step: submitted, not yet released, and not excluded (an excluded burst never fills a step). */
const pendingAt = (levelId: number) => and(eq(responses.levelId, levelId), eq(responses.status, "submitted"), isNull(responses.release), notExcludedResponse());

function pendingCount(db: Db, levelId: number): number {
  return db.select({ n: count() }).from(responses).where(pendingAt(levelId)).get()?.n ?? 0;
}

function makeStep(db: Db, levelId: number, final: boolean, pending: number): void {
  const last = db.select({ seq: max(releases.seq) }).from(releases).where(eq(releases.levelId, levelId)).get()?.seq ?? 0;
  const seq = last + 1;
  db.insert(releases).values({ levelId, seq, final, responses: pending }).run();
  db.update(responses).set({ release: seq }).where(pendingAt(levelId)).run();
}

/**
 * After responses arrive at a level (a submission, or an import: one arrival however many it holds), makes
 * a release step when at least the minimum group is pending. Call inside the arrival's transaction, so a
 * step never misses a response and two writers never make the same step.
 */
export function releaseIfDue(tx: Db, levelId: number): void {
  const round = tx
    .select({ minGroupSize: rounds.minGroupSize })
    .from(levels)
    .innerJoin(rounds, eq(rounds.id, levels.roundId))
    .where(eq(levels.id, levelId))
    .get();
  if (!round) return;
  const pending = pendingCount(tx, levelId);
  if (isReleaseDue(pending, round.minGroupSize)) makeStep(tx, levelId, false, pending);
}

/**
 * A closed round's step per level: at the first close every pending response goes into the figures (a final
 * step); after a reopen, only a full minimum group does (see releaseAtCloseKind).
 */
export function releaseAtClose(db: Db, roundId: string): void {
  db.transaction(
    (tx) => {
      const round = tx.select({ minGroupSize: rounds.minGroupSize }).from(rounds).where(eq(rounds.id, roundId)).get();
      if (!round) return;
      for (const level of tx.select({ id: levels.id }).from(levels).where(eq(levels.roundId, roundId)).all()) {
        const pending = pendingCount(tx, level.id);
        const closedBefore = Boolean(tx.select({ seq: releases.seq }).from(releases).where(and(eq(releases.levelId, level.id), eq(releases.final, true))).limit(1).get());
        const kind = releaseAtCloseKind(pending, round.minGroupSize, closedBefore);
        if (kind !== "none") makeStep(tx, level.id, kind === "final", pending);
      }
    },
    { behavior: "immediate" },
  );
}

/** Each level's steps, in order, keyed by the level's database id. */
export function listReleaseSteps(db: Db, levelIds: readonly number[]): Map<number, ReleaseStep[]> {
  const steps = new Map<number, ReleaseStep[]>(levelIds.map((id) => [id, []]));
  if (levelIds.length === 0) return steps;
  for (const row of db
    .select({ levelId: releases.levelId, seq: releases.seq, final: releases.final })
    .from(releases)
    .where(inArray(releases.levelId, [...levelIds]))
    .orderBy(asc(releases.levelId), asc(releases.seq))
    .all()) {
    steps.get(row.levelId)?.push({ seq: row.seq, final: row.final });
  }
  return steps;
}
