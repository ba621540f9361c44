import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { findJourney, type Journey } from "~/models/journey.server";
import { findJourneyState } from "~/models/responses.server";
import { isRetiredLink } from "~/models/rounds.server";
import { roundAvailability, type Availability } from "~/domain/rounds/rounds";
import { problem } from "./problem";

const RESUME_DAYS = 120;

/**
 * Respondent pages carry a person's own answers and a round's current state:
 * no browser or proxy may keep a copy (a closed round's page must not outlive its reopening).
 */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The `headers` export of every respondent route: pages, redirects and error pages alike. */
export const noStoreHeaders = () => NO_STORE;

/** The respondent's link, or a 404 page that says what to do. */
export async function requireJourney(context: AppLoadContext, token: string | undefined): Promise<Journey> {
  const journey = token ? await findJourney(context.db, token) : undefined;
  if (!journey && token && (await isRetiredLink(context.db, token))) {
    problem(
      410,
      "This link has been replaced",
      "The people running this survey have issued a new link for your group. Ask them for it; anything you saved through this link is kept.",
      NO_STORE,
    );
  }
  if (!journey) {
    problem(
      404,
      "This survey link is not recognised",
      "Check that you copied the whole link from your invitation. If it still does not work, ask the person who sent it for a new one.",
      NO_STORE,
    );
  }
  return journey;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** Refuses a round that is not taking answers, each case with its own page and status. */
export function requireOpenRound(journey: Journey, now = new Date()): void {
  const availability = roundAvailability(journey.round, now);
  if (availability !== "open") refuseUnavailable(journey, availability);
}

export function refuseUnavailable(journey: Journey, availability: Exclude<Availability, "open">): never {
  if (availability === "closed") {
    problem(
      410,
      "This survey has closed",
      "The survey is no longer taking answers. Anything you saved before it closed has been kept. If you think this is a mistake, contact the person who sent you the link.",
      NO_STORE,
    );
  }
  const opens = journey.round.opensAt && journey.round.status === "open" ? ` It opens on ${dateFormat.format(journey.round.opensAt)} (UTC).` : "";
  problem(403, "This survey is not open yet", `The survey has not started taking answers.${opens} Please come back to this link then.`, NO_STORE);
}

/** A personal link whose draft belongs to another browser: nothing of it is shown or changed here. */
export function refuseElsewhere(): never {
  problem(
    409,
    "This survey was started on another device",
    "Answers saved from this link belong to the browser they were started in. Open this link there to continue, or open it here and choose to start again.",
    NO_STORE,
  );
}

/**
 * Each draft belongs to one browser: this cookie carries its resume token.
 * One cookie per open level link, and one per personal invitation.
 */
function resumeCookie(journey: Journey, secure: boolean) {
  const name = journey.invitationId !== null ? `mg_resume_i${journey.invitationId}` : `mg_resume_${journey.level.id}`;
  return createCookie(name, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: RESUME_DAYS * 24 * 60 * 60 });
}

export async function readResumeToken(request: Request, journey: Journey, context: AppLoadContext): Promise<string | undefined> {
  const value: unknown = await resumeCookie(journey, context.config.secureCookies).parse(request.headers.get("cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : undefined;
}

export async function resumeCookieHeader(journey: Journey, resumeToken: string | null, context: AppLoadContext): Promise<Headers> {
  const headers = new Headers(NO_STORE);
  const cookie = resumeCookie(journey, context.config.secureCookies);
  // A personal link's submitted answers need no cookie: the invitation remembers that it was answered.
  if (resumeToken) headers.append("set-cookie", await cookie.serialize(resumeToken));
  else if (journey.invitationId !== null) headers.append("set-cookie", await cookie.serialize("", { maxAge: 0 }));
  return headers;
}

/** This link's state for this browser. */
export async function currentState(request: Request, journey: Journey, context: AppLoadContext) {
  const resumeToken = await readResumeToken(request, journey, context);
  return { resumeToken, state: await findJourneyState(context.db, journey, resumeToken) };
}

export const welcomePath = (journey: Journey) => `/r/${journey.token}`;
export const surveyPath = (journey: Journey) => `/r/${journey.token}/survey`;
export const thanksPath = (journey: Journey) => `/r/${journey.token}/thanks`;

export const goTo = (path: string, headers: HeadersInit = NO_STORE) => redirect(path, { headers });
