import { createCookie, type AppLoadContext } from "@remix-run/node";
import type { Db } from "~db/client";
import { findUserByEmail } from "~/models/users.server";
import { plural } from "./format";
import { verifyNothing, verifyPassword } from "./password.server";
import { DatabaseStore, Limit, type Clock } from "./rate-limit.server";

const MINUTE = 60_000;

/**
 * Three limits, each counted before the password hash is computed (so
 * parallel guesses cannot all slip in before the first is counted):
 * - per address: failed sign-ins from one address, whatever the account
 *   (express-rate-limit middleware in front of the sign-in route);
 * - per account and address: wrong passwords for one account from one address,
 *   which stops a guesser without locking out the real person elsewhere;
 * - per account, from any address: only slows a guesser spread over many
 *   addresses (a one-minute window), and never applies to a browser that has
 *   signed in to that account before.
 */
export const SIGN_IN_LIMITS = {
  address: { limit: 50, windowMs: 15 * MINUTE },
  accountAddress: { limit: 5, windowMs: 15 * MINUTE },
  account: { limit: 10, windowMs: MINUTE },
} as const;

export interface SignInLimits {
  accountAddress: Limit;
  account: Limit;
}

export function createSignInLimits(db: Db, secret: string, clock?: Clock): SignInLimits {
  const limit = (prefix: string, { limit, windowMs }: { limit: number; windowMs: number }) =>
    new Limit(new DatabaseStore({ db, prefix, secret, clock, windowMs }), limit);
  return { accountAddress: limit("signin-account-address", SIGN_IN_LIMITS.accountAddress), account: limit("signin-account", SIGN_IN_LIMITS.account) };
}

/** "40 seconds", "12 minutes": how long to wait, as a person reads it. */
export function waitFor(seconds: number): string {
  return seconds < 60 ? plural(Math.max(1, seconds), "second") : plural(Math.ceil(seconds / 60), "minute");
}

/** A browser that has signed in to an account before: a signed cookie naming the account ids, so nobody can forge one. */
function knownDeviceCookie(secret: string, secure: boolean) {
  return createCookie("mg_known", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 180 * 24 * 60 * 60, secrets: [secret] });
}

export async function knownAccounts(cookieHeader: string | null | undefined, secret: string, secure: boolean): Promise<string[]> {
  if (!cookieHeader) return [];
  const value: unknown = await knownDeviceCookie(secret, secure).parse(cookieHeader);
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
}

export type SignInResult =
  | { ok: true; userId: string; knownDeviceCookie: string }
  | { ok: false; status: 401 | 429; message: string; retryAfterSeconds?: number };

const refused = (message: string, retryAfterSeconds: number): SignInResult => ({ ok: false, status: 429, message, retryAfterSeconds });
const ASK_ADMIN = "or ask an administrator to set a new password";

export async function checkCredentials(context: AppLoadContext, request: Request, email: string, password: string): Promise<SignInResult> {
  const { db, config, signInLimits: limits } = context;
  const secret = config.sessionSecret!;
  if (context.signInRefusal) {
    return refused(`Too many failed sign-ins from your network. Try again in ${waitFor(context.signInRefusal.retryAfterSeconds)}, ${ASK_ADMIN}.`, context.signInRefusal.retryAfterSeconds);
  }
  const user = await findUserByEmail(db, email);
  const known = await knownAccounts(request.headers.get("cookie"), secret, config.secureCookies);
  const trusted = user !== undefined && known.includes(user.id);
  const pairKey = `${email}\u0000${context.clientAddress}`;
  const pair = await limits.accountAddress.take(pairKey);
  if (!pair.ok) return refused(`Too many wrong passwords for this account from here. Try again in ${waitFor(pair.retryAfterSeconds)}, ${ASK_ADMIN}.`, pair.retryAfterSeconds);
  if (!trusted) {
    const account = await limits.account.take(email);
    if (!account.ok) {
      return refused(
        `Many sign-in attempts for this account are arriving at once. Try again in ${waitFor(account.retryAfterSeconds)}; a browser you have signed in with before is not held back.`,
        account.retryAfterSeconds,
      );
    }
  }
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyNothing(password);
  if (!user || !valid) return { ok: false, status: 401, message: "That email and password do not match an account. Check both and try again." };
  await limits.accountAddress.clear(pairKey);
  if (!trusted) await limits.account.giveBack(email);
  const remembered = [user.id, ...known.filter((id) => id !== user.id)].slice(0, 5);
  return { ok: true, userId: user.id, knownDeviceCookie: await knownDeviceCookie(secret, config.secureCookies).serialize(remembered) };
}
