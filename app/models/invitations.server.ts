import { asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitations, levels, responses } from "~db/schema";
import { newToken } from "~/utils/ids.server";

export type Invitation = typeof invitations.$inferSelect;

export function createInvitation(db: Db, input: { roundId: string; levelId: number; email: string; name?: string | null }): Invitation {
  return db
    .insert(invitations)
    .values({ roundId: input.roundId, levelId: input.levelId, email: input.email, name: input.name ?? null, token: newToken() })
    .returning()
    .get();
}

export function invitedEmails(db: Db, roundId: string): Set<string> {
  return new Set(db.select({ email: invitations.email }).from(invitations).where(eq(invitations.roundId, roundId)).all().map((r) => r.email));
}

/** All rows or none: an upload is stored in one transaction. */
export function importInvitations(db: Db, roundId: string, rows: { email: string; levelId: number; name: string | null }[]): number {
  return db.transaction(
    (tx) => {
      for (const row of rows) createInvitation(tx, { roundId, ...row });
      return rows.length;
    },
    { behavior: "immediate" },
  );
}

export type InvitationStatus = "not started" | "started" | "submitted";

/**
 * Invitations with their participation status. Used for participation,
 * reminders and the mail-merge export only: no report ever joins answers to
 * an invitation.
 */
export function listInvitations(db: Db, roundId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      name: invitations.name,
      token: invitations.token,
      levelKey: levels.key,
      levelLabel: levels.label,
      answered: invitations.answered,
      responseStatus: responses.status,
    })
    .from(invitations)
    .innerJoin(levels, eq(levels.id, invitations.levelId))
    .leftJoin(responses, eq(responses.invitationId, invitations.id))
    .where(eq(invitations.roundId, roundId))
    .orderBy(asc(levels.position), asc(invitations.email))
    .all()
    .map(({ responseStatus, answered, ...row }) => ({
      ...row,
      status: (answered ? "submitted" : responseStatus === "draft" ? "started" : "not started") as InvitationStatus,
    }));
}
