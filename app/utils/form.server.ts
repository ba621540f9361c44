import type { z } from "zod";
import { problem } from "./problem";

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

const BASE = "http://modelgap.invalid";

/**
 * Only paths on this site: a crafted link cannot send a person elsewhere after
 * signing in. The target is read the way a browser reads a Location header
 * (tabs and newlines dropped, backslashes as slashes, dot segments resolved),
 * and the result is re-serialised, so it is plain ASCII that always stays on
 * this origin and never loops back to the sign-in page.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/orgs"): string {
  if (typeof target !== "string" || target.length > 2048 || !target.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil" resolves to "//evil", which a browser would read as another host.
  if (url.origin !== BASE || path.startsWith("//") || /^\/log(in|out)(\.data)?$/.test(url.pathname)) return fallback;
  return path;
}

/**
 * The posted form, or a 415 saying how to send one: `request.formData()` throws on a JSON body or a
 * malformed multipart body, which would otherwise surface as a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    problem(415, "Send this as a web form", "This address takes a form post (application/x-www-form-urlencoded or multipart/form-data). Submit the page's form, or send the fields in one of those encodings.");
  }
  // No field of ours takes a NUL character (PostgreSQL cannot store one in text): refused here for every form alike.
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && value.includes("\0")) problem(400, "A field holds a character that cannot be saved", `The field "${name}" contains a NUL character (\\0). Remove it and send the form again.`);
  }
  return form;
}
