import { and, count, eq, isNotNull, max, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { exclusions, findingNotes, levels, organisations, responses, rounds } from "~db/schema";
import { getInstrument } from "~/domain/instrument/instruments";
import type { Instrument } from "~/domain/instrument/instrument";
import { buildReport, type Report } from "~/domain/report/report";
import { compareReports, type Trend } from "~/domain/report/trend";
import { countExcluded, notExcludedResponse } from "./exclusions.server";
import { listSubmittedScores } from "./responses.server";
import { findRound, listLevels } from "./rounds.server";

/** `excluded`: submitted responses a facilitator excluded from the report (a stuffed burst), by count. */
export type FullReport = Report & { trend: Trend | null; excluded: number };

/** Free-text answers of submitted responses, with their level only (nothing else that could identify them). */
function listComments(db: Db, roundId: string, instrument: Instrument) {
  const textQuestions = instrument.contextQuestions.filter((q) => q.kind === "text").map((q) => q.name);
  return textQuestions.flatMap((name) => {
    const path = `$.${name}`;
    const text = sql<string | null>`json_extract(${responses.answers}, ${path})`;
    return db
      .select({ levelId: levels.key, text })
      .from(responses)
      .innerJoin(levels, eq(levels.id, responses.levelId))
      .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), isNotNull(text), notExcludedResponse()))
      .all()
      .flatMap((row) => (row.text && row.text.trim() ? [{ levelId: row.levelId, text: row.text.trim() }] : []));
  });
}

/** The report of a round built from the profiles stored at submit time (never re-scored). */
function reportOf(db: Db, roundId: string): Report | undefined {
  const found = findRound(db, roundId);
  if (!found) return undefined;
  const { round, organisation } = found;
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  const rows = listSubmittedScores(db, roundId);
  const report = buildReport({
    round: { id: round.id, name: round.name, organisation: organisation.name },
    minGroupSize: round.minGroupSize,
    instrument,
    levels: listLevels(db, roundId).map((level) => ({ id: level.key, label: level.label })),
    responses: rows.map((row) => ({
      levelId: row.levelKey,
      explicit: row.explicit!,
      desired: row.desired!,
      implicit: row.implicit,
      intensities: row.intensities,
      facetProfiles: row.facetProfiles,
      dontKnow: row.dontKnow,
    })),
    comments: listComments(db, roundId, instrument),
  });
  const notes = new Map(
    db
      .select({ key: findingNotes.findingKey, note: findingNotes.note })
      .from(findingNotes)
      .where(eq(findingNotes.roundId, roundId))
      .all()
      .map((n) => [n.key, n.note]),
  );
  report.findings = report.findings.map((finding) => ({ ...finding, note: notes.get(finding.key) ?? null }));
  return report;
}

/**
 * Everything a round's report depends on, read cheaply: a response only ever
 * goes from draft to submitted (never back, never deleted), so the count of
 * submitted responses, read from the (round, status) index alone, changes
 * whenever the data does; notes, labels and settings are read as they are.
 */
function dataVersion(db: Db, roundId: string): string {
  const round = db
    .select({ round: rounds, organisation: organisations.name })
    .from(rounds)
    .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
    .where(eq(rounds.id, roundId))
    .get();
  const submitted = db
    .select({ n: count() })
    .from(responses)
    .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted")))
    .get();
  const notes = db.select({ n: count(), last: max(findingNotes.updatedAt) }).from(findingNotes).where(eq(findingNotes.roundId, roundId)).get();
  const labels = listLevels(db, roundId).map((l) => [l.key, l.label, l.position]);
  const excluded = db.select({ n: count(), last: max(exclusions.id), removed: max(exclusions.removedAt) }).from(exclusions).where(eq(exclusions.roundId, roundId)).get();
  return JSON.stringify([round, submitted, notes, labels, excluded]);
}

const CACHE_SIZE = 32;
const cache = new Map<string, { version: string; report: FullReport }>();

/**
 * The gap report with, when the round follows an earlier one of the same
 * instrument, what changed since. Reports are deterministic, so one is kept
 * per round until its data changes: a busy workshop reading the same report
 * does not recompute 1,000 resamples per request.
 */
export function loadReport(db: Db, roundId: string): FullReport | undefined {
  const found = findRound(db, roundId);
  if (!found) return undefined;
  const version = dataVersion(db, roundId) + (found.round.predecessorId ? dataVersion(db, found.round.predecessorId) : "");
  const cached = cache.get(roundId);
  if (cached?.version === version) return structuredClone(cached.report);
  const report = buildRoundReport(db, roundId);
  if (report) {
    cache.delete(roundId);
    cache.set(roundId, { version, report: structuredClone(report) });
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return report;
}

/** Computes a round's report from the database, bypassing the cache (the benchmark times this). */
export function buildRoundReport(db: Db, roundId: string): FullReport | undefined {
  const report = reportOf(db, roundId);
  if (!report) return undefined;
  const { round } = findRound(db, roundId)!;
  const predecessor = round.predecessorId ? findRound(db, round.predecessorId)?.round : undefined;
  // Profiles built on different instruments (model sets) are never compared.
  const comparable = predecessor && predecessor.instrumentId === round.instrumentId && predecessor.instrumentVersion === round.instrumentVersion;
  const previous = comparable ? reportOf(db, predecessor.id) : undefined;
  return { ...report, trend: previous ? compareReports(report, previous) : null, excluded: countExcluded(db, roundId) };
}

/** Drops every cached report: after an erasure, no copy of the erased data stays in memory. */
export function forgetCachedReports(): void {
  cache.clear();
}

/** A consultant's note on a finding: saved, or removed when empty. */
export function saveFindingNote(db: Db, roundId: string, findingKey: string, note: string, userId: string, now = new Date()): void {
  if (note === "") {
    db.delete(findingNotes).where(and(eq(findingNotes.roundId, roundId), eq(findingNotes.findingKey, findingKey))).run();
    return;
  }
  db.insert(findingNotes)
    .values({ roundId, findingKey, note, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({ target: [findingNotes.roundId, findingNotes.findingKey], set: { note, updatedBy: userId, updatedAt: now } })
    .run();
}
