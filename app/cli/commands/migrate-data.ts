import { resolve } from "node:path";
import { z } from "zod";
import { redactUrl } from "~db/dialect";
import { copySqliteToPostgres } from "~db/migrate-data";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const argsSchema = z.object({
  from: z.string().trim().min(1, "give the SQLite database file to copy from (DATABASE_PATH; data/modelgap.db by default)"),
});

/**
 * Moves a SQLite database's data into the PostgreSQL database DATABASE_URL names (migrated and empty), in one
 * transaction. Stop the app on SQLite first: what it writes after the copy began is not copied.
 */
export async function migrateDataCommand(io: CliIO, rawArgs: unknown) {
  const { from } = parseOptions(argsSchema, rawArgs);
  const config = io.config();
  if (!("url" in config.database)) throw new CliError("migrate-data copies into PostgreSQL: set DATABASE_URL=postgres://... to the (new, empty) target database");
  await io.database(); // opening it applies the migrations, so the tables exist
  try {
    const copy = await copySqliteToPostgres(resolve(from), config.database.url);
    printJson(io, { from: resolve(from), to: redactUrl(config.database.url), tables: copy.tables });
  } catch (error) {
    throw new CliError(`migrate-data: ${(error as Error).message}; nothing was copied`);
  }
}
