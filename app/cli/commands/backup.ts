import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import type { DatabaseHandle } from "~db/client";
import { checkSqliteCopy, copySqliteInto } from "~db/backup";
import { checkDump, dumpPostgres } from "~db/backup-postgres";
import { CliError, printJson, type CliIO } from "../io";
import { parseOptions } from "../options";

const argsSchema = z.object({
  file: z.string().trim().min(1, "give the file to write the backup to"),
  force: z.boolean().optional(),
});

interface BackupTarget {
  /** As given, for messages. */
  file: string;
  /** Absolute. */
  target: string;
  force: boolean;
}

export async function backupCommand(io: CliIO, rawArgs: unknown) {
  const { file, force } = parseOptions(argsSchema, rawArgs);
  const handle = await io.database();
  const backup = handle.dialect === "pg" ? postgresBackup : sqliteBackup;
  printJson(io, await backup(handle, { file, target: resolve(file), force: force === true }));
}

function refuseExisting({ file, target, force }: BackupTarget) {
  if (existsSync(target) && !force) throw new CliError(`<file>: ${file} already exists; choose a new file or add --force to replace it`);
}

/**
 * A consistent copy of the live database, safe while the app runs: VACUUM INTO
 * reads inside one transaction, so in WAL mode it neither blocks writers nor
 * sees half of a write. The copy is checked, then renamed into place, so the
 * named file is never a half-written backup.
 */
async function sqliteBackup(handle: DatabaseHandle, backup: BackupTarget) {
  const { target } = backup;
  if (handle.path !== null && target === resolve(handle.path)) throw new CliError("<file>: that is the live database itself; choose another file");
  refuseExisting(backup);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    await copySqliteInto(handle, partial);
    const { integrity, rounds, submittedResponses } = checkSqliteCopy(partial);
    if (integrity !== "ok") throw new CliError(`the copy failed its integrity check (${integrity}); the live database is untouched`);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, integrity, rounds, submittedResponses };
  } finally {
    rmSync(partial, { force: true });
  }
}

/**
 * PostgreSQL: pg_dump in its custom format (restored with pg_restore, README "Backup and restore"), from one
 * exported snapshot that the printed counts were read in. The dump is listed back before it is renamed into
 * place, so the named file is never a half-written or unreadable backup.
 */
async function postgresBackup(handle: DatabaseHandle, backup: BackupTarget) {
  const { target } = backup;
  refuseExisting(backup);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    const { rounds, submittedResponses } = await dumpPostgres(handle.url!, partial).catch((error: Error) => {
      throw new CliError(`pg_dump could not copy the database (${error.message}); the live database is untouched`);
    });
    const integrity = await checkDump(partial);
    if (integrity !== "ok") throw new CliError(`the dump failed its check (${integrity}); the live database is untouched`);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, integrity, rounds, submittedResponses };
  } finally {
    rmSync(partial, { force: true });
  }
}
