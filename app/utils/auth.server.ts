import { redirect, type AppLoadContext } from "@remix-run/node";
import { decideAccess, type Capability } from "~/domain/access/access";
import { findOrganisation } from "~/models/organisations.server";
import { findRound } from "~/models/rounds.server";
import type { SessionUser } from "~/models/users.server";
import { problem } from "./problem";
import { getUser } from "./session.server";

/** Files and JSON are fetched by programs: they get a 401, not a redirect to a sign-in page. */
function isDataRequest(request: Request): boolean {
  const { pathname } = new URL(request.url);
  return isFileRequest(request) || pathname.endsWith(".data");
}

/** Resource routes (report.json, report.csv, ...) have no page to render an error on. */
function isFileRequest(request: Request): boolean {
  return /\.(json|csv|pptx)$/.test(new URL(request.url).pathname);
}

/**
 * Refuses a request with a status and a message. A file or JSON address gets
 * the message as JSON (Remix would turn an error thrown by a resource route
 * into "Unexpected Server Error"); a page gets the shared error boundary.
 */
export function refuseRequest(request: Request, status: number, title: string, message: string): never {
  if (isFileRequest(request)) throw Response.json({ title, message }, { status, headers: { "cache-control": "no-store" } });
  problem(status, title, message);
}

export async function requireUser(request: Request, context: AppLoadContext): Promise<SessionUser> {
  const user = await getUser(request, context);
  if (user) return user;
  if (isDataRequest(request)) refuseRequest(request, 401, "Sign in first", "This address needs a signed-in account: sign in at /login, then open it again.");
  const { pathname, search } = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: pathname + search })}`);
}

const NOT_FOUND = ["Not found", "There is nothing here, or you do not have access to it. Check the address, or ask an administrator for access."] as const;

/**
 * The one authorisation decision every loader and action goes through: signed
 * in, allowed this capability, and (for facilitators and consultants) assigned
 * to the organisation. Hidden organisations answer 404, as if they did not exist.
 */
export async function authorise(
  request: Request,
  context: AppLoadContext,
  capability: Capability,
  organisationId: string | null,
): Promise<SessionUser> {
  const user = await requireUser(request, context);
  const decision = decideAccess(user, capability, organisationId);
  if (decision === "hide") refuseRequest(request, 404, ...NOT_FOUND);
  if (decision === "deny") refuseRequest(request, 403, "Your role cannot do this", "Ask an administrator if you need to.");
  return user;
}

export async function requireOrganisation(request: Request, context: AppLoadContext, organisationId: string | undefined, capability: Capability) {
  const organisation = organisationId ? await findOrganisation(context.db, organisationId) : undefined;
  // Checked before existence is revealed: an unknown id and a hidden one look the same.
  const user = await authorise(request, context, capability, organisation?.id ?? "");
  if (!organisation) refuseRequest(request, 404, ...NOT_FOUND);
  return { user, organisation };
}

export async function requireRound(request: Request, context: AppLoadContext, roundId: string | undefined, capability: Capability) {
  const found = roundId ? await findRound(context.db, roundId) : undefined;
  const user = await authorise(request, context, capability, found?.organisation.id ?? "");
  if (!found) refuseRequest(request, 404, ...NOT_FOUND);
  return { user, ...found };
}
