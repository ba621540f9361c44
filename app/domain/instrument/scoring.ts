import { POINTS_TOTAL, type Allocation, type Answers } from "./answers";
import type { Instrument, Item } from "./instrument";
import { normalise, type Profile } from "../statistics/profiles";

/** What one submitted response yields; stored beside its answers so reports never re-score. */
export interface ResponseScores {
  explicit: Profile;
  desired: Profile;
  /** Null when any model has fewer answered items than the instrument's minimum. */
  implicit: Profile | null;
  /** Mean rescaled agreement (0..1) per model; null exactly when implicit is null. */
  intensities: Profile | null;
  /** Per facet, the implicit steps repeated on that facet's items alone. */
  facetProfiles: Record<string, Profile | null>;
  /** Items answered on the scale, and "don't know" answers per facet. */
  answeredItems: number;
  dontKnow: Record<string, number>;
}

export function allocationProfile(instrument: Instrument, allocation: Allocation | undefined): Profile {
  return Object.fromEntries(instrument.modelIds.map((id) => [id, (allocation?.[id] ?? 0) / POINTS_TOTAL]));
}

/** Step 1 and 2 of instrument.md: key the answer, then rescale it to 0..1. */
export function keyedValue(instrument: Instrument, item: Item, answer: number): number {
  const { min, max } = instrument.scale;
  const keyed = item.reverse ? min + max - answer : answer;
  return (keyed - min) / (max - min);
}

function scaleAnswer(answers: Answers, item: Item): number | undefined {
  const answer = answers[item.name];
  return typeof answer === "number" ? answer : undefined;
}

/**
 * Steps 3 and 4: per model, the (weighted) mean of answered items, or null when
 * any model has fewer than `minItems` answered primary items.
 */
export function intensities(
  instrument: Instrument,
  answers: Answers,
  items: readonly Item[],
  minItems: number,
): Profile | null {
  const weighted: Record<string, { sum: number; weight: number; primary: number }> = Object.fromEntries(
    instrument.modelIds.map((id) => [id, { sum: 0, weight: 0, primary: 0 }]),
  );
  for (const item of items) {
    const answer = scaleAnswer(answers, item);
    if (answer === undefined) continue;
    const value = keyedValue(instrument, item, answer);
    for (const { model, weight } of [{ model: item.model, weight: 1 }, ...(item.secondary ?? [])]) {
      const acc = weighted[model]!;
      acc.sum += weight * value;
      acc.weight += weight;
    }
    weighted[item.model]!.primary += 1;
  }
  if (instrument.modelIds.some((id) => weighted[id]!.primary < minItems)) return null;
  return Object.fromEntries(instrument.modelIds.map((id) => [id, weighted[id]!.sum / weighted[id]!.weight]));
}

export function scoreResponse(instrument: Instrument, answers: Answers): ResponseScores {
  const { modelIds } = instrument;
  const modelIntensities = intensities(instrument, answers, instrument.items, instrument.scoring.minItemsPerModel);
  const facetProfiles: Record<string, Profile | null> = {};
  const dontKnow: Record<string, number> = {};
  for (const facet of instrument.facets) {
    const facetItems = instrument.items.filter((item) => item.facet === facet.id);
    const facetIntensities = intensities(instrument, answers, facetItems, instrument.scoring.minFacetItemsPerModel);
    facetProfiles[facet.id] = facetIntensities && normalise(facetIntensities, modelIds);
    dontKnow[facet.id] = facetItems.filter((item) => answers[item.name] === instrument.scale.dontKnow).length;
  }
  return {
    explicit: allocationProfile(instrument, answers[instrument.explicit.now] as Allocation | undefined),
    desired: allocationProfile(instrument, answers[instrument.explicit.desired] as Allocation | undefined),
    implicit: modelIntensities && normalise(modelIntensities, modelIds),
    intensities: modelIntensities,
    facetProfiles,
    answeredItems: instrument.items.filter((item) => scaleAnswer(answers, item) !== undefined).length,
    dontKnow,
  };
}
