import type { z } from "zod";

/** Field errors keyed by field name, for messages beside the fields. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Only same-site paths: a crafted link cannot send a person elsewhere after signing in. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/orgs"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
