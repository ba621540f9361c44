import pg from "pg";
import { sql, type SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { DatabaseHandle, Db } from "./client";
import { redactUrl } from "./dialect";
import * as schema from "./schema/pg";

type Drizzle = NodePgDatabase<typeof schema>;

/**
 * Every writing transaction first takes this one transaction-level advisory lock, so writers run one at a time
 * across every app instance and CLI process, as they do on SQLite. The models' rules that read, then write
 * (release steps, rate-limit counts, one draft per browser) were written for that, and keep their meaning
 * without row locks or serialisation retries. Readers never take it.
 */
const WRITE_LOCK = 0x4d6f_6447; // "MoGG"
const MIGRATION_LOCK = WRITE_LOCK + 1;

function transactional(database: Drizzle, options: { locked: boolean; relaxedCommit: boolean }): Db {
  const begin = database.transaction.bind(database);
  return Object.assign(Object.create(database) as Drizzle, {
    transaction: <T>(work: (tx: Db) => Promise<T>): Promise<T> =>
      begin(async (tx) => {
        if (options.locked) await tx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
        if (options.relaxedCommit) await tx.execute(sql`SET LOCAL synchronous_commit = off`);
        return work(tx as unknown as Db);
      }),
  }) as unknown as Db;
}

/**
 * The app's pool. Its end waits until every connection has really closed: pool.end() resolves as soon as it has
 * asked them to, so a server that drops the database right after (a test, a restore) would still find them and
 * end them with an error.
 */
function openPool(config: pg.PoolConfig): { pool: pg.Pool; end: () => Promise<void> } {
  const pool = new pg.Pool(config);
  const open = new Set<pg.PoolClient>();
  let ending = false;
  let allClosed: (() => void) | undefined;
  // A connection that drops while idle (a database restart) is replaced on the next query; without a listener
  // its error would end the process. Connections ended by our own end are no news.
  pool.on("error", (error) => {
    if (!ending) console.error(`PostgreSQL connection lost (${error.message}); a new one is opened on the next query.`);
  });
  pool.on("connect", (client) => {
    open.add(client);
    // A connection the server ends while a request holds it (a restart, a failover) emits 'error'; unheard, that
    // ends the process. Heard, the request's next query fails, its transaction rolls back, and the pool drops
    // the connection when it comes back. The pool reports the idle ones.
    client.on("error", () => undefined);
  });
  pool.on("remove", (client) => {
    open.delete(client);
    if (open.size === 0) allClosed?.();
  });
  const end = async () => {
    ending = true;
    const closed = open.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allClosed = resolve));
    await pool.end();
    await closed;
  };
  return { pool, end };
}

/** Instances started together must not apply the same migration twice: a session lock makes the others wait. */
async function migrateOnce(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export async function openPostgres(url: string, migrationsFolder: string): Promise<DatabaseHandle> {
  // A server that does not answer fails the start in seconds, not after the system's TCP timeout.
  const { pool, end: close } = openPool({ connectionString: url, max: 10, application_name: "modelgap", connectionTimeoutMillis: 10_000 });
  const database = drizzle(pool, { schema });
  try {
    await migrateOnce(pool, migrationsFolder);
  } catch (error) {
    await close();
    throw new Error(`Could not open the PostgreSQL database at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  const db = transactional(database, { locked: true, relaxedCommit: false });
  // Counter writes are each one atomic statement (an upsert that row-locks its key), so they need not queue
  // behind answers for the write lock; on a busy open link there are several per submission.
  const counters = transactional(database, { locked: false, relaxedCommit: true });
  return {
    dialect: "pg",
    db,
    location: redactUrl(url),
    path: null,
    url,
    counters: () => counters,
    rows: async <T>(query: SQL) => (await database.execute(query)).rows as T[],
    close,
  };
}
