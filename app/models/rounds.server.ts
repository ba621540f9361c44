import { and, asc, desc, eq, notInArray } from "drizzle-orm";
import type { Db } from "~db/client";
import { levels, organisations, responses, retiredLinks, rounds, type RoundStatus } from "~db/schema";
import { minGroupChangeProblem } from "~/domain/rounds/min-group";
import { levelKeyFromLabel } from "~/domain/rounds/round-form";
import { CUSTOMERS_LABEL, CUSTOMERS_LEVEL_ID, type LevelSpec } from "~/domain/rounds/rounds";
import { newId, newToken } from "~/utils/ids.server";
import { queuePendingInvitations } from "./invitation-messages.server";
import { findOrCreateOrganisation } from "./organisations.server";

export type Round = typeof rounds.$inferSelect;
export type Level = typeof levels.$inferSelect;

export interface NewRound {
  /** The organisation the round belongs to; without it, `organisationName` is found (or created) as the CLI would. */
  organisationId?: string;
  organisationName?: string;
  name: string;
  levels: LevelSpec;
  minGroupSize: number;
  instrument: { id: string; version: number };
  /** The customer questionnaire, when the round asks the organisation's customers too (adds the customer level and its link). */
  customerInstrument?: { id: string; version: number } | null;
  status?: RoundStatus;
  opensAt?: Date | null;
  closesAt?: Date | null;
  welcomeNote?: string;
  predecessorId?: string | null;
}

/** Creates the round and its levels (each with its own open link) in one transaction. */
export async function createRound(db: Db, input: NewRound): Promise<{ round: Round; levels: Level[]; customerLevel: Level | null }> {
  return db.transaction(async (tx) => {
    const organisationId = input.organisationId ?? (await findOrCreateOrganisation(tx, input.organisationName ?? "")).id;
    const [round] = await tx
      .insert(rounds)
      .values({
        id: newId(),
        organisationId,
        name: input.name,
        instrumentId: input.instrument.id,
        instrumentVersion: input.instrument.version,
        status: input.status ?? "draft",
        opensAt: input.opensAt ?? null,
        closesAt: input.closesAt ?? null,
        minGroupSize: input.minGroupSize,
        welcomeNote: input.welcomeNote ?? "",
        predecessorId: input.predecessorId ?? null,
        customerInstrumentId: input.customerInstrument?.id ?? null,
        customerInstrumentVersion: input.customerInstrument?.version ?? null,
      })
      .returning();
    const created: Level[] = [];
    for (const [position, level] of input.levels.entries()) {
      const [inserted] = await tx.insert(levels).values({ roundId: round!.id, key: level.key, label: level.label, position, linkToken: newToken() }).returning();
      created.push(inserted!);
    }
    const customers = input.customerInstrument ? await insertCustomerLevel(tx, round!.id, created.length) : null;
    return { round: round!, levels: created, customerLevel: customers };
  });
}

async function insertCustomerLevel(tx: Db, roundId: string, position: number): Promise<Level> {
  const [level] = await tx
    .insert(levels)
    .values({ roundId, key: CUSTOMERS_LEVEL_ID, label: CUSTOMERS_LABEL, position, linkToken: newToken(), kind: "customers" })
    .returning();
  return level!;
}

/** Whether a level is the round's customers (answering the customer questionnaire) rather than a group of staff. */
export const isCustomerLevel = (level: Pick<Level, "kind">) => level.kind === "customers";

/** The round's staff levels in order: what the staff report, the level editor and the two-level rule count. */
export const staffLevels = <T extends Pick<Level, "kind">>(all: readonly T[]): T[] => all.filter((level) => !isCustomerLevel(level));

export async function findRound(db: Db, roundId: string) {
  const [found] = await db
    .select({ round: rounds, organisation: organisations })
    .from(rounds)
    .innerJoin(organisations, eq(organisations.id, rounds.organisationId))
    .where(eq(rounds.id, roundId));
  return found;
}

export async function listLevels(db: Db, roundId: string): Promise<Level[]> {
  return db.select().from(levels).where(eq(levels.roundId, roundId)).orderBy(asc(levels.position));
}

export async function listRounds(db: Db, organisationId: string): Promise<Round[]> {
  return db.select().from(rounds).where(eq(rounds.organisationId, organisationId)).orderBy(desc(rounds.createdAt), desc(rounds.id));
}

export interface RoundSettings {
  name: string;
  instrument: { id: string; version: number };
  /** While a draft: ask the customers (with this questionnaire) or not. Null leaves the round as it is. */
  customerInstrument?: { id: string; version: number } | null;
  minGroupSize: number;
  opensAt: Date | null;
  closesAt: Date | null;
  welcomeNote: string;
}

/** Levels as the form sends them: an existing level's id, or null for a new one, in display order. */
export type LevelEdit = { id: number | null; label: string };

/** A refused change, with the form field it concerns when there is one. */
export class RoundEditError extends Error {
  constructor(
    message: string,
    readonly field: "minGroupSize" | null = null,
  ) {
    super(message);
    this.name = "RoundEditError";
  }
}

/** Has anyone answered (a draft or a submitted response), from a link or an import? */
export async function hasAnyResponse(db: Db, roundId: string): Promise<boolean> {
  const [any] = await db.select({ id: responses.id }).from(responses).where(eq(responses.roundId, roundId)).limit(1);
  return any !== undefined;
}

/** Refuses a lower minimum group once anyone has answered (the domain rule), inside the writing transaction. */
async function assertMinGroupChange(tx: Db, round: Round, proposed: number) {
  const problem = minGroupChangeProblem({ current: round.minGroupSize, proposed, anyResponse: await hasAnyResponse(tx, round.id) });
  if (problem) throw new RoundEditError(problem, "minGroupSize");
}

/** Changes only the minimum group size (the CLI's `round set`), under the same rule as the form. */
export async function setMinGroupSize(db: Db, roundId: string, minGroupSize: number): Promise<Round> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
    if (!round) throw new RoundEditError("This round no longer exists.");
    await assertMinGroupChange(tx, round, minGroupSize);
    const [updated] = await tx.update(rounds).set({ minGroupSize }).where(eq(rounds.id, roundId)).returning();
    return updated!;
  });
}

/**
 * Saves a round's settings and (while it is a draft) its levels, in one
 * transaction: added levels get an id and link, renamed ones keep both,
 * removed ones go. Once a round has opened its levels and instrument stay as
 * they are, since answers refer to them.
 */
export async function updateRound(db: Db, roundId: string, settings: RoundSettings, levelEdits: LevelEdit[] | null): Promise<void> {
  await db.transaction(async (tx) => {
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
    if (!round) throw new RoundEditError("This round no longer exists.");
    await assertMinGroupChange(tx, round, settings.minGroupSize);
    const isDraft = round.status === "draft";
    await tx
      .update(rounds)
      .set({
        name: settings.name,
        minGroupSize: settings.minGroupSize,
        opensAt: settings.opensAt,
        closesAt: settings.closesAt,
        welcomeNote: settings.welcomeNote,
        ...(isDraft ? { instrumentId: settings.instrument.id, instrumentVersion: settings.instrument.version } : {}),
      })
      .where(eq(rounds.id, roundId));
    if (isDraft && settings.customerInstrument !== undefined) await setCustomers(tx, round, settings.customerInstrument);
    if (!levelEdits || !isDraft) return;
    const existing = staffLevels(await tx.select().from(levels).where(eq(levels.roundId, roundId)));
    const keptIds = levelEdits.flatMap((edit) => (edit.id === null ? [] : [edit.id]));
    if (keptIds.some((id) => !existing.some((level) => level.id === id))) throw new RoundEditError("A level was changed elsewhere; reload the page.");
    const removed = existing.filter((level) => !keptIds.includes(level.id)).map((level) => level.id);
    if (removed.length > 0) {
      if (await hasAnyResponse(tx, roundId)) throw new RoundEditError("Levels cannot be removed once anyone has answered.");
      await tx.delete(levels).where(and(eq(levels.roundId, roundId), eq(levels.kind, "staff"), notInArray(levels.id, keptIds.length ? keptIds : [-1])));
    }
    const taken = new Set(existing.filter((level) => keptIds.includes(level.id)).map((level) => level.key));
    // The customers' level stays after the staff levels.
    const customerLevel = await findCustomerLevel(tx, roundId);
    if (customerLevel) await tx.update(levels).set({ position: levelEdits.length }).where(eq(levels.id, customerLevel.id));
    for (const [position, edit] of levelEdits.entries()) {
      if (edit.id !== null) {
        await tx.update(levels).set({ label: edit.label, position }).where(eq(levels.id, edit.id));
      } else {
        const key = levelKeyFromLabel(edit.label, taken);
        taken.add(key);
        await tx.insert(levels).values({ roundId, key, label: edit.label, position, linkToken: newToken() });
      }
    }
  });
}

async function findCustomerLevel(db: Db, roundId: string): Promise<Level | undefined> {
  const [level] = await db
    .select()
    .from(levels)
    .where(and(eq(levels.roundId, roundId), eq(levels.kind, "customers")))
    .orderBy(asc(levels.id))
    .limit(1);
  return level;
}

/** Adds or removes a draft round's customers (removing only while nobody has answered as a customer). */
async function setCustomers(tx: Db, round: Round, customerInstrument: { id: string; version: number } | null): Promise<void> {
  const existing = await findCustomerLevel(tx, round.id);
  if (customerInstrument && !existing) {
    const position = (await tx.select({ id: levels.id }).from(levels).where(eq(levels.roundId, round.id))).length;
    await insertCustomerLevel(tx, round.id, position);
  }
  if (!customerInstrument && existing) {
    const [answered] = await tx.select({ id: responses.id }).from(responses).where(eq(responses.levelId, existing.id)).limit(1);
    if (answered) throw new RoundEditError("Customers cannot be removed once any customer has answered.");
    await tx.delete(levels).where(eq(levels.id, existing.id));
  }
  // A round with customers keeps the questionnaire version it has; a round that gains them takes the one given.
  const keep = existing && customerInstrument && round.customerInstrumentId ? { id: round.customerInstrumentId, version: round.customerInstrumentVersion! } : customerInstrument;
  await tx
    .update(rounds)
    .set({ customerInstrumentId: keep?.id ?? null, customerInstrumentVersion: keep?.version ?? null })
    .where(eq(rounds.id, round.id));
}

/**
 * Opens, closes or reopens a round. Reopening a round whose closing date has
 * passed clears that date (otherwise it would stay closed). Opening queues the
 * invitation emails of people invited while it was not open, in the same
 * transaction; the caller starts sending them after commit.
 */
export async function changeRoundStatus(
  db: Db,
  roundId: string,
  status: RoundStatus,
  now = new Date(),
): Promise<{ clearedClosingDate: boolean; invitationsQueued: number }> {
  return db.transaction(async (tx) => {
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
    if (!round) throw new RoundEditError("This round no longer exists.");
    const clear = status === "open" && round.closesAt !== null && round.closesAt.getTime() <= now.getTime();
    await tx
      .update(rounds)
      .set({ status, ...(clear ? { closesAt: null } : {}) })
      .where(eq(rounds.id, roundId));
    return { clearedClosingDate: clear, invitationsQueued: status === "open" ? await queuePendingInvitations(tx, roundId) : 0 };
  });
}

/** The next round: same levels (new links) and settings, linked to this one for trend comparison; starts as a draft. */
export async function cloneRound(db: Db, roundId: string, name: string): Promise<Round> {
  return db.transaction(async (tx) => {
    const [source] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
    if (!source) throw new RoundEditError("This round no longer exists.");
    const sourceLevels = await listLevels(tx, roundId);
    const [round] = await tx
      .insert(rounds)
      .values({
        id: newId(),
        organisationId: source.organisationId,
        name,
        instrumentId: source.instrumentId,
        instrumentVersion: source.instrumentVersion,
        status: "draft",
        minGroupSize: source.minGroupSize,
        welcomeNote: source.welcomeNote,
        predecessorId: source.id,
        customerInstrumentId: source.customerInstrumentId,
        customerInstrumentVersion: source.customerInstrumentVersion,
      })
      .returning();
    for (const level of sourceLevels) {
      await tx.insert(levels).values({ roundId: round!.id, key: level.key, label: level.label, position: level.position, linkToken: newToken(), kind: level.kind });
    }
    return round!;
  });
}

/** A new open link for a level; the old one is kept as retired so it can say it was replaced. */
export async function regenerateLevelLink(db: Db, roundId: string, levelId: number, now = new Date()): Promise<Level | undefined> {
  return db.transaction(async (tx) => {
    const [level] = await tx.select().from(levels).where(and(eq(levels.id, levelId), eq(levels.roundId, roundId)));
    if (!level) return undefined;
    await tx.insert(retiredLinks).values({ token: level.linkToken, levelId: level.id, retiredAt: now });
    const [renewed] = await tx.update(levels).set({ linkToken: newToken() }).where(eq(levels.id, level.id)).returning();
    return renewed;
  });
}

export async function isRetiredLink(db: Db, token: string): Promise<boolean> {
  const [retired] = await db.select({ token: retiredLinks.token }).from(retiredLinks).where(eq(retiredLinks.token, token));
  return retired !== undefined;
}

export function linkFor(baseUrl: string, token: string): string {
  return `${baseUrl}/r/${token}`;
}
