import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { checkCopy, copyDatabaseInto } from "~db/backup";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const argsSchema = z.object({
  file: z.string().trim().min(1, "give the file to write the backup to"),
  force: z.boolean().optional(),
});

/**
 * A consistent copy of the live database, safe while the app runs: VACUUM INTO
 * reads inside one transaction, so in WAL mode it neither blocks writers nor
 * sees half of a write. The copy is checked, then renamed into place, so the
 * named file is never a half-written backup.
 */
export function backupCommand(io: CliIO, rawArgs: unknown) {
  const { file, force } = parseOptions(argsSchema, rawArgs);
  const target = resolve(file);
  const { sqlite, path } = io.database();
  if (target === resolve(path)) throw new CliError("<file>: that is the live database itself; choose another file");
  if (existsSync(target) && !force) throw new CliError(`<file>: ${file} already exists; choose a new file or add --force to replace it`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    copyDatabaseInto(sqlite, partial);
    const { integrity, rounds, submittedResponses } = checkCopy(partial);
    if (integrity !== "ok") throw new CliError(`the copy failed its integrity check (${integrity}); the live database is untouched`);
    renameSync(partial, target);
    printJson(io, { file: target, bytes: statSync(target).size, integrity, rounds, submittedResponses });
  } finally {
    rmSync(partial, { force: true });
  }
}
