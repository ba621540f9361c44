import { and, asc, count, eq, gt, max } from "drizzle-orm";
import type { Db } from "~db/client";
import { exclusions, findingNotes, levels, organisations, releases, responses, rounds } from "~db/schema";
import { customerInstrumentOf, getInstrument } from "~/domain/instrument/instruments";
import { CustomerData } from "~/domain/report/customers/customer-data";
import { withCustomerLiveCounts } from "~/domain/report/customers/customer-report";
import { withLiveCounts } from "~/domain/report/notes";
import { computeReport, type ComputedReport, type Report } from "~/domain/report/report";
import { ReportData } from "~/domain/report/report-data";
import { compareReports, type Trend } from "~/domain/report/trend";
import { CUSTOMERS_LEVEL_ID, roundAvailability } from "~/domain/rounds/rounds";
import { countExcluded, notExcludedResponse } from "./exclusions.server";
import { hasPending, listReleaseSteps, releaseAtClose } from "./releases.server";
import { findRound, isCustomerLevel, listLevels, staffLevels } from "./rounds.server";

/** `excluded`: submitted responses a facilitator excluded from the report (a stuffed burst), by count. */
export type FullReport = Report & { trend: Trend | null; excluded: number };

/** Lets other work run between steps of a long computation (the server passes setImmediate; the CLI need not). */
export type Pause = () => Promise<void>;
export const yieldToEventLoop: Pause = () => new Promise((resolve) => setImmediate(resolve));
const noPause: Pause = () => Promise.resolve();

/** Computes a round's report; the server passes one that uses a worker thread (app/server/report-computer.ts). */
export type ReportComputer = (db: Db, roundId: string) => Promise<ComputedReport | undefined>;

/** Responses are read in pages of this many, so a round of any size is never held as rows. */
const PAGE = 2000;

/**
 * A round's report, computed from the profiles stored at submit time (never re-scored). Responses are
 * read page by page into compact typed arrays (no object per response survives a page), and the
 * computation yields between pages and steps, so a server keeps answering while a large round is computed.
 */
export async function computeRoundReport(db: Db, roundId: string, pause: Pause = noPause): Promise<ComputedReport | undefined> {
  const found = findRound(db, roundId);
  if (!found) return undefined;
  const { round, organisation } = found;
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  const roundLevels = listLevels(db, roundId);
  const steps = listReleaseSteps(
    db,
    roundLevels.map((level) => level.id),
  );
  const keyOf = new Map(roundLevels.map((level) => [level.id, level.key]));
  // A step made while this report reads is not in `steps`: its responses count as pending, so the report is one consistent state.
  const lastStep = new Map(roundLevels.map((level) => [level.id, steps.get(level.id)!.at(-1)?.seq ?? 0]));
  const data = new ReportData(
    instrument,
    staffLevels(roundLevels).map((level) => ({ id: level.key, label: level.label, releases: steps.get(level.id)! })),
  );
  // The customers are one more level in the database (links, steps, exclusions) and a part of their own in the report.
  const customerLevel = roundLevels.find(isCustomerLevel);
  const customerInstrument = customerInstrumentOf(round);
  const customers = customerLevel && customerInstrument ? new CustomerData(customerInstrument, steps.get(customerLevel.id)!, customerLevel.label) : null;
  let after = 0;
  for (;;) {
    const page = db
      .select({
        id: responses.id,
        levelId: responses.levelId,
        release: responses.release,
        explicit: responses.explicit,
        desired: responses.desired,
        said: responses.said,
        saidIntensities: responses.saidIntensities,
        implicit: responses.implicit,
        intensities: responses.intensities,
        facetProfiles: responses.facetProfiles,
        customerScores: responses.customerScores,
        answers: responses.answers,
      })
      .from(responses)
      .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), gt(responses.id, after), notExcludedResponse()))
      .orderBy(asc(responses.id))
      .limit(PAGE)
      .all();
    for (const row of page) {
      const release = row.release !== null && row.release <= lastStep.get(row.levelId)! ? row.release : null;
      if (row.levelId === customerLevel?.id) {
        if (customers && row.customerScores) customers.add({ ...row.customerScores, release, answers: row.answers });
      } else data.add({ ...row, levelId: keyOf.get(row.levelId)!, release, explicit: row.explicit!, desired: row.desired! });
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
    await pause();
  }
  const computation = computeReport(
    data,
    {
      round: { id: round.id, name: round.name, organisation: organisation.name },
      minGroupSize: round.minGroupSize,
    },
    customers,
  );
  for (;;) {
    const next = computation.next();
    if (next.done) return next.value;
    await pause();
  }
}

/**
 * Everything a round's figures depend on, read cheaply: the figures move only with a release step, a
 * setting, a label or a note, never with a pending arrival (whose live count is added on every read).
 */
function figuresVersion(db: Db, roundId: string): string {
  const round = db
    .select({ round: rounds, organisation: organisations.name })
    .from(rounds)
    .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
    .where(eq(rounds.id, roundId))
    .get();
  const steps = db
    .select({ n: count(), last: max(releases.seq) })
    .from(releases)
    .innerJoin(levels, eq(levels.id, releases.levelId))
    .where(eq(levels.roundId, roundId))
    .get();
  const notes = db.select({ n: count(), last: max(findingNotes.updatedAt) }).from(findingNotes).where(eq(findingNotes.roundId, roundId)).get();
  const labels = listLevels(db, roundId).map((l) => [l.key, l.label, l.position]);
  const excluded = db
    .select({ n: count(), last: max(exclusions.id), removed: max(exclusions.removedAt) })
    .from(exclusions)
    .where(eq(exclusions.roundId, roundId))
    .get();
  return JSON.stringify([round, steps, notes, labels, excluded]);
}

/** Submitted responses per level, live: the report's counts stay current between release steps. */
function liveCounts(db: Db, roundId: string): Map<string, number> {
  const rows = db
    .select({ key: levels.key, n: count(responses.id) })
    .from(levels)
    .leftJoin(responses, and(eq(responses.levelId, levels.id), eq(responses.status, "submitted"), notExcludedResponse()))
    .where(eq(levels.roundId, roundId))
    .groupBy(levels.id)
    .all();
  return new Map(rows.map((row) => [row.key, row.n]));
}

function attachNotes(db: Db, roundId: string, report: Report): Report {
  const notes = new Map(
    db
      .select({ key: findingNotes.findingKey, note: findingNotes.note })
      .from(findingNotes)
      .where(eq(findingNotes.roundId, roundId))
      .all()
      .map((n) => [n.key, n.note]),
  );
  return { ...report, findings: report.findings.map((finding) => ({ ...finding, note: notes.get(finding.key) ?? null })) };
}

interface CacheEntry {
  version: string;
  computed: ComputedReport;
}

const CACHE_SIZE = 32;
const cache = new Map<string, CacheEntry>();
const inFlight = new Map<string, Promise<CacheEntry | undefined>>();
/** One heavy computation at a time per process: memory stays bounded however many reports are asked for at once. */
let queue: Promise<unknown> = Promise.resolve();

function remember(roundId: string, entry: CacheEntry): void {
  cache.delete(roundId);
  cache.set(roundId, entry);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** The round's figures as of its current release state: from the cache, or computed once however many ask. */
async function figuresOf(db: Db, roundId: string, compute: ReportComputer): Promise<CacheEntry | undefined> {
  const version = figuresVersion(db, roundId);
  const cached = cache.get(roundId);
  if (cached?.version === version) return cached;
  const key = `${roundId}:${version}`;
  let pending = inFlight.get(key);
  if (!pending) {
    const run = queue.then(async () => {
      const computed = await compute(db, roundId);
      if (!computed) return undefined;
      const entry = { version, computed: { ...computed, report: attachNotes(db, roundId, computed.report) } };
      remember(roundId, entry);
      return entry;
    });
    // The next computation waits for this one, whether it succeeds or fails.
    queue = run.catch(() => undefined);
    pending = run.finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/** The round's report with live counts, or undefined when it has no such round. */
async function currentReport(db: Db, roundId: string, compute: ReportComputer, now: Date): Promise<Report | undefined> {
  const found = findRound(db, roundId);
  if (!found) return undefined;
  // A closed round releases whatever is pending, once: its figures then hold every response.
  if (roundAvailability(found.round, now) === "closed" && hasPending(db, roundId)) releaseAtClose(db, roundId);
  const entry = await figuresOf(db, roundId, compute);
  if (!entry) return undefined;
  const instrument = getInstrument(found.round.instrumentId, found.round.instrumentVersion);
  const live = liveCounts(db, roundId);
  const report = withLiveCounts(structuredClone(entry.computed.report), instrument, entry.computed.summaries, live);
  return withCustomerLiveCounts(report, entry.computed.customers, live.get(CUSTOMERS_LEVEL_ID) ?? 0);
}

/**
 * The gap report with, when the round follows an earlier one of the same instrument, what changed since.
 * Every output (page, print, JSON, CSV, slides, CLI) comes through here, so the anonymity rules, the
 * release steps and the live counts are the same everywhere.
 */
export async function loadReport(
  db: Db,
  roundId: string,
  { compute, pause = yieldToEventLoop, now = new Date() }: { compute?: ReportComputer; pause?: Pause; now?: Date } = {},
): Promise<FullReport | undefined> {
  const computer = compute ?? ((database: Db, id: string) => computeRoundReport(database, id, pause));
  const report = await currentReport(db, roundId, computer, now);
  if (!report) return undefined;
  const { round } = findRound(db, roundId)!;
  const predecessor = round.predecessorId ? findRound(db, round.predecessorId)?.round : undefined;
  // Profiles built on different instruments (model sets, metrics) are never compared.
  const comparable = predecessor && predecessor.instrumentId === round.instrumentId && predecessor.instrumentVersion === round.instrumentVersion;
  const previous = comparable ? await currentReport(db, predecessor.id, computer, now) : undefined;
  return { ...report, trend: previous ? compareReports(report, previous) : null, excluded: countExcluded(db, roundId) };
}

/** Computes a round's report from the database, bypassing the cache (the benchmark times this). */
export async function buildRoundReport(db: Db, roundId: string): Promise<Report | undefined> {
  return (await computeRoundReport(db, roundId))?.report;
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
