import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export type AppDatabase = BetterSQLite3Database<typeof schema>;
/** The database or a transaction on it: what every model function takes. */
export type Db = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;

export interface DatabaseHandle {
  db: AppDatabase;
  sqlite: Database.Database;
  path: string;
  /**
   * A second connection to the same file for rate-limit counters and refusal
   * records, committing with synchronous=NORMAL: WAL keeps them safe through a
   * crash, and a power cut can only forget a few counts, so they need not pay
   * a disk flush per request as answers do. Opened on first use.
   */
  counters(): AppDatabase;
  close(): void;
}

function applyPragmas(sqlite: Database.Database, synchronous: "FULL" | "NORMAL") {
  sqlite.pragma("journal_mode = WAL");
  // Another process (a CLI import while the app serves) may hold the write lock briefly: wait, don't fail.
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`synchronous = ${synchronous}`);
}

import { MIGRATIONS_FOLDER } from "./paths";

export { MIGRATIONS_FOLDER };

/**
 * Opens (creating when missing) and migrates the database. Every process that
 * touches the data (server, CLI, tests) comes through here, so pragmas and
 * migrations are never skipped.
 */
export function openDatabase(path: string, options: { migrationsFolder?: string } = {}): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  // FULL: a respondent who saw "saved" keeps the answer even through a power cut, not only a crash.
  applyPragmas(sqlite, "FULL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
  let counters: Database.Database | undefined;
  let countersDb: AppDatabase | undefined;
  return {
    db,
    sqlite,
    path,
    counters: () => {
      if (path === ":memory:") return db; // a second connection would open a different, empty database
      if (!countersDb) {
        counters = new Database(path);
        applyPragmas(counters, "NORMAL");
        countersDb = drizzle(counters, { schema });
      }
      return countersDb;
    },
    close: () => {
      if (counters?.open) counters.close();
      if (sqlite.open) sqlite.close();
    },
  };
}
