import { createHmac } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit, ipKeyGenerator, type RateLimitInfo } from "express-rate-limit";
import type { Db } from "~db/client";
import { findJourney } from "~/models/journey.server";
import { deleteArrivalsBefore, findOpenLinkLevel, recordArrival, recordRefusal } from "~/models/open-links.server";
import { findResponseByResumeToken } from "~/models/responses.server";
import type { OpenLinkLimits } from "~/utils/config.server";
import { waitFor } from "~/utils/sign-in.server";
import { DatabaseStore, type Clock } from "~/utils/rate-limit.server";
import { clientAddress } from "./client-address";
import { refuseTooMany } from "./refusals";

/** What an open-link POST may do: start a response, submit one, or anything else under the link (autosave, pages). */
export type OpenLinkAction = "start" | "submit" | "other";

interface OpenLinkRequest {
  token: string;
  roundId: string;
  levelId: number;
  action: OpenLinkAction;
  addressHash: string;
  key: string;
}

/** `/r/<token>`, `/r/<token>/survey` and anything else under a link, with or without Remix's `.data` suffix. */
export function classifyRespondentPath(path: string): { token: string; action: OpenLinkAction } | undefined {
  const match = /^\/r\/([^/]+?)(?:\/(.+?))?(?:\.data)?$/.exec(path);
  if (!match) return undefined;
  const [, token, rest] = match;
  return { token: token!, action: rest === undefined ? "start" : rest === "survey" ? "submit" : "other" };
}

const ARRIVALS_KEPT_MS = 60 * 60 * 1000;

/**
 * Limits per client address and level on open level links (personal
 * invitation links are not limited here): starts and submissions, which may
 * each create a response, share a short burst limit and an hourly one; every
 * POST under the link counts towards a generous per-minute limit. A refused
 * request is recorded for the facilitator (per minute, address hashed), and
 * what that address got submitted on the level just before is held out of the
 * report. Runs before Remix, so the respondent routes need not know.
 */
export function openLinkLimits({ db, counters, secret, clock, limits }: { db: Db; counters: Db; secret: string; clock: Clock; limits: OpenLinkLimits }): RequestHandler[] {
  const hashAddress = (address: string) => createHmac("sha256", secret).update(`address:${address}`).digest("base64url").slice(0, 22);
  const current = (res: Response) => res.locals.openLink as OpenLinkRequest | undefined;
  let arrivalsSinceSweep = 0;

  const recognise: RequestHandler = (req, res, next) => {
    if (req.method !== "POST") return next();
    const path = classifyRespondentPath(req.path);
    if (!path) return next();
    void (async () => {
      const level = await findOpenLinkLevel(db, path.token);
      if (!level) return next();
      const continues = await continuesResponse(req.headers.cookie, level.levelId);
      const address = clientAddress(req);
      // A post under the link from a browser that already holds a response of this level (every Next, Back,
      // background save and the final Submit) cannot create another one. Any other post under the link can
      // (a page, a save or a JSON submission without that cookie starts a response), so it counts as one.
      const action: OpenLinkAction = path.action === "start" ? "start" : continues ? "other" : "submit";
      const openLink: OpenLinkRequest = { ...path, action, ...level, addressHash: hashAddress(address), key: `${ipKeyGenerator(address, 56)}|${level.levelId}` };
      res.locals.openLink = openLink;
      res.once("finish", () => noteArrival(req, res, openLink));
      next();
    })().catch(next);
  };

  /** Whether the request's resume cookie for the level names a response that exists (a draft or a submitted one). */
  async function continuesResponse(cookieHeader: string | undefined, levelId: number): Promise<boolean> {
    if (!cookieHeader) return false;
    const value: unknown = await createCookie(`mg_resume_${levelId}`).parse(cookieHeader);
    return typeof value === "string" && value.length > 0 && (await findResponseByResumeToken(db, levelId, value)) !== undefined;
  }

  /** After an accepted request: which response it created or submitted (from the resume cookie the journey set). */
  function noteArrival(req: Request, res: Response, openLink: OpenLinkRequest) {
    if (res.locals.refused || res.statusCode >= 400) return;
    void resumeTokenSet(res, openLink.levelId)
      .then(async (resumeToken) => {
        if (!resumeToken) return;
        const response = await findResponseByResumeToken(db, openLink.levelId, resumeToken);
        if (!response) return;
        const now = clock();
        await recordArrival(counters, { levelId: openLink.levelId, addressHash: openLink.addressHash }, response.id, now);
        if (++arrivalsSinceSweep >= 200) {
          arrivalsSinceSweep = 0;
          await deleteArrivalsBefore(counters, now - ARRIVALS_KEPT_MS);
        }
      })
      .catch((error: Error) => console.error(`Could not note an open-link arrival (${req.path}): ${error.message}`));
  }

  const limiter = (name: string, windowMs: number, limit: number, counts: (action: OpenLinkAction) => boolean) => {
    const store = new DatabaseStore({ db: counters, prefix: `open-link-${name}`, secret, clock });
    const requestPropertyName = `openLinkLimit_${name}`;
    return rateLimit({
      store,
      windowMs,
      limit,
      legacyHeaders: false,
      standardHeaders: false,
      requestPropertyName,
      skip: (_req, res) => res.locals.refused === true || !current(res) || !counts(current(res)!.action),
      keyGenerator: (_req, res) => current(res)!.key,
      handler: async (req: Request, res: Response, next: NextFunction) => {
        const openLink = current(res)!;
        const info = (req as unknown as Record<string, RateLimitInfo>)[requestPropertyName]!;
        const windowStart = (info.resetTime?.getTime() ?? clock()) - windowMs;
        await recordRefusal(counters, { ...openLink, at: clock(), since: windowStart - limits.burst.windowMs });
        const retry = store.secondsUntil(info.resetTime);
        refuseTooMany(req, res, next, retry, `Too many requests from your network for this survey. Wait ${waitFor(retry)}, then try again; answers already saved are kept.`);
      },
    });
  };

  const creates = (action: OpenLinkAction) => action !== "other";
  return [
    recognise,
    limiter("posts", 60_000, limits.postsPerMinute, () => true),
    limiter("burst", limits.burst.windowMs, limits.burst.limit, creates),
    limiter("hourly", 60 * 60_000, limits.hourly, creates),
  ];
}

/** The resume token this response gave the browser for the level (the journey's cookie), if it set one. */
async function resumeTokenSet(res: Response, levelId: number): Promise<string | undefined> {
  const name = `mg_resume_${levelId}`;
  const header = res.getHeader("set-cookie");
  const cookies = Array.isArray(header) ? header : typeof header === "string" ? [header] : [];
  const pair = cookies.map((cookie) => cookie.split(";")[0]!).find((cookie) => cookie.startsWith(`${name}=`));
  if (!pair) return undefined;
  const value: unknown = await createCookie(name).parse(pair);
  return typeof value === "string" ? value : undefined;
}
