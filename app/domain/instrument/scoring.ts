import { POINTS_TOTAL, type Allocation, type Answers } from "./answers";
import type { Instrument, Item } from "./instrument";

/** What statement scoring needs of a questionnaire (the staff instrument and the customer questionnaire alike). */
export interface StatementKey {
  modelIds: readonly string[];
  scale: { min: number; max: number; dontKnow: string };
  items: readonly Item[];
  scoring: { responseStyle?: { removeAcquiescence: boolean; straightLiningMinItems: number } };
}
import { normalise, type Profile } from "../statistics/profiles";

/** How a respondent answered, whatever the content: the report counts both per level. */
export interface ResponseStyle {
  /**
   * Net agreement across the balanced keys, in scale points: the mean, over models that have both, of
   * (mean raw answer of + statements + mean raw answer of - statements) / 2 minus the scale's midpoint.
   * A respondent who agrees with a statement and with its opposite scores high. Null without a model
   * that has both a + and a - statement answered.
   */
  acquiescence: number | null;
  /** One answer throughout (at least the instrument's minimum of answered statements). */
  straightLined: boolean;
}

/** What one submitted response yields; stored beside its answers so reports never re-score. */
export interface ResponseScores {
  explicit: Profile;
  desired: Profile;
  /** Version 2: the belief statements' profile, on the implicit profile's metric; null when too few answered. */
  said: Profile | null;
  saidIntensities: Profile | null;
  /** Null when any model has fewer answered items than the instrument's minimum. */
  implicit: Profile | null;
  /** Mean rescaled agreement (0..1) per model; null exactly when implicit is null. */
  intensities: Profile | null;
  /** Per facet, the implicit steps repeated on that facet's items alone. */
  facetProfiles: Record<string, Profile | null>;
  /** Items answered on the scale, and "don't know" answers per facet. */
  answeredItems: number;
  dontKnow: Record<string, number>;
  responseStyle: ResponseStyle;
}

export function allocationProfile(instrument: Pick<StatementKey, "modelIds">, allocation: Allocation | undefined): Profile {
  return Object.fromEntries(instrument.modelIds.map((id) => [id, (allocation?.[id] ?? 0) / POINTS_TOTAL]));
}

/**
 * Step 1 and 2 of instrument.md: key the answer, then rescale it to 0..1. `shift` (the respondent's
 * acquiescence, version 2) is taken off the raw answer first, so agreeing with everything no longer
 * reads as every model being present.
 */
export function keyedValue(instrument: Pick<StatementKey, "scale">, item: Item, answer: number, shift = 0): number {
  const { min, max } = instrument.scale;
  const adjusted = answer - shift;
  const keyed = item.reverse ? min + max - adjusted : adjusted;
  return (keyed - min) / (max - min);
}

function scaleAnswer(answers: Answers, item: Item): number | undefined {
  const answer = answers[item.name];
  return typeof answer === "number" ? answer : undefined;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/**
 * Steps 3 and 4: per model, the (weighted) mean of answered items, or null when any model has fewer
 * than `minItems` answered primary items. Intensities stay within 0..1 after an acquiescence shift.
 */
export function intensities(
  instrument: StatementKey,
  answers: Answers,
  items: readonly Item[],
  minItems: number,
  shift = 0,
): Profile | null {
  const weighted: Record<string, { sum: number; weight: number; primary: number }> = Object.fromEntries(
    instrument.modelIds.map((id) => [id, { sum: 0, weight: 0, primary: 0 }]),
  );
  for (const item of items) {
    const answer = scaleAnswer(answers, item);
    if (answer === undefined) continue;
    const value = keyedValue(instrument, item, answer, shift);
    for (const { model, weight } of [{ model: item.model, weight: 1 }, ...(item.secondary ?? [])]) {
      const acc = weighted[model]!;
      acc.sum += weight * value;
      acc.weight += weight;
    }
    weighted[item.model]!.primary += 1;
  }
  if (instrument.modelIds.some((id) => weighted[id]!.primary < minItems)) return null;
  return Object.fromEntries(instrument.modelIds.map((id) => [id, clamp01(weighted[id]!.sum / weighted[id]!.weight)]));
}

/** The acquiescence index and straight-lining flag of instrument.md section 8 (see ResponseStyle). */
export function responseStyle(instrument: StatementKey, answers: Answers): ResponseStyle {
  const { min, max } = instrument.scale;
  const midpoint = (min + max) / 2;
  const perModel: number[] = [];
  for (const model of instrument.modelIds) {
    const plus: number[] = [];
    const minus: number[] = [];
    for (const item of instrument.items) {
      if (item.model !== model) continue;
      const answer = scaleAnswer(answers, item);
      if (answer !== undefined) (item.reverse ? minus : plus).push(answer);
    }
    if (plus.length > 0 && minus.length > 0) perModel.push((mean(plus) + mean(minus)) / 2 - midpoint);
  }
  const answered = instrument.items.map((item) => scaleAnswer(answers, item)).filter((a): a is number => a !== undefined);
  const minItems = instrument.scoring.responseStyle?.straightLiningMinItems ?? Math.ceil(instrument.items.length / 2);
  return {
    acquiescence: perModel.length > 0 ? mean(perModel) : null,
    straightLined: answered.length >= minItems && answered.every((a) => a === answered[0]),
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export function scoreResponse(instrument: Instrument, answers: Answers): ResponseScores {
  const { modelIds, scoring } = instrument;
  const style = responseStyle(instrument, answers);
  const removeStyle = scoring.responseStyle !== undefined;
  // Version 2 removes acquiescence and keeps straight-liners out of every statement-based profile.
  const shift = removeStyle && scoring.responseStyle!.removeAcquiescence ? (style.acquiescence ?? 0) : 0;
  const excluded = removeStyle && style.straightLined;
  const modelIntensities = excluded ? null : intensities(instrument, answers, instrument.implicitItems, scoring.minItemsPerModel, shift);
  const saidIntensities =
    excluded || instrument.explicitItems.length === 0
      ? null
      : intensities(instrument, answers, instrument.explicitItems, scoring.minExplicitItemsPerModel, shift);
  const facetProfiles: Record<string, Profile | null> = {};
  const dontKnow: Record<string, number> = {};
  for (const facet of instrument.facets) {
    const facetItems = instrument.items.filter((item) => item.facet === facet.id);
    const implicitFacetItems = facetItems.filter((item) => item.profile === "implicit");
    const facetIntensities =
      excluded || implicitFacetItems.length === 0 ? null : intensities(instrument, answers, implicitFacetItems, scoring.minFacetItemsPerModel, shift);
    facetProfiles[facet.id] = facetIntensities && normalise(facetIntensities, modelIds);
    dontKnow[facet.id] = facetItems.filter((item) => answers[item.name] === instrument.scale.dontKnow).length;
  }
  return {
    explicit: allocationProfile(instrument, answers[instrument.explicit.now] as Allocation | undefined),
    desired: allocationProfile(instrument, answers[instrument.explicit.desired] as Allocation | undefined),
    said: saidIntensities && normalise(saidIntensities, modelIds),
    saidIntensities,
    implicit: modelIntensities && normalise(modelIntensities, modelIds),
    intensities: modelIntensities,
    facetProfiles,
    answeredItems: instrument.items.filter((item) => scaleAnswer(answers, item) !== undefined).length,
    dontKnow,
    responseStyle: style,
  };
}
