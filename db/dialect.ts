import { z } from "zod";

/**
 * The one place that chooses the database: PostgreSQL when DATABASE_URL is set, else SQLite at DATABASE_PATH.
 * Read once, at import, because the schema module hands models the tables of this dialect.
 */
export type Dialect = "sqlite" | "pg";

const databaseUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\/[^\s]+$/, "DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/modelgap (or unset it to use SQLite at DATABASE_PATH)");

/** The validated DATABASE_URL, or undefined when unset or empty; a malformed one stops the process with the reason. */
export function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const parsed = databaseUrl.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "DATABASE_URL is not a PostgreSQL URL");
  return parsed.data;
}

export const DIALECT: Dialect = parseDatabaseUrl(process.env.DATABASE_URL) ? "pg" : "sqlite";

/** A URL fit for logs and messages: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    // The driver also takes a password as a parameter (?password=..., ?sslpassword=...).
    for (const name of [...parsed.searchParams.keys()]) if (/pass/i.test(name)) parsed.searchParams.set(name, "***");
    return parsed.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}
