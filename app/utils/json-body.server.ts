import type { z } from "zod";
import { describeIssues } from "~/domain/instrument/answers";
import { parseUntrustedJson } from "~/domain/json";
import type { Problem } from "./problem";

export type JsonBody<T> = { ok: true; value: T } | { ok: false; status: number; problem: Problem };

/** Reads a JSON request body and validates it: bad input is a 4xx with a message saying what to fix. */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<JsonBody<z.infer<T>>> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
    return { ok: false, status: 415, problem: { title: "Send JSON", message: "This address takes a JSON body (content-type: application/json)." } };
  }
  let body: unknown;
  const text = await request.text();
  // A NUL character (raw, or escaped as \u0000) is in no valid answer, and PostgreSQL cannot store one in text.
  if (/\0|\\u0000/i.test(text)) {
    return { ok: false, status: 400, problem: { title: "The request body holds a character that cannot be saved", message: "Remove the NUL character (\\u0000) and send it again." } };
  }
  try {
    body = parseUntrustedJson(text);
  } catch (error) {
    const reason = error instanceof SyntaxError && error.message.includes("__proto__") ? ` (${error.message})` : "";
    return { ok: false, status: 400, problem: { title: "The request body is not valid JSON", message: `Send a JSON object${reason}.` } };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, status: 422, problem: { title: "Some answers could not be accepted", message: describeIssues(parsed.error).join("\n") } };
  }
  return { ok: true, value: parsed.data };
}
