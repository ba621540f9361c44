import { z } from "zod";
import type { SurveyScreen } from "~/components/survey/survey-screen";
import { answersSchema, describeIssues, type Answers } from "~/domain/instrument/answers";
import type { Questionnaire } from "~/domain/instrument/instruments";
import { handlePagePost, pageToShow, reviewForSubmit, skippedStatements, type FlowOutcome } from "~/domain/survey/flow";
import { buildPageView } from "~/domain/survey/page-view";
import { answersOf, cleanDraftFor, skippedWarning, surveyDataOf } from "~/domain/survey/questionnaire";
import { openSurvey, visiblePageIndexes, type SurveyData } from "~/domain/survey/survey-model";
import { MAX_STORED_INTEGER } from "~/domain/stored-integer";

/**
 * The survey pages of one instrument, for the respondent's link and the staff
 * preview alike: reading a posted page, deciding where it leads, and what the
 * next screen shows. Pure: callers store (or, for a preview, carry) what it returns.
 */

export type { SurveyScreen };

const INTENTS = ["next", "back", "submit", "save", "review", "confirm"] as const;
export type SurveyIntent = (typeof INTENTS)[number];

/** Where a draft waits while the respondent decides about skipped statements: one past the last page. */
export const reviewPage = (instrument: Questionnaire) => instrument.survey.pages.length;

export interface SurveyPost {
  page: number;
  intent: SurveyIntent;
  revision: number | undefined;
  /** The page's fields; control fields (named with a leading "_") left out. */
  fields: Map<string, string>;
}

/** The control fields every survey form sends, checked at the edge; null when they are missing or wrong. */
export function readSurveyPost(instrument: Questionnaire, entries: Iterable<[string, FormDataEntryValue]>): SurveyPost | null {
  const fields = new Map<string, string>();
  const control: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    if (name.startsWith("_")) control[name] ??= value;
    else if (!fields.has(name)) fields.set(name, value);
  }
  const parsed = z
    .object({
      _page: z.coerce.number().int().min(0).max(reviewPage(instrument)),
      _intent: z.enum(INTENTS),
      _revision: z.coerce.number().int().min(0).max(MAX_STORED_INTEGER).optional(),
    })
    .safeParse(control);
  if (!parsed.success) return null;
  return { page: parsed.data._page, intent: parsed.data._intent, revision: parsed.data._revision, fields };
}

const INCOMPLETE = "Before you can submit, please complete this page.";

function lastVisiblePage(instrument: Questionnaire, data: SurveyData): number {
  return visiblePageIndexes(openSurvey(instrument.survey, data)).at(-1) ?? 0;
}

function skippedScreen(instrument: Questionnaire, answers: Answers, outcome: Extract<FlowOutcome, { kind: "confirm" }>): SurveyScreen {
  const { headline, consequence } = skippedWarning(instrument, answers, outcome.skipped);
  return { kind: "skipped", screen: { page: reviewPage(instrument), headline, consequence, pages: outcome.skipped.pages } };
}

/** The screen for a stored position: a page as the respondent should see it now, or the question about skipped statements. */
export function surveyScreen(instrument: Questionnaire, answers: Answers, storedPage: number): SurveyScreen {
  const data = surveyDataOf(instrument, answers);
  if (storedPage >= reviewPage(instrument)) {
    const outcome = reviewForSubmit(instrument.survey, data, lastVisiblePage(instrument, data), false);
    if (outcome.kind === "confirm") return skippedScreen(instrument, answers, outcome);
    if (outcome.kind === "show") return { kind: "page", view: outcome.view, notice: INCOMPLETE };
  }
  const model = openSurvey(instrument.survey, data);
  return { kind: "page", view: buildPageView(model, pageToShow(model, storedPage)), notice: null };
}

export type SurveyStep =
  /** Store `answers` and `page`; the respondent goes there. A background save lists the fields it could not store. */
  | { kind: "go"; answers: Answers; page: number; unsaved?: string[] }
  /** Store `answers` and `page`, and show `screen` (what is wrong) instead of moving on. */
  | { kind: "show"; answers: Answers; page: number; screen: SurveyScreen }
  /** Ready: these answers passed the submit rules. */
  | { kind: "complete"; answers: Answers; page: number };

function toStep(instrument: Questionnaire, outcome: FlowOutcome): SurveyStep {
  const answers = answersOf(instrument, outcome.data) as Answers;
  switch (outcome.kind) {
    case "go":
      return { kind: "go", answers, page: outcome.page, unsaved: outcome.unsaved };
    case "show":
      return { kind: "show", answers, page: outcome.page, screen: { kind: "page", view: outcome.view, notice: outcome.reason === "incomplete" ? INCOMPLETE : null } };
    case "confirm":
      return { kind: "go", answers, page: reviewPage(instrument) };
    case "complete": {
      const submitted = answersSchema(instrument, "submit").safeParse(answersOf(instrument, outcome.answers));
      if (submitted.success) return { kind: "complete", answers: submitted.data, page: outcome.page };
      // The pages' own checks passed but the stored rules did not: say so rather than store something invalid.
      const view = buildPageView(openSurvey(instrument.survey, outcome.data), outcome.page);
      const notice = `These answers could not be accepted: ${describeIssues(submitted.error).join("; ")}`;
      return { kind: "show", answers, page: outcome.page, screen: { kind: "page", view, notice } };
    }
  }
}

/** One post of a survey form, against the answers saved so far. */
export function advanceSurvey(instrument: Questionnaire, saved: Answers, post: SurveyPost): SurveyStep {
  const data = surveyDataOf(instrument, saved);
  const last = lastVisiblePage(instrument, data);
  if (post.intent === "review") {
    const skipped = skippedStatements(openSurvey(instrument.survey, data));
    return { kind: "go", answers: saved, page: skipped.count > 0 ? skipped.firstPage : last };
  }
  if (post.intent === "confirm") return toStep(instrument, reviewForSubmit(instrument.survey, data, last, true));
  // A page form posted from the question about skipped statements (or a forged page number) reads nothing.
  if (post.page >= reviewPage(instrument)) return { kind: "go", answers: saved, page: post.page };
  return toStep(
    instrument,
    handlePagePost({ survey: instrument.survey, data, page: post.page, intent: post.intent, posted: post.fields, clean: cleanDraftFor(instrument) }),
  );
}
