import type { z } from "zod";
import { CliError } from "./io";

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Validates parsed flags with zod, naming the flag in the message (`--min-group: ...`). */
export function parseOptions<T extends z.ZodType>(schema: T, raw: unknown, flags: Record<string, string> = {}): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    return `${flags[key] ?? flagName(key)}: ${issue.message}`;
  });
  throw new CliError(lines.join("\n"));
}
