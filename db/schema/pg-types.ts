import { customType } from "drizzle-orm/pg-core";

/**
 * A moment as epoch milliseconds in a bigint, read and written as a Date: the numbers SQLite's
 * timestamp_ms columns hold, so both databases store the same values and data copies across unchanged.
 * (timestamptz would also round-trip a Date, but raw SQL that compares these columns with epoch-ms numbers
 * would then differ per dialect.)
 */
export const epochMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => "bigint",
  toDriver: (value) => value.getTime(),
  // node-postgres hands int8 back as a string, since it may exceed 2^53; epoch milliseconds never do.
  fromDriver: (value) => new Date(Number(value)),
});

/**
 * JSON kept as TEXT, as SQLite's text json mode keeps it: jsonb would reorder keys and drop duplicates,
 * so what a model reads back could differ from what it wrote.
 */
export const jsonText = customType<{ data: unknown; driverData: string }>({
  dataType: () => "text",
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => JSON.parse(value) as unknown,
});
