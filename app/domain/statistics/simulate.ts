import type { Allocation, Answers } from "../instrument/answers";
import type { Instrument, Item } from "../instrument/instrument";
import type { Profile } from "./profiles";
import { createRandom, type Random } from "./random";

/**
 * A level's planted truth for simulated respondents: what they believe
 * (allocations now and desired, belief statements), and what their practice
 * enacts. Presence is on 0..1, where 0.5 is a neutral answer (3 of 5).
 */
export interface LevelPlan {
  explicit: Profile;
  desired: Profile;
  /** Presence per model in practice (the implicit statements). */
  enacted: Profile;
  /** Presence per model in the belief statements; the level says what it does when absent. */
  said?: Profile;
  /** Added to `enacted` for items of one facet (e.g. a measure that lags practice). */
  facetShift?: Record<string, Partial<Profile>>;
  /** Dirichlet concentration of individual allocations around the level's mean: higher is more agreement. */
  concentration?: number;
  /** Chance of "don't know" per item, overall or per facet. */
  dontKnow?: number | Record<string, number>;
  /** Share of respondents who lean to agreeing whatever the statement (acquiescence shifted by ACQUIESCENT_SHIFT). */
  acquiescent?: number;
  /** Share of respondents who give one answer to every statement. */
  straightLiners?: number;
}

/**
 * The noise of real questionnaires (instrument.md section 8): with these
 * values an item's SD is about 1 scale point and items of one model correlate
 * about 0.2-0.3; every respondent's acquiescence has an SD of 0.3 points; most
 * people round allocations to fives.
 */
export const NOISE = {
  /** Person-to-person spread of a model's presence, in scale points. */
  person: 0.55,
  /** Item-level noise, in scale points. */
  item: 0.8,
  /** Fixed per-statement offset (some statements are easier to agree with), in scale points. */
  statement: 0.2,
  acquiescenceSd: 0.3,
  roundToFives: 0.75,
} as const;
/** Mean acquiescence of an acquiescent respondent, in scale points. */
export const ACQUIESCENT_SHIFT = 0.8;

/** Integer points summing to 100, from shares, by largest remainder, in steps of `step` (1 or 5). */
export function toPoints(shares: Profile, modelIds: readonly string[], step = 1): Allocation {
  const units = 100 / step;
  const raw = modelIds.map((id) => Math.max(0, shares[id] ?? 0) * units);
  const floors = raw.map(Math.floor);
  let left = units - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((value, i) => ({ i, rest: value - floors[i]! })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return Object.fromEntries(modelIds.map((id, i) => [id, floors[i]! * step]));
}

export function dirichletAround(mean: Profile, concentration: number, modelIds: readonly string[], random: Random): Profile {
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

const statementOffsets = new WeakMap<Instrument, Record<string, number>>();

/** Each statement's fixed offset, the same in every simulation of an instrument. */
function offsetsOf(instrument: Instrument): Record<string, number> {
  let offsets = statementOffsets.get(instrument);
  if (!offsets) {
    const random = createRandom(`statements:${instrument.id}:${instrument.version}`);
    offsets = Object.fromEntries(instrument.items.map((item) => [item.name, random.normal() * NOISE.statement]));
    statementOffsets.set(instrument, offsets);
  }
  return offsets;
}

function presence(plan: LevelPlan, item: Item): number {
  if (item.profile === "explicit") return (plan.said ?? plan.enacted)[item.model] ?? 0.5;
  return (plan.enacted[item.model] ?? 0.5) + (plan.facetShift?.[item.facet]?.[item.model] ?? 0);
}

/** One respondent's answers drawn from a level's plan. */
export function simulateAnswers(instrument: Instrument, plan: LevelPlan, random: Random): Answers {
  const { modelIds, scale } = instrument;
  const span = scale.max - scale.min;
  const concentration = plan.concentration ?? 30;
  const step = () => (random.next() < NOISE.roundToFives ? 5 : 1);
  const answers: Answers = {
    [instrument.explicit.now]: toPoints(dirichletAround(plan.explicit, concentration, modelIds, random), modelIds, step()),
    [instrument.explicit.desired]: toPoints(dirichletAround(plan.desired, concentration, modelIds, random), modelIds, step()),
  };
  const straight = random.next() < (plan.straightLiners ?? 0) ? random.pick([3, 4, 4, 5]) : null;
  const acquiescence = (random.next() < (plan.acquiescent ?? 0) ? ACQUIESCENT_SHIFT : 0) + random.normal() * NOISE.acquiescenceSd;
  const person = {
    implicit: Object.fromEntries(modelIds.map((id) => [id, (random.normal() * NOISE.person) / span])),
    explicit: Object.fromEntries(modelIds.map((id) => [id, (random.normal() * NOISE.person) / span])),
  };
  const offsets = offsetsOf(instrument);
  for (const item of instrument.items) {
    const dk = typeof plan.dontKnow === "number" ? plan.dontKnow : (plan.dontKnow?.[item.facet] ?? 0);
    if (random.next() < dk) {
      answers[item.name] = scale.dontKnow;
      continue;
    }
    if (straight !== null) {
      answers[item.name] = straight;
      continue;
    }
    const keyed = scale.min + span * (presence(plan, item) + person[item.profile][item.model]!);
    const towardsAgree = item.reverse ? scale.min + scale.max - keyed : keyed;
    const raw = towardsAgree + acquiescence + offsets[item.name]! + random.normal() * NOISE.item;
    answers[item.name] = clamp(Math.round(raw), scale.min, scale.max);
  }
  for (const question of instrument.contextQuestions) {
    if (question.kind === "choice" && random.next() < 0.7) answers[question.name] = random.pick(question.choices);
    if (question.kind === "text" && random.next() < 0.3) answers[question.name] = random.pick(FREE_TEXTS);
  }
  return answers;
}
