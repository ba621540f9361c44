import { and, asc, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { releaseIfDue } from "./releases.server";
import { levels, openLinkArrivals, openLinkRefusals, responses } from "~db/schema";
import { groupRefusedBursts, type RefusedMinute } from "~/domain/rounds/refused-bursts";

/** The level behind an open link's token, or undefined (a personal invitation's token, or nothing at all). */
export async function findOpenLinkLevel(db: Db, token: string): Promise<{ roundId: string; levelId: number } | undefined> {
  const [level] = await db.select({ roundId: levels.roundId, levelId: levels.id }).from(levels).where(eq(levels.linkToken, token));
  return level;
}

const MINUTE_MS = 60_000;

export interface RequestSource {
  levelId: number;
  /** HMAC of the client address: tells addresses apart without storing them. */
  addressHash: string;
}

/** An accepted open-link request that creates or submits a response: its level, hashed address and time. */
export interface Arrival extends RequestSource {
  at: number;
}

/**
 * Notes, inside the transaction that created or submitted the response, which response an open-link request
 * brought and from where; and holds it at once when a refusal of its burst (this minute or after, same level
 * and address) is already recorded. A refusal holds the arrivals noted before it; both run under the write
 * lock, so one of the two always sees the other, and nothing acknowledged escapes the hold.
 */
export async function noteArrival(tx: Db, arrival: Arrival, responseId: number): Promise<void> {
  const { at, ...source } = arrival;
  await tx
    .insert(openLinkArrivals)
    .values({ responseId, ...source, at })
    .onConflictDoUpdate({ target: openLinkArrivals.responseId, set: { addressHash: source.addressHash, at } });
  const [refused] = await tx
    .select({ minute: openLinkRefusals.minute })
    .from(openLinkRefusals)
    .where(
      and(
        eq(openLinkRefusals.levelId, source.levelId),
        eq(openLinkRefusals.addressHash, source.addressHash),
        gte(openLinkRefusals.minute, Math.floor(at / MINUTE_MS) * MINUTE_MS),
      ),
    )
    .limit(1);
  if (refused) {
    await tx
      .update(responses)
      .set({ status: "held", release: null })
      .where(and(eq(responses.id, responseId), eq(responses.status, "submitted"), eq(responses.source, "web")));
  }
}

/** Arrivals only matter for the burst that may follow them; older ones are forgotten. */
export async function deleteArrivalsBefore(db: Db, before: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(openLinkArrivals).where(lt(openLinkArrivals.at, before));
  });
}


/**
 * Counts a refused request, per round, level, minute and hashed address, and
 * holds out of the report every response this address got submitted on this
 * level since `since`: a level cannot be made reportable by the part of a
 * burst that got through before the limit refused the rest. One immediate
 * transaction, so the count and the hold go together.
 */
export async function recordRefusal(db: Db, refusal: RequestSource & { roundId: string; at: number; since: number }): Promise<number> {
  return db.transaction(async (tx) => {
    const minute = Math.floor(refusal.at / MINUTE_MS) * MINUTE_MS;
    await tx
      .insert(openLinkRefusals)
      .values({ roundId: refusal.roundId, levelId: refusal.levelId, minute, addressHash: refusal.addressHash, refused: 1 })
      .onConflictDoUpdate({
        target: [openLinkRefusals.levelId, openLinkRefusals.minute, openLinkRefusals.addressHash],
        set: { refused: sql`${openLinkRefusals.refused} + 1` },
      });
    const arrived = tx
      .select({ id: openLinkArrivals.responseId })
      .from(openLinkArrivals)
      .where(
        and(eq(openLinkArrivals.levelId, refusal.levelId), eq(openLinkArrivals.addressHash, refusal.addressHash), gte(openLinkArrivals.at, refusal.since)),
      );
    // Held responses leave their release step too: counted back in, they arrive again like new ones.
    const held = await tx
      .update(responses)
      .set({ status: "held", release: null })
      .where(and(eq(responses.status, "submitted"), eq(responses.source, "web"), inArray(responses.id, arrived)))
      .returning({ id: responses.id });
    return held.length;
  });
}

export async function listRefusals(db: Db, roundId: string): Promise<RefusedMinute[]> {
  return db
    .select({ levelId: openLinkRefusals.levelId, minute: openLinkRefusals.minute, addressHash: openLinkRefusals.addressHash, refused: openLinkRefusals.refused })
    .from(openLinkRefusals)
    .where(eq(openLinkRefusals.roundId, roundId))
    .orderBy(asc(openLinkRefusals.minute), asc(openLinkRefusals.levelId), asc(openLinkRefusals.addressHash));
}

/** Held responses per level of a round (counts only). */
export async function countHeld(db: Db, roundId: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ levelId: responses.levelId, n: count() })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "held")))
    .groupBy(responses.levelId);
  return new Map(rows.map((row) => [row.levelId, row.n]));
}

/** A facilitator counts a level's held responses in after all (they knew the burst was a real room). */
export async function releaseHeld(db: Db, roundId: string, levelId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const released = await tx
      .update(responses)
      .set({ status: "submitted", release: null })
      .where(and(eq(responses.roundId, roundId), eq(responses.levelId, levelId), eq(responses.status, "held")))
      .returning({ id: responses.id });
    // Counted back in is an arrival: they join the figures with the next release step.
    await releaseIfDue(tx, levelId);
    return released.length;
  });
}

/** What the round page shows a facilitator about its open links: refused bursts, and held responses per level (counts only). */
export async function openLinkProtection(db: Db, roundId: string, roundLevels: readonly { id: number; label: string }[]) {
  const label = (levelId: number) => roundLevels.find((level) => level.id === levelId)?.label ?? "A removed level";
  const held = await countHeld(db, roundId);
  const refusals = await listRefusals(db, roundId);
  return {
    bursts: groupRefusedBursts(refusals).map((burst) => ({ ...burst, level: label(burst.levelId) })),
    held: roundLevels.flatMap((level) => (held.get(level.id) ? [{ levelId: level.id, level: level.label, count: held.get(level.id)! }] : [])),
  };
}
