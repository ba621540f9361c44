import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { answersSchema, describeIssues, type Answers } from "~/domain/instrument/answers";
import { questionnaireFor, type Questionnaire } from "~/domain/instrument/instruments";
import { scoreAnswers } from "~/domain/instrument/score-answers";
import type { Journey } from "~/models/journey.server";
import { saveDraft, startResponse, submitResponse, type SurveyResponse } from "~/models/responses.server";
import { parseJsonBody } from "./json-body.server";
import {
  currentState,
  goTo,
  NO_STORE,
  refuseElsewhere,
  refuseUnavailable,
  requireOpenRound,
  resumeCookieHeader,
  surveyPath,
  thanksPath,
  welcomePath,
} from "./journey.server";
import { problem } from "./problem";
import { advanceSurvey, readSurveyPost, type SurveyScreen } from "./survey-screen.server";
import { readForm } from "./form.server";
import { MAX_STORED_INTEGER } from "~/domain/stored-integer";

/**
 * The respondent's posts. Which of them create or submit a response (for
 * rate limits keyed on these paths): POST /r/<token> starts one;
 * POST /r/<token>/survey saves a page, starts a draft when this browser has
 * none (a lost cookie keeps what it sends), and submits on the last page or
 * with a JSON body; POST /r/<token>/save saves, and starts a draft the same way.
 */

/** The staff instrument of the round, or for its customers the customer questionnaire. */
const instrumentOf = (journey: Journey) => questionnaireFor(journey.round, journey.level);

/**
 * This browser's draft, started now if it has none; anything else ends the
 * request. A page posted from a browser that does not hold a personal link's
 * draft changes nothing: the welcome page asks first.
 */
async function requireDraft(request: Request, journey: Journey, context: AppLoadContext) {
  const { resumeToken, state } = await currentState(request, journey, context);
  if (state.kind === "submitted") throw goTo(thanksPath(journey));
  requireOpenRound(journey);
  if (state.kind === "draft") return { response: state.response, headers: new Headers(NO_STORE) };
  const started = state.kind === "new" ? await startResponse(context.db, journey, resumeToken, context.arrival) : ({ outcome: "elsewhere" } as const);
  if (started.outcome === "submitted") throw goTo(thanksPath(journey));
  if (started.outcome !== "draft") throw goTo(welcomePath(journey));
  return { response: started.response, headers: await resumeCookieHeader(journey, started.response.resumeToken, context) };
}

async function submit(journey: Journey, context: AppLoadContext, response: SurveyResponse | null, resumeToken: string | undefined, answers: Answers): Promise<never> {
  const instrument = instrumentOf(journey);
  const result = await submitResponse(context.db, journey, response?.resumeToken ?? resumeToken, answers, scoreAnswers(instrument, answers), new Date(), context.arrival);
  if (result.outcome === "already_submitted") throw goTo(thanksPath(journey));
  if (result.outcome === "elsewhere") refuseElsewhere();
  if (result.outcome !== "submitted") refuseUnavailable(journey, result.outcome);
  throw goTo(thanksPath(journey), await resumeCookieHeader(journey, result.response.resumeToken, context));
}

/** A survey page's form post. Redirects when the respondent moves on; returns the page to show again when something needs correcting. */
export async function postSurveyPage(request: Request, journey: Journey, context: AppLoadContext): Promise<{ screen: SurveyScreen; revision: number; headers: Headers }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) {
    problem(415, "Send JSON or the survey form", "This address takes a JSON body of answers (content-type: application/json), or the survey page's form.", NO_STORE);
  }
  const instrument = instrumentOf(journey);
  const post = readSurveyPost(instrument, await readForm(request));
  if (!post || post.intent === "save") problem(400, "That request could not be understood", "Go back to the survey page and try again.", NO_STORE);
  const { response, headers } = await requireDraft(request, journey, context);
  const step = advanceSurvey(instrument, response.answers, post);
  const saved = await saveDraft(context.db, response.id, step.answers, step.page, { revision: { kind: "page", value: post.revision } });
  if (saved.outcome === "submitted") throw goTo(thanksPath(journey));
  if (saved.outcome === "closed" || saved.outcome === "not_open") refuseUnavailable(journey, saved.outcome);
  if (step.kind === "go") throw goTo(surveyPath(journey), headers);
  if (step.kind === "complete") return submit(journey, context, response, undefined, step.answers);
  return { screen: step.screen, revision: saved.outcome === "saved" ? saved.revision : response.revision, headers };
}

/** A JSON body of whole answers, submitted at once under the same rules as the pages. */
export async function submitWholeAnswers(request: Request, journey: Journey, context: AppLoadContext): Promise<never> {
  const body = await parseJsonBody(request, z.object({ answers: answersSchema(instrumentOf(journey), "submit") }));
  if (!body.ok) problem(body.status, body.problem.title, body.problem.message, NO_STORE);
  const { resumeToken, state } = await currentState(request, journey, context);
  if (state.kind === "submitted") throw goTo(thanksPath(journey));
  if (state.kind === "elsewhere") refuseElsewhere();
  return submit(journey, context, state.kind === "draft" ? state.response : null, resumeToken, body.value.answers);
}

const REFUSALS = {
  submitted: { status: 409, title: "Already submitted", message: "These answers were already submitted; nothing more is saved." },
  closed: { status: 410, title: "This survey has closed", message: "New changes cannot be saved. Everything saved before it closed has been kept." },
  not_open: { status: 403, title: "This survey is not open yet", message: "Answers can be saved once it opens." },
  elsewhere: { status: 409, title: "Started on another device", message: "These answers belong to the browser this survey was started in. Open the link there to continue." },
} as const;

/** The enhancement script sends one page's fields, numbered so a late save never overwrites a newer one. */
const fieldsBody = (instrument: Questionnaire) =>
  z.object({
    page: z.number().int().min(0).max(instrument.survey.pages.length - 1),
    revision: z.number().int().min(1).max(MAX_STORED_INTEGER),
    fields: z.array(z.tuple([z.string().max(200), z.string().max(10_000)])).max(500),
  });
/** Programs (and the first release's survey page) send a whole answers object and a page. */
const answersBody = (instrument: Questionnaire) =>
  z.object({ answers: answersSchema(instrument, "draft"), page: z.number().int().min(0).max(instrument.survey.pages.length - 1) });

function readSaveBody(instrument: Questionnaire, body: unknown) {
  const schema = typeof body === "object" && body !== null && "fields" in body ? fieldsBody(instrument) : answersBody(instrument);
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, problem: { title: "Some answers could not be accepted", message: describeIssues(parsed.error).join("\n") } };
}

/** As a form post reads its fields: the first value of each name. */
function firstValues(entries: [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of entries) if (!map.has(name)) map.set(name, value);
  return map;
}

const json = (body: unknown, status = 200, headers: HeadersInit = NO_STORE) => Response.json(body, { status, headers });

/** Background saves: JSON in, JSON out; never a page. */
export async function saveInBackground(request: Request, journey: Journey, context: AppLoadContext): Promise<Response> {
  const instrument = instrumentOf(journey);
  const raw = await parseJsonBody(request, z.unknown());
  if (!raw.ok) return json(raw.problem, raw.status);
  const body = readSaveBody(instrument, raw.value);
  if (!body.ok) return json(body.problem, 422);
  const { resumeToken, state } = await currentState(request, journey, context);
  if (state.kind === "submitted" || state.kind === "elsewhere") {
    const { status, ...refusal } = REFUSALS[state.kind];
    return json(refusal, status);
  }
  // A browser whose cookie was lost gets a fresh draft rather than losing what it is sending.
  const started = state.kind === "draft" ? { outcome: "draft" as const, response: state.response } : await startResponse(context.db, journey, resumeToken, context.arrival);
  if (started.outcome !== "draft") {
    const { status, ...refusal } = REFUSALS[started.outcome];
    return json(refusal, status);
  }
  const headers = state.kind === "draft" ? new Headers(NO_STORE) : await resumeCookieHeader(journey, started.response.resumeToken, context);
  const value = body.value;
  let unsaved: string[] = [];
  let saved;
  if ("fields" in value) {
    const step = advanceSurvey(instrument, started.response.answers, { page: value.page, intent: "save", revision: value.revision, fields: firstValues(value.fields) });
    unsaved = step.kind === "go" ? (step.unsaved ?? []) : [];
    saved = await saveDraft(context.db, started.response.id, step.answers, value.page, { revision: { kind: "background", value: value.revision } });
  } else {
    // Merged into the draft question by question, as the pages save: a program saving one page's answers
    // must not wipe what earlier pages saved.
    saved = await saveDraft(context.db, started.response.id, { ...started.response.answers, ...value.answers }, value.page);
  }
  if (saved.outcome === "stale") return json({ status: "stale", message: "These answers were changed in another window. Reload this page to see them." }, 200, headers);
  if (saved.outcome !== "saved") {
    const { status, ...refusal } = REFUSALS[saved.outcome];
    return json(refusal, status, headers);
  }
  if (unsaved.length > 0) {
    return json({ status: "partial", savedAt: new Date().toISOString(), message: "Saved, except answers that need a correction: they are shown when you go on." }, 200, headers);
  }
  return json({ status: "saved", savedAt: new Date().toISOString() }, 200, headers);
}
