import { existsSync } from "node:fs";
import type { DatabaseHandle, DatabaseLocation } from "~db/client";
import { redactUrl } from "~db/dialect";
import { quickCheck } from "~db/health";

/**
 * Opens the database for serving only if it is sound: a file that is not a
 * database, or whose pages fail SQLite's quick check, or a PostgreSQL server
 * that cannot be reached, stops the start with a message saying what to do,
 * instead of serving errors (or worse, writing into damage) later.
 */
export async function openCheckedDatabase(location: DatabaseLocation, open: (location: DatabaseLocation) => Promise<DatabaseHandle>): Promise<DatabaseHandle> {
  let database: DatabaseHandle;
  try {
    database = await open(location);
  } catch (error) {
    if ("url" in location) throw new Error(unreachable(redactUrl(location.url), (error as Error).message));
    if (!existsSync(location.path)) throw error;
    throw new Error(`the database file ${location.path} cannot be opened (${(error as Error).message}). ${RESTORE}`);
  }
  let result: string;
  try {
    result = await quickCheck(database);
  } catch (error) {
    result = (error as Error).message;
  }
  if (result !== "ok") {
    await database.close();
    if (database.dialect === "pg") throw new Error(unreachable(database.location, result));
    throw new Error(`the database file ${database.location} failed its integrity check (${result}). ${RESTORE}`);
  }
  return database;
}

const RESTORE = `Restore it from a backup (README: "Backup and restore"), or move it aside to start with an empty database.`;

function unreachable(location: string, reason: string): string {
  // openPostgres names the location too; once is enough.
  const why = reason.replace(`Could not open the PostgreSQL database at ${location}: `, "");
  return `the PostgreSQL database at ${location} could not be reached or opened (${why}). Check DATABASE_URL, and that the server is running and accepts this user.`;
}
