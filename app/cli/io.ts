import { openDatabase, type DatabaseHandle } from "~db/client";
import { loadConfig, type AppConfig } from "~/utils/config.server";

/** What a command may touch: output streams, configuration and (opened on first use) the database. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  stdin: () => Promise<string>;
  config(): AppConfig;
  database(): Promise<DatabaseHandle>;
  close(): Promise<void>;
}

/** A failure the person can fix: printed as one clear message, exit code 1, nothing written. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export function createIO(overrides: Partial<Pick<CliIO, "stdout" | "stderr" | "env" | "stdin">> = {}): CliIO {
  const env = overrides.env ?? process.env;
  let config: AppConfig | undefined;
  let handle: Promise<DatabaseHandle> | undefined;
  const io: CliIO = {
    stdout: overrides.stdout ?? ((text) => process.stdout.write(text)),
    stderr: overrides.stderr ?? ((text) => process.stderr.write(text)),
    env,
    stdin: overrides.stdin ?? readStdin,
    config: () => (config ??= loadConfig(env)),
    // The promise is kept, not the handle, so two calls before the first open finishes share one database.
    database: () => (handle ??= openDatabase(io.config().database)),
    close: async () => {
      // An open that failed has nothing to close, and its error was already reported by the command that awaited it.
      const opened = await handle?.catch(() => undefined);
      await opened?.close();
    },
  };
  return io;
}

/** A name as messages show it: quoted, with control characters escaped, so a name can never rewrite the terminal. */
export function quoted(value: string): string {
  return JSON.stringify(value);
}

/** A text file's content without a leading UTF-8 byte-order mark (spreadsheets and Windows editors write one). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function printJson(io: CliIO, value: unknown) {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
