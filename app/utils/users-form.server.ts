import { randomBytes } from "node:crypto";
import { passwordSchema } from "~/domain/access/users";

/** An admin may leave the password empty: a strong one is generated and shown once. */
export function chosenOrGeneratedPassword(value: FormDataEntryValue | null): { password: string; generated: boolean } | { error: string } {
  const typed = typeof value === "string" ? value : "";
  if (typed === "") return { password: randomBytes(12).toString("base64url"), generated: true };
  const parsed = passwordSchema.safeParse(typed);
  return parsed.success ? { password: parsed.data, generated: false } : { error: parsed.error.issues[0]!.message };
}
