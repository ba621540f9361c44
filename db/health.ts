import { sql } from "drizzle-orm";
import type { DatabaseHandle, Db } from "./client";
import { heartbeat } from "./schema";

/**
 * A real write, in a transaction, to the one heartbeat row: a full disk, a read-only file, a lost
 * PostgreSQL server or a lock that never clears all fail here, where a read would still succeed.
 */
export async function writeHeartbeat(db: Db, now = Date.now()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(heartbeat).values({ id: 1, beatAt: now }).onConflictDoUpdate({ target: heartbeat.id, set: { beatAt: now } });
  });
}

/**
 * Returns "ok" or the problems found. On SQLite, PRAGMA quick_check: the structural checks of
 * integrity_check without matching every index to its table, quick enough to run at every start.
 * PostgreSQL checks its own pages; there a round trip shows the server answers.
 */
export async function quickCheck(handle: DatabaseHandle): Promise<string> {
  if (handle.dialect === "pg") {
    const [row] = await handle.rows<{ ok: number }>(sql`SELECT 1 AS ok`);
    return Number(row?.ok) === 1 ? "ok" : "the server did not answer SELECT 1";
  }
  const rows = await handle.rows<{ quick_check: string }>(sql`PRAGMA quick_check(20)`);
  return rows.map((row) => row.quick_check.replace(/\s+/g, " ").trim()).join("; ");
}
