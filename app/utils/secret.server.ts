import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AppConfig } from "./config.server";

/**
 * SESSION_SECRET signs session cookies. Without it, a secret is generated once
 * and kept beside the database (data/session-secret, readable by the owner
 * only), so `npm start` works out of the box and sessions survive restarts.
 */
export function resolveSessionSecret(config: AppConfig): { secret: string; generated: string | null } {
  if (config.sessionSecret) return { secret: config.sessionSecret, generated: null };
  const file = join(dirname(config.databasePath), "session-secret");
  try {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return { secret: stored, generated: null };
  } catch {
    // not there yet
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, generated: file };
}
