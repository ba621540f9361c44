import { eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitations, levels, organisations, rounds } from "~db/schema";
import type { Level, Round } from "./rounds.server";

/** Where a respondent's link leads: a level's open link or a personal invitation. */
export interface Journey {
  token: string;
  kind: "level" | "invitation";
  organisation: { id: string; name: string };
  round: Round;
  level: Level;
  invitationId: number | null;
}

export async function findJourney(db: Db, token: string): Promise<Journey | undefined> {
  const [byLevel] = await db
    .select({ level: levels, round: rounds, organisation: organisations })
    .from(levels)
    .innerJoin(rounds, eq(rounds.id, levels.roundId))
    .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
    .where(eq(levels.linkToken, token));
  if (byLevel) {
    const { level, round, organisation } = byLevel;
    return { token, kind: "level", organisation: { id: organisation.id, name: organisation.name }, round, level, invitationId: null };
  }
  const [byInvitation] = await db
    .select({ invitationId: invitations.id, level: levels, round: rounds, organisation: organisations })
    .from(invitations)
    .innerJoin(levels, eq(levels.id, invitations.levelId))
    .innerJoin(rounds, eq(rounds.id, invitations.roundId))
    .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
    .where(eq(invitations.token, token));
  if (!byInvitation) return undefined;
  const { invitationId, level, round, organisation } = byInvitation;
  return { token, kind: "invitation", organisation: { id: organisation.id, name: organisation.name }, round, level, invitationId };
}
