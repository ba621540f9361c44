import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { answersSchema } from "~/domain/instrument/answers";
import { getInstrument } from "~/domain/instrument/instruments";
import { findJourney } from "~/models/journey.server";
import { saveDraft, startResponse } from "~/models/responses.server";
import { parseJsonBody } from "~/utils/json-body.server";
import { readResumeToken, resumeCookieHeader } from "~/utils/journey.server";

const refusals = {
  submitted: { status: 409, title: "Already submitted", message: "These answers were already submitted; nothing more is saved." },
  closed: { status: 410, title: "This survey has closed", message: "New changes cannot be saved. Everything saved before it closed has been kept." },
  not_open: { status: 403, title: "This survey is not open yet", message: "Answers can be saved once it opens." },
} as const;

/** Autosave: the survey page posts its answers and page here as the respondent goes. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ title: "Use POST", message: "Autosave takes POST." }, { status: 405 });
  const journey = params.token ? findJourney(context.db, params.token) : undefined;
  if (!journey) return Response.json({ title: "Unknown link", message: "This survey link is not recognised." }, { status: 404 });
  const instrument = getInstrument(journey.round.instrumentId, journey.round.instrumentVersion);
  const body = await parseJsonBody(
    request,
    z.object({
      answers: answersSchema(instrument, "draft"),
      page: z.number().int().min(0).max(instrument.survey.pages.length - 1),
    }),
  );
  if (!body.ok) return Response.json(body.problem, { status: body.status });
  // A browser whose cookie was lost gets a fresh draft rather than losing what it is sending.
  const response = startResponse(context.db, journey, await readResumeToken(request, journey, context));
  const outcome = saveDraft(context.db, response.id, body.value.answers, body.value.page);
  if (outcome !== "saved") {
    const { status, ...refusal } = refusals[outcome];
    return Response.json(refusal, { status });
  }
  return Response.json({ status: "saved", savedAt: new Date().toISOString() }, { headers: await resumeCookieHeader(journey, response, context) });
}

export function loader() {
  return Response.json({ title: "Use POST", message: "Autosave takes POST." }, { status: 405 });
}
