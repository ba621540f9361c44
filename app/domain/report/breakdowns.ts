import type { ScoreLayout } from "../statistics/level-stats";
import type { Profile } from "../statistics/profiles";
import { effectiveMinGroupSize } from "./anonymity";
import type { PreparedLevel } from "./level-figures";
import { contributorsPerStep, countedThrough } from "./release";
import type { ReportData } from "./report-data";

/** One group of a level cut by function or tenure. A figure is null where the anonymity rules withhold it. */
export interface BreakdownCell {
  value: string;
  /** Respondents in the cell's allocation figures; null when those are withheld. */
  responses: number | null;
  explicit: Profile | null;
  said: Profile | null;
  implicit: Profile | null;
}

export interface Breakdown {
  /** The context question that cuts (ctx_function, ctx_tenure). */
  question: string;
  levels: {
    id: string;
    cells: BreakdownCell[];
    /** Respondents of the level's allocation figures in no shown cell (other answers, or none): 0 or at least the minimum group. */
    otherResponses: number;
  }[];
}

type CellFigure = "explicit" | "said" | "implicit";

const BLOCKS: Record<CellFigure, { indicator: "hasExplicit" | "hasSaid" | "hasImplicit"; start: "explicit" | "said" | "implicit" }> = {
  explicit: { indicator: "hasExplicit", start: "explicit" },
  said: { indicator: "hasSaid", start: "said" },
  implicit: { indicator: "hasImplicit", start: "implicit" },
};

/**
 * Breakdowns of product.md: every cell figure counts only its own members
 * (and moves only in steps of the minimum group), is shown only from the
 * minimum group, and cells are withheld until what the level's figure holds
 * beyond the shown cells is 0 or at least the minimum group, so no cell can be
 * recovered by subtracting the others from the level.
 */
export function breakdownsOf(data: ReportData, levels: readonly PreparedLevel[], minGroupSize: number): Breakdown[] {
  const min = effectiveMinGroupSize(minGroupSize);
  const { layout } = data;
  return data.contextChoices.map((question, q) => ({
    question: question.name,
    levels: levels
      .filter((level) => level.reportable)
      .map((level) => {
        const cells = question.choices.map((value) => ({ value, figures: {} as Record<CellFigure, { rows: number[]; shown: boolean }> }));
        for (const figure of ["explicit", "said", "implicit"] as const) {
          const indicator = layout.at[BLOCKS[figure].indicator];
          const inFigure = (row: number) => level.rows.scores[row * layout.width + indicator] === 1;
          const figureRows = Array.from(level.figureRows).filter(inFigure);
          cells.forEach((cell, c) => {
            const member = (row: number) => level.rows.contextAnswer(row, q) === c + 1;
            const perStep = contributorsPerStep(level.rows.release.subarray(0, level.rows.count), (row) => member(row) && inFigure(row));
            const { through } = countedThrough(level.input.releases, (seq) => perStep.get(seq) ?? 0, minGroupSize);
            const rows = figureRows.filter((row) => member(row) && level.rows.release[row]! <= through);
            cell.figures[figure] = { rows, shown: rows.length >= min };
          });
          // Withhold the smallest shown cells until the rest of the level is 0 or a group of its own.
          for (;;) {
            const shown = cells.filter((cell) => cell.figures[figure].shown);
            const rest = figureRows.length - shown.reduce((sum, cell) => sum + cell.figures[figure].rows.length, 0);
            if (rest === 0 || rest >= min || shown.length === 0) break;
            shown.reduce((a, b) => (b.figures[figure].rows.length < a.figures[figure].rows.length ? b : a)).figures[figure].shown = false;
          }
        }
        const explicitShown = cells.filter((cell) => cell.figures.explicit.shown);
        return {
          id: level.input.id,
          cells: cells
            .filter((cell) => Object.values(cell.figures).some((f) => f.shown))
            .map((cell): BreakdownCell => ({
              value: cell.value,
              responses: cell.figures.explicit.shown ? cell.figures.explicit.rows.length : null,
              explicit: profileOrNull(layout, level, cell.figures.explicit, "explicit"),
              said: profileOrNull(layout, level, cell.figures.said, "said"),
              implicit: profileOrNull(layout, level, cell.figures.implicit, "implicit"),
            })),
          otherResponses: level.figureRows.length - explicitShown.reduce((sum, cell) => sum + cell.figures.explicit.rows.length, 0),
        };
      }),
  }));
}

function profileOrNull(layout: ScoreLayout, level: PreparedLevel, figure: { rows: number[]; shown: boolean }, block: CellFigure): Profile | null {
  if (!figure.shown) return null;
  const start = layout.at[BLOCKS[block].start];
  const profile: Profile = {};
  layout.modelIds.forEach((id, m) => {
    let sum = 0;
    for (const row of figure.rows) sum += level.rows.scores[row * layout.width + start + m]!;
    profile[id] = sum / figure.rows.length;
  });
  return profile;
}
