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
