import { dirname, join } from "node:path";
import { isIP } from "node:net";
import { z } from "zod";
import type { DatabaseLocation } from "~db/client";
import { parseDatabaseUrl } from "~db/dialect";

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];

/** An address or subnet (10.0.0.0/8, fd00::/8) as Express's `trust proxy` takes them. */
function isAddressOrSubnet(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const version = isIP(address ?? "");
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: "off" (default: the connection's own address counts), a number
 * of proxies in front of the app, or the proxies' addresses. Never "every
 * forwarder": then any client could name its own address in X-Forwarded-For
 * and walk past every limit.
 */
const trustProxySchema = z
  .string()
  .trim()
  .toLowerCase()
  .default("off")
  .transform((value, ctx): false | number | string[] => {
    if (["off", "false", "no", "0"].includes(value)) return false;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 10) return hops;
      ctx.addIssue({ code: "custom", message: "TRUST_PROXY: give at most 10 proxies" });
      return z.NEVER;
    }
    if (["true", "on", "yes", "all", "*"].includes(value)) {
      ctx.addIssue({
        code: "custom",
        message:
          "TRUST_PROXY: trusting every forwarder lets any client choose its own address; give the number of proxies in front of the app (e.g. 1) or their addresses (e.g. loopback or 10.0.0.5)",
      });
      return z.NEVER;
    }
    const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
    const bad = entries.filter((entry) => !isAddressOrSubnet(entry));
    if (entries.length === 0 || bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `TRUST_PROXY: "${bad.join(", ") || value}" is not off, a number of proxies, or a list of proxy addresses (IP, IP/prefix, loopback, linklocal, uniquelocal)`,
      });
      return z.NEVER;
    }
    return entries;
  });

const limitSchema = (name: string, fallback: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "PORT must be a number" })
    .int("PORT must be a whole number")
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_PATH: z.string().trim().min(1, "DATABASE_PATH must not be empty").default("data/modelgap.db"),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseDatabaseUrl(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  BASE_URL: z
    .url({ protocol: /^https?$/, error: "BASE_URL must be an http(s) address such as https://survey.example.org" })
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  MODELGAP_DEMO: z.enum(["seed", "off"], { error: 'MODELGAP_DEMO must be "seed" (default) or "off"' }).default("seed"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters (for example: openssl rand -base64 32)").optional(),
  MODELGAP_DEMO_PASSWORD: z.string().min(10, "MODELGAP_DEMO_PASSWORD must be at least 10 characters").optional(),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// address such as smtps://user:password@mail.example.org:465" })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .max(200, "MAIL_FROM must be at most 200 characters")
    .regex(/^(?:[^\r\n<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'MAIL_FROM must be an address such as "Survey team <survey@example.org>"')
    .optional(),
  OUTBOX_DIR: z.string().trim().min(1).optional(),
  TRUST_PROXY: trustProxySchema,
  OPEN_LINK_BURST_LIMIT: limitSchema("OPEN_LINK_BURST_LIMIT", 30, 100_000),
  OPEN_LINK_BURST_SECONDS: limitSchema("OPEN_LINK_BURST_SECONDS", 10, 3600),
  OPEN_LINK_HOURLY_LIMIT: limitSchema("OPEN_LINK_HOURLY_LIMIT", 300, 1_000_000),
  OPEN_LINK_POSTS_PER_MINUTE: limitSchema("OPEN_LINK_POSTS_PER_MINUTE", 1200, 1_000_000),
});

/**
 * Limits per client address and level on an open link. Starts and submissions
 * (each may create a response) share the burst and hourly limits; every POST
 * under the link (autosaves, pages) counts towards the per-minute one.
 */
export interface OpenLinkLimits {
  burst: { limit: number; windowMs: number };
  hourly: number;
  postsPerMinute: number;
}

export interface AppConfig {
  mode: "development" | "production" | "test";
  port: number;
  host: string;
  /** DATABASE_PATH: the SQLite file, and the folder beside which the outbox and a generated session secret live. */
  databasePath: string;
  /** What openDatabase opens: the PostgreSQL URL when DATABASE_URL is set, else the SQLite file. */
  database: DatabaseLocation;
  /** Where respondents reach the app; links printed by the CLI and shown to facilitators start with it. */
  baseUrl: string;
  seedDemo: boolean;
  secureCookies: boolean;
  /** From SESSION_SECRET (the server requires it with DATABASE_URL); when unset on SQLite, start-up fills it from a generated file beside the database. */
  sessionSecret?: string;
  demoPassword?: string;
  mail: MailConfig;
  /** Express's `trust proxy`: false, a number of proxies, or their addresses. */
  trustProxy: false | number | string[];
  openLinkLimits: OpenLinkLimits;
}

/** How the app sends invitations and reminders: through SMTP when SMTP_URL is set, else into a private outbox folder. */
export interface MailConfig {
  smtpUrl: string | null;
  from: string;
  /** Where messages are written as .eml files when there is no SMTP server (created with the first message). */
  outboxDir: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join("\n")}\nFix the variable(s) above, or unset them to use the defaults.`);
  }
  const e = parsed.data;
  const baseUrl = e.BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    mode: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { path: e.DATABASE_PATH },
    baseUrl,
    seedDemo: e.MODELGAP_DEMO === "seed",
    secureCookies: e.NODE_ENV === "production" && cookiesCanBeSecure(baseUrl),
    sessionSecret: e.SESSION_SECRET,
    demoPassword: e.MODELGAP_DEMO_PASSWORD,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? `ModelGap <modelgap@${mailDomain(baseUrl)}>`,
      outboxDir: e.OUTBOX_DIR ?? join(dirname(e.DATABASE_PATH), "outbox"),
    },
    trustProxy: e.TRUST_PROXY,
    openLinkLimits: {
      burst: { limit: e.OPEN_LINK_BURST_LIMIT, windowMs: e.OPEN_LINK_BURST_SECONDS * 1000 },
      hourly: e.OPEN_LINK_HOURLY_LIMIT,
      postsPerMinute: e.OPEN_LINK_POSTS_PER_MINUTE,
    },
  };
}

/**
 * Browsers keep Secure cookies on https and on localhost only. A production
 * server reached over plain http on another host could never keep a session,
 * so the flag follows the public address instead of failing silently.
 */
function cookiesCanBeSecure(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  return url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** The public host, as a sender domain; "localhost" is not a valid one for mail, so it becomes localhost.localdomain. */
function mailDomain(baseUrl: string): string {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, "");
  return host.includes(".") && !/^[\d.]+$/.test(host) ? host : "localhost.localdomain";
}
