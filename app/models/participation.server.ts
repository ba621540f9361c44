import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitations, responses } from "~db/schema";
import { isReportable, responsesNeeded } from "~/domain/report/anonymity";
import type { Level } from "./rounds.server";

export interface LevelParticipation {
  levelId: number;
  key: string;
  label: string;
  invited: number;
  /** Responses begun (draft or submitted), from invitations and open links alike. */
  started: number;
  submitted: number;
  /** Submitted invitations over invitations; null without invitations (an open link has no denominator). */
  responseRate: number | null;
  reportable: boolean;
  needed: number;
}

/** Participation per level: counts only, never who answered what. */
export function participation(db: Db, roundId: string, levels: readonly Level[], minGroupSize: number): LevelParticipation[] {
  const byStatus = db
    .select({ levelId: responses.levelId, status: responses.status, n: count() })
    .from(responses)
    .where(eq(responses.roundId, roundId))
    .groupBy(responses.levelId, responses.status)
    .all();
  const invited = db.select({ levelId: invitations.levelId, n: count() }).from(invitations).where(eq(invitations.roundId, roundId)).groupBy(invitations.levelId).all();
  // A submitted response forgets its invitation; the invitation keeps only that it was answered.
  const invitedSubmitted = db
    .select({ levelId: invitations.levelId, n: count() })
    .from(invitations)
    .where(and(eq(invitations.roundId, roundId), eq(invitations.answered, true)))
    .groupBy(invitations.levelId)
    .all();
  return levels.map((level) => {
    const submitted = byStatus.find((r) => r.levelId === level.id && r.status === "submitted")?.n ?? 0;
    const drafts = byStatus.find((r) => r.levelId === level.id && r.status === "draft")?.n ?? 0;
    const invitedCount = invited.find((r) => r.levelId === level.id)?.n ?? 0;
    const viaInvitation = invitedSubmitted.find((r) => r.levelId === level.id)?.n ?? 0;
    return {
      levelId: level.id,
      key: level.key,
      label: level.label,
      invited: invitedCount,
      started: submitted + drafts,
      submitted,
      responseRate: invitedCount > 0 ? viaInvitation / invitedCount : null,
      reportable: isReportable(submitted, minGroupSize),
      needed: responsesNeeded(submitted, minGroupSize),
    };
  });
}

/** Submitted responses per round, for the rounds list. */
export function submittedByRound(db: Db, roundIds: string[]): Map<string, number> {
  if (roundIds.length === 0) return new Map();
  const rows = db
    .select({ roundId: responses.roundId, n: count() })
    .from(responses)
    .where(and(inArray(responses.roundId, roundIds), eq(responses.status, "submitted")))
    .groupBy(responses.roundId)
    .all();
  return new Map(rows.map((r) => [r.roundId, r.n]));
}
