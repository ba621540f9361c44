import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "~db/client";
import { levels, responses, rounds } from "~db/schema";
import type { Answers } from "~/domain/instrument/answers";
import { roundAvailability, type Availability } from "~/domain/rounds/rounds";
import type { ResponseScores } from "~/domain/instrument/scoring";
import { newToken } from "~/utils/ids.server";
import { notExcludedResponse } from "./exclusions.server";
import type { Journey } from "./journey.server";

export type SurveyResponse = typeof responses.$inferSelect;

/** The response a link (and, for an open link, this browser's resume token) leads to. */
export function findJourneyResponse(db: Db, journey: Journey, resumeToken: string | undefined): SurveyResponse | undefined {
  if (journey.invitationId !== null) {
    return db.select().from(responses).where(eq(responses.invitationId, journey.invitationId)).get();
  }
  if (!resumeToken) return undefined;
  return db
    .select()
    .from(responses)
    .where(and(eq(responses.resumeToken, resumeToken), eq(responses.levelId, journey.level.id)))
    .get();
}

/** Finds this journey's response or creates its draft. Idempotent: one response per invitation or browser. */
export function startResponse(db: Db, journey: Journey, resumeToken: string | undefined): SurveyResponse {
  return db.transaction(
    (tx) => {
      const existing = findJourneyResponse(tx, journey, resumeToken);
      if (existing) return existing;
      return tx
        .insert(responses)
        .values({
          roundId: journey.round.id,
          levelId: journey.level.id,
          invitationId: journey.invitationId,
          resumeToken: journey.invitationId === null ? newToken() : null,
        })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

function availabilityOf(db: Db, roundId: string, now: Date): Availability {
  const round = db.select().from(rounds).where(eq(rounds.id, roundId)).get();
  return round ? roundAvailability(round, now) : "closed";
}

export type SaveOutcome = "saved" | "submitted" | Exclude<Availability, "open">;

/** Autosave: replaces the draft's answers and page. Never touches a submitted response. */
export function saveDraft(db: Db, responseId: number, answers: Answers, page: number, now = new Date()): SaveOutcome {
  return db.transaction(
    (tx) => {
      const response = tx.select().from(responses).where(eq(responses.id, responseId)).get();
      if (!response || response.status === "submitted") return "submitted";
      const availability = availabilityOf(tx, response.roundId, now);
      if (availability !== "open") return availability;
      tx.update(responses)
        .set({ answers, currentPage: page, updatedAt: now })
        .where(and(eq(responses.id, responseId), eq(responses.status, "draft")))
        .run();
      return "saved";
    },
    { behavior: "immediate" },
  );
}

export type SubmitOutcome =
  | { outcome: "submitted"; response: SurveyResponse }
  | { outcome: "already_submitted"; response: SurveyResponse }
  | { outcome: Exclude<Availability, "open"> };

function scoredColumns(answers: Answers, scores: ResponseScores, now: Date) {
  return {
    status: "submitted" as const,
    answers,
    explicit: scores.explicit,
    desired: scores.desired,
    implicit: scores.implicit,
    intensities: scores.intensities,
    facetProfiles: scores.facetProfiles,
    dontKnow: scores.dontKnow,
    updatedAt: now,
    submittedAt: now,
  };
}

/**
 * Stores validated answers with their profiles in one transaction. A second
 * submit (double click, back button, replayed request) finds the response
 * already submitted and changes nothing.
 */
export function submitResponse(
  db: Db,
  journey: Journey,
  resumeToken: string | undefined,
  answers: Answers,
  scores: ResponseScores,
  now = new Date(),
): SubmitOutcome {
  return db.transaction(
    (tx) => {
      const availability = availabilityOf(tx, journey.round.id, now);
      const existing = findJourneyResponse(tx, journey, resumeToken);
      if (existing?.status === "submitted") return { outcome: "already_submitted", response: existing };
      if (availability !== "open") return { outcome: availability };
      const columns = scoredColumns(answers, scores, now);
      const response = existing
        ? tx.update(responses).set(columns).where(eq(responses.id, existing.id)).returning().get()
        : tx
            .insert(responses)
            .values({
              roundId: journey.round.id,
              levelId: journey.level.id,
              invitationId: journey.invitationId,
              resumeToken: journey.invitationId === null ? (resumeToken ?? newToken()) : null,
              ...columns,
            })
            .returning()
            .get();
      return { outcome: "submitted", response };
    },
    { behavior: "immediate" },
  );
}

export interface ImportRecord {
  levelId: number;
  answers: Answers;
  scores: ResponseScores;
}

/** All or nothing: every record is stored as a submitted response, or none is. */
export function importResponses(
  db: Db,
  roundId: string,
  records: ImportRecord[],
  { now = new Date(), source = "import" }: { now?: Date; source?: "import" | "web" } = {},
): number {
  return db.transaction(
    (tx) => {
      for (const record of records) {
        tx.insert(responses)
          .values({ roundId, levelId: record.levelId, source, ...scoredColumns(record.answers, record.scores, now) })
          .run();
      }
      return records.length;
    },
    { behavior: "immediate" },
  );
}

/** Submitted responses' stored profiles (less those a facilitator excluded), with their level, in level order: what every report is built from. */
export function listSubmittedScores(db: Db, roundId: string) {
  return db
    .select({
      levelKey: levels.key,
      explicit: responses.explicit,
      desired: responses.desired,
      implicit: responses.implicit,
      intensities: responses.intensities,
      facetProfiles: responses.facetProfiles,
      dontKnow: responses.dontKnow,
    })
    .from(responses)
    .innerJoin(levels, eq(levels.id, responses.levelId))
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), notExcludedResponse()))
    .orderBy(asc(levels.position), asc(responses.id))
    .all();
}

/** Submitted responses that came through open level links (one per browser, not per person). */
export function countOpenLinkSubmissions(db: Db, roundId: string): number {
  return db
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), isNull(responses.invitationId), eq(responses.source, "web")))
    .all().length;
}
