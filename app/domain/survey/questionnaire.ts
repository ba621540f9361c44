import { storableDraft, type Answers } from "../instrument/answers";
import { scoreCustomerResponse } from "../instrument/customer-scoring";
import type { Questionnaire } from "../instrument/instruments";
import { scoreResponse } from "../instrument/scoring";
import { fromSurveyData, layoutOf, toSurveyData, type SurveyLayout } from "../instrument/survey-data";
import type { CleanDraft, SkippedStatements } from "./flow";
import type { SurveyData } from "./survey-model";

/**
 * The generic survey pages joined to one questionnaire (a staff instrument or the customer questionnaire):
 * its answers object (flat, product.md's shape) and its draft rules. Nothing here reaches a browser.
 */

const layouts = new WeakMap<Questionnaire, SurveyLayout>();
function layoutFor(instrument: Questionnaire): SurveyLayout {
  let layout = layouts.get(instrument);
  if (!layout) {
    layout = layoutOf(instrument.survey);
    layouts.set(instrument, layout);
  }
  return layout;
}

/** A stored draft -> SurveyJS data for the pages. */
export function surveyDataOf(instrument: Questionnaire, answers: Answers | Record<string, unknown>): SurveyData {
  return toSurveyData(layoutFor(instrument), answers);
}

/** SurveyJS data -> the flat answers object (counters dropped). */
export function answersOf(instrument: Questionnaire, data: SurveyData): Record<string, unknown> {
  return fromSurveyData(layoutFor(instrument), data);
}

/** The draft rules of the instrument, in the shape the page flow wants. */
export function cleanDraftFor(instrument: Questionnaire): CleanDraft {
  return (data) => {
    const { answers, dropped } = storableDraft(instrument, answersOf(instrument, data));
    const errors: Record<string, string[]> = {};
    for (const { path, message } of dropped) {
      const field = path.join(".") || "answers";
      errors[field] = [...(errors[field] ?? []), sentence(message)];
    }
    return { data: surveyDataOf(instrument, answers), errors };
  };
}

const sentence = (message: string) => {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

const statements = (n: number) => `${n} ${n === 1 ? "statement" : "statements"}`;

/**
 * The words of the confirmation before a submission with skipped statements,
 * e.g. "You skipped 24 statements." and what that costs this respondent.
 */
export function skippedWarning(instrument: Questionnaire, answers: Answers, skipped: SkippedStatements): { headline: string; consequence: string } {
  const headline = `You skipped ${statements(skipped.count)}.`;
  const min = instrument.scoring.minItemsPerModel;
  if (instrument.perspective === "customers") {
    // Skipping only ever costs the experience profile; the 0-10 question and the points are required on their own pages.
    const missing = scoreCustomerResponse(instrument, { ...answers, [instrument.nps]: 0 }).experienced === null;
    const consequence = missing
      ? `Your answers about dealing with them count once at least ${min} statements on each kind of relationship are answered, so with these gaps they cannot be used: only your points and your 0-10 answer would count. “Don't know” does not count towards it either.`
      : `Your answers can still be used (they need at least ${min} statements on each kind of relationship), but every statement you answer makes them more exact.`;
    return { headline, consequence };
  }
  const profileMissing = scoreResponse(instrument, answers).implicit === null;
  const consequence = profileMissing
    ? `Your practice profile needs answers to at least ${min} statements for each approach, so with these gaps it cannot be worked out: only your points would count. “Don't know” does not count towards it either.`
    : `Your practice profile can still be worked out (it needs answers to at least ${min} statements for each approach), but every statement you answer makes it more exact.`;
  return { headline, consequence };
}
