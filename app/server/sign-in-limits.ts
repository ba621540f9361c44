import type { NextFunction, Request, Response } from "express";
import { ipKeyGenerator, rateLimit, type RateLimitInfo } from "express-rate-limit";
import type { Db } from "~db/client";
import { DatabaseStore, type Clock } from "~/utils/rate-limit.server";
import { knownAccounts, SIGN_IN_LIMITS } from "~/utils/sign-in.server";
import { clientAddress } from "./client-address";

const PROPERTY = "signInAddressLimit";

/**
 * Failed sign-ins per client address, whatever the account: counted when the
 * request arrives (before any password is hashed) and given back when the
 * sign-in succeeds. A refusal does not answer here: it is handed to the
 * sign-in page, which says when to try again, with or without JavaScript.
 * A browser that has signed in before is not counted, so a guesser on a
 * shared address cannot lock its regular users out.
 */
export function signInAddressLimit({ db, secret, clock, secureCookies }: { db: Db; secret: string; clock: Clock; secureCookies: boolean }) {
  const store = new DatabaseStore({ db, prefix: "signin-address", secret, clock });
  return rateLimit({
    store,
    windowMs: SIGN_IN_LIMITS.address.windowMs,
    limit: SIGN_IN_LIMITS.address.limit,
    skipSuccessfulRequests: true,
    legacyHeaders: false,
    standardHeaders: false,
    requestPropertyName: PROPERTY,
    skip: async (req) =>
      req.method !== "POST" || !/^\/login(\.data)?$/.test(req.path) || (await knownAccounts(req.get("cookie"), secret, secureCookies)).length > 0,
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req), 56),
    handler: (req: Request, res: Response, next: NextFunction) => {
      const info = (req as unknown as Record<string, RateLimitInfo>)[PROPERTY]!;
      res.locals.signInRefusal = { retryAfterSeconds: store.secondsUntil(info.resetTime) };
      next();
    },
  });
}
