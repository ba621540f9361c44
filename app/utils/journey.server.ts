import { createCookie, type AppLoadContext } from "@remix-run/node";
import { findJourney, type Journey } from "~/models/journey.server";
import { findJourneyResponse, type SurveyResponse } from "~/models/responses.server";
import { isRetiredLink } from "~/models/rounds.server";
import { roundAvailability, type Availability } from "~/domain/rounds/rounds";
import { problem } from "./problem";

const RESUME_DAYS = 120;

/** The respondent's link, or a 404 page that says what to do. */
export function requireJourney(context: AppLoadContext, token: string | undefined): Journey {
  const journey = token ? findJourney(context.db, token) : undefined;
  if (!journey && token && isRetiredLink(context.db, token)) {
    problem(
      410,
      "This link has been replaced",
      "The people running this survey have issued a new link for your group. Ask them for it; anything you saved through this link is kept.",
    );
  }
  if (!journey) {
    problem(
      404,
      "This survey link is not recognised",
      "Check that you copied the whole link from your invitation. If it still does not work, ask the person who sent it for a new one.",
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
    );
  }
  const opens = journey.round.opensAt && journey.round.status === "open" ? ` It opens on ${dateFormat.format(journey.round.opensAt)} (UTC).` : "";
  problem(403, "This survey is not open yet", `The survey has not started taking answers.${opens} Please come back to this link then.`);
}

export function alreadySubmitted(journey: Journey): never {
  problem(
    409,
    "You have already answered this survey",
    journey.kind === "invitation"
      ? "Your answers were submitted from this invitation and are safely stored. Each invitation can be used once, so there is nothing more to do."
      : "Answers have already been submitted from this browser and are safely stored. There is nothing more to do.",
  );
}

/** An open link gives each browser one response: this cookie carries the response's resume token. */
function resumeCookie(journey: Journey, secure: boolean) {
  return createCookie(`mg_resume_${journey.level.id}`, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: RESUME_DAYS * 24 * 60 * 60,
  });
}

export async function readResumeToken(request: Request, journey: Journey, context: AppLoadContext): Promise<string | undefined> {
  if (journey.kind !== "level") return undefined;
  const value: unknown = await resumeCookie(journey, context.config.secureCookies).parse(request.headers.get("cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : undefined;
}

export async function resumeCookieHeader(journey: Journey, response: SurveyResponse, context: AppLoadContext): Promise<HeadersInit | undefined> {
  if (journey.kind !== "level" || !response.resumeToken) return undefined;
  return { "set-cookie": await resumeCookie(journey, context.config.secureCookies).serialize(response.resumeToken) };
}

/** This link's (and browser's) response, if one exists. */
export async function currentResponse(request: Request, journey: Journey, context: AppLoadContext) {
  const resumeToken = await readResumeToken(request, journey, context);
  return { resumeToken, response: findJourneyResponse(context.db, journey, resumeToken) };
}
