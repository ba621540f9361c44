import type { Instrument } from "./instrument";

/*
 * Kept free of zod, survey-core and the scoring key: it only knows where a
 * SurveyJS questionnaire keeps answers that product.md's answers object keeps flat.
 */

/** Where SurveyJS keeps answers that product.md's answers object keeps flat. */
export interface SurveyLayout {
  matrices: { name: string; rows: string[] }[];
  computedNames: string[];
}

interface JsonElement {
  type?: unknown;
  name?: unknown;
  rows?: unknown;
  elements?: unknown;
}

/** The layout of any SurveyJS questionnaire, read from its JSON: statement grids to spread out, counters to drop. */
export function layoutOf(survey: { pages: readonly { elements?: unknown }[] }): SurveyLayout {
  const layout: SurveyLayout = { matrices: [], computedNames: [] };
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as JsonElement[]) {
      if (typeof element.name === "string" && element.type === "matrix" && Array.isArray(element.rows)) {
        const rows = element.rows.map((row: unknown) => (typeof row === "object" && row !== null ? String((row as { value: unknown }).value) : String(row)));
        layout.matrices.push({ name: element.name, rows });
      } else if (typeof element.name === "string" && element.type === "expression") {
        layout.computedNames.push(element.name);
      }
      walk(element.elements);
    }
  };
  for (const page of survey.pages) walk(page.elements);
  return layout;
}

export function surveyLayout(instrument: Instrument): SurveyLayout {
  return layoutOf(instrument.survey);
}

/** SurveyJS data -> the flat answers object: statement grids are spread out, counters dropped. */
export function fromSurveyData(layout: SurveyLayout, data: Record<string, unknown>): Record<string, unknown> {
  const matrixNames = new Set(layout.matrices.map((m) => m.name));
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (layout.computedNames.includes(key)) continue;
    if (matrixNames.has(key) && value && typeof value === "object") Object.assign(answers, value);
    else answers[key] = value;
  }
  return answers;
}

/** The flat answers object -> SurveyJS data, to resume a draft. */
export function toSurveyData(layout: SurveyLayout, answers: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...answers };
  for (const matrix of layout.matrices) {
    const grid: Record<string, unknown> = {};
    for (const row of matrix.rows) {
      if (row in data) {
        grid[row] = data[row];
        delete data[row];
      }
    }
    if (Object.keys(grid).length > 0) data[matrix.name] = grid;
  }
  return data;
}

