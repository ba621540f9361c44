import { sql } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Runs a deletion that must really erase: with SQLite's secure_delete, deleted
 * cells and freed pages are overwritten with zeros instead of keeping the old
 * rows' bytes, and a checkpoint afterwards moves the zeroed pages from the WAL
 * into the database file and truncates the WAL (best effort: a long reader can
 * postpone that to the next checkpoint). SQLite does not promise to zero every
 * fragment that rebalancing its pages copies around, or what a freelist trunk
 * page held; `compactDatabase` rebuilds the file to leave none. Backups made
 * before keep their copy.
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

/**
 * Rebuilds the database file from its live rows (VACUUM), so nothing deleted
 * survives anywhere in it. Writers wait meanwhile: about half a second per
 * 10,000 responses on the project's machine.
 */
export function compactDatabase(db: Db): void {
  db.run(sql`VACUUM`);
  db.get(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}
