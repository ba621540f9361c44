import type { Instrument } from "../instrument/instrument";
import { scaleReliability } from "../statistics/reliability";
import type { ScoreLayout } from "../statistics/level-stats";
import type { PreparedLevel } from "./level-figures";

/** Net agreement (scale points) from which a respondent counts as acquiescent. */
export const ACQUIESCENT_FROM = 0.5;
/** instrument.md section 8: flag a scale's alpha below this, and an item's item-total correlation below ITEM_TOTAL_FLAG. */
export const ALPHA_FLAG = 0.6;
export const ITEM_TOTAL_FLAG = 0.2;

export interface ScaleQuality {
  model: string;
  /** "implicit": the practice statements; "explicit": the belief statements (version 2). */
  profile: "implicit" | "explicit";
  alpha: number | null;
  low: boolean;
  respondents: number;
  items: { name: string; itemTotal: number | null; low: boolean }[];
}

export interface LevelQuality {
  id: string;
  /** Respondents in the level's figures. */
  responses: number;
  acquiescent: number;
  straightLined: number;
}

export interface DataQuality {
  scales: ScaleQuality[];
  levels: LevelQuality[];
}

/**
 * Response style per reportable level (counts only), and the reliability of
 * every model scale pooled over the respondents in reportable levels' figures
 * that use those statements (so no unreportable level adds to a pooled figure).
 */
export function dataQualityOf(instrument: Instrument, layout: ScoreLayout, levels: readonly PreparedLevel[]): DataQuality {
  const reportable = levels.filter((level) => level.reportable);
  const levelQuality = reportable.map((level): LevelQuality => {
    let acquiescent = 0;
    let straightLined = 0;
    for (const row of level.figureRows) {
      if (level.rows.acquiescence[row]! >= ACQUIESCENT_FROM) acquiescent++;
      if (level.rows.straightLined[row] === 1) straightLined++;
    }
    return { id: level.input.id, responses: level.figureRows.length, acquiescent, straightLined };
  });
  const removeStyle = instrument.scoring.responseStyle?.removeAcquiescence ?? false;
  const { min, max } = instrument.scale;
  const scales: ScaleQuality[] = [];
  for (const profile of ["implicit", "explicit"] as const) {
    const indicator = layout.at[profile === "implicit" ? "hasImplicit" : "hasSaid"];
    for (const model of instrument.modelIds) {
      const items = instrument.items
        .map((item, index) => ({ item, index }))
        .filter(({ item }) => item.model === model && item.profile === profile);
      if (items.length < 2) continue;
      let respondents = 0;
      for (const level of reportable) for (const row of level.figureRows) if (level.rows.scores[row * layout.width + indicator] === 1) respondents++;
      // One typed array for the whole scale: a large round's statements are never held as JS numbers.
      const values = new Float64Array(respondents * items.length);
      let at = 0;
      for (const level of reportable) {
        for (const row of level.figureRows) {
          if (level.rows.scores[row * layout.width + indicator] !== 1) continue;
          const shift = removeStyle ? level.rows.acquiescence[row]! || 0 : 0;
          for (const { item, index } of items) {
            const answer = level.rows.item(row, index);
            const adjusted = answer - shift;
            values[at++] = answer <= 0 ? Number.NaN : ((item.reverse ? min + max - adjusted : adjusted) - min) / (max - min);
          }
        }
      }
      const reliability = scaleReliability(values, items.length);
      scales.push({
        model,
        profile,
        alpha: reliability.alpha,
        low: reliability.alpha !== null && reliability.alpha < ALPHA_FLAG,
        respondents: reliability.respondents,
        items: items.map(({ item }, i) => ({
          name: item.name,
          itemTotal: reliability.itemTotal[i]!,
          low: reliability.itemTotal[i] !== null && reliability.itemTotal[i]! < ITEM_TOTAL_FLAG,
        })),
      });
    }
  }
  return { scales, levels: levelQuality };
}
