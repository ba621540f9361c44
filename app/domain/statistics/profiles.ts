/** A composition over the models: shares of 0 or more that add up to 1, keyed by model id. */
export type Profile = Record<string, number>;

export function equalProfile(modelIds: readonly string[]): Profile {
  return Object.fromEntries(modelIds.map((id) => [id, 1 / modelIds.length]));
}

/** Shares proportional to the given non-negative weights; equal shares when all are 0. */
export function normalise(weights: Profile, modelIds: readonly string[]): Profile {
  const total = modelIds.reduce((sum, id) => sum + (weights[id] ?? 0), 0);
  if (total <= 0) return equalProfile(modelIds);
  return Object.fromEntries(modelIds.map((id) => [id, (weights[id] ?? 0) / total]));
}

/** Total variation distance: half the sum of absolute share differences, 0..1. */
export function totalVariation(a: Profile, b: Profile, modelIds: readonly string[]): number {
  return modelIds.reduce((sum, id) => sum + Math.abs((a[id] ?? 0) - (b[id] ?? 0)), 0) / 2;
}

/** Element-wise mean, each profile counting once. Null for an empty list. */
export function meanProfile(profiles: readonly Profile[], modelIds: readonly string[]): Profile | null {
  if (profiles.length === 0) return null;
  const sums: Profile = Object.fromEntries(modelIds.map((id) => [id, 0]));
  for (const profile of profiles) for (const id of modelIds) sums[id]! += profile[id] ?? 0;
  return Object.fromEntries(modelIds.map((id) => [id, sums[id]! / profiles.length]));
}

/** Shares this close are equal: means summed in another order differ in the last bits. */
const TIE = 1e-12;

/** The model with the largest share; ties go to the earlier model in instrument order. */
export function topModel(profile: Profile, modelIds: readonly string[]): string {
  let best = modelIds[0]!;
  for (const id of modelIds) if ((profile[id] ?? 0) > (profile[best] ?? 0) + TIE) best = id;
  return best;
}

export function difference(a: Profile, b: Profile, modelIds: readonly string[]): Profile {
  return Object.fromEntries(modelIds.map((id) => [id, (a[id] ?? 0) - (b[id] ?? 0)]));
}
