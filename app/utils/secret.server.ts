import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConfigError, type AppConfig } from "./config.server";

/**
 * SESSION_SECRET signs session cookies. Without it, a secret is generated once
 * and kept beside the database (data/session-secret, readable by the owner
 * only), so `npm start` works out of the box and sessions survive restarts.
 * On PostgreSQL SESSION_SECRET is required: several instances share the data.
 */
export function resolveSessionSecret(config: AppConfig): { secret: string; generated: string | null } {
  if (config.sessionSecret) return { secret: config.sessionSecret, generated: null };
  // A file on one instance's disk would sign cookies no other instance accepts. (The CLI signs nothing, so only the server asks.)
  if ("url" in config.database) {
    throw new ConfigError(
      "Invalid environment:\n  - SESSION_SECRET: required when DATABASE_URL is set; set the same SESSION_SECRET (at least 32 characters, for example: openssl rand -base64 32) on every instance that shares the database",
    );
  }
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
