import type { NextFunction, Request, Response } from "express";

/** The Remix route that renders a 429 page (and, for Remix's own `.data` requests, a 429 its client understands). */
export const TOO_MANY_REQUESTS_PATH = "/too-many-requests";

const wantsJson = (req: Request) => {
  const accept = req.get("accept") ?? "";
  return (req.get("content-type") ?? "").includes("json") || (accept.includes("json") && !accept.includes("text/html"));
};

/**
 * Answers a request a limit refused, in the form its sender reads: JSON for
 * programs and the survey's autosave; for a browser, the app's own 429 page,
 * rendered by Remix (a form posted without JavaScript gets HTML, and a Remix
 * `.data` request gets an error its client shows on the page).
 */
export function refuseTooMany(req: Request, res: Response, next: NextFunction, retryAfterSeconds: number, message: string) {
  res.setHeader("Retry-After", String(retryAfterSeconds));
  res.setHeader("Cache-Control", "no-store");
  if (!req.path.endsWith(".data") && wantsJson(req)) {
    res.status(429).json({ title: "Too many requests", message, retryAfterSeconds });
    return;
  }
  const target = `${TOO_MANY_REQUESTS_PATH}${req.path.endsWith(".data") ? ".data" : ""}?${new URLSearchParams({ retry: String(retryAfterSeconds) })}`;
  // Remix reads originalUrl; Express routes by url.
  req.url = target;
  req.originalUrl = target;
  res.locals.refused = true;
  next();
}
