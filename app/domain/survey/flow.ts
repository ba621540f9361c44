import type { QuestionMatrixModel } from "survey-core";
import { buildPageView, type PageView } from "./page-view";
import { applyPagePost, readPagePost, type PostedFields } from "./page-post";
import { openSurvey, pageAt, validatePage, visibleData, visiblePageIndexes, visibleQuestions, type SurveyData, type SurveyModel } from "./survey-model";

/**
 * What happens when a survey page is posted. The post is the save: whatever
 * can be stored is returned in `data` in every outcome, and the respondent
 * moves on only when the page is in order.
 */

export type Intent = "next" | "back" | "submit" | "save";

/** Removes what cannot be stored (the instrument's draft rules) and says why, keyed by field or question name. */
export type CleanDraft = (data: SurveyData) => { data: SurveyData; errors: Record<string, string[]> };

export interface SkippedStatements {
  count: number;
  /** The first page with a skipped statement, to go back to. */
  firstPage: number;
  pages: { index: number; title: string; count: number }[];
}

export type FlowOutcome =
  /** Show a page again with what is wrong (the same page, or on submit the first incomplete one). */
  | { kind: "show"; data: SurveyData; page: number; view: PageView; reason: "errors" | "incomplete" }
  /** Saved; go to (or stay on) `page`. A background save lists the fields it could not store. */
  | { kind: "go"; data: SurveyData; page: number; unsaved?: string[] }
  /** Everything is in order but statements were skipped: ask before submitting. */
  | { kind: "confirm"; data: SurveyData; page: number; skipped: SkippedStatements }
  /** Ready to submit: `answers` holds only what the respondent could see. */
  | { kind: "complete"; data: SurveyData; page: number; answers: SurveyData };

export interface PagePostInput {
  survey: object;
  data: SurveyData;
  page: number;
  intent: Intent;
  posted: PostedFields;
  clean: CleanDraft;
  /** Submit although statements were skipped (the respondent confirmed). */
  confirmed?: boolean;
}

function mergeErrors(...sources: Record<string, string[]>[]): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  // The first source that has something to say about a field wins: one clear message per field.
  for (const source of sources) {
    for (const [key, messages] of Object.entries(source)) if (!merged[key] && messages.length > 0) merged[key] = messages;
  }
  return merged;
}

export function handlePagePost(input: PagePostInput): FlowOutcome {
  const model = openSurvey(input.survey, input.data);
  // A page the respondent can no longer see (a form from another tab): nothing on it is read.
  if (!visiblePageIndexes(model).includes(input.page)) return { kind: "go", data: input.data, page: pageToShow(model, input.page) };
  const post = readPagePost(model, input.page, input.posted);
  const candidate = applyPagePost(input.data, post);
  const cleaned = input.clean(candidate);
  // The same model, now with the posted answers: visibility and validation follow them.
  model.data = candidate;
  const visible = visiblePageIndexes(model);
  const at = visible.indexOf(input.page);
  const validation = input.intent === "next" || input.intent === "submit" ? validatePage(model, input.page) : {};
  const errors = mergeErrors(post.errors, validation, cleaned.errors);
  const stay = (): FlowOutcome => ({
    kind: "show",
    data: cleaned.data,
    page: input.page,
    view: buildPageView(model, input.page, { raw: post.raw, errors }),
    reason: "errors",
  });

  if (input.intent === "save") return { kind: "go", data: cleaned.data, page: input.page, unsaved: Object.keys(mergeErrors(post.errors, cleaned.errors)) };
  if (Object.keys(errors).length > 0) return stay();
  if (input.intent === "back") return { kind: "go", data: cleaned.data, page: visible[Math.max(0, at - 1)] ?? input.page };
  if (at < visible.length - 1) return { kind: "go", data: cleaned.data, page: visible[at + 1]! };
  return reviewForSubmit(input.survey, cleaned.data, input.page, input.confirmed === true);
}

/** Before submitting: every visible page must be in order, and skipped statements are confirmed. */
export function reviewForSubmit(survey: object, data: SurveyData, page: number, confirmed: boolean): FlowOutcome {
  const model = openSurvey(survey, data);
  for (const index of visiblePageIndexes(model)) {
    const errors = validatePage(model, index);
    if (Object.keys(errors).length > 0) {
      return { kind: "show", data, page: index, view: buildPageView(model, index, { errors }), reason: "incomplete" };
    }
  }
  const skipped = skippedStatements(model);
  if (skipped.count > 0 && !confirmed) return { kind: "confirm", data, page, skipped };
  return { kind: "complete", data, page, answers: visibleData(model) };
}

/** Statements (rows of statement grids) on visible pages left without any answer ("Don't know" is an answer). */
export function skippedStatements(model: SurveyModel): SkippedStatements {
  const pages: SkippedStatements["pages"] = [];
  for (const index of visiblePageIndexes(model)) {
    let count = 0;
    for (const question of visibleQuestions(pageAt(model, index))) {
      if (question.getType() !== "matrix") continue;
      const values = (question.value ?? {}) as Record<string, unknown>;
      count += (question as QuestionMatrixModel).visibleRows.filter((row) => values[String(row.name)] === undefined).length;
    }
    if (count > 0) pages.push({ index, title: pageAt(model, index).locTitle.renderedHtml || pageAt(model, index).name, count });
  }
  return { count: pages.reduce((sum, p) => sum + p.count, 0), firstPage: pages[0]?.index ?? 0, pages };
}

/** The page to show for a stored position: itself if the respondent can see it, else the nearest visible one before it. */
export function pageToShow(model: SurveyModel, stored: number): number {
  const visible = visiblePageIndexes(model);
  if (visible.includes(stored)) return stored;
  return [...visible].reverse().find((index) => index < stored) ?? visible[0] ?? 0;
}
