import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitations, levels, responses, rounds } from "~db/schema";
import type { Answers } from "~/domain/instrument/answers";
import { roundAvailability, type Availability } from "~/domain/rounds/rounds";
import { isCustomerScores } from "~/domain/instrument/customer-scoring";
import type { StoredScores } from "~/domain/instrument/score-answers";
import { newToken } from "~/utils/ids.server";
import { noteArrival, type Arrival } from "./open-links.server";
import { releaseIfDue } from "./releases.server";
import type { Journey } from "./journey.server";

export type SurveyResponse = typeof responses.$inferSelect;

/**
 * Where a link stands for this browser. A draft belongs to the browser that
 * started it (its resume token is in that browser's cookie), for open and
 * personal links alike; a personal link's submission is remembered only as
 * the invitation's `answered` flag.
 */
export type JourneyState =
  | { kind: "new" }
  | { kind: "draft"; response: SurveyResponse }
  /** A personal link's draft begun in another browser: never served here. */
  | { kind: "elsewhere" }
  | { kind: "submitted" };

export async function findJourneyState(db: Db, journey: Journey, resumeToken: string | undefined): Promise<JourneyState> {
  if (journey.invitationId !== null) {
    const [invitation] = await db.select({ answered: invitations.answered }).from(invitations).where(eq(invitations.id, journey.invitationId));
    if (!invitation || invitation.answered) return { kind: "submitted" };
    const [draft] = await db
      .select()
      .from(responses)
      .where(and(eq(responses.invitationId, journey.invitationId), eq(responses.status, "draft")));
    if (!draft) return { kind: "new" };
    return resumeToken !== undefined && draft.resumeToken === resumeToken ? { kind: "draft", response: draft } : { kind: "elsewhere" };
  }
  if (!resumeToken) return { kind: "new" };
  const response = await findResponseByResumeToken(db, journey.level.id, resumeToken);
  if (!response) return { kind: "new" };
  // A held response (submitted during a refused burst) is submitted as far as this browser is concerned.
  return response.status === "draft" ? { kind: "draft", response } : { kind: "submitted" };
}

/** The response an open link's browser holds (any status), by its resume token. */
export async function findResponseByResumeToken(db: Db, levelId: number, resumeToken: string): Promise<SurveyResponse | undefined> {
  const [response] = await db
    .select()
    .from(responses)
    .where(and(eq(responses.resumeToken, resumeToken), eq(responses.levelId, levelId)));
  return response;
}

async function insertDraft(tx: Db, journey: Journey): Promise<SurveyResponse> {
  const [draft] = await tx
    .insert(responses)
    .values({ roundId: journey.round.id, levelId: journey.level.id, invitationId: journey.invitationId, resumeToken: newToken() })
    .returning();
  return draft!;
}

export type StartOutcome = { outcome: "draft"; response: SurveyResponse } | { outcome: "submitted" } | { outcome: "elsewhere" };

/** Finds this browser's draft or creates it. Idempotent: one response per invitation, one per browser on an open link. */
export async function startResponse(db: Db, journey: Journey, resumeToken: string | undefined, arrival?: Arrival): Promise<StartOutcome> {
  return db.transaction(async (tx): Promise<StartOutcome> => {
    const state = await findJourneyState(tx, journey, resumeToken);
    if (state.kind === "draft") return { outcome: "draft", response: state.response };
    if (state.kind === "submitted") return { outcome: "submitted" };
    if (state.kind === "elsewhere") return { outcome: "elsewhere" };
    const response = await insertDraft(tx, journey);
    if (arrival) await noteArrival(tx, arrival, response.id);
    return { outcome: "draft", response };
  });
}

/**
 * A personal link opened on another device, after the respondent confirmed:
 * the draft begun elsewhere is discarded unread and a new one belongs to this browser.
 */
export async function restartHere(db: Db, journey: Journey, resumeToken: string | undefined): Promise<StartOutcome> {
  return db.transaction(async (tx): Promise<StartOutcome> => {
    const state = await findJourneyState(tx, journey, resumeToken);
    if (state.kind === "submitted") return { outcome: "submitted" };
    if (state.kind === "draft") return { outcome: "draft", response: state.response };
    if (journey.invitationId !== null) {
      await tx.delete(responses).where(and(eq(responses.invitationId, journey.invitationId), eq(responses.status, "draft")));
    }
    return { outcome: "draft", response: await insertDraft(tx, journey) };
  });
}

async function availabilityOf(db: Db, roundId: string, now: Date): Promise<Availability> {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  return round ? roundAvailability(round, now) : "closed";
}

export type SaveOutcome = { outcome: "saved"; revision: number } | { outcome: "stale" } | { outcome: "submitted" } | { outcome: "closed" } | { outcome: "not_open" };

/**
 * How a save relates to the draft's revision. A background save that arrives
 * after a newer one is refused ("stale"); a page post, which the respondent
 * made on purpose, always applies.
 */
export type SaveRevision = { kind: "background"; value: number } | { kind: "page"; value?: number };

/** Replaces the draft's answers and page. Never touches a submitted response. */
export async function saveDraft(
  db: Db,
  responseId: number,
  answers: Answers,
  page: number,
  { revision = { kind: "page" }, now = new Date() }: { revision?: SaveRevision; now?: Date } = {},
): Promise<SaveOutcome> {
  return db.transaction(async (tx): Promise<SaveOutcome> => {
    const [response] = await tx.select().from(responses).where(eq(responses.id, responseId));
    if (!response || response.status !== "draft") return { outcome: "submitted" };
    const availability = await availabilityOf(tx, response.roundId, now);
    if (availability !== "open") return { outcome: availability };
    if (revision.kind === "background" && revision.value <= response.revision) return { outcome: "stale" };
    const next = Math.max(response.revision + (revision.value === undefined ? 1 : 0), revision.value ?? 0);
    await tx
      .update(responses)
      .set({ answers, currentPage: page, revision: next, updatedAt: now })
      .where(and(eq(responses.id, responseId), eq(responses.status, "draft")));
    return { outcome: "saved", revision: next };
  });
}

export type SubmitOutcome =
  | { outcome: "submitted"; response: SurveyResponse }
  | { outcome: "already_submitted" }
  | { outcome: "elsewhere" }
  | { outcome: "closed" }
  | { outcome: "not_open" };

/** A submitted response's columns: a customer's scores in their own column, a staff member's in the profile columns. */
function scoredColumns(answers: Answers, scores: StoredScores, now: Date) {
  if (isCustomerScores(scores)) {
    const { experienced, intensities, wanted, nps } = scores;
    return { status: "submitted" as const, answers, customerScores: { experienced, intensities, wanted, nps }, updatedAt: now, submittedAt: now };
  }
  return {
    status: "submitted" as const,
    answers,
    explicit: scores.explicit,
    desired: scores.desired,
    said: scores.said,
    saidIntensities: scores.saidIntensities,
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
 * already submitted and changes nothing. A personal link's response forgets
 * its invitation here: the invitation keeps only `answered`.
 */
export async function submitResponse(
  db: Db,
  journey: Journey,
  resumeToken: string | undefined,
  answers: Answers,
  scores: StoredScores,
  now = new Date(),
  /** An open-link request's origin, noted (and held if its burst was refused) in the same transaction. */
  arrival?: Arrival,
): Promise<SubmitOutcome> {
  return db.transaction(async (tx): Promise<SubmitOutcome> => {
    const availability = await availabilityOf(tx, journey.round.id, now);
    const state = await findJourneyState(tx, journey, resumeToken);
    if (state.kind === "submitted") return { outcome: "already_submitted" };
    if (state.kind === "elsewhere") return { outcome: "elsewhere" };
    if (availability !== "open") return { outcome: availability };
    const personal = journey.invitationId !== null;
    const columns = {
      ...scoredColumns(answers, scores, now),
      invitationId: null,
      // An open link's browser keeps its token (one response per browser); a personal link needs nothing more.
      ...(personal ? { resumeToken: null } : {}),
    };
    const [response] =
      state.kind === "draft"
        ? await tx.update(responses).set(columns).where(eq(responses.id, state.response.id)).returning()
        : await tx
            .insert(responses)
            .values({ roundId: journey.round.id, levelId: journey.level.id, resumeToken: personal ? null : (resumeToken ?? newToken()), ...columns })
            .returning();
    if (journey.invitationId !== null) await tx.update(invitations).set({ answered: true }).where(eq(invitations.id, journey.invitationId));
    if (arrival) await noteArrival(tx, arrival, response!.id);
    await releaseIfDue(tx, journey.level.id);
    return { outcome: "submitted", response: response! };
  });
}

export interface ImportRecord {
  levelId: number;
  answers: Answers;
  scores: StoredScores;
}

/** All or nothing: every record is stored as a submitted response, or none is. */
export async function importResponses(
  db: Db,
  roundId: string,
  records: ImportRecord[],
  { now = new Date(), source = "import" }: { now?: Date; source?: "import" | "web" } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    for (const record of records) {
      await tx.insert(responses).values({ roundId, levelId: record.levelId, source, ...scoredColumns(record.answers, record.scores, now) });
    }
    // One import is one arrival: each level it added to is released once, with everything it brought.
    for (const levelId of new Set(records.map((record) => record.levelId))) await releaseIfDue(tx, levelId);
    return records.length;
  });
}

/**
 * Submitted responses that came through open level links (one per browser, not per person):
 * web submissions less answered invitations, since a submitted response no longer says where it came from.
 */
export async function countOpenLinkSubmissions(db: Db, roundId: string): Promise<number> {
  const [web] = await db
    .select({ n: count() })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), eq(responses.source, "web")));
  const [answered] = await db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.roundId, roundId), eq(invitations.answered, true)));
  return Math.max(0, web!.n - answered!.n);
}
