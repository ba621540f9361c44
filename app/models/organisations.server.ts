import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberships, organisations, rounds } from "~db/schema";
import type { Actor } from "~/domain/access/access";
import { newId } from "~/utils/ids.server";

export type Organisation = typeof organisations.$inferSelect;

/** product.md: `round create` "creates (or reuses, by name) the organisation". */
export function findOrCreateOrganisation(db: Db, name: string): Organisation {
  const existing = db.select().from(organisations).where(eq(organisations.name, name)).get();
  if (existing) return existing;
  return db.insert(organisations).values({ id: newId(), name }).returning().get();
}

export function countOrganisations(db: Db): number {
  return db.select({ n: count() }).from(organisations).get()?.n ?? 0;
}

export function findOrganisation(db: Db, organisationId: string): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.id, organisationId)).get();
}

export function findOrganisationByName(db: Db, name: string): Organisation | undefined {
  return db.select().from(organisations).where(eq(organisations.name, name)).get();
}

/** The organisations this person may see (all, for an admin), with how many rounds each has. */
export function listOrganisationsFor(db: Db, actor: Actor & { id: string }) {
  const visible =
    actor.role === "admin"
      ? db.select().from(organisations).orderBy(asc(organisations.name)).all()
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

/** Creates an organisation; a facilitator who creates one is assigned to it, so they can see what they made. */
export function createOrganisation(db: Db, name: string, creator: { id: string; role: string }): Organisation {
  return db.transaction((tx) => {
    const organisation = tx.insert(organisations).values({ id: newId(), name }).returning().get();
    if (creator.role !== "admin") tx.insert(memberships).values({ userId: creator.id, organisationId: organisation.id }).run();
    return organisation;
  });
}
