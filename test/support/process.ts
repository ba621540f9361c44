import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

/** The Node flags of `npm start` (package.json is their one source), so tests run what users run. */
export function startFlags(): string[] {
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  const flags = /node ((?:--\S+ ?)*)build\/start\.js/.exec(start)?.[1];
  if (flags === undefined) throw new Error('package.json\'s start script no longer runs "node ... build/start.js"');
  return flags.split(" ").filter(Boolean);
}

/** A port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the output once `pattern` appears in it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
}

/** Starts the built production server as `npm start` does (after its build) as a real process. */
export function startAppProcess(env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, [...startFlags(), "build/start.js"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const heard = () => listeners.forEach((listener) => listener());
  child.stdout!.on("data", (chunk) => ((output += chunk), heard()));
  child.stderr!.on("data", (chunk) => ((output += chunk), heard()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => (resolve(code), heard())));
  return {
    child,
    exited,
    output: () => output,
    // Waits for the output itself (no polling), with a deadline generous enough for a busy machine.
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) return finish(() => resolve(output));
          if (child.exitCode !== null || child.signalCode !== null) return finish(() => reject(new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${pattern}:\n${output}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s:\n${output}`))), timeoutMs);
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
