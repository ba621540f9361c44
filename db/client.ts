import type { SQL } from "drizzle-orm";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { DIALECT, type Dialect } from "./dialect";
import { MIGRATIONS_FOLDER, PG_MIGRATIONS_FOLDER } from "./paths";
import type * as schema from "./schema/sqlite";

/**
 * The database or a transaction on it: what every model function takes. Models are written once against
 * this type (the SQLite schema's, in async mode) and run unchanged on PostgreSQL, because db/schema.ts hands
 * them the chosen dialect's tables with the same columns and JavaScript values. So models only build queries
 * and `await` them (the query builders of both dialects are promises), and write only inside `transaction`.
 */
export type Db = BaseSQLiteDatabase<"async", unknown, typeof schema>;

export interface DatabaseHandle {
  dialect: Dialect;
  db: Db;
  /** Where the data live, fit for messages: the SQLite file, or the PostgreSQL URL without its password. */
  location: string;
  /** The SQLite file (for backups and the report worker); null on PostgreSQL. */
  path: string | null;
  /** The PostgreSQL URL (with its password, for the report worker); null on SQLite. */
  url: string | null;
  /**
   * Where rate-limit counters and open-link arrivals are written: they commit without waiting for the disk
   * (SQLite synchronous=NORMAL, PostgreSQL synchronous_commit=off), because a crash can only forget a few
   * counts, so they need not pay a disk flush per request as answers do. On PostgreSQL its transactions do not
   * take the write lock, so only writes that are one atomic statement each belong here (never one that reads,
   * then writes, or touches responses).
   */
  counters(): Db;
  /** Runs one SQL statement of this dialect and returns its rows (health checks, tests, tools). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

export type DatabaseLocation = { path: string } | { url: string };

export { MIGRATIONS_FOLDER, PG_MIGRATIONS_FOLDER };

/**
 * Opens (creating when missing) and migrates the database of the dialect db/dialect.ts chose. Every process
 * that touches the data (server, CLI, report worker, tests) comes through here, so settings and migrations are
 * never skipped.
 */
export async function openDatabase(location: DatabaseLocation, options: { migrationsFolder?: string } = {}): Promise<DatabaseHandle> {
  if (DIALECT === "pg") {
    if (!("url" in location)) throw new Error("DATABASE_URL is set, so ModelGap runs on PostgreSQL and needs its URL, not a file path.");
    const { openPostgres } = await import("./postgres");
    return openPostgres(location.url, options.migrationsFolder ?? PG_MIGRATIONS_FOLDER);
  }
  if (!("path" in location)) throw new Error("DATABASE_URL is not set, so ModelGap runs on SQLite and needs a file path (DATABASE_PATH).");
  const { openSqlite } = await import("./sqlite");
  return openSqlite(location.path, options.migrationsFolder ?? MIGRATIONS_FOLDER);
}
