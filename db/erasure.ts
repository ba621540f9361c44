import { sql } from "drizzle-orm";
import type { DatabaseHandle, Db } from "./client";

/** Erasures under way in this process: secure_delete goes off only when the last one ends. */
let erasing = 0;

/**
 * Runs a deletion that must really erase: with SQLite's secure_delete, deleted
 * cells and freed pages are overwritten with zeros instead of keeping the old
 * rows' bytes, and a checkpoint afterwards moves the zeroed pages from the WAL
 * into the database file and truncates the WAL (best effort: a long reader can
 * postpone that to the next checkpoint). SQLite does not promise to zero every
 * fragment that rebalancing its pages copies around, or what a freelist trunk
 * page held; `compactDatabase` rebuilds the file to leave none. Backups made
 * before keep their copy.
 *
 * The pragmas go through `handle.rows`, which runs them on the writing connection between transactions (a
 * checkpoint cannot run inside one). On PostgreSQL an erasure is the deletes alone: the rows' bytes stay in
 * the table files until vacuum reuses the space, so `compactDatabase` (`erase --compact`) matters more there.
 */
export async function eraseWith<T>(handle: DatabaseHandle, erase: (tx: Db) => Promise<T>): Promise<T> {
  if (handle.dialect !== "sqlite") return handle.db.transaction((tx) => erase(tx));
  erasing++;
  try {
    await handle.rows(sql`PRAGMA secure_delete = ON`);
    return await handle.db.transaction((tx) => erase(tx));
  } finally {
    // Another erasure's transaction may be queued behind this one: it must still find secure_delete on.
    if (--erasing === 0) await handle.rows(sql`PRAGMA secure_delete = OFF`);
    await handle.rows(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
  }
}

/**
 * Rebuilds the stored tables from their live rows, so nothing deleted survives in them. SQLite: VACUUM of the
 * file (writers wait meanwhile: about half a second per 10,000 responses on the project's machine), then a
 * checkpoint. PostgreSQL: an erasure's deleted rows stay in the table files until (auto)vacuum reuses their
 * space, so VACUUM FULL rewrites every table now; the server's write-ahead log keeps the old bytes until it
 * recycles its segments, as SQLite's backups keep theirs.
 */
export async function compactDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === "pg") {
    await handle.rows(sql`VACUUM FULL`);
    return;
  }
  await handle.rows(sql`VACUUM`);
  await handle.rows(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
}
