import type { AppLoadContext } from "@remix-run/node";
import { findUserByEmail } from "~/models/users.server";
import { verifyNothing, verifyPassword } from "./password.server";
import { FailureLimiter } from "./rate-limit.server";

const WINDOW_MS = 15 * 60 * 1000;
/** Five wrong passwords lock an account for a while; twenty lock an address (guessing across accounts). */
const perAccount = new FailureLimiter(5, WINDOW_MS);
const perAddress = new FailureLimiter(20, WINDOW_MS);

export type SignInResult = { ok: true; userId: string } | { ok: false; status: 401 | 429; message: string };

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

export async function checkCredentials(context: AppLoadContext, email: string, password: string): Promise<SignInResult> {
  const accountKey = `account:${email}`;
  const addressKey = `address:${context.clientAddress}`;
  const wait = Math.max(perAccount.retryAfter(accountKey), perAddress.retryAfter(addressKey));
  if (wait > 0) {
    return { ok: false, status: 429, message: `Too many failed sign-ins. Wait ${minutes(wait)} minute${minutes(wait) === 1 ? "" : "s"}, then try again, or ask an administrator to reset your password.` };
  }
  const user = findUserByEmail(context.db, email);
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyNothing(password);
  if (!user || !valid) {
    perAccount.fail(accountKey);
    perAddress.fail(addressKey);
    return { ok: false, status: 401, message: "That email and password do not match an account. Check both and try again." };
  }
  perAccount.clear(accountKey);
  return { ok: true, userId: user.id };
}
