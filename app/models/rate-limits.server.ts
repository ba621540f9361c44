import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { rateLimits } from "~db/schema";

export interface HitCount {
  hits: number;
  /** When the key's window ends (epoch ms). */
  resetAt: number;
}

/**
 * Counts one hit on `key` and returns the count in its window: a new window
 * (starting now) when none is running, else one more in the current one. One
 * statement in an immediate transaction, so every process sharing the database
 * counts each hit exactly once.
 */
export async function countHit(db: Db, key: string, windowMs: number, now: number): Promise<HitCount> {
  return db.transaction(async (tx) => {
    const [count] = await tx
      .insert(rateLimits)
      .values({ key, hits: 1, resetAt: now + windowMs })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`CASE WHEN ${rateLimits.resetAt} <= ${now} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
          resetAt: sql`CASE WHEN ${rateLimits.resetAt} <= ${now} THEN ${now + windowMs} ELSE ${rateLimits.resetAt} END`,
        },
      })
      .returning({ hits: rateLimits.hits, resetAt: rateLimits.resetAt });
    return count!;
  });
}

export async function readHits(db: Db, key: string, now: number): Promise<HitCount | undefined> {
  const [count] = await db
    .select({ hits: rateLimits.hits, resetAt: rateLimits.resetAt })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, key), gt(rateLimits.resetAt, now)));
  return count;
}

/** Gives one hit back (a reserved attempt that turned out fine); never below zero, never into an expired window. */
export async function uncountHit(db: Db, key: string, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(rateLimits)
      .set({ hits: sql`CASE WHEN ${rateLimits.hits} > 0 THEN ${rateLimits.hits} - 1 ELSE 0 END` })
      .where(and(eq(rateLimits.key, key), gt(rateLimits.resetAt, now)));
  });
}

export async function clearHits(db: Db, key: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(rateLimits).where(eq(rateLimits.key, key));
  });
}

/** Windows that have ended count for nothing: this only keeps the table small. */
export async function deleteExpiredHits(db: Db, now: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(rateLimits).where(lte(rateLimits.resetAt, now));
  });
}
