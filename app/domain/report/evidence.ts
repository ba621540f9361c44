import type { Instrument } from "../instrument/instrument";
import type { ItemFigure } from "./level-figures";
import type { EvidenceSource } from "./patterns";

/** A statement behind a finding, with each involved level's mean answer and "don't know" rate. */
export interface EvidenceItem {
  name: string;
  text: string;
  model: string;
  facet: string;
  /** A level's belief or practice statement, or ("experienced") a customers' statement. */
  profile: "explicit" | "implicit" | "experienced";
  /** A reverse statement: disagreeing with it is what shows the model. */
  reverse: boolean;
  levels: { id: string; label: string; mean: number | null; answered: number | null; dontKnowRate: number }[];
}

/** The statements each finding rests on (instrument.md section 8, "Evidence"), grouped by statement. */
export function evidenceOf(
  instrument: Pick<Instrument, "items" | "itemText">,
  sources: readonly EvidenceSource[],
  figures: ReadonlyMap<string, Record<string, ItemFigure>>,
  labelOf: (levelId: string) => string,
): EvidenceItem[] {
  const byName = new Map<string, EvidenceItem>();
  for (const source of sources) {
    const levelFigures = figures.get(source.level);
    if (!levelFigures) continue;
    for (const item of instrument.items) {
      // The customers' statements are the customer questionnaire's (all of the "implicit" kind there).
      const profile = source.profile === "experienced" ? "implicit" : source.profile;
      if (item.model !== source.model || item.profile !== profile) continue;
      if (source.facets && !source.facets.includes(item.facet)) continue;
      let evidence = byName.get(item.name);
      if (!evidence) {
        evidence = {
          name: item.name,
          text: instrument.itemText[item.name] ?? item.name,
          model: item.model,
          facet: item.facet,
          profile: source.profile,
          reverse: item.reverse,
          levels: [],
        };
        byName.set(item.name, evidence);
      }
      if (evidence.levels.some((l) => l.id === source.level)) continue;
      const figure = levelFigures[item.name]!;
      evidence.levels.push({ id: source.level, label: labelOf(source.level), mean: figure.mean, answered: figure.answered, dontKnowRate: figure.dontKnowRate });
    }
  }
  return [...byName.values()];
}
