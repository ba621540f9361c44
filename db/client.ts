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
  close(): void;
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
  sqlite.pragma("journal_mode = WAL");
  // Another process (a CLI import while the app serves) may hold the write lock briefly: wait, don't fail.
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("foreign_keys = ON");
  // FULL: a respondent who saw "saved" keeps the answer even through a power cut, not only a crash.
  sqlite.pragma("synchronous = FULL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
  return {
    db,
    sqlite,
    path,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
