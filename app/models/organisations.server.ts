import { count, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { organisations } from "~db/schema";
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
