import { and, asc, count, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitationMessages, invitations, levels, organisations, rounds, type MessageStatus } from "~db/schema";
import { invitationCounts, isAnswered, invitationsNotAnswered, invitationsNotYetMailed, queueMessages } from "./invitations.server";

/** A sender that took a message this long ago and never finished (the process died) is taken over. */
export const STALE_CLAIM_MS = 10 * 60_000;
const BATCH = 50;

export type MessageCounts = Record<MessageStatus, number>;

/** Per level and kind, how many messages are queued, being sent, sent or failed: counts, never people. */
export async function messageCounts(db: Db, roundId: string) {
  const rows = await db
    .select({ levelId: invitations.levelId, kind: invitationMessages.kind, status: invitationMessages.status, n: count() })
    .from(invitationMessages)
    .innerJoin(invitations, eq(invitations.id, invitationMessages.invitationId))
    .where(eq(invitationMessages.roundId, roundId))
    .groupBy(invitations.levelId, invitationMessages.kind, invitationMessages.status)
    .orderBy(asc(invitations.levelId), asc(invitationMessages.kind), asc(invitationMessages.status));
  const totals: MessageCounts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) totals[row.status] += row.n;
  return { rows, totals };
}

/** Queues invitations for everyone invited while the round was not open. Call in the transaction that opens it. */
export async function queuePendingInvitations(db: Db, roundId: string): Promise<number> {
  return queueMessages(db, roundId, await invitationsNotYetMailed(db, roundId), "invitation");
}

/**
 * Queues a reminder for each invitation of the level whose answers have not
 * arrived, and says only how many: who they are stays in the database.
 */
export async function queueReminders(db: Db, roundId: string, levelId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId));
    if (round?.status !== "open") return 0;
    const waiting = await invitationsNotAnswered(tx, roundId, levelId);
    return queueMessages(tx, roundId, waiting.map((row) => row.id), "reminder");
  });
}

/** Failed messages go back in the queue; returns how many. */
export async function requeueFailed(db: Db, roundId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const requeued = await tx
      .update(invitationMessages)
      .set({ status: "queued", claimedAt: null })
      .where(and(eq(invitationMessages.roundId, roundId), eq(invitationMessages.status, "failed")))
      .returning({ id: invitationMessages.id });
    return requeued.length;
  });
}

/** What a message needs to be written: the invitee, their link's token, the round and level. */
export interface ClaimedMessage {
  id: number;
  kind: "invitation" | "reminder";
  email: string;
  name: string | null;
  token: string;
  answered: boolean;
  level: string;
  levelKind: "staff" | "customers";
  round: {
    name: string;
    opensAt: Date | null;
    closesAt: Date | null;
    minGroupSize: number;
    instrumentId: string;
    instrumentVersion: number;
    customerInstrumentId: string | null;
    customerInstrumentVersion: number | null;
  };
  organisation: string;
}

/**
 * Takes up to a batch of a round's queued messages for sending (and any whose
 * sender died), only while the round is open. The conditional update makes a
 * claim exclusive even with several senders or app instances.
 */
export async function claimMessages(db: Db, roundId: string, now: Date): Promise<ClaimedMessage[]> {
  return db.transaction(async (tx): Promise<ClaimedMessage[]> => {
    const [round] = await tx.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId));
    if (round?.status !== "open") return [];
    const claimable = and(
      eq(invitationMessages.roundId, roundId),
      or(
        eq(invitationMessages.status, "queued"),
        and(eq(invitationMessages.status, "sending"), lt(invitationMessages.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))),
      ),
    );
    const ids = await tx.select({ id: invitationMessages.id }).from(invitationMessages).where(claimable).orderBy(asc(invitationMessages.id)).limit(BATCH);
    if (ids.length === 0) return [];
    const updated = await tx
      .update(invitationMessages)
      .set({ status: "sending", claimedAt: now, attempts: sql`${invitationMessages.attempts} + 1` })
      .where(
        and(
          claimable,
          inArray(
            invitationMessages.id,
            ids.map((row) => row.id),
          ),
        ),
      )
      .returning({ id: invitationMessages.id });
    const claimed = updated.map((row) => row.id);
    if (claimed.length === 0) return [];
    return tx
      .select({
        id: invitationMessages.id,
        kind: invitationMessages.kind,
        email: invitations.email,
        name: invitations.name,
        token: invitations.token,
        answered: sql<number>`case when ${isAnswered()} then 1 else 0 end`.mapWith((value) => Number(value) === 1),
        level: levels.label,
        levelKind: levels.kind,
        round: {
          name: rounds.name,
          opensAt: rounds.opensAt,
          closesAt: rounds.closesAt,
          minGroupSize: rounds.minGroupSize,
          instrumentId: rounds.instrumentId,
          instrumentVersion: rounds.instrumentVersion,
          customerInstrumentId: rounds.customerInstrumentId,
          customerInstrumentVersion: rounds.customerInstrumentVersion,
        },
        organisation: organisations.name,
      })
      .from(invitationMessages)
      .innerJoin(invitations, eq(invitations.id, invitationMessages.invitationId))
      .innerJoin(levels, eq(levels.id, invitations.levelId))
      .innerJoin(rounds, eq(rounds.id, invitationMessages.roundId))
      .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
      .where(inArray(invitationMessages.id, claimed))
      .orderBy(asc(invitationMessages.id));
  });
}

/** Records the outcome of one send; a reminder whose invitee answered meanwhile is dropped unsent. */
export async function finishMessage(db: Db, messageId: number, outcome: "sent" | "failed" | "dropped"): Promise<void> {
  await db.transaction(async (tx) => {
    if (outcome === "dropped") {
      await tx.delete(invitationMessages).where(eq(invitationMessages.id, messageId));
      return;
    }
    await tx
      .update(invitationMessages)
      .set({ status: outcome, claimedAt: null })
      .where(eq(invitationMessages.id, messageId));
  });
}

/** Rounds with messages waiting (queued or abandoned mid-send): for a sender that picks up after a restart. */
export async function roundsWithQueuedMail(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ roundId: invitationMessages.roundId })
    .from(invitationMessages)
    .where(or(eq(invitationMessages.status, "queued"), eq(invitationMessages.status, "sending")))
    .orderBy(asc(invitationMessages.roundId));
  return rows.map((row) => row.roundId);
}

/** Per level: invited, not yet answered, and invitation emails sent, waiting and failed (reminders count in waiting and failed too). */
export async function deliveryByLevel(db: Db, roundId: string, roundLevels: readonly { id: number; label: string }[]) {
  const invited = await invitationCounts(db, roundId);
  const { rows } = await messageCounts(db, roundId);
  const sum = (levelId: number, statuses: MessageStatus[], kind?: "invitation" | "reminder") =>
    rows.filter((r) => r.levelId === levelId && statuses.includes(r.status) && (!kind || r.kind === kind)).reduce((total, r) => total + r.n, 0);
  return roundLevels.map((level) => {
    const counts = invited.get(level.id) ?? { invited: 0, started: 0, answered: 0 };
    return {
      levelId: level.id,
      label: level.label,
      invited: counts.invited,
      notAnswered: counts.invited - counts.answered,
      sent: sum(level.id, ["sent"], "invitation"),
      waiting: sum(level.id, ["queued", "sending"]),
      failed: sum(level.id, ["failed"]),
    };
  });
}
