import { spawn } from "node:child_process";
import pg from "pg";

/**
 * PostgreSQL backups are pg_dump's (custom format, restored with pg_restore). The counts printed beside a
 * backup are read in the very snapshot pg_dump copies (an exported snapshot held open while it runs), so they
 * describe the file exactly, however many responses arrive meanwhile.
 */
export interface PostgresDump {
  rounds: number;
  submittedResponses: number;
}

/** The PostgreSQL client programs, from PATH unless PG_BINDIR names their folder (a newer server needs newer tools). */
export function pgTool(name: "pg_dump" | "pg_restore"): string {
  const bindir = process.env.PG_BINDIR?.trim();
  return bindir ? `${bindir.replace(/\/$/, "")}/${name}` : name;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? `${command} was not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-client) or set PG_BINDIR` : error.message)),
    );
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim() || "no message"}`))));
  });
}

/** Writes a custom-format dump of the database at `url` to `target`, and what it holds. */
export async function dumpPostgres(url: string, target: string): Promise<PostgresDump> {
  const client = new pg.Client({ connectionString: url, application_name: "modelgap backup" });
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const counts = (
      await client.query<{ rounds: string; submitted: string }>(
        "SELECT (SELECT count(*) FROM rounds) AS rounds, (SELECT count(*) FROM responses WHERE status = 'submitted') AS submitted",
      )
    ).rows[0]!;
    await run(pgTool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${snapshot}`, `--file=${target}`, `--dbname=${url}`]);
    await client.query("COMMIT");
    return { rounds: Number(counts.rounds), submittedResponses: Number(counts.submitted) };
  } finally {
    await client.end();
  }
}

/** "ok" when pg_restore can read the dump's table of contents and it holds the tables a restore needs. */
export async function checkDump(file: string): Promise<string> {
  try {
    const listing = await run(pgTool("pg_restore"), ["--list", file]);
    const missing = ["rounds", "responses", "levels"].filter((table) => !new RegExp(`TABLE DATA public ${table} `).test(listing));
    return missing.length === 0 ? "ok" : `the dump lacks the data of ${missing.join(", ")}`;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Restores a dump into the (empty) database at `url`: what README's restore recipe runs. */
export async function restorePostgres(file: string, url: string): Promise<void> {
  await run(pgTool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${url}`, file]);
}
