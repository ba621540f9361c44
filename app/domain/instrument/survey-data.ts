import type { Instrument } from "./instrument";

/*
 * Kept free of zod and of the scoring key: the survey page's browser bundle
 * imports this, and must carry neither.
 */

/** Where SurveyJS keeps answers that product.md's answers object keeps flat. */
export interface SurveyLayout {
  matrices: { name: string; rows: string[] }[];
  computedNames: string[];
}

export function surveyLayout(instrument: Instrument): SurveyLayout {
  return {
    matrices: instrument.matrices.map(({ name, rows }) => ({ name, rows })),
    computedNames: [...instrument.computedNames],
  };
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
