import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client";

/**
 * SQLite backup steps (dialect-specific SQL stays in db/). VACUUM INTO reads inside one transaction, so in
 * WAL mode it neither blocks writers nor copies half of a write. PostgreSQL backups are pg_dump's job.
 */
export async function copySqliteInto(handle: DatabaseHandle, target: string): Promise<void> {
  if (handle.dialect !== "sqlite") throw new Error(`copySqliteInto: ${handle.location} is not a SQLite database`);
  await handle.rows(sql`VACUUM INTO ${target}`);
}

export interface CopyCheck {
  integrity: string;
  rounds: number;
  submittedResponses: number;
}

/** Opens a SQLite copy read-only: its integrity check result and what it holds. */
export function checkSqliteCopy(path: string): CopyCheck {
  const copy = new Database(path, { readonly: true });
  try {
    const integrity = String(copy.pragma("integrity_check", { simple: true }));
    const counts = copy
      .prepare("SELECT (SELECT count(*) FROM rounds) AS rounds, (SELECT count(*) FROM responses WHERE status = 'submitted') AS submitted")
      .get() as { rounds: number; submitted: number };
    return { integrity, rounds: counts.rounds, submittedResponses: counts.submitted };
  } finally {
    copy.close();
  }
}
