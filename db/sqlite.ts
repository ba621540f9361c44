import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { DatabaseHandle, Db } from "./client";
import { WriteQueue } from "./write-queue";
import * as schema from "./schema/sqlite";

type Synchronous = "FULL" | "NORMAL";

function connect(path: string, synchronous: Synchronous, options: { queryOnly?: boolean } = {}): Database.Database {
  const connection = new Database(path);
  connection.pragma("journal_mode = WAL");
  // Another process (a CLI import while the app serves) may hold the write lock briefly: wait, don't fail.
  connection.pragma("busy_timeout = 10000");
  connection.pragma("foreign_keys = ON");
  connection.pragma(`synchronous = ${synchronous}`);
  if (options.queryOnly) connection.pragma("query_only = ON");
  return connection;
}

type Drizzle = BetterSQLite3Database<typeof schema>;

const dialect = new SQLiteSyncDialect();

/**
 * Transactions on one writing connection, one at a time. Models are asynchronous (so that they run on
 * PostgreSQL too), and better-sqlite3's own transactions cannot await; so a transaction here is BEGIN IMMEDIATE
 * on the writer, the caller's awaited work, and COMMIT, queued behind the previous one in this process (another
 * process waits on SQLite's lock). Reads outside a transaction go to a read-only connection, so they only ever
 * see committed data and a write outside a transaction fails at once instead of slipping into someone else's.
 */
function transactional(reader: Drizzle, writer: Drizzle, writerConnection: Database.Database, queue: WriteQueue): Db {
  const nested = (tx: Drizzle, depth: number) =>
    Object.assign(Object.create(tx) as Drizzle, {
      transaction: async <T>(work: (inner: Db) => Promise<T>): Promise<T> => {
        const name = `sp${depth}`;
        writerConnection.exec(`SAVEPOINT ${name}`);
        try {
          const result = await work(nested(tx, depth + 1) as unknown as Db);
          writerConnection.exec(`RELEASE ${name}`);
          return result;
        } catch (error) {
          writerConnection.exec(`ROLLBACK TO ${name}`);
          writerConnection.exec(`RELEASE ${name}`);
          throw error;
        }
      },
    });
  const db = Object.assign(Object.create(reader) as Drizzle, {
    transaction: <T>(work: (tx: Db) => Promise<T>): Promise<T> =>
      queue.run(async () => {
        writerConnection.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(nested(writer, 1) as unknown as Db);
          writerConnection.exec("COMMIT");
          return result;
        } catch (error) {
          if (writerConnection.inTransaction) writerConnection.exec("ROLLBACK");
          throw error;
        }
      }),
  });
  return db as unknown as Db;
}

export function openSqlite(path: string, migrationsFolder: string): DatabaseHandle {
  if (path === ":memory:") throw new Error("ModelGap needs a database file (its connections share it); use a temporary file instead of :memory:.");
  mkdirSync(dirname(path), { recursive: true });
  // FULL: a respondent who saw "saved" keeps the answer even through a power cut, not only a crash.
  const writerConnection = connect(path, "FULL");
  const writer = drizzle(writerConnection, { schema });
  migrate(writer, { migrationsFolder });
  const readerConnection = connect(path, "FULL", { queryOnly: true });
  const reader = drizzle(readerConnection, { schema });
  const queue = new WriteQueue();
  const db = transactional(reader, writer, writerConnection, queue);
  let counters: { connection: Database.Database; db: Db } | undefined;
  return {
    dialect: "sqlite",
    db,
    location: path,
    path,
    url: null,
    counters: () => {
      if (!counters) {
        const connection = connect(path, "NORMAL");
        counters = { connection, db: transactional(reader, drizzle(connection, { schema }), connection, queue) };
      }
      return counters.db;
    },
    rows: <T>(query: SQL) =>
      queue.run(async () => {
        const { sql: text, params } = dialect.sqlToQuery(query);
        const statement = writerConnection.prepare(text);
        // VACUUM, PRAGMA settings and other statements without rows must be run, not read.
        if (!statement.reader) {
          statement.run(...params);
          return [];
        }
        return statement.all(...params) as T[];
      }),
    close: async () => {
      await queue.idle();
      for (const connection of [counters?.connection, readerConnection, writerConnection]) if (connection?.open) connection.close();
    },
  };
}
