import type { NextFunction, Request, Response } from "express";

/** Bodies above these sizes are refused before anything reads them. A survey's answers are a few kilobytes. */
export const BODY_LIMITS = [
  { prefix: "/r/", bytes: 64 * 1024 },
  { prefix: "/", bytes: 1024 * 1024 },
] as const;

export function limitFor(path: string): number {
  return BODY_LIMITS.find((limit) => path.startsWith(limit.prefix))!.bytes;
}

const wantsJson = (req: Request) => (req.get("content-type") ?? "").includes("json") || (req.get("accept") ?? "").includes("json");

/** A refusal in the form the caller reads: JSON for programs and autosave, text otherwise. */
export function refuse(req: Request, res: Response, status: number, title: string, message: string) {
  if (wantsJson(req)) res.status(status).json({ title, message });
  else res.status(status).type("text/plain").send(`${title}. ${message}`);
}

/** Unsafe methods must come from our own pages: a cross-site form post is refused (with the sameSite cookie, our CSRF guard). */
export function sameOrigin(req: Request, res: Response, next: NextFunction) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  // Browsers send Origin with every POST; programs such as curl send none and carry no ambient cookies to abuse.
  if (origin !== undefined && originHost(origin) !== req.get("host")) {
    return refuse(req, res, 403, "Refused", "This request came from another site. Reload the page and try again.");
  }
  next();
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, file:) is never our own page
  }
}

/**
 * Refuses oversized bodies. A body without a declared length (chunked) is
 * refused too: browsers always declare one for forms and JSON, and an
 * undeclared stream could not be measured before Remix reads it.
 */
export function bodyLimit(req: Request, res: Response, next: NextFunction) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const declared = req.get("content-length");
  if (declared === undefined && req.get("transfer-encoding")) {
    return refuse(req, res, 411, "Length required", "Send the request with a Content-Length header.");
  }
  const limit = limitFor(req.path);
  if (Number(declared ?? 0) > limit) {
    return refuse(req, res, 413, "Too large", `This request is ${Number(declared)} bytes; the limit here is ${limit / 1024} KB. Send less at once.`);
  }
  next();
}

/**
 * A path whose percent-encoding does not decode (`/r/%E0%A4%A`) names no page:
 * it gets a 400 with a message here, instead of failing deep inside routing.
 */
export function wellFormedPath(req: Request, res: Response, next: NextFunction) {
  try {
    decodeURIComponent(req.path);
  } catch {
    return refuse(req, res, 400, "This address is not valid", "Part of it is garbled. Check the link you followed, or copy it again from where you found it.");
  }
  // No address of ours holds a NUL character, and PostgreSQL refuses it in text: answer here, not with a failed query.
  if (/%00/i.test(req.originalUrl)) {
    return refuse(req, res, 400, "This address is not valid", "It contains a character no link of ours has. Check the link you followed, or copy it again from where you found it.");
  }
  next();
}
