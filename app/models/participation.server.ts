import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client";
import { responses } from "~db/schema";
import { isReportable, responsesNeeded } from "~/domain/report/anonymity";
import { invitationCounts } from "./invitations.server";
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
export async function participation(db: Db, roundId: string, levels: readonly Level[], minGroupSize: number): Promise<LevelParticipation[]> {
  const byStatus = await db
    .select({ levelId: responses.levelId, status: responses.status, n: count() })
    .from(responses)
    .where(eq(responses.roundId, roundId))
    .groupBy(responses.levelId, responses.status);
  const invited = await invitationCounts(db, roundId);
  return levels.map((level) => {
    const submitted = byStatus.find((r) => r.levelId === level.id && r.status === "submitted")?.n ?? 0;
    const drafts = byStatus.find((r) => r.levelId === level.id && r.status === "draft")?.n ?? 0;
    const invitedHere = invited.get(level.id);
    return {
      levelId: level.id,
      key: level.key,
      label: level.label,
      invited: invitedHere?.invited ?? 0,
      started: submitted + drafts,
      submitted,
      responseRate: invitedHere ? invitedHere.answered / invitedHere.invited : null,
      reportable: isReportable(submitted, minGroupSize),
      needed: responsesNeeded(submitted, minGroupSize),
    };
  });
}

/** Submitted responses per round, for the rounds list. */
export async function submittedByRound(db: Db, roundIds: string[]): Promise<Map<string, number>> {
  if (roundIds.length === 0) return new Map();
  const rows = await db
    .select({ roundId: responses.roundId, n: count() })
    .from(responses)
    .where(and(inArray(responses.roundId, roundIds), eq(responses.status, "submitted")))
    .groupBy(responses.roundId);
  return new Map(rows.map((r) => [r.roundId, r.n]));
}
