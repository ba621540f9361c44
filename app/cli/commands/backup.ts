import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
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
    sqlite.prepare("VACUUM INTO ?").run(partial);
    const copy = new Database(partial, { readonly: true });
    const integrity = copy.pragma("integrity_check", { simple: true });
    const counts = copy
      .prepare("SELECT (SELECT count(*) FROM rounds) AS rounds, (SELECT count(*) FROM responses WHERE status = 'submitted') AS submitted")
      .get() as { rounds: number; submitted: number };
    copy.close();
    if (integrity !== "ok") throw new CliError(`the copy failed its integrity check (${String(integrity)}); the live database is untouched`);
    renameSync(partial, target);
    printJson(io, { file: target, bytes: statSync(target).size, integrity, rounds: counts.rounds, submittedResponses: counts.submitted });
  } finally {
    rmSync(partial, { force: true });
  }
}
