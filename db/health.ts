import type Database from "better-sqlite3";

/**
 * SQLite-specific health checks (dialect-specific SQL stays in db/).
 *
 * A real write, in an immediate transaction, to the one heartbeat row: a full
 * disk, a read-only file or a lock that never clears all fail here, where a
 * read would still succeed.
 */
export function writeHeartbeat(sqlite: Database.Database, now = Date.now()): void {
  sqlite.transaction(() => {
    sqlite.prepare("INSERT INTO heartbeat (id, beat_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at").run(now);
  }).immediate();
}

/**
 * PRAGMA quick_check: the structural checks of integrity_check without
 * matching every index to its table, quick enough to run at every start.
 * Returns "ok" or the problems found.
 */
export function quickCheck(sqlite: Database.Database): string {
  const rows = sqlite.pragma("quick_check(20)") as { quick_check: string }[];
  return rows.map((row) => row.quick_check.replace(/\s+/g, " ").trim()).join("; ");
}
