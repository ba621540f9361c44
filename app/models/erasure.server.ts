import { count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client";
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

const countIn = (db: Db, table: typeof levels | typeof responses | typeof invitations | typeof findingNotes, roundIds: string[]) =>
  roundIds.length === 0 ? 0 : (db.select({ n: count() }).from(table).where(inArray(table.roundId, roundIds)).get()?.n ?? 0);

function summarise(db: Db, organisation: string | null, roundList: { id: string; name: string }[], membershipCount: number): ErasureSummary {
  const ids = roundList.map((r) => r.id);
  return {
    organisation,
    rounds: roundList,
    levels: countIn(db, levels, ids),
    responses: countIn(db, responses, ids),
    invitations: countIn(db, invitations, ids),
    notes: countIn(db, findingNotes, ids),
    memberships: membershipCount,
  };
}

export function roundErasureSummary(db: Db, roundId: string): ErasureSummary | undefined {
  const round = db.select({ id: rounds.id, name: rounds.name }).from(rounds).where(eq(rounds.id, roundId)).get();
  return round ? summarise(db, null, [round], 0) : undefined;
}

export function organisationErasureSummary(db: Db, organisationId: string): ErasureSummary | undefined {
  const organisation = db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
  if (!organisation) return undefined;
  const roundList = db.select({ id: rounds.id, name: rounds.name }).from(rounds).where(eq(rounds.organisationId, organisationId)).all();
  const members = db.select({ n: count() }).from(memberships).where(eq(memberships.organisationId, organisationId)).get()?.n ?? 0;
  return summarise(db, organisation.name, roundList, members);
}

/**
 * Deletes rounds with everything in them. Levels, invitations (and their
 * mail), responses, notes, exclusions and retired links go by their foreign
 * keys' ON DELETE CASCADE; a later round that followed one of them forgets it.
 */
function deleteRounds(tx: Db, roundIds: string[]) {
  if (roundIds.length === 0) return;
  tx.update(rounds).set({ predecessorId: null }).where(inArray(rounds.predecessorId, roundIds)).run();
  tx.delete(rounds).where(inArray(rounds.id, roundIds)).run();
}

/** Erases a round; returns what went, or undefined when there was no such round. */
export function eraseRound(db: Db, roundId: string): ErasureSummary | undefined {
  const summary = eraseWith(db, (tx) => {
    const found = roundErasureSummary(tx, roundId);
    if (found) deleteRounds(tx, [roundId]);
    return found;
  });
  forgetCachedReports();
  return summary;
}

/** Erases an organisation with all its rounds and everyone's assignment to it (accounts stay). */
export function eraseOrganisation(db: Db, organisationId: string): ErasureSummary | undefined {
  const erased = eraseWith(db, (tx) => {
    const summary = organisationErasureSummary(tx, organisationId);
    if (!summary) return undefined;
    deleteRounds(
      tx,
      summary.rounds.map((r) => r.id),
    );
    tx.delete(memberships).where(eq(memberships.organisationId, organisationId)).run();
    tx.delete(organisations).where(eq(organisations.id, organisationId)).run();
    return summary;
  });
  forgetCachedReports();
  return erased;
}
