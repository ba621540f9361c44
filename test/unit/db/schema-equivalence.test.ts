/**
 * Models are typed against the SQLite tables and run unchanged on the PostgreSQL ones, so the two schema files
 * must describe the same tables, constraints and TypeScript values. A change made to one file only fails here.
 */
import { type Column, getTableColumns, type InferInsertModel, type InferSelectModel, is, SQL, type Table } from "drizzle-orm";
import { PgDialect, PgTable, getTableConfig as pgTableConfig } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect, SQLiteTable, getTableConfig as sqliteTableConfig } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as pgSchema from "~db/schema/pg";
import * as sqliteSchema from "~db/schema/sqlite";

type Dialect = "sqlite" | "pg";
type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

const render = { sqlite: new SQLiteSyncDialect(), pg: new PgDialect() };

/** Plain integers holding epoch milliseconds: bigint in PostgreSQL, whose integer is 32 bits. */
const EPOCH_MS_INTEGERS = new Set(["rate_limits.reset_at", "open_link_refusals.minute", "open_link_arrivals.at", "heartbeat.beat_at"]);

/**
 * SQLite reports a default for any INTEGER PRIMARY KEY (the rowid fills it); the PostgreSQL twins are plain
 * integer keys, which is right only while every insert names the id. A new such key must be decided here.
 */
const ROWID_KEYS_ALWAYS_GIVEN = new Set(["heartbeat.id", "open_link_arrivals.response_id"]);

/** SQLite column type -> the PostgreSQL column type and SQL type expected for it. */
const TYPE_MAP: Record<string, { columnType: string; sqlType: string }> = {
  SQLiteText: { columnType: "PgText", sqlType: "text" },
  SQLiteTextJson: { columnType: "PgCustomColumn", sqlType: "text" },
  SQLiteTimestamp: { columnType: "PgCustomColumn", sqlType: "bigint" },
  SQLiteBoolean: { columnType: "PgBoolean", sqlType: "boolean" },
  SQLiteInteger: { columnType: "PgInteger", sqlType: "integer" },
  SQLiteReal: { columnType: "PgDoublePrecision", sqlType: "double precision" },
};

const A_MOMENT = new Date(1_796_000_000_123);
const A_VALUE = { b: [1, "x", null], a: { z: true } };

/**
 * What a model sees: the JS value the column reads and writes, judged by what its mappers do, not by its name.
 * A moment must be stored as its epoch milliseconds and read back from them as better-sqlite3 returns them
 * (a number) and, for a custom column, as node-postgres returns int8 (a string).
 */
function jsMode(column: Column): string {
  const probe = column as unknown as { mapToDriverValue(v: unknown): unknown; mapFromDriverValue(v: unknown): unknown };
  const custom = column.dataType === "custom";
  if (column.dataType === "date" || custom) {
    try {
      const stored = probe.mapToDriverValue(A_MOMENT);
      const read = [stored, ...(custom ? [String(stored)] : [])].map((v) => probe.mapFromDriverValue(v));
      if (stored === A_MOMENT.getTime() && read.every((d) => d instanceof Date && d.getTime() === A_MOMENT.getTime())) return "date";
    } catch {
      // not a moment: try JSON below
    }
  }
  if (column.dataType === "json" || custom) {
    const stored = probe.mapToDriverValue(A_VALUE);
    if (stored === JSON.stringify(A_VALUE) && JSON.stringify(probe.mapFromDriverValue(stored)) === stored) return "json";
  }
  return ["date", "json", "custom"].includes(column.dataType) ? `unrecognised ${column.dataType}` : column.dataType;
}

function tablesOf(schema: Record<string, unknown>, dialect: Dialect) {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => (dialect === "sqlite" ? is(v, SQLiteTable) : is(v, PgTable)))) as Record<
    string,
    SQLiteTable | PgTable
  >;
}

const sqliteTables = tablesOf(sqliteSchema, "sqlite");
const pgTables = tablesOf(pgSchema, "pg");

function configOf(table: SQLiteTable | PgTable): Config {
  return is(table, SQLiteTable) ? sqliteTableConfig(table) : pgTableConfig(table as PgTable);
}

function sqlText(value: unknown, dialect: Dialect): unknown {
  return is(value, SQL) ? render[dialect].sqlToQuery(value).sql : value;
}

function describeTable(table: SQLiteTable | PgTable, dialect: Dialect) {
  const config = configOf(table);
  const columns = [...config.columns].sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: config.name,
    keys: Object.keys(getTableColumns(table)).sort(),
    columns: columns.map((c) => ({
      name: c.name,
      notNull: c.notNull,
      default: sqlText(c.default, dialect),
      defaultFn: c.defaultFn !== undefined,
      onUpdateFn: c.onUpdateFn !== undefined,
      generated: dialect === "sqlite" ? (c as unknown as { autoIncrement?: boolean }).autoIncrement === true : c.generatedIdentity?.type === "byDefault",
      primary: c.primary,
      unique: c.isUnique ? c.uniqueName : null,
      enumValues: c.enumValues ?? null,
      jsMode: jsMode(c),
    })),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    uniqueConstraints: config.uniqueConstraints.map((u) => ({ name: u.getName(), columns: u.columns.map((c) => c.name) })),
    indexes: config.indexes
      .map((i) => ({
        name: i.config.name,
        unique: i.config.unique,
        columns: i.config.columns.map((c) => (is(c, SQL) ? sqlText(c, dialect) : (c as Column).name)),
        where: i.config.where ? sqlText(i.config.where, dialect) : null,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const ref = fk.reference();
        return {
          name: fk.getName(),
          columns: ref.columns.map((c) => c.name),
          foreignTable: configOf(ref.foreignTable as SQLiteTable | PgTable).name,
          foreignColumns: ref.foreignColumns.map((c) => c.name),
          onDelete: fk.onDelete ?? "no action",
          onUpdate: fk.onUpdate ?? "no action",
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    checks: config.checks.map((c) => ({ name: c.name, sql: sqlText(c.value, dialect) })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

describe("the PostgreSQL schema matches the SQLite schema", () => {
  it("exports the same tables under the same names", () => {
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    expect(Object.keys(sqliteTables).length).toBeGreaterThan(0);
  });

  it("shares every non-table export (the enumerations) as the very same values", () => {
    const others = (schema: Record<string, unknown>, dialect: Dialect) =>
      Object.keys(schema)
        .filter((k) => !(k in tablesOf(schema, dialect)))
        .sort();
    expect(others(pgSchema, "pg")).toEqual(others(sqliteSchema, "sqlite"));
    for (const key of others(sqliteSchema, "sqlite")) {
      expect((pgSchema as Record<string, unknown>)[key], key).toBe((sqliteSchema as Record<string, unknown>)[key]);
    }
  });

  for (const [exportName, sqliteTable] of Object.entries(sqliteTables)) {
    it(`${exportName}: same columns, keys, indexes, foreign keys and checks`, () => {
      const pgTable = pgTables[exportName];
      expect(pgTable, `${exportName} is missing from db/schema/pg.ts`).toBeDefined();
      const sqlite = describeTable(sqliteTable, "sqlite");
      const pg = describeTable(pgTable!, "pg");
      expect(pg).toEqual(sqlite);
    });

    it(`${exportName}: column types map per the dialect table`, () => {
      const pgColumns = new Map(pgTableConfig(pgTables[exportName] as PgTable).columns.map((c) => [c.name, c]));
      const config = sqliteTableConfig(sqliteTable as SQLiteTable);
      for (const column of config.columns) {
        const where = `${config.name}.${column.name}`;
        const pgColumn = pgColumns.get(column.name);
        expect(pgColumn, where).toBeDefined();
        if (column.columnType === "SQLiteTimestamp") expect((column as unknown as { mode: string }).mode, where).toBe("timestamp_ms");
        const expected = EPOCH_MS_INTEGERS.has(where) ? { columnType: "PgBigInt53", sqlType: "bigint" } : TYPE_MAP[column.columnType];
        expect(expected, `${where}: no PostgreSQL type is mapped for ${column.columnType}`).toBeDefined();
        expect({ columnType: pgColumn!.columnType, sqlType: pgColumn!.getSQLType() }, where).toEqual(expected);

        const rowidKey = column.columnType === "SQLiteInteger" && column.primary && !(column as unknown as { autoIncrement: boolean }).autoIncrement;
        expect(rowidKey, `${where}: a rowid key must be listed in ROWID_KEYS_ALWAYS_GIVEN`).toBe(ROWID_KEYS_ALWAYS_GIVEN.has(where));
        expect(pgColumn!.hasDefault, `${where}: hasDefault`).toBe(rowidKey ? false : column.hasDefault);
      }
    });
  }

  it("gives models the same row types to read and write (checked by tsc)", () => {
    type S = typeof sqliteSchema;
    type P = typeof pgSchema;
    type Names = { [K in keyof S]: S[K] extends SQLiteTable ? K : never }[keyof S];
    type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
    type Row<M, K, Mode> = K extends keyof M
      ? M[K] extends Table
        ? Mode extends "select"
          ? InferSelectModel<M[K]>
          : Required<InferInsertModel<M[K]>> // a rowid key is optional on insert in SQLite only (see ROWID_KEYS_ALWAYS_GIVEN)
        : never
      : never;
    // Table by table: the identity test above tells apart object types that are equal but built differently.
    type Matches<Mode> = { [K in Names]: Same<Row<P, K, Mode>, Row<S, K, Mode>> };
    expectTypeOf<Matches<"select">>().toEqualTypeOf<{ [K in Names]: true }>();
    expectTypeOf<Matches<"insert">>().toEqualTypeOf<{ [K in Names]: true }>();
  });

  it("names in its exception lists only columns that exist", () => {
    const all = new Set(Object.values(sqliteTables).flatMap((t) => configOf(t).columns.map((c) => `${configOf(t).name}.${c.name}`)));
    for (const name of [...EPOCH_MS_INTEGERS, ...ROWID_KEYS_ALWAYS_GIVEN]) expect(all.has(name), name).toBe(true);
  });

  it("stores moments and JSON as the same driver values on both dialects", () => {
    const sqliteMoment = sqliteSchema.responses.submittedAt;
    const pgMoment = pgSchema.responses.submittedAt;
    expect(pgMoment.mapToDriverValue(A_MOMENT)).toBe(sqliteMoment.mapToDriverValue(A_MOMENT));
    // node-postgres returns int8 as a string
    expect(pgMoment.mapFromDriverValue("1796000000123")).toEqual(sqliteMoment.mapFromDriverValue(1_796_000_000_123));
    expect(pgSchema.responses.answers.mapToDriverValue(A_VALUE as never)).toBe(sqliteSchema.responses.answers.mapToDriverValue(A_VALUE as never));
  });
});
