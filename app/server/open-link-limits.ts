import { createHmac } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { rateLimit, ipKeyGenerator, type RateLimitInfo } from "express-rate-limit";
import type { Db } from "~db/client";
import { findJourney } from "~/models/journey.server";
import { deleteArrivalsBefore, findOpenLinkLevel, recordRefusal, type Arrival } from "~/models/open-links.server";
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
 * The arrival an accepted open-link POST brings, for the load context: the journey notes it in the transaction
 * that creates or submits the response, so a refusal of the same burst can hold it however the two interleave.
 */
export function openLinkArrival(res: Response, clock: Clock): Arrival | undefined {
  const openLink = res.locals.openLink as OpenLinkRequest | undefined;
  return openLink && !res.locals.refused ? { levelId: openLink.levelId, addressHash: openLink.addressHash, at: clock() } : undefined;
}

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
      res.once("finish", () => sweepArrivals(req, res));
      next();
    })().catch(next);
  };

  /** Whether the request's resume cookie for the level names a response that exists (a draft or a submitted one). */
  async function continuesResponse(cookieHeader: string | undefined, levelId: number): Promise<boolean> {
    if (!cookieHeader) return false;
    const value: unknown = await createCookie(`mg_resume_${levelId}`).parse(cookieHeader);
    return typeof value === "string" && value.length > 0 && (await findResponseByResumeToken(db, levelId, value)) !== undefined;
  }

  /** Arrivals only matter for a burst that may follow them: after every 200 open-link posts, older ones are forgotten. */
  function sweepArrivals(req: Request, res: Response) {
    if (res.locals.refused || ++arrivalsSinceSweep < 200) return;
    arrivalsSinceSweep = 0;
    void deleteArrivalsBefore(counters, clock() - ARRIVALS_KEPT_MS).catch((error: Error) => console.error(`Could not forget old open-link arrivals (${req.path}): ${error.message}`));
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
        // Through the main handle: holding responses must queue with submissions and release steps.
        await recordRefusal(db, { ...openLink, at: clock(), since: windowStart - limits.burst.windowMs });
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
