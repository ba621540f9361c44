import {
  Model,
  type ItemValue,
  type PageModel,
  type PanelModel,
  type Question,
  type QuestionMatrixModel,
  type QuestionMultipleTextModel,
  type SurveyModel,
} from "survey-core";

/**
 * survey-core, used on the server only, is the authority on what a SurveyJS
 * questionnaire means: which pages and questions are visible for the answers
 * so far, and what is wrong with a page. This module is the one place that
 * talks to it; the browser never loads it.
 */

export type SurveyData = Record<string, unknown>;
export type { SurveyModel };

/** The element types the server renders; anything else in a questionnaire is refused when it is shown. */
export const RENDERED_TYPES = ["html", "panel", "matrix", "multipletext", "expression", "dropdown", "radiogroup", "rating", "comment", "text"] as const;

export class UnsupportedSurveyError extends Error {
  override name = "UnsupportedSurveyError";
}

export function openSurvey(json: object, data: SurveyData): SurveyModel {
  const model = new Model(json);
  model.data = data;
  return model;
}

/** Indexes (into the questionnaire's pages) of the pages the respondent sees, in order. */
export function visiblePageIndexes(model: SurveyModel): number[] {
  return model.visiblePages.map((page) => model.pages.indexOf(page));
}

export function pageAt(model: SurveyModel, index: number): PageModel {
  const page = model.pages[index];
  if (!page) throw new RangeError(`The questionnaire has no page ${index}`);
  return page;
}

export type Element = Question | PanelModel;
export const isPanel = (element: Element): element is PanelModel => element.isPanel;

/** The visible elements of a page or panel, in order. */
export function visibleElements(container: PageModel | PanelModel): Element[] {
  return (container.elements as Element[]).filter((element) => element.isVisible);
}

/** The visible questions of a page, through its panels. */
export function visibleQuestions(container: PageModel | PanelModel): Question[] {
  return visibleElements(container).flatMap((element) => (isPanel(element) ? visibleQuestions(element) : [element as Question]));
}

export function assertRendered(question: Question): void {
  const type = question.getType();
  if (!(RENDERED_TYPES as readonly string[]).includes(type)) {
    throw new UnsupportedSurveyError(`Question "${question.name}" has type "${type}", which survey pages cannot show yet.`);
  }
  if ("showOtherItem" in question && (question as { showOtherItem?: boolean }).showOtherItem) {
    throw new UnsupportedSurveyError(`Question "${question.name}" offers "Other" with a text box, which survey pages cannot show yet.`);
  }
}

/** The form field names a question posts: one per multiple-text item, one per statement row, else its own name. */
export function fieldsOf(question: Question): string[] {
  switch (question.getType()) {
    case "multipletext":
      return (question as QuestionMultipleTextModel).items.map((item) => `${question.name}.${item.name}`);
    case "matrix":
      return (question as QuestionMatrixModel).visibleRows.map((row) => String(row.name));
    case "html":
    case "expression":
      return [];
    default:
      return [question.name];
  }
}

export interface Choice {
  /** As posted by the form (always a string). */
  value: string;
  /** As SurveyJS stores it (a number stays a number). */
  stored: unknown;
  text: string;
}

function toChoice(item: ItemValue): Choice {
  return { value: String(item.value), stored: item.value, text: item.text };
}

/** The options a single-choice question or statement row offers. */
export function choicesOf(question: Question): Choice[] {
  switch (question.getType()) {
    case "matrix":
      return (question as QuestionMatrixModel).visibleColumns.map(toChoice);
    case "rating":
      return (question as unknown as { visibleRateValues: ItemValue[] }).visibleRateValues.map(toChoice);
    case "dropdown":
    case "radiogroup":
      return (question as unknown as { visibleChoices: ItemValue[] }).visibleChoices.map(toChoice);
    default:
      return [];
  }
}

/** A number box: a multiple-text item or text question with inputType "number". */
export function isNumberInput(question: Question, item?: string): boolean {
  if (question.getType() === "multipletext" && item !== undefined) {
    return (question as QuestionMultipleTextModel).getItemByName(item)?.inputType === "number";
  }
  return question.getType() === "text" && (question as unknown as { inputType: string }).inputType === "number";
}

export function maxLengthOf(question: Question): number | null {
  const getter = (question as unknown as { getMaxLength?: () => unknown }).getMaxLength;
  const value = getter ? getter.call(question) : null;
  return typeof value === "number" && value > 0 ? value : null;
}

/**
 * Validates the visible questions of a page with survey-core (required,
 * validators, each-row-required). Errors are keyed by field name where they
 * belong to one field, else by question name.
 */
export function validatePage(model: SurveyModel, index: number): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (key: string, messages: string[]) => {
    if (messages.length > 0) errors[key] = [...(errors[key] ?? []), ...messages];
  };
  for (const question of visibleQuestions(pageAt(model, index))) {
    question.validate(true);
    add(question.name, question.errors.map((error) => error.getText()));
    if (question.getType() === "multipletext") {
      for (const item of (question as QuestionMultipleTextModel).items) {
        add(`${question.name}.${item.name}`, item.editor.errors.map((error) => error.getText()));
      }
    }
  }
  return errors;
}

/** SurveyJS clears the answers of questions a respondent can no longer see when the survey completes; so do we. */
export function visibleData(model: SurveyModel): SurveyData {
  const visible = new Set(model.visiblePages.flatMap((page) => visibleQuestions(page).map((q) => q.getValueName())));
  return Object.fromEntries(Object.entries(model.data as SurveyData).filter(([name]) => visible.has(name)));
}
