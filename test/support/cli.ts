import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { runCli } from "~/cli/program";
import { createIO } from "~/cli/io";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the CLI in this process against the given database. */
export async function cli(args: string[], env: Record<string, string>, stdin = ""): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = createIO({
    env,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdin: async () => stdin,
  });
  const code = await runCli(args, io);
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** Runs `npm run modelgap -- ...` as a real process, as users and scripts do. */
export async function cliProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  const run = promisify(execFile);
  try {
    // A clean environment: the test runner's own variables (vitest sets BASE_URL, MODE...) must not leak in.
    const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env };
    const { stdout, stderr } = await run("npm", ["run", "-s", "modelgap", "--", ...args], { env: clean });
    return { code: 0, stdout, stderr, json: () => JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr, json: () => JSON.parse(failed.stdout) };
  }
}
