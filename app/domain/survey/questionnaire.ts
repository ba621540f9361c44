import { storableDraft, type Answers } from "../instrument/answers";
import type { Instrument } from "../instrument/instrument";
import { scoreResponse } from "../instrument/scoring";
import { fromSurveyData, layoutOf, toSurveyData, type SurveyLayout } from "../instrument/survey-data";
import type { CleanDraft, SkippedStatements } from "./flow";
import type { SurveyData } from "./survey-model";

/**
 * The generic survey pages joined to one instrument: its answers object
 * (flat, product.md's shape) and its draft rules. Nothing here reaches a browser.
 */

const layouts = new WeakMap<Instrument, SurveyLayout>();
function layoutFor(instrument: Instrument): SurveyLayout {
  let layout = layouts.get(instrument);
  if (!layout) {
    layout = layoutOf(instrument.survey);
    layouts.set(instrument, layout);
  }
  return layout;
}

/** A stored draft -> SurveyJS data for the pages. */
export function surveyDataOf(instrument: Instrument, answers: Answers | Record<string, unknown>): SurveyData {
  return toSurveyData(layoutFor(instrument), answers);
}

/** SurveyJS data -> the flat answers object (counters dropped). */
export function answersOf(instrument: Instrument, data: SurveyData): Record<string, unknown> {
  return fromSurveyData(layoutFor(instrument), data);
}

/** The draft rules of the instrument, in the shape the page flow wants. */
export function cleanDraftFor(instrument: Instrument): CleanDraft {
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
export function skippedWarning(instrument: Instrument, answers: Answers, skipped: SkippedStatements): { headline: string; consequence: string } {
  const headline = `You skipped ${statements(skipped.count)}.`;
  const min = instrument.scoring.minItemsPerModel;
  const profileMissing = scoreResponse(instrument, answers).implicit === null;
  const consequence = profileMissing
    ? `Your practice profile needs answers to at least ${min} statements for each approach, so with these gaps it cannot be worked out: only your points would count. “Don't know” does not count towards it either.`
    : `Your practice profile can still be worked out (it needs answers to at least ${min} statements for each approach), but every statement you answer makes it more exact.`;
  return { headline, consequence };
}
