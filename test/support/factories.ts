import type { Db } from "~db/client";
import { NORTHWIND_PLANS } from "~db/seed";
import type { Answers } from "~/domain/instrument/answers";
import { currentInstrument } from "~/domain/instrument/instruments";
import { createRandom } from "~/domain/statistics/random";
import type { LevelSpec } from "~/domain/rounds/rounds";
import { simulateAnswers } from "~/domain/statistics/simulate";
import { createRound, type NewRound } from "~/models/rounds.server";

export const TWO_LEVELS: LevelSpec = [
  { key: "board", label: "Board" },
  { key: "front", label: "Front line" },
];

/** A round of the current instrument, open unless told otherwise. */
export async function createTestRound(db: Db, overrides: Partial<NewRound> = {}) {
  return await createRound(db, {
    organisationName: "Test Organisation",
    name: "Test round",
    levels: TWO_LEVELS,
    minGroupSize: 3,
    instrument: { id: currentInstrument.id, version: currentInstrument.version },
    status: "open",
    ...overrides,
  });
}

/** A complete, valid answers object drawn from the demo's generator (deterministic per seed). */
export function completeAnswers(seed: string | number = 1, plan = NORTHWIND_PLANS.board!): Answers {
  return simulateAnswers(currentInstrument, plan, createRandom(seed));
}
