import { and, asc, count, eq, exists, inArray, not, or, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitationMessages, invitations, levels, responses, rounds } from "~db/schema";
import { newToken } from "~/utils/ids.server";

export type Invitation = typeof invitations.$inferSelect;

type NewInvitation = { roundId: string; levelId: number; email: string; name?: string | null };

async function insertInvitation(tx: Db, input: NewInvitation): Promise<Invitation> {
  const [invitation] = await tx
    .insert(invitations)
    .values({ roundId: input.roundId, levelId: input.levelId, email: input.email, name: input.name ?? null, token: newToken() })
    .returning();
  return invitation!;
}

export async function createInvitation(db: Db, input: NewInvitation): Promise<Invitation> {
  return db.transaction((tx) => insertInvitation(tx, input));
}

export async function invitedEmails(db: Db, roundId: string): Promise<Set<string>> {
  const rows = await db.select({ email: invitations.email }).from(invitations).where(eq(invitations.roundId, roundId));
  return new Set(rows.map((r) => r.email));
}

/**
 * All rows or none: an upload is stored in one transaction. While the round is
 * open each new invitation's email is queued in the same transaction, so an
 * acknowledged upload cannot lose its messages; a draft (or closed) round's
 * invitations are queued when it opens.
 */
export async function importInvitations(db: Db, roundId: string, rows: { email: string; levelId: number; name: string | null }[]): Promise<number> {
  return db.transaction(async (tx) => {
    const created: Invitation[] = [];
    for (const row of rows) created.push(await insertInvitation(tx, { roundId, ...row }));
    const [round] = await tx.select({ status: rounds.status }).from(rounds).where(eq(rounds.id, roundId));
    if (round?.status === "open") await queueMessages(tx, roundId, created.map((invitation) => invitation.id), "invitation");
    return created.length;
  });
}

/**
 * Whether an invitation has been answered. The journey sets `answered` at
 * submit; a submitted response still carrying the invitation (responses from
 * before that rule) counts too.
 */
export const isAnswered = () =>
  or(
    eq(invitations.answered, true),
    exists(
      sql`(select 1 from ${responses} where ${responses.invitationId} = ${invitations.id} and ${responses.status} = 'submitted')`,
    ),
  )!;

/** Invitations whose answers have not arrived: whom reminders go to. Never shown to staff, only counted. */
export async function invitationsNotAnswered(db: Db, roundId: string, levelId?: number) {
  return db
    .select({ id: invitations.id, levelId: invitations.levelId })
    .from(invitations)
    .where(and(eq(invitations.roundId, roundId), levelId === undefined ? undefined : eq(invitations.levelId, levelId), not(isAnswered())))
    .orderBy(asc(invitations.email));
}

/**
 * The people invited, as the facilitator uploaded them: email, name and level,
 * in a fixed order (level, then email). Deliberately nothing else: no link, no
 * status, no order that could follow who answered.
 */
export async function listInvitedPeople(db: Db, roundId: string) {
  return db
    .select({ email: invitations.email, name: invitations.name, levelLabel: levels.label })
    .from(invitations)
    .innerJoin(levels, eq(levels.id, invitations.levelId))
    .where(eq(invitations.roundId, roundId))
    .orderBy(asc(levels.position), asc(invitations.email));
}

/** Per level: invited, started (drafts still holding their invitation) and answered. Counts only. */
export async function invitationCounts(db: Db, roundId: string): Promise<Map<number, { invited: number; started: number; answered: number }>> {
  const rows = await db
    .select({
      levelId: invitations.levelId,
      invited: count(),
      // PostgreSQL sums to a bigint, which arrives as a string.
      answered: sql<number>`sum(case when ${isAnswered()} then 1 else 0 end)`.mapWith(Number),
    })
    .from(invitations)
    .where(eq(invitations.roundId, roundId))
    .groupBy(invitations.levelId);
  const drafts = await db
    .select({ levelId: invitations.levelId, n: count() })
    .from(responses)
    .innerJoin(invitations, eq(invitations.id, responses.invitationId))
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "draft")))
    .groupBy(invitations.levelId);
  return new Map(
    rows.map((row) => {
      const answeredCount = Number(row.answered ?? 0);
      return [row.levelId, { invited: row.invited, started: answeredCount + (drafts.find((d) => d.levelId === row.levelId)?.n ?? 0), answered: answeredCount }];
    }),
  );
}

/** Invitations with no invitation message yet (added while the round was a draft or closed). */
export async function invitationsNotYetMailed(db: Db, roundId: string): Promise<number[]> {
  const rows = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.roundId, roundId),
        not(
          exists(
            sql`(select 1 from ${invitationMessages} where ${invitationMessages.invitationId} = ${invitations.id} and ${invitationMessages.kind} = 'invitation')`,
          ),
        ),
      ),
    )
    .orderBy(asc(invitations.email));
  return rows.map((row) => row.id);
}

/** Queues one message of a kind for each invitation given; returns how many. */
export async function queueMessages(db: Db, roundId: string, invitationIds: readonly number[], kind: "invitation" | "reminder"): Promise<number> {
  if (invitationIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const owned = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.roundId, roundId), inArray(invitations.id, [...invitationIds])))
      .orderBy(asc(invitations.email));
    // In slices: one statement's bound values stay well under SQLite's limit.
    for (let start = 0; start < owned.length; start += 500) {
      await tx.insert(invitationMessages).values(owned.slice(start, start + 500).map((row) => ({ roundId, invitationId: row.id, kind })));
    }
    return owned.length;
  });
}
