import { createCookie, type AppLoadContext, type Cookie } from "@remix-run/node";
import { createSession, deleteSession, findUser, readSession, toSessionUser, type SessionUser } from "~/models/users.server";

export const SESSION_HOURS = 12;

const cookies = new Map<string, Cookie>();

/** The session cookie: httpOnly, sameSite=lax, Secure in production, signed with the session secret. */
function sessionCookie(context: AppLoadContext): Cookie {
  const { sessionSecret, secureCookies } = context.config;
  if (!sessionSecret) throw new Error("No session secret: start the app through app/server/start.ts");
  const key = `${secureCookies}:${sessionSecret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    cookie = createCookie("mg_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookies,
      path: "/",
      maxAge: SESSION_HOURS * 60 * 60,
      secrets: [sessionSecret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

async function sessionId(request: Request, context: AppLoadContext): Promise<string | undefined> {
  const value: unknown = await sessionCookie(context).parse(request.headers.get("cookie"));
  return typeof value === "string" ? value : undefined;
}

export async function getUser(request: Request, context: AppLoadContext): Promise<SessionUser | null> {
  const id = await sessionId(request, context);
  const userId = id ? await readSession(context.db, id) : undefined;
  const user = userId ? await findUser(context.db, userId) : undefined;
  return user ? await toSessionUser(context.db, user) : null;
}

/** Signs in with a fresh session id (the old one, if any, is deleted): a session fixed before sign-in is worthless. */
export async function startSession(request: Request, context: AppLoadContext, userId: string): Promise<string> {
  const previous = await sessionId(request, context);
  if (previous) await deleteSession(context.db, previous);
  const id = await createSession(context.db, userId, new Date(Date.now() + SESSION_HOURS * 60 * 60 * 1000));
  return sessionCookie(context).serialize(id);
}

/** Signs out on the server: the session row is deleted, so a copied cookie no longer works either. */
export async function endSession(request: Request, context: AppLoadContext): Promise<string> {
  const id = await sessionId(request, context);
  if (id) await deleteSession(context.db, id);
  return sessionCookie(context).serialize("", { maxAge: 0 });
}
