import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberships, organisations, rounds, type OrganisationOrigin } from "~db/schema";
import type { Actor } from "~/domain/access/access";
import { sameOrganisationName } from "~/domain/access/organisation-names";
import { newId } from "~/utils/ids.server";

export type Organisation = typeof organisations.$inferSelect;

/**
 * The organisation of that name made by the CLI or the demo seed, created when
 * there is none. For scripts and tests; `round create --org` goes through
 * `claimOrganisationByName`, which also refuses names others made.
 */
export function findOrCreateOrganisation(db: Db, name: string): Organisation {
  const existing = db.select().from(organisations).where(eq(organisations.name, name)).get();
  if (existing) return existing;
  return db.insert(organisations).values({ id: newId(), name, origin: "cli" }).returning().get();
}

export function countOrganisations(db: Db): number {
  return db.select({ n: count() }).from(organisations).get()?.n ?? 0;
}

export function findOrganisation(db: Db, organisationId: string): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
}

/** Every organisation whose name is the same as `name`, compared as people read names (case, Unicode form, spaces). */
export function findOrganisationsNamed(db: Db, name: string): Organisation[] {
  return db
    .select()
    .from(organisations)
    .all()
    .filter((organisation) => sameOrganisationName(organisation.name, name));
}

/** The organisations this person may see (all, for an admin), with how many rounds each has. */
export function listOrganisationsFor(db: Db, actor: Actor & { id: string }) {
  const visible =
    actor.role === "admin"
      ? db.select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt }).from(organisations).orderBy(asc(organisations.name)).all()
      : db
          .select({ id: organisations.id, name: organisations.name, createdAt: organisations.createdAt })
          .from(memberships)
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(eq(memberships.userId, actor.id))
          .orderBy(asc(organisations.name))
          .all();
  const ids = visible.map((o) => o.id);
  const roundCounts = ids.length
    ? db.select({ id: rounds.organisationId, n: count() }).from(rounds).where(inArray(rounds.organisationId, ids)).groupBy(rounds.organisationId).all()
    : [];
  return visible.map((o) => ({ ...o, rounds: roundCounts.find((c) => c.id === o.id)?.n ?? 0 }));
}

export function listAllOrganisations(db: Db): Organisation[] {
  return db.select().from(organisations).orderBy(asc(organisations.name)).all();
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
export function createOrganisation(db: Db, name: string, creator: Actor & { id: string }): Organisation {
  return db.transaction(
    (tx) => {
      const clash = listOrganisationsFor(tx, creator).find((organisation) => sameOrganisationName(organisation.name, name));
      if (clash) throw new OrganisationNameTaken(clash);
      const origin: OrganisationOrigin = creator.role === "admin" ? "admin" : "facilitator";
      const organisation = tx.insert(organisations).values({ id: newId(), name, origin, createdBy: creator.id }).returning().get();
      if (creator.role !== "admin") tx.insert(memberships).values({ userId: creator.id, organisationId: organisation.id }).run();
      return organisation;
    },
    { behavior: "immediate" },
  );
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
export function claimOrganisationByName(db: Db, name: string): NameClaim {
  const candidates = findOrganisationsNamed(db, name);
  if (candidates.length === 0) {
    return { ok: true, organisation: db.insert(organisations).values({ id: newId(), name, origin: "cli" }).returning().get(), created: true };
  }
  if (candidates.length > 1) return { ok: false, reason: "ambiguous", candidates };
  const [only] = candidates as [Organisation];
  return only.origin === "facilitator" ? { ok: false, reason: "made-by-facilitator", candidates } : { ok: true, organisation: only, created: false };
}
