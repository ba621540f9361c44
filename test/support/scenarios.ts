import type { LevelPlan } from "~/domain/statistics/simulate";
import type { CustomerPlan } from "~/domain/statistics/simulate-customers";

/** Shares (or presence) in model order: key_account, relationship, retail, social. */
export const s = (ka: number, rm: number, rt: number, so: number) => ({ key_account: ka, relationship: rm, retail: rt, social: so });

/**
 * Realistic respondents beyond the item noise of simulate.ts: a fifth lean to agreeing with everything,
 * one in twenty gives one answer throughout, and some statements get "don't know".
 */
const realistic = { acquiescent: 0.2, straightLiners: 0.05, dontKnow: 0.05 } satisfies Partial<LevelPlan>;

/** Every level runs a mix and says so, and wants what it has. */
export const neutral: LevelPlan = { explicit: s(0.25, 0.25, 0.25, 0.25), desired: s(0.25, 0.25, 0.25, 0.25), enacted: s(0.5, 0.5, 0.5, 0.5), ...realistic };
/** A retail-led organisation whose every level says and does retail. */
export const aligned: LevelPlan = { explicit: s(0.15, 0.2, 0.45, 0.2), desired: s(0.15, 0.2, 0.45, 0.2), enacted: s(0.4, 0.5, 0.8, 0.5), ...realistic };
/** The same, with 70% of respondents agreeing with whatever they read. */
export const acquiescent: LevelPlan = { ...aligned, acquiescent: 0.7 };

export const FOUR_LEVELS = ["board", "senior", "middle", "front"] as const;
export const everyLevel = (plan: LevelPlan) => Object.fromEntries(FOUR_LEVELS.map((id) => [id, plan]));

/**
 * One planted mismatch per pattern, each 10 points past its threshold (instrument.md section 8's acceptance);
 * `size` is that target, which the tests check against a large simulated group before relying on it.
 */
export interface PlantedScenario {
  key: string;
  size: number;
  plans: Record<string, LevelPlan>;
}

export const PLANTED: Record<string, PlantedScenario> = {
  espoused_not_enacted: {
    key: "espoused_not_enacted:senior:relationship",
    size: 0.2,
    plans: { board: neutral, senior: { ...neutral, said: s(0.5, 0.9, 0.5, 0.5), enacted: s(0.5, 0.29, 0.5, 0.5) }, middle: neutral },
  },
  enacted_not_espoused: {
    key: "enacted_not_espoused:senior:retail",
    size: 0.2,
    plans: { board: neutral, senior: { ...neutral, said: s(0.5, 0.5, 0.3, 0.5), enacted: s(0.5, 0.5, 0.86, 0.5) }, middle: neutral },
  },
  levels_disagree: {
    key: "levels_disagree:board+senior:-",
    size: 0.3,
    plans: { board: { ...neutral, explicit: s(0.1, 0.2, 0.6, 0.1) }, senior: { ...neutral, explicit: s(0.1, 0.5, 0.3, 0.1) }, middle: neutral },
  },
  board_only_model: {
    key: "board_only_model:board:social",
    size: 0.25,
    plans: { board: { ...neutral, explicit: s(0.2, 0.2, 0.25, 0.35) }, senior: { ...neutral, explicit: s(0.3, 0.3, 0.3, 0.1) }, middle: { ...neutral, explicit: s(0.3, 0.3, 0.3, 0.1) } },
  },
  hidden_from_top: {
    key: "hidden_from_top:middle+board:key_account",
    size: 0.2,
    plans: { board: { ...neutral, said: s(0.26, 0.5, 0.5, 0.5) }, senior: neutral, middle: { ...neutral, enacted: s(0.88, 0.5, 0.5, 0.5), said: s(0.88, 0.5, 0.5, 0.5) } },
  },
  blind_line_of_sight: {
    key: "blind_line_of_sight:middle:-",
    size: 0.25,
    plans: { board: neutral, senior: neutral, middle: { ...neutral, facetShift: { practices: { relationship: 0.38, retail: -0.18 }, line_of_sight: { retail: 0.38, relationship: -0.21 } } } },
  },
  ambition_gap: {
    key: "ambition_gap:board:social",
    size: 0.25,
    plans: { board: { ...neutral, explicit: s(0.3, 0.3, 0.3, 0.1), desired: s(0.25, 0.2, 0.2, 0.35) }, senior: neutral, middle: neutral },
  },
};

/** Distance rules just below their thresholds: a firm finding here is a false one. */
export const BELOW_THRESHOLD: Record<string, PlantedScenario> = {
  levels_disagree: {
    key: "levels_disagree:board+senior:-",
    size: 0.15,
    plans: { board: { ...neutral, explicit: s(0.1, 0.2, 0.55, 0.15) }, senior: { ...neutral, explicit: s(0.1, 0.35, 0.4, 0.15) }, middle: neutral },
  },
  blind_line_of_sight: {
    key: "blind_line_of_sight:middle:-",
    size: 0.1,
    plans: { board: neutral, senior: neutral, middle: { ...neutral, facetShift: { practices: { relationship: 0.12 }, line_of_sight: { retail: 0.12 } } } },
  },
};

/**
 * Customer scenarios: the staff levels as `neutral`, and customers drawn from a plan (simulate-customers.ts).
 * Realistic customers: a fifth lean to agreeing, one in twenty straight-lines, some "don't know".
 */
const realisticCustomers = { acquiescent: 0.2, straightLiners: 0.05, dontKnow: 0.05, recommend: 7 } as const;
/** Customers who experience what the levels say (a neutral mix) and want what they get. */
export const contentCustomers: CustomerPlan = { experienced: s(0.5, 0.5, 0.5, 0.5), wanted: s(0.25, 0.25, 0.25, 0.25), ...realisticCustomers };

export interface CustomerScenario extends PlantedScenario {
  customers: CustomerPlan;
}

/** One planted customer mismatch per pattern, 10 points past its threshold (relationship gap 10, unmet want 15). */
export const CUSTOMER_PLANTED: Record<string, CustomerScenario> = {
  relationship_gap: {
    key: "relationship_gap:senior+customers:relationship",
    size: 0.2,
    plans: { board: neutral, senior: { ...neutral, said: s(0.5, 0.9, 0.5, 0.5) }, middle: neutral },
    customers: { ...contentCustomers, experienced: s(0.5, 0.21, 0.5, 0.5) },
  },
  unmet_want: {
    key: "unmet_want:customers:relationship",
    size: 0.25,
    plans: { board: neutral, senior: neutral, middle: neutral },
    customers: { ...contentCustomers, experienced: s(0.5, 0.25, 0.5, 0.5), wanted: s(0.59 / 3, 0.41, 0.59 / 3, 0.59 / 3) },
  },
};

/** Nothing planted: every level says and does a neutral mix, and customers experience it and want what they get. */
export const CUSTOMER_NULL: CustomerScenario = { key: "-", size: 0, plans: { board: neutral, senior: neutral, middle: neutral }, customers: contentCustomers };
