import { and, asc, count, eq, gt, isNull, max, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { exclusions, findingNotes, levels, releases, responses } from "~db/schema";
import { customerInstrumentOf, getInstrument } from "~/domain/instrument/instruments";
import { CustomerData } from "~/domain/report/customers/customer-data";
import { withCustomerLiveCounts } from "~/domain/report/customers/customer-report";
import { withLiveCounts } from "~/domain/report/notes";
import { computeReport, type ComputedReport, type Report } from "~/domain/report/report";
import { ReportData } from "~/domain/report/report-data";
import { strategyShares } from "~/domain/report/strategy";
import { compareReports, type Trend } from "~/domain/report/trend";
import { CUSTOMERS_LEVEL_ID, roundAvailability } from "~/domain/rounds/rounds";
import { countExcluded, notExcludedResponse } from "./exclusions.server";
import { listReleaseSteps, releaseAtClose } from "./releases.server";
import { findRound, isCustomerLevel, listLevels, staffLevels } from "./rounds.server";

/** `excluded`: submitted responses a facilitator excluded from the report (a stuffed burst), by count. */
export type FullReport = Report & { trend: Trend | null; excluded: number };

/** Lets other work run between steps of a long computation (the server passes setImmediate; the CLI need not). */
export type Pause = () => Promise<void>;
export const yieldToEventLoop: Pause = () => new Promise((resolve) => setImmediate(resolve));
const noPause: Pause = () => Promise.resolve();

/**
 * A round's computed report, and how many of the responses in its figures came through open level links (a
 * count the page shows; counted once here, so that a read only has to count what is pending).
 */
export interface ComputedRound extends ComputedReport {
  openLinkIncluded: number;
  /** Responses per level (by level id) in a release step the computation knew: a read adds what is pending now. */
  released: Record<string, number>;
}

/** Computes a round's report; the server passes one that uses a worker thread (app/server/report-computer.ts). */
export type ReportComputer = (db: Db, roundId: string) => Promise<ComputedRound | undefined>;

/** Responses are read in pages of this many, so a round of any size is never held as rows. */
const PAGE = 2000;

/**
 * A round's report, computed from the profiles stored at submit time (never re-scored). Responses are
 * read page by page into compact typed arrays (no object per response survives a page), and the
 * computation yields between pages and steps, so a server keeps answering while a large round is computed.
 */
export async function computeRoundReport(db: Db, roundId: string, pause: Pause = noPause): Promise<ComputedRound | undefined> {
  const found = await findRound(db, roundId);
  if (!found) return undefined;
  const { round, organisation } = found;
  const instrument = getInstrument(round.instrumentId, round.instrumentVersion);
  const roundLevels = await listLevels(db, roundId);
  const steps = await listReleaseSteps(
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
  let openLinkIncluded = 0;
  const released: Record<string, number> = Object.fromEntries(roundLevels.map((level) => [level.key, 0]));
  for (;;) {
    const page = await db
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
        invitationId: responses.invitationId,
        source: responses.source,
      })
      .from(responses)
      .where(and(eq(responses.roundId, roundId), eq(responses.status, "submitted"), gt(responses.id, after), notExcludedResponse()))
      .orderBy(asc(responses.id))
      .limit(PAGE);
    for (const row of page) {
      const release = row.release !== null && row.release <= lastStep.get(row.levelId)! ? row.release : null;
      if (release !== null) {
        released[keyOf.get(row.levelId)!]! += 1;
        if (row.invitationId === null && row.source === "web") openLinkIncluded++;
      }
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
      strategy: round.strategy ? strategyShares(round.strategy, instrument.modelIds) : null,
    },
    customers,
  );
  for (;;) {
    const next = computation.next();
    if (next.done) return { ...next.value, openLinkIncluded, released };
    await pause();
  }
}

type FoundRound = NonNullable<Awaited<ReturnType<typeof findRound>>>;

/**
 * The queries every read of a report runs, prepared once per database handle: building and preparing them
 * again on each page view was a visible share of the page's time. Run with `execute`, which both dialects'
 * prepared queries have (and which returns every row).
 */
function prepareReadQueries(db: Db) {
  const roundId = sql.placeholder("roundId");
  return {
    steps: db
      .select({ n: count(), last: max(releases.seq) })
      .from(releases)
      .innerJoin(levels, eq(levels.id, releases.levelId))
      .where(eq(levels.roundId, roundId))
      .prepare(),
    notes: db.select({ n: count(), last: max(findingNotes.updatedAt) }).from(findingNotes).where(eq(findingNotes.roundId, roundId)).prepare(),
    labels: db.select({ key: levels.key, label: levels.label, position: levels.position }).from(levels).where(eq(levels.roundId, roundId)).orderBy(asc(levels.position)).prepare(),
    pending: db
      .select({
        key: levels.key,
        n: count(responses.id),
        // A case, not a sum of the comparison: PostgreSQL has no sum of booleans (and sums to a bigint string).
        openLink: sql<number>`coalesce(sum(case when ${responses.invitationId} is null and ${responses.source} = 'web' then 1 else 0 end), 0)`.mapWith(Number),
      })
      .from(levels)
      .leftJoin(responses, and(eq(responses.levelId, levels.id), isNull(responses.release), eq(responses.status, "submitted"), notExcludedResponse()))
      .where(eq(levels.roundId, roundId))
      .groupBy(levels.id)
      .prepare(),
    excluded: db
      .select({ n: count(), last: max(exclusions.id), removed: max(exclusions.removedAt) })
      .from(exclusions)
      .where(eq(exclusions.roundId, roundId))
      .prepare(),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepareReadQueries>>();

function readQueries(db: Db) {
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = prepareReadQueries(db)));
  return queries;
}

/**
 * Everything a round's figures depend on, read cheaply: the figures move only with a release step, a
 * setting (the round row: minimum group, intended mix...), a label, a note or an exclusion, never with a pending arrival
 * (whose live count is added on every read).
 */
async function figuresVersion(db: Db, { round, organisation }: FoundRound): Promise<string> {
  const queries = readQueries(db);
  const params = { roundId: round.id };
  const labels = (await queries.labels.execute(params)).map((l) => [l.key, l.label, l.position]);
  const [steps] = await queries.steps.execute(params);
  const [notes] = await queries.notes.execute(params);
  const [excluded] = await queries.excluded.execute(params);
  return JSON.stringify([round, organisation.name, steps, notes, labels, excluded]);
}

/**
 * What has arrived since the figures last moved, per level: pending responses, and how many of them came
 * through open links. Pending responses have no release step, so this reads the (level, release) index and
 * touches only drafts and pending rows, never the round's released ones (a read of every response on each
 * page view cost more than the rest of the page).
 */
async function pendingNow(db: Db, roundId: string): Promise<{ pending: Map<string, number>; openLink: number }> {
  const rows = await readQueries(db).pending.execute({ roundId });
  return { pending: new Map(rows.map((row) => [row.key, row.n])), openLink: rows.reduce((sum, row) => sum + Number(row.openLink), 0) };
}

async function attachNotes(db: Db, roundId: string, report: Report): Promise<Report> {
  const rows = await db.select({ key: findingNotes.findingKey, note: findingNotes.note }).from(findingNotes).where(eq(findingNotes.roundId, roundId));
  const notes = new Map(rows.map((n) => [n.key, n.note]));
  return { ...report, findings: report.findings.map((finding) => ({ ...finding, note: notes.get(finding.key) ?? null })) };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

interface CacheEntry {
  version: string;
  computed: ComputedRound;
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
async function figuresOf(db: Db, found: FoundRound, compute: ReportComputer): Promise<CacheEntry | undefined> {
  const roundId = found.round.id;
  const version = await figuresVersion(db, found);
  const cached = cache.get(roundId);
  if (cached?.version === version) return cached;
  const key = `${roundId}:${version}`;
  let pending = inFlight.get(key);
  if (!pending) {
    const run = queue.then(async () => {
      const computed = await compute(db, roundId);
      if (!computed) return undefined;
      // Frozen, not copied per read: every reader shares it, and a reader that tried to change it would throw.
      const entry = { version, computed: deepFreeze({ ...computed, report: await attachNotes(db, roundId, computed.report) }) };
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

/** A report with its live counts, and how many of the round's submitted responses came through open links. */
export interface LiveReport {
  report: FullReport;
  openLinkSubmissions: number;
  /** Changes whenever anything in `report` or the count may have changed (figures, notes, live counts, trend): a render cache key. */
  version: string;
}

/** The round's report with live counts, or undefined when it has no such round. */
async function currentReport(db: Db, found: FoundRound, compute: ReportComputer, now: Date): Promise<{ report: Report; openLinkSubmissions: number; version: string } | undefined> {
  const roundId = found.round.id;
  // A closed round releases whatever is pending, once: its figures then hold every response. (Pending rows are
  // found through the level/release index; a scan of the round's responses here cost every closed report's read.)
  if (roundAvailability(found.round, now) === "closed" && [...(await pendingNow(db, roundId)).pending.values()].some((n) => n > 0)) await releaseAtClose(db, roundId);
  const entry = await figuresOf(db, found, compute);
  if (!entry) return undefined;
  const instrument = getInstrument(found.round.instrumentId, found.round.instrumentVersion);
  // Live count = responses released in the steps the figures know (fixed until the next step, which changes the
  // version) + pending now. Not the figures' own count: a level below a raised minimum has released responses in no figure.
  const { pending, openLink } = await pendingNow(db, roundId);
  const live = new Map(entry.computed.summaries.map((summary) => [summary.id, (entry.computed.released[summary.id] ?? 0) + (pending.get(summary.id) ?? 0)]));
  const customersLive = (entry.computed.released[CUSTOMERS_LEVEL_ID] ?? 0) + (pending.get(CUSTOMERS_LEVEL_ID) ?? 0);
  return {
    report: withCustomerLiveCounts(withLiveCounts(entry.computed.report, instrument, entry.computed.summaries, live), entry.computed.customers, customersLive),
    openLinkSubmissions: entry.computed.openLinkIncluded + openLink,
    version: `${entry.version}|${[...pending.values()].join(",")}|${openLink}`,
  };
}

/**
 * The gap report with, when the round follows an earlier one of the same instrument, what changed since.
 * Every output (page, print, JSON, CSV, slides, CLI) comes through here, so the anonymity rules, the
 * release steps and the live counts are the same everywhere.
 */
export async function loadLiveReport(
  db: Db,
  roundId: string,
  { compute, pause = yieldToEventLoop, now = new Date(), found: given }: { compute?: ReportComputer; pause?: Pause; now?: Date; found?: FoundRound } = {},
): Promise<LiveReport | undefined> {
  const computer = compute ?? ((database: Db, id: string) => computeRoundReport(database, id, pause));
  const found = given ?? (await findRound(db, roundId));
  if (!found || found.round.id !== roundId) return undefined;
  const current = await currentReport(db, found, computer, now);
  if (!current) return undefined;
  const { round } = found;
  const predecessor = round.predecessorId ? await findRound(db, round.predecessorId) : undefined;
  // Profiles built on different instruments (model sets, metrics) are never compared.
  const comparable = predecessor && predecessor.round.instrumentId === round.instrumentId && predecessor.round.instrumentVersion === round.instrumentVersion;
  const previous = comparable ? await currentReport(db, predecessor, computer, now) : undefined;
  return {
    report: { ...current.report, trend: previous ? compareReports(current.report, previous.report) : null, excluded: await countExcluded(db, roundId) },
    openLinkSubmissions: current.openLinkSubmissions,
    version: `${current.version}|${previous?.version ?? "-"}`,
  };
}

/** The gap report alone (see loadLiveReport). */
export async function loadReport(db: Db, roundId: string, options: Parameters<typeof loadLiveReport>[2] = {}): Promise<FullReport | undefined> {
  return (await loadLiveReport(db, roundId, options))?.report;
}

/** Computes a round's report from the database, bypassing the cache (the benchmark times this). */
export async function buildRoundReport(db: Db, roundId: string): Promise<Report | undefined> {
  return (await computeRoundReport(db, roundId))?.report;
}

/** A consultant's note on a finding: saved, or removed when empty. */
export async function saveFindingNote(db: Db, roundId: string, findingKey: string, note: string, userId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    if (note === "") {
      await tx.delete(findingNotes).where(and(eq(findingNotes.roundId, roundId), eq(findingNotes.findingKey, findingKey)));
      return;
    }
    await tx
      .insert(findingNotes)
      .values({ roundId, findingKey, note, updatedBy: userId, updatedAt: now })
      .onConflictDoUpdate({ target: [findingNotes.roundId, findingNotes.findingKey], set: { note, updatedBy: userId, updatedAt: now } });
  });
}

/** Drops every cached report: after an erasure, no copy of the erased data stays in memory. */
export function forgetCachedReports(): void {
  cache.clear();
}
