import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberships, organisations, rounds, type OrganisationOrigin } from "~db/schema";
import type { Actor } from "~/domain/access/access";
import { sameOrganisationName } from "~/domain/access/organisation-names";
import { newId } from "~/utils/ids.server";

export type Organisation = typeof organisations.$inferSelect;

/** Oldest first: names repeat across workspaces, and the first one made is the one a name finds. */
const byAge = [asc(organisations.createdAt), asc(organisations.id)];

async function insertCliOrganisation(tx: Db, name: string): Promise<Organisation> {
  const [organisation] = await tx.insert(organisations).values({ id: newId(), name, origin: "cli" }).returning();
  return organisation!;
}

/**
 * The organisation of that name made by the CLI or the demo seed, created when
 * there is none. For scripts and tests; `round create --org` goes through
 * `claimOrganisationByName`, which also refuses names others made.
 */
export async function findOrCreateOrganisation(db: Db, name: string): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(organisations).where(eq(organisations.name, name)).orderBy(...byAge).limit(1);
    return existing ?? insertCliOrganisation(tx, name);
  });
}

export async function countOrganisations(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return row?.n ?? 0;
}

export async function findOrganisation(db: Db, organisationId: string): Promise<Organisation | undefined> {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return organisation;
}

/** Every organisation whose name is the same as `name`, compared as people read names (case, Unicode form, spaces). */
export async function findOrganisationsNamed(db: Db, name: string): Promise<Organisation[]> {
  const all = await db.select().from(organisations).orderBy(...byAge);
  return all.filter((organisation) => sameOrganisationName(organisation.name, name));
}

/** The organisations this person may see (all, for an admin), with how many rounds each has. */
export async function listOrganisationsFor(db: Db, actor: Actor & { id: string }) {
  const columns = { id: organisations.id, name: organisations.name, createdAt: organisations.createdAt };
  const visible =
    actor.role === "admin"
      ? await db.select(columns).from(organisations).orderBy(asc(organisations.name), ...byAge)
      : await db
          .select(columns)
          .from(memberships)
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(eq(memberships.userId, actor.id))
          .orderBy(asc(organisations.name), ...byAge);
  const ids = visible.map((o) => o.id);
  const roundCounts = ids.length
    ? await db.select({ id: rounds.organisationId, n: count() }).from(rounds).where(inArray(rounds.organisationId, ids)).groupBy(rounds.organisationId)
    : [];
  return visible.map((o) => ({ ...o, rounds: roundCounts.find((c) => c.id === o.id)?.n ?? 0 }));
}

export async function listAllOrganisations(db: Db): Promise<Organisation[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name), ...byAge);
}

export class OrganisationNameTaken extends Error {
  constructor(readonly existing: { id: string; name: string }) {
    super(`an organisation called "${existing.name}" already exists`);
  }
}

/**
 * Creates an organisation for a signed-in person. Names are unique within what
 * that person sees (case-insensitively), and only there: whether another
 * workspace holds the same name is never revealed. A facilitator who creates
 * one is assigned to it, so they can see what they made.
 */
export async function createOrganisation(db: Db, name: string, creator: Actor & { id: string }): Promise<Organisation> {
  return db.transaction(async (tx) => {
    const clash = (await listOrganisationsFor(tx, creator)).find((organisation) => sameOrganisationName(organisation.name, name));
    if (clash) throw new OrganisationNameTaken(clash);
    const origin: OrganisationOrigin = creator.role === "admin" ? "admin" : "facilitator";
    const [organisation] = await tx.insert(organisations).values({ id: newId(), name, origin, createdBy: creator.id }).returning();
    if (creator.role !== "admin") await tx.insert(memberships).values({ userId: creator.id, organisationId: organisation!.id });
    return organisation!;
  });
}

export type NameClaim =
  | { ok: true; organisation: Organisation; created: boolean }
  | { ok: false; reason: "made-by-facilitator" | "ambiguous"; candidates: Organisation[] };

/**
 * `round create --org <name>`: creates the organisation when none of that name
 * exists and reuses it when exactly one does, but only one the CLI or an admin
 * made. A facilitator's organisation is never reused by name: otherwise a
 * facilitator could pre-create a name and so read the round a script later
 * adds to it. Call inside the transaction that uses the result.
 */
export async function claimOrganisationByName(db: Db, name: string): Promise<NameClaim> {
  const candidates = await findOrganisationsNamed(db, name);
  if (candidates.length === 0) {
    // A savepoint inside the caller's transaction; a transaction of its own when called outside one.
    return { ok: true, organisation: await db.transaction((tx) => insertCliOrganisation(tx, name)), created: true };
  }
  if (candidates.length > 1) return { ok: false, reason: "ambiguous", candidates };
  const [only] = candidates as [Organisation];
  return only.origin === "facilitator" ? { ok: false, reason: "made-by-facilitator", candidates } : { ok: true, organisation: only, created: false };
}
