import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Runs a deletion that must really erase: with SQLite's secure_delete the freed
 * pages are overwritten with zeros instead of keeping the old rows' bytes, and a
 * checkpoint afterwards moves the zeroed pages from the WAL into the database
 * file and truncates the WAL (best effort: a long reader can postpone it to the
 * next checkpoint). Backups made before keep their copy.
 */
export function eraseWith<T>(db: Db, erase: (tx: Db) => T): T {
  db.run(sql`PRAGMA secure_delete = ON`);
  try {
    return db.transaction((tx) => erase(tx), { behavior: "immediate" });
  } finally {
    db.run(sql`PRAGMA secure_delete = OFF`);
    db.get(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  }
}
