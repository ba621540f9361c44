import { existsSync } from "node:fs";
import type { DatabaseHandle } from "~db/client";
import { quickCheck } from "~db/health";

/**
 * Opens the database for serving only if it is sound: a file that is not a
 * database, or whose pages fail SQLite's quick check, stops the start with a
 * message saying what to do, instead of serving errors (or worse, writing
 * into damage) later.
 */
export function openCheckedDatabase(path: string, open: (path: string) => DatabaseHandle): DatabaseHandle {
  const restore = `Restore it from a backup (README: "Backup and restore"), or move it aside to start with an empty database.`;
  let database: DatabaseHandle;
  try {
    database = open(path);
  } catch (error) {
    if (!existsSync(path)) throw error;
    throw new Error(`the database file ${path} cannot be opened (${(error as Error).message}). ${restore}`);
  }
  let result: string;
  try {
    result = quickCheck(database.sqlite);
  } catch (error) {
    result = (error as Error).message;
  }
  if (result !== "ok") {
    database.close();
    throw new Error(`the database file ${path} failed its integrity check (${result}). ${restore}`);
  }
  return database;
}
