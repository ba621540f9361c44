import { z } from "zod";
import { debiasedDistanceOf } from "../statistics/distance";
import type { LevelStats } from "../statistics/level-stats";
import type { Profile } from "../statistics/profiles";
import type { Interval } from "./report";

/**
 * The strategy anchor: the mix of models the organisation says it intends to run, recorded per round by a
 * consultant or facilitator as whole points out of 100 (the allocation questions' scale), so each level's
 * profiles can be compared with it.
 */
export const STRATEGY_POINTS = 100;

/** Whole points per model; a model left out counts as 0. */
export type StrategyMix = Record<string, number>;

const pointsSchema = (model: string) =>
  z.coerce
    .number({ error: `${model}: give a whole number of points from 0 to 100` })
    .int(`${model}: use a whole number of points`)
    .min(0, `${model}: points cannot be negative`)
    .max(STRATEGY_POINTS, `${model}: at most ${STRATEGY_POINTS} points`);

/**
 * The one schema for a recorded mix, whatever the edge (web form, CLI): every model of the round's
 * instrument, whole points from 0 to 100, adding up to exactly 100.
 */
export function strategyMixSchema(modelIds: readonly string[]) {
  return z
    .object(Object.fromEntries(modelIds.map((id) => [id, pointsSchema(id).default(0)])) as Record<string, z.ZodDefault<ReturnType<typeof pointsSchema>>>)
    .strict()
    .superRefine((mix, ctx) => {
      const total = modelIds.reduce((sum, id) => sum + (mix[id] ?? 0), 0);
      if (total !== STRATEGY_POINTS) {
        ctx.addIssue({ code: "custom", path: [], message: `the points add up to ${total}; they must add up to exactly ${STRATEGY_POINTS}` });
      }
    });
}

export type MixParse = { success: true; mix: StrategyMix } | { success: false; errors: string[] };


/** Validates a mix given as an object of model to points (the web form's fields). */
export function parseStrategyMix(input: Record<string, unknown>, modelIds: readonly string[]): MixParse {
  // An unknown model is the one thing to say: a total that leaves it out would only mislead.
  const unknown = Object.keys(input).filter((key) => !modelIds.includes(key));
  if (unknown.length > 0) return { success: false, errors: [`unknown model ${unknown.map((k) => `"${k}"`).join(", ")}: use ${modelIds.join(", ")}`] };
  const parsed = strategyMixSchema(modelIds).safeParse(input);
  return parsed.success ? { success: true, mix: parsed.data as StrategyMix } : { success: false, errors: parsed.error.issues.map((issue) => issue.message) };
}

/** "key_account:20,relationship:40,retail:30,social:10" (the CLI's --mix), validated like the form. */
export function parseStrategyText(text: string, modelIds: readonly string[]): MixParse {
  const errors: string[] = [];
  const input: Record<string, string> = {};
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^([^:\s]+)\s*:\s*(\S*)$/.exec(part);
    if (!match) {
      errors.push(`"${part}" is not model:points (e.g. retail:30)`);
      continue;
    }
    const [, model, points] = match;
    if (points === "") errors.push(`${model}: give the points after the colon (e.g. ${model}:30)`);
    if (model! in input) errors.push(`${model} appears twice`);
    input[model!] = points!;
  }
  if (text.trim() === "") errors.push("give at least one model:points pair");
  if (errors.length > 0) return { success: false, errors };
  return parseStrategyMix(input, modelIds);
}

/** The mix as shares that sum to 1 (the report's convention), in model order. */
export function strategyShares(mix: StrategyMix, modelIds: readonly string[]): Profile {
  return Object.fromEntries(modelIds.map((id) => [id, (mix[id] ?? 0) / STRATEGY_POINTS]));
}

/**
 * How far each of a level's profiles is from the intended mix (total variation, bias-corrected with the
 * level's resamples, as every other distance in the report). Explicit and desired are allocations, on the
 * strategy's own scale; said and implicit come from agreement statements, whose shares bunch near an even
 * split, so their distances are for comparing levels with one another, not with the allocation's.
 */
export interface StrategyDistance {
  explicit: Interval | null;
  desired: Interval | null;
  said: Interval | null;
  implicit: Interval | null;
}

export const STRATEGY_PROFILES = ["explicit", "desired", "said", "implicit"] as const;

export function strategyDistanceOf(
  modelIds: readonly string[],
  strategy: Profile,
  point: LevelStats,
  resampled: (b: number) => LevelStats,
  resamples: number,
): StrategyDistance {
  const from = (pick: (s: LevelStats) => Profile | null): Interval | null => {
    const profile = pick(point);
    if (!profile) return null;
    const observed = Float64Array.from(modelIds, (id) => profile[id]! - strategy[id]!);
    const { distance, ci } = debiasedDistanceOf(observed, resamples, (b, out) => {
      const resample = pick(resampled(b));
      if (!resample) return false;
      for (let m = 0; m < modelIds.length; m++) out[m] = resample[modelIds[m]!]! - strategy[modelIds[m]!]!;
      return true;
    });
    return { distance, ci };
  };
  return {
    explicit: from((s) => s.explicit),
    desired: from((s) => s.desired),
    said: from((s) => s.said),
    implicit: from((s) => s.implicit),
  };
}
