import { z } from "zod";

const typedName = z.string().trim().min(1).max(200);

/**
 * An erasure cannot be undone, so it needs the name typed back: a stray click
 * or a replayed request deletes nothing. Compared trimmed and case-insensitively
 * (the point is intent, not typing).
 */
export function confirmationProblem(typed: unknown, name: string, what: "round" | "organisation"): { status: 400 | 422; message: string } | null {
  const parsed = typedName.safeParse(typed);
  if (!parsed.success) return { status: 400, message: `type the ${what}’s name to confirm; nothing was deleted` };
  if (parsed.data.toLocaleLowerCase() !== name.trim().toLocaleLowerCase()) {
    return { status: 422, message: `that is not the ${what}’s name (“${name}”); nothing was deleted` };
  }
  return null;
}
