import Database from "better-sqlite3";

/**
 * SQLite-specific backup steps (dialect-specific SQL stays in db/). VACUUM INTO
 * reads inside one transaction, so in WAL mode it neither blocks writers nor
 * copies half of a write.
 */
export function copyDatabaseInto(sqlite: Database.Database, target: string): void {
  sqlite.prepare("VACUUM INTO ?").run(target);
}

export interface CopyCheck {
  integrity: string;
  rounds: number;
  submittedResponses: number;
}

/** Opens a copy read-only: its integrity check result and what it holds. */
export function checkCopy(path: string): CopyCheck {
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
