import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import pg from "pg";
import { MIGRATIONS_FOLDER } from "./paths";
import * as pgSchema from "./schema/pg";
import { openSqlite } from "./sqlite";

/**
 * Copies a SQLite database into an empty PostgreSQL one, table by table in foreign-key order, in one
 * transaction: a copy that fails leaves the target as empty as it was. Both schemas hold the same values
 * (epoch milliseconds, JSON text), so a value crosses unchanged but for booleans (SQLite's 0/1); ids are kept,
 * so links, invitations and report keys stay valid, and each identity sequence then moves past the largest id.
 */
export interface DataCopy {
  tables: Record<string, number>;
}

const BATCH = 500;

interface TablePlan {
  name: string;
  columns: { name: string; boolean: boolean }[];
  identity: string | null;
  dependsOn: string[];
}

function plans(): TablePlan[] {
  const tables = (Object.values(pgSchema) as unknown[]).filter((value): value is PgTable => value instanceof PgTable);
  const unordered = tables.map((table) => {
    const config = getTableConfig(table);
    return {
      name: config.name,
      columns: config.columns.map((column: PgColumn) => ({ name: column.name, boolean: column.columnType === "PgBoolean" })),
      identity: config.columns.find((column) => column.generatedIdentity)?.name ?? null,
      dependsOn: config.foreignKeys.map((key) => getTableConfig(key.reference().foreignTable).name).filter((name) => name !== config.name),
    };
  });
  // Parents before children, so every row's references exist when it is inserted.
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  while (ordered.length < unordered.length) {
    const ready = unordered.filter((plan) => !placed.has(plan.name) && plan.dependsOn.every((name) => placed.has(name)));
    if (ready.length === 0) throw new Error("the schema's foreign keys form a cycle; cannot order the copy");
    for (const plan of ready) {
      ordered.push(plan);
      placed.add(plan.name);
    }
  }
  return ordered;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Fails, changing nothing, unless the target holds no data of ours (its migrations may have run). */
async function assertEmpty(client: pg.PoolClient, tables: TablePlan[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(table.name)}) AS any`);
    if (rows[0]?.any) throw new Error(`the PostgreSQL database already holds data (table ${table.name} is not empty); migrate into a new, empty database`);
  }
}

async function copyTable(source: Database.Database, client: pg.PoolClient, table: TablePlan): Promise<number> {
  const names = table.columns.map((column) => column.name);
  const select = source.prepare(`SELECT ${names.map(quote).join(", ")} FROM ${quote(table.name)} ORDER BY rowid`).raw(true);
  let batch: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const rows = batch.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(", ")})`);
    await client.query(`INSERT INTO ${quote(table.name)} (${names.map(quote).join(", ")}) VALUES ${rows.join(", ")}`, params);
    copied += batch.length;
    batch = [];
  };
  for (const row of select.iterate() as Iterable<unknown[]>) {
    batch.push(row.map((value, index) => (table.columns[index]!.boolean && value !== null ? value === 1 || value === true : value)));
    if (batch.length === BATCH) await flush();
  }
  await flush();
  if (table.identity) {
    await client.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${quote(table.identity)}) FROM ${quote(table.name)}), 0) + 1, false)`,
      [quote(table.name), table.identity],
    );
  }
  return copied;
}

/**
 * Copies the SQLite file at `sqlitePath` (first brought to the current schema, as the app would on opening it)
 * into the PostgreSQL database at `url`, which must be migrated and empty.
 */
export async function copySqliteToPostgres(sqlitePath: string, url: string): Promise<DataCopy> {
  if (!existsSync(sqlitePath)) throw new Error(`${sqlitePath} does not exist; give the SQLite database file to copy (DATABASE_PATH, data/modelgap.db by default)`);
  const migrated = openSqlite(sqlitePath, MIGRATIONS_FOLDER);
  await migrated.close();
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  const pool = new pg.Pool({ connectionString: url, max: 1, application_name: "modelgap migrate-data" });
  const client = await pool.connect();
  try {
    const tables = plans();
    await client.query("BEGIN");
    await assertEmpty(client, tables);
    const copied: Record<string, number> = {};
    // One snapshot of the source: a copy taken while the app still writes is consistent, if not the latest.
    source.prepare("BEGIN").run();
    for (const table of tables) copied[table.name] = await copyTable(source, client, table);
    source.prepare("COMMIT").run();
    await client.query("COMMIT");
    return { tables: copied };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await pool.end();
    source.close();
  }
}
