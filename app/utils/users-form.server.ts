import { randomBytes } from "node:crypto";
import { passwordSchema } from "~/domain/access/users";
import { passwordWeakness } from "./password.server";

/**
 * An admin may leave the password empty: a strong one is generated and shown
 * once. A typed one must be long enough and hard to guess (judged against the
 * person's email and name too).
 */
export async function chosenOrGeneratedPassword(
  value: FormDataEntryValue | null,
  person: (string | null | undefined)[] = [],
): Promise<{ password: string; generated: boolean } | { error: string }> {
  const typed = typeof value === "string" ? value : "";
  if (typed === "") return { password: randomBytes(12).toString("base64url"), generated: true };
  const parsed = passwordSchema.safeParse(typed);
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  const weakness = await passwordWeakness(parsed.data, person);
  return weakness ? { error: weakness } : { password: parsed.data, generated: false };
}
