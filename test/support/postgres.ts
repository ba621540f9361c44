import { execFile, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./process";

const run = promisify(execFile);
const SERVER_USER = "postgres";

/** The folder holding initdb, pg_ctl and postgres: pg_config's answer, else Debian's newest major version. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // No pg_config (it comes with libpq-dev or postgresql-common): look where Debian puts servers.
  }
  try {
    const versions = readdirSync("/usr/lib/postgresql").filter((name) => /^\d+$/.test(name));
    versions.sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  } catch {
    // No Debian server packages.
  }
  // libpq-dev's pg_config answers /usr/bin, which has the clients but no server.
  return candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((bin) => existsSync(join(dir, bin))));
}

export interface PostgresServer {
  /** postgres://modelgap@127.0.0.1:PORT/postgres, a superuser without password. */
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster in a temporary folder, on a free loopback port, until `stop`.
 * fsync is off unless `durable`: the data is deleted after the run, so crash safety buys nothing, and on a
 * slow disk every commit and CREATE DATABASE (one per test file) would wait for it.
 */
export async function startPostgres({ durable = false }: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries not found: run `sudo apt-get install -y postgresql`.");
  const dir = mkdtempSync(join(tmpdir(), "modelgap-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "postgres.log");
  const asServerUser = serverUserCommand(dir);
  const pgCtlStop = asServerUser(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w"]);
  const cleanupOnExit = () => {
    try {
      execFileSync(pgCtlStop.file, pgCtlStop.args, { cwd: dir, env: serverEnv(), stdio: "ignore", timeout: 30_000 });
    } catch {
      // Not running (any more): only the folder is left.
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  process.once("exit", cleanupOnExit);
  watchdog(dir, data);
  try {
    await runIn(dir, asServerUser(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "modelgap", "--locale=C", "-E", "UTF8", "--no-sync"]));
    appendFileSync(
      join(data, "postgresql.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir.replaceAll("'", "''")}'`,
        // A benchmark keeps PostgreSQL's defaults (every commit flushed), to compare with SQLite's synchronous=FULL.
        ...(durable ? [] : ["fsync = off", "full_page_writes = off"]),
        // Each test file's app holds a pool, and forks run side by side: the default 100 runs out.
        "max_connections = 200",
        "",
      ].join("\n"),
    );
    const port = await startOnFreePort(dir, bin, data, log, asServerUser);
    let stopped = false;
    return {
      url: `postgres://modelgap@127.0.0.1:${port}/postgres`,
      dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener("exit", cleanupOnExit);
        try {
          await runIn(dir, pgCtlStop);
        } finally {
          rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
        }
      },
    };
  } catch (error) {
    process.removeListener("exit", cleanupOnExit);
    cleanupOnExit();
    throw error;
  }
}

/** A new empty database (or a copy of `template`) on the server at `baseUrl`; `drop` removes it, connections and all. */
export async function createTestDatabase(baseUrl: string, template = process.env.MODELGAP_PG_TEMPLATE || undefined) {
  const name = `t_${randomBytes(8).toString("hex")}`;
  const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : "";
  await withClient(baseUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await withClient(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

type Command = { file: string; args: string[] };

/** PostgreSQL refuses to run as root: then its commands run as the Debian package's `postgres` user, owning `dir`. */
function serverUserCommand(dir: string): (file: string, args: string[]) => Command {
  if (process.getuid?.() !== 0) return (file, args) => ({ file, args });
  let uid: number, gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", SERVER_USER], { encoding: "utf8" }));
    gid = Number(execFileSync("id", ["-g", SERVER_USER], { encoding: "utf8" }));
  } catch {
    throw new Error(`Running as root, and PostgreSQL will not: there is no user ${SERVER_USER} to run it as (run \`sudo apt-get install -y postgresql\`).`);
  }
  chownSync(dir, uid, gid);
  return (file, args) => ({ file: "runuser", args: ["-u", SERVER_USER, "--", file, ...args] });
}

/** Without the caller's PG* variables (PGPORT, PGDATA... would override our flags), in English for the log. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C" };
  for (const key of Object.keys(env)) if (key.startsWith("PG")) delete env[key];
  return env;
}

async function runIn(dir: string, { file, args }: Command): Promise<string> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: dir, env: serverEnv(), maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[file, ...args].join(" ")} failed: ${(error as Error).message}\n${stdout}${stderr}`);
  }
}

/** The free port can be taken between our probe and postgres binding it: then try another. */
async function startOnFreePort(dir: string, bin: string, data: string, log: string, as: (file: string, args: string[]) => Command) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      // -t: on a busy machine the first start (shared memory, recovery check) can take well over pg_ctl's default 60 s.
      await runIn(dir, as(join(bin, "pg_ctl"), ["start", "-D", data, "-l", log, "-w", "-t", "180", "-o", `-p ${port}`]));
      return port;
    } catch (error) {
      const output = existsSync(log) ? readFileSync(log, "utf8") : "";
      if (attempt < 3 && /could not bind|address already in use/i.test(output)) continue;
      throw new Error(`${(error as Error).message}\n--- ${log} ---\n${output}`);
    }
  }
}

/**
 * If this process dies without running its exit handlers (SIGKILL, a crash in native code), a detached
 * shell notices within a second, shuts the server down and removes its folder. It ends with the folder.
 */
function watchdog(dir: string, data: string) {
  const script = [
    'while kill -0 "$1" 2>/dev/null && [ -d "$2" ]; do sleep 1; done',
    '[ -d "$2" ] || exit 0',
    'pid=$(head -n 1 "$3/postmaster.pid" 2>/dev/null)',
    'if [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null; then while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; fi',
    'rm -rf "$2"',
  ].join("\n");
  spawn("sh", ["-c", script, "postgres-watchdog", String(process.pid), dir, data], { detached: true, stdio: "ignore" }).unref();
}
