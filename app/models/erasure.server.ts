import { asc, count, eq, inArray } from "drizzle-orm";
import type { DatabaseHandle, Db } from "~db/client";
import { eraseWith } from "~db/erasure";
import { findingNotes, invitations, levels, memberships, organisations, responses, rounds } from "~db/schema";
import { forgetCachedReports } from "./reports.server";

/** What an erasure takes with it, for the confirmation page and the CLI's answer. */
export interface ErasureSummary {
  organisation: string | null;
  rounds: { id: string; name: string }[];
  levels: number;
  responses: number;
  invitations: number;
  notes: number;
  /** People assigned to the organisation, who lose access to it (their accounts stay). */
  memberships: number;
}

async function countIn(db: Db, table: typeof levels | typeof responses | typeof invitations | typeof findingNotes, roundIds: string[]): Promise<number> {
  if (roundIds.length === 0) return 0;
  const [row] = await db.select({ n: count() }).from(table).where(inArray(table.roundId, roundIds));
  return row?.n ?? 0;
}

async function summarise(db: Db, organisation: string | null, roundList: { id: string; name: string }[], membershipCount: number): Promise<ErasureSummary> {
  const ids = roundList.map((r) => r.id);
  return {
    organisation,
    rounds: roundList,
    levels: await countIn(db, levels, ids),
    responses: await countIn(db, responses, ids),
    invitations: await countIn(db, invitations, ids),
    notes: await countIn(db, findingNotes, ids),
    memberships: membershipCount,
  };
}

export async function roundErasureSummary(db: Db, roundId: string): Promise<ErasureSummary | undefined> {
  const [round] = await db.select({ id: rounds.id, name: rounds.name }).from(rounds).where(eq(rounds.id, roundId));
  return round ? summarise(db, null, [round], 0) : undefined;
}

export async function organisationErasureSummary(db: Db, organisationId: string): Promise<ErasureSummary | undefined> {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!organisation) return undefined;
  // Oldest first, as they were created.
  const roundList = await db
    .select({ id: rounds.id, name: rounds.name })
    .from(rounds)
    .where(eq(rounds.organisationId, organisationId))
    .orderBy(asc(rounds.createdAt), asc(rounds.id));
  const [members] = await db.select({ n: count() }).from(memberships).where(eq(memberships.organisationId, organisationId));
  return summarise(db, organisation.name, roundList, members?.n ?? 0);
}

/**
 * Deletes rounds with everything in them. Levels, invitations (and their
 * mail), responses, notes, exclusions and retired links go by their foreign
 * keys' ON DELETE CASCADE; a later round that followed one of them forgets it.
 */
async function deleteRounds(tx: Db, roundIds: string[]): Promise<void> {
  if (roundIds.length === 0) return;
  await tx.update(rounds).set({ predecessorId: null }).where(inArray(rounds.predecessorId, roundIds));
  await tx.delete(rounds).where(inArray(rounds.id, roundIds));
}

/**
 * Erases a round; returns what went, or undefined when there was no such round. Takes the database handle,
 * not only its `db`: on SQLite the erasure also zeroes the freed pages and checkpoints (db/erasure.ts).
 */
export async function eraseRound(handle: DatabaseHandle, roundId: string): Promise<ErasureSummary | undefined> {
  const summary = await eraseWith(handle, async (tx) => {
    const found = await roundErasureSummary(tx, roundId);
    if (found) await deleteRounds(tx, [roundId]);
    return found;
  });
  forgetCachedReports();
  return summary;
}

/** Erases an organisation with all its rounds and everyone's assignment to it (accounts stay); takes the handle as eraseRound does. */
export async function eraseOrganisation(handle: DatabaseHandle, organisationId: string): Promise<ErasureSummary | undefined> {
  const erased = await eraseWith(handle, async (tx) => {
    const summary = await organisationErasureSummary(tx, organisationId);
    if (!summary) return undefined;
    await deleteRounds(
      tx,
      summary.rounds.map((r) => r.id),
    );
    await tx.delete(memberships).where(eq(memberships.organisationId, organisationId));
    await tx.delete(organisations).where(eq(organisations.id, organisationId));
    return summary;
  });
  forgetCachedReports();
  return erased;
}
