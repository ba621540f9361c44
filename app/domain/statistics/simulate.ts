import type { Allocation, Answers } from "../instrument/answers";
import type { Instrument } from "../instrument/instrument";
import type { Profile } from "./profiles";
import type { Random } from "./random";

/**
 * A level's planted truth for simulated respondents: what they believe
 * (explicit, desired) and what their practice enacts (intensity per model,
 * optionally shifted per facet).
 */
export interface LevelPlan {
  explicit: Profile;
  desired: Profile;
  /** Base intensity per model, 0..1. */
  enacted: Profile;
  /** Added to `enacted` for items of one facet (e.g. a measure that lags practice). */
  facetShift?: Record<string, Partial<Profile>>;
  /** Dirichlet concentration of individual allocations around the level's mean: higher is more agreement. */
  concentration?: number;
  /** Chance of "don't know" per item, overall or per facet. */
  dontKnow?: number | Record<string, number>;
  /** Person-to-person spread of intensities and item noise, in intensity units. */
  personSpread?: number;
  itemNoise?: number;
}

/** Integer points summing to 100, from shares, by largest remainder. */
export function toPoints(shares: Profile, modelIds: readonly string[]): Allocation {
  const raw = modelIds.map((id) => Math.max(0, shares[id] ?? 0) * 100);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((value, i) => ({ i, rest: value - floors[i]! })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return Object.fromEntries(modelIds.map((id, i) => [id, floors[i]!]));
}

function dirichletAround(mean: Profile, concentration: number, modelIds: readonly string[], random: Random): Profile {
  const draws = modelIds.map((id) => random.gamma(Math.max(0.05, (mean[id] ?? 0) * concentration)));
  const total = draws.reduce((a, b) => a + b, 0);
  return Object.fromEntries(modelIds.map((id, i) => [id, draws[i]! / total]));
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

const FREE_TEXTS = [
  "Good prices and usually in stock, but they do not really know who I am.",
  "Easy to buy from; the loyalty offers feel generic.",
  "Helpful staff in store, slow to answer online.",
  "Reliable. Nothing special, nothing wrong.",
  "They reply on social media, eventually.",
];

export function simulateAnswers(instrument: Instrument, plan: LevelPlan, random: Random): Answers {
  const { modelIds, scale } = instrument;
  const concentration = plan.concentration ?? 25;
  const spread = plan.personSpread ?? 0.08;
  const noise = plan.itemNoise ?? 0.12;
  const answers: Answers = {
    [instrument.explicit.now]: toPoints(dirichletAround(plan.explicit, concentration, modelIds, random), modelIds),
    [instrument.explicit.desired]: toPoints(dirichletAround(plan.desired, concentration, modelIds, random), modelIds),
  };
  const personal = Object.fromEntries(modelIds.map((id) => [id, random.normal() * spread]));
  for (const item of instrument.items) {
    const dk = typeof plan.dontKnow === "number" ? plan.dontKnow : (plan.dontKnow?.[item.facet] ?? 0);
    if (random.next() < dk) {
      answers[item.name] = scale.dontKnow;
      continue;
    }
    const latent = clamp(
      (plan.enacted[item.model] ?? 0.5) + (plan.facetShift?.[item.facet]?.[item.model] ?? 0) + personal[item.model]! + random.normal() * noise,
      0,
      1,
    );
    const keyed = clamp(Math.round(scale.min + latent * (scale.max - scale.min)), scale.min, scale.max);
    answers[item.name] = item.reverse ? scale.min + scale.max - keyed : keyed;
  }
  for (const question of instrument.contextQuestions) {
    if (question.kind === "choice" && random.next() < 0.7) answers[question.name] = random.pick(question.choices);
    if (question.kind === "text" && random.next() < 0.3) answers[question.name] = random.pick(FREE_TEXTS);
  }
  return answers;
}
