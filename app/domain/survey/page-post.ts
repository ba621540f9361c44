import type { Question, QuestionMatrixModel, QuestionMultipleTextModel } from "survey-core";
import { choicesOf, isNumberInput, maxLengthOf, pageAt, visibleQuestions, type SurveyData, type SurveyModel } from "./survey-model";
import { parseNumberInput } from "./values";

/** A page's form as posted: field name -> the (first) value sent. */
export type PostedFields = ReadonlyMap<string, string>;

export interface PagePost {
  /** The page's answers in SurveyJS shape (matrix rows and multiple-text items nested), question name -> value; undefined clears it. */
  values: Record<string, unknown>;
  /** What was typed in each field, to show back when the page is shown again. */
  raw: Record<string, string>;
  /** Fields whose input cannot be read (a word in a number box, an option not offered): kept on screen, never stored. */
  errors: Record<string, string[]>;
}

/**
 * Reads the fields of one page. Only the page's visible questions are read:
 * a question the respondent could not see keeps its earlier answer, and a
 * visible one left empty is cleared (an unchecked radio sends nothing).
 */
export function readPagePost(model: SurveyModel, index: number, posted: PostedFields): PagePost {
  const result: PagePost = { values: {}, raw: {}, errors: {} };
  const fail = (field: string, message: string) => (result.errors[field] = [message]);

  function scalar(question: Question, field: string): unknown {
    const text = posted.get(field) ?? "";
    if (text !== "") result.raw[field] = text;
    const choices = choicesOf(question);
    if (choices.length > 0 && question.getType() !== "text") {
      if (text === "") return undefined;
      const choice = choices.find((c) => c.value === text);
      if (!choice) fail(field, "Choose one of the options shown.");
      return choice?.stored;
    }
    if (text.trim() === "") return undefined;
    return text;
  }

  function number(field: string): number | undefined {
    const text = posted.get(field) ?? "";
    if (text !== "") result.raw[field] = text;
    if (text.trim() === "") return undefined;
    const value = parseNumberInput(text);
    if (value === undefined) fail(field, `“${text.trim()}” is not a number: use digits only, such as 25.`);
    return value;
  }

  for (const question of visibleQuestions(pageAt(model, index))) {
    const type = question.getType();
    if (type === "html" || type === "expression") continue;
    if (type === "multipletext") {
      const entries = (question as QuestionMultipleTextModel).items.map((item) => {
        const field = `${question.name}.${item.name}`;
        return [item.name, isNumberInput(question, item.name) ? number(field) : scalar(question, field)] as const;
      });
      result.values[question.name] = objectOrUndefined(entries);
    } else if (type === "matrix") {
      // Rows hidden by a condition keep their earlier answers.
      const earlier = Object.entries((question.value ?? {}) as Record<string, unknown>);
      const entries = (question as QuestionMatrixModel).visibleRows.map((row) => [String(row.name), scalar(question, String(row.name))] as const);
      const shown = new Set(entries.map(([row]) => row));
      result.values[question.name] = objectOrUndefined([...earlier.filter(([row]) => !shown.has(row)), ...entries]);
    } else if (isNumberInput(question)) {
      result.values[question.name] = number(question.name);
    } else {
      const value = scalar(question, question.name);
      const limit = maxLengthOf(question);
      if (typeof value === "string" && limit !== null && value.length > limit) {
        fail(question.name, `Keep this under ${limit} characters: it has ${value.length}.`);
        result.values[question.name] = undefined;
      } else result.values[question.name] = value;
    }
  }
  return result;
}

function objectOrUndefined(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> | undefined {
  const defined = entries.filter(([, value]) => value !== undefined);
  return defined.length > 0 ? Object.fromEntries(defined) : undefined;
}

/** The answers with a page's post applied: its questions replaced, everything else as it was. */
export function applyPagePost(data: SurveyData, post: PagePost): SurveyData {
  const next: SurveyData = { ...data };
  for (const [name, value] of Object.entries(post.values)) {
    if (value === undefined) delete next[name];
    else next[name] = value;
  }
  return next;
}
