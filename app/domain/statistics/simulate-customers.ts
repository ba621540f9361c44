import type { Answers } from "../instrument/answers";
import type { CustomerInstrument } from "../instrument/customer-instrument";
import type { Profile } from "./profiles";
import { createRandom, type Random } from "./random";
import { ACQUIESCENT_SHIFT, dirichletAround, NOISE, toPoints } from "./simulate";

/**
 * The planted truth for simulated customers, on the staff simulation's terms (simulate.ts): how present each
 * model is in what they experience (0..1, 0.5 a neutral answer), what they want (allocation shares), and how
 * likely they are to recommend (mean answer on 0-10).
 */
export interface CustomerPlan {
  experienced: Profile;
  wanted: Profile;
  /** Mean likelihood to recommend, 0-10; answers spread about 2 points around it. */
  recommend: number;
  concentration?: number;
  dontKnow?: number;
  acquiescent?: number;
  straightLiners?: number;
  /** Chance that a customer writes a comment. */
  comments?: number;
}

const CUSTOMER_COMMENTS = [
  "Good prices and usually in stock, but they never remember me.",
  "Easy to buy from; the loyalty offers feel generic.",
  "I would like them to know what I bought before.",
  "Reliable. Nothing special, nothing wrong.",
  "They answer online, eventually.",
];

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

const offsets = new WeakMap<CustomerInstrument, Record<string, number>>();

/** Each statement's fixed offset (some are easier to agree with), the same in every simulation of the questionnaire. */
function offsetsOf(instrument: CustomerInstrument): Record<string, number> {
  let found = offsets.get(instrument);
  if (!found) {
    const random = createRandom(`statements:${instrument.id}:${instrument.version}`);
    found = Object.fromEntries(instrument.items.map((item) => [item.name, random.normal() * NOISE.statement]));
    offsets.set(instrument, found);
  }
  return found;
}

/** One customer's answers drawn from a plan, with the noise and response style of simulated staff. */
export function simulateCustomerAnswers(instrument: CustomerInstrument, plan: CustomerPlan, random: Random): Answers {
  const { modelIds, scale } = instrument;
  const span = scale.max - scale.min;
  const step = random.next() < NOISE.roundToFives ? 5 : 1;
  const answers: Answers = {
    [instrument.wanted]: toPoints(dirichletAround(plan.wanted, plan.concentration ?? 30, modelIds, random), modelIds, step),
    [instrument.nps]: clamp(Math.round(plan.recommend + random.normal() * 2), 0, 10),
  };
  const straight = random.next() < (plan.straightLiners ?? 0) ? random.pick([3, 4, 4, 5]) : null;
  const acquiescence = (random.next() < (plan.acquiescent ?? 0) ? ACQUIESCENT_SHIFT : 0) + random.normal() * NOISE.acquiescenceSd;
  const person = Object.fromEntries(modelIds.map((id) => [id, (random.normal() * NOISE.person) / span]));
  const offset = offsetsOf(instrument);
  for (const item of instrument.items) {
    if (random.next() < (plan.dontKnow ?? 0)) {
      answers[item.name] = scale.dontKnow;
      continue;
    }
    if (straight !== null) {
      answers[item.name] = straight;
      continue;
    }
    const keyed = scale.min + span * ((plan.experienced[item.model] ?? 0.5) + person[item.model]!);
    const towardsAgree = item.reverse ? scale.min + scale.max - keyed : keyed;
    answers[item.name] = clamp(Math.round(towardsAgree + acquiescence + offset[item.name]! + random.normal() * NOISE.item), scale.min, scale.max);
  }
  for (const question of instrument.contextQuestions) {
    if (question.kind === "text" && random.next() < (plan.comments ?? 0)) answers[question.name] = random.pick(CUSTOMER_COMMENTS);
  }
  return answers;
}
